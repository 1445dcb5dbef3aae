/**
 * Sign-in, sessions and the per-request actor. Sessions live in the database
 * (the server keeps no state between requests); the cookie holds a random
 * secret whose SHA-256 is the session id. API tokens are resolved here too.
 */
import type { Kysely } from "kysely";
import type { Actor, Grant, Role } from "../../core/permissions";
import { type Deps, nowIso } from "../context";
import type { DB } from "../db/schema";
import { AppError, tooMany, unauthenticated } from "../errors";
import { writeAudit } from "../modules/audit/service";
import { grantsOf } from "../modules/users/service";
import { DUMMY_HASH, verifyPassword } from "./passwords";
import { newSecret, sha256 } from "./secrets";

export const SESSION_COOKIE = "khooshe_session";
export const SESSION_ABSOLUTE_MS = 7 * 24 * 3600_000;
export const SESSION_IDLE_MS = 12 * 3600_000;
const TOUCH_EVERY_MS = 60_000;

/** Failed sign-ins: per account 5 in 15 minutes, per IP 30, lock 15 minutes. */
export const LOGIN_LIMITS = { windowMs: 15 * 60_000, perAccount: 5, perIp: 30, lockMs: 15 * 60_000 };

async function lockedFor(db: Kysely<DB>, keys: string[]): Promise<number> {
  const rows = await db.selectFrom("login_failures").selectAll().where("key", "in", keys).execute();
  const now = Date.now();
  let ms = 0;
  for (const r of rows) if (r.locked_until) ms = Math.max(ms, Date.parse(r.locked_until) - now);
  return ms;
}

async function recordFailure(trx: Kysely<DB>, key: string, limit: number): Promise<void> {
  const now = Date.now();
  const row = await trx.selectFrom("login_failures").selectAll().where("key", "=", key).executeTakeFirst();
  const inWindow = row && now - Date.parse(row.window_started_at) < LOGIN_LIMITS.windowMs;
  const failures = inWindow ? row.failures + 1 : 1;
  const values = {
    failures,
    window_started_at: inWindow ? row.window_started_at : new Date(now).toISOString(),
    locked_until: failures >= limit ? new Date(now + LOGIN_LIMITS.lockMs).toISOString() : null,
  };
  if (row) await trx.updateTable("login_failures").set(values).where("key", "=", key).execute();
  else
    await trx
      .insertInto("login_failures")
      .values({ key, ...values })
      .execute();
}

export interface LoginResult {
  userId: string;
  cookieValue: string;
  sessionId: string;
  csrfToken: string;
}

export async function login(
  deps: Deps,
  email: string,
  password: string,
  meta: { ip: string; userAgent: string | null },
): Promise<LoginResult> {
  const db = deps.database.db;
  const acctKey = `acct:${email.trim().toLowerCase()}`;
  const ipKey = `ip:${meta.ip}`;
  const locked = await lockedFor(db, [acctKey, ipKey]);
  if (locked > 0) throw tooMany("too_many_attempts", { minutes: Math.ceil(locked / 60_000) });

  const user = await db
    .selectFrom("users")
    .selectAll()
    .where("email", "=", email.trim().toLowerCase())
    .executeTakeFirst();
  const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
  if (!user || !ok) {
    await db.transaction().execute(async (trx) => {
      await recordFailure(trx, acctKey, LOGIN_LIMITS.perAccount);
      await recordFailure(trx, ipKey, LOGIN_LIMITS.perIp);
      await writeAudit(trx, null, {
        action: "auth.login_failed",
        targetType: "user",
        targetId: user?.id ?? null,
        provinceCode: user?.home_province_code ?? null,
        summary: { email: email.trim().toLowerCase(), ip: meta.ip },
      });
    });
    throw new AppError(401, "invalid_credentials");
  }
  if (user.active !== 1) throw new AppError(403, "account_inactive");

  const cookieValue = newSecret();
  const sessionId = sha256(cookieValue);
  const csrfToken = newSecret();
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("login_failures").where("key", "=", acctKey).execute();
    await trx
      .insertInto("sessions")
      .values({
        id: sessionId,
        user_id: user.id,
        csrf_token: csrfToken,
        created_at: now,
        expires_at: new Date(Date.now() + SESSION_ABSOLUTE_MS).toISOString(),
        last_seen_at: now,
        ip: meta.ip,
        user_agent: meta.userAgent?.slice(0, 300) ?? null,
      })
      .execute();
    await trx.updateTable("users").set({ last_login_at: now }).where("id", "=", user.id).execute();
    // Expired sessions of anyone are cleared here rather than by a timer.
    await trx.deleteFrom("sessions").where("expires_at", "<", now).execute();
    const actor: Actor = { userId: user.id, grants: [], via: "session" };
    await writeAudit(trx, actor, {
      action: "auth.login",
      targetType: "user",
      targetId: user.id,
      provinceCode: user.home_province_code,
      summary: { ip: meta.ip },
    });
  });
  return { userId: user.id, cookieValue, sessionId, csrfToken };
}

