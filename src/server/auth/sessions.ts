import { type Actor, type Grant, type Role, tokenGrantHolds } from "../../core/permissions";
import { type Deps, nowIso } from "../context";
import { AppError, tooMany, unauthenticated } from "../errors";
import { writeAudit } from "../modules/audit/service";
import { JOINED_GRANT_COLUMNS, joinedGrants } from "../modules/users/shared";
import { attemptKey, clearFailures, isKnownDevice, lockedFor, recordFailure, rememberDevice } from "./attempts";
import { DUMMY_HASH, verifyPassword } from "./passwords";
import { newSecret, sha256 } from "./secrets";

export const SESSION_COOKIE = "khooshe_session";
/**
 * Set and cleared with the session cookie, but readable by the page (it
 * holds only "1"): the sign-in page asks /auth/me only when a session may
 * exist, so a first visit paints the form without a round trip and without
 * a 401 in the console. The session cookie itself stays HttpOnly.
 */
export const SESSION_HINT_COOKIE = "khooshe_signed_in";
export const SESSION_ABSOLUTE_MS = 7 * 24 * 3600_000;
export const SESSION_IDLE_MS = 12 * 3600_000;
const TOUCH_EVERY_MS = 60_000;

export interface LoginResult {
  userId: string;
  cookieValue: string;
  sessionId: string;
  csrfToken: string;
  /** The browser's device cookie value: kept as it was, or a new one. */
  deviceSecret: string;
}

export async function login(
  deps: Deps,
  email: string,
  password: string,
  meta: { ip: string; userAgent: string | null; deviceSecret: string | null },
): Promise<LoginResult> {
  const db = deps.database.db;
  const normalizedEmail = email.trim().toLowerCase();
  const acctKey = attemptKey.account(normalizedEmail);
  const ipKey = attemptKey.ip(meta.ip);
  const deviceKey = meta.deviceSecret ? attemptKey.device(meta.deviceSecret) : null;

  const user = await db.selectFrom("users").selectAll().where("email", "=", normalizedEmail).executeTakeFirst();
  // A browser that has signed in to this account before passes the account's
  // and the IP's locks (so neither can be used to lock a person out), but
  // not its own.
  const known = user ? await isKnownDevice(db, user.id, meta.deviceSecret) : false;
  const locked = await lockedFor(db, known ? [deviceKey!] : [acctKey, ipKey]);
  if (locked > 0) throw tooMany("too_many_attempts", { minutes: Math.ceil(locked / 60_000) });
  const bypassedLock = known && (await lockedFor(db, [acctKey, ipKey])) > 0;

  const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
  // A deactivated account answers exactly as a wrong password does.
  if (!user || !ok || user.active !== 1) {
    await db.transaction().execute(async (trx) => {
      await recordFailure(trx, "account", acctKey);
      await recordFailure(trx, "ip", ipKey);
      if (deviceKey) await recordFailure(trx, "device", deviceKey);
      await writeAudit(trx, null, {
        action: "auth.login_failed",
        targetType: "user",
        targetId: user?.id ?? null,
        provinceCode: user?.home_province_code ?? null,
        summary: { email: normalizedEmail, ip: meta.ip, ...(user && ok ? { inactive: true } : {}) },
      });
    });
    throw new AppError(401, "invalid_credentials");
  }

  const cookieValue = newSecret();
  const sessionId = sha256(cookieValue);
  const csrfToken = newSecret();
  const deviceSecret = known ? meta.deviceSecret! : newSecret();
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    // The account's counter is left as it is when a known browser passed a
    // lock: someone else is still guessing.
    await clearFailures(
      trx,
      bypassedLock ? (deviceKey ? [deviceKey] : []) : [acctKey, ...(deviceKey ? [deviceKey] : [])],
    );
    await rememberDevice(trx, user.id, deviceSecret);
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
      summary: { ip: meta.ip, ...(bypassedLock ? { knownBrowserPassedLock: true } : {}) },
    });
  });
  return { userId: user.id, cookieValue, sessionId, csrfToken, deviceSecret };
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
  problem: "session_expired" | "invalid_token" | "token_suspended" | null;
}

/**
 * The session behind a cookie, with its user's grants, in one query (a row
 * per grant). The idle clock is moved at most once a minute: the update
 * matches only while the stored time is still older than that, so the
 * requests that race past the same minute change the row once.
 */
export async function resolveSession(deps: Deps, cookieValue: string): Promise<ResolvedAuth> {
  const db = deps.database.db;
  const id = sha256(cookieValue);
  const rows = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .leftJoin("role_grants", "role_grants.user_id", "sessions.user_id")
    .select([
      "sessions.id",
      "sessions.user_id",
      "sessions.csrf_token",
      "sessions.expires_at",
      "sessions.last_seen_at",
      "users.active",
      ...JOINED_GRANT_COLUMNS,
    ])
    .where("sessions.id", "=", id)
    .execute();
  const row = rows[0];
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
      .where("last_seen_at", "<", new Date(now - TOUCH_EVERY_MS).toISOString())
      .execute();
  }
  return {
    actor: { userId: row.user_id, grants: joinedGrants(rows), via: "session" },
    sessionId: row.id,
    csrfToken: row.csrf_token,
    problem: null,
  };
}

/** A bearer token with its issuer's live grants, in one query (a row per grant); last use is recorded as for sessions. */
export async function resolveBearer(deps: Deps, token: string): Promise<ResolvedAuth> {
  const db = deps.database.db;
  const rows = await db
    .selectFrom("api_tokens")
    .innerJoin("users", "users.id", "api_tokens.created_by")
    .leftJoin("role_grants", "role_grants.user_id", "api_tokens.created_by")
    .selectAll("api_tokens")
    .select(["users.active", ...JOINED_GRANT_COLUMNS])
    .where("api_tokens.token_hash", "=", sha256(token))
    .execute();
  const row = rows[0];
  const now = Date.now();
  const refused = (problem: "invalid_token" | "token_suspended"): ResolvedAuth => ({
    actor: null,
    sessionId: null,
    csrfToken: null,
    problem,
  });
  if (!row || row.revoked_at || (row.expires_at && Date.parse(row.expires_at) <= now)) return refused("invalid_token");
  const grant: Grant = {
    role: row.role as Role,
    provinceCode: row.province_code,
    clusterId: row.cluster_id,
    enterpriseId: row.enterprise_id,
  };
  // A token never does more than its issuer may do now: their live grants decide.
  const issuer: Actor = { userId: row.created_by, grants: joinedGrants(rows), via: "session" };
  if (row.active !== 1 || !tokenGrantHolds(issuer, grant)) return refused("token_suspended");
  if (!row.last_used_at || now - Date.parse(row.last_used_at) > TOUCH_EVERY_MS) {
    await db
      .updateTable("api_tokens")
      .set({ last_used_at: new Date(now).toISOString() })
      .where("id", "=", row.id)
      .where((eb) =>
        eb.or([eb("last_used_at", "is", null), eb("last_used_at", "<", new Date(now - TOUCH_EVERY_MS).toISOString())]),
      )
      .execute();
  }
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