export async function logout(deps: Deps, actor: Actor, sessionId: string): Promise<void> {
  await deps.database.db.transaction().execute(async (trx) => {
    await trx.deleteFrom("sessions").where("id", "=", sessionId).execute();
    await writeAudit(trx, actor, { action: "auth.logout", targetType: "user", targetId: actor.userId, summary: {} });
  });
}

export interface ResolvedAuth {
  actor: Actor | null;
  sessionId: string | null;
  csrfToken: string | null;
  /** Why an offered credential was not accepted; routes that need an actor answer with it. */
  problem: "session_expired" | "invalid_token" | null;
}

export async function resolveSession(deps: Deps, cookieValue: string): Promise<ResolvedAuth> {
  const db = deps.database.db;
  const id = sha256(cookieValue);
  const row = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select([
      "sessions.id",
      "sessions.user_id",
      "sessions.csrf_token",
      "sessions.expires_at",
      "sessions.last_seen_at",
      "users.active",
    ])
    .where("sessions.id", "=", id)
    .executeTakeFirst();
  const now = Date.now();
  const expired: ResolvedAuth = { actor: null, sessionId: null, csrfToken: null, problem: "session_expired" };
  if (!row) return expired;
  if (row.active !== 1 || Date.parse(row.expires_at) <= now || now - Date.parse(row.last_seen_at) > SESSION_IDLE_MS) {
    return expired;
  }
  if (now - Date.parse(row.last_seen_at) > TOUCH_EVERY_MS) {
    await db
      .updateTable("sessions")
      .set({ last_seen_at: new Date(now).toISOString() })
      .where("id", "=", id)
      .execute();
  }
  const grants = await grantsOf(db, row.user_id);
  return {
    actor: { userId: row.user_id, grants, via: "session" },
    sessionId: row.id,
    csrfToken: row.csrf_token,
    problem: null,
  };
}

export async function resolveBearer(deps: Deps, token: string): Promise<ResolvedAuth> {
  const db = deps.database.db;
  const row = await db
    .selectFrom("api_tokens")
    .innerJoin("users", "users.id", "api_tokens.created_by")
    .selectAll("api_tokens")
    .select("users.active")
    .where("api_tokens.token_hash", "=", sha256(token))
    .executeTakeFirst();
  const now = Date.now();
  if (!row || row.revoked_at || row.active !== 1 || (row.expires_at && Date.parse(row.expires_at) <= now)) {
    return { actor: null, sessionId: null, csrfToken: null, problem: "invalid_token" };
  }
  if (!row.last_used_at || now - Date.parse(row.last_used_at) > TOUCH_EVERY_MS) {
    await db
      .updateTable("api_tokens")
      .set({ last_used_at: new Date(now).toISOString() })
      .where("id", "=", row.id)
      .execute();
  }
  const grant: Grant = {
    role: row.role as Role,
    provinceCode: row.province_code,
    clusterId: row.cluster_id,
    enterpriseId: row.enterprise_id,
  };
  return {
    actor: { userId: row.created_by, grants: [grant], via: "token" },
    sessionId: null,
    csrfToken: null,
    problem: null,
  };
}

export function requireWith(problem: ResolvedAuth["problem"]): never {
  throw unauthenticated(problem ?? "unauthenticated");
}
