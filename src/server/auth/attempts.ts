/**
 * Password attempts: failure counters kept in the database (so they hold
 * across instances) and the browsers a person has signed in from before.
 *
 * The limits must slow a guesser without handing anyone a way to lock others
 * out: an account's lock grows with each failure but the right password from
 * a browser that has signed in to that account before passes it, and an IP's
 * lock (a whole provincial office can share one address) likewise never stops
 * a known browser.
 */
import type { Kysely } from "kysely";
import { nowIso } from "../context";
import type { DB } from "../db/schema";
import { sha256 } from "./secrets";

export const ATTEMPT_LIMITS = {
  /** Failures of one account before it is locked; each further failure doubles the lock. */
  perAccount: 5,
  accountWindowMs: 24 * 3600_000,
  firstAccountLockMs: 60_000,
  maxAccountLockMs: 60 * 60_000,
  /** Failures from one IP (across accounts) in its window before unknown browsers there are refused. */
  perIp: 30,
  ipWindowMs: 15 * 60_000,
  ipLockMs: 15 * 60_000,
  /** Failures from one known browser before it, too, must wait like an unknown one. */
  perDevice: 10,
};

export const DEVICE_COOKIE = "khooshe_device";
export const DEVICE_MAX_AGE_S = 365 * 24 * 3600;

export type AttemptKind = "account" | "ip" | "device";

export const attemptKey = {
  account: (email: string) => `acct:${email.trim().toLowerCase()}`,
  ip: (ip: string) => `ip:${ip}`,
  device: (deviceSecret: string) => `dev:${sha256(deviceSecret)}`,
};

/** How long the lock after `failures` failures lasts (0 while under the limit). */
export function lockMsAfter(kind: AttemptKind, failures: number): number {
  if (kind === "ip") return failures >= ATTEMPT_LIMITS.perIp ? ATTEMPT_LIMITS.ipLockMs : 0;
  const limit = kind === "account" ? ATTEMPT_LIMITS.perAccount : ATTEMPT_LIMITS.perDevice;
  if (failures < limit) return 0;
  return Math.min(ATTEMPT_LIMITS.firstAccountLockMs * 2 ** (failures - limit), ATTEMPT_LIMITS.maxAccountLockMs);
}

function windowMs(kind: AttemptKind): number {
  return kind === "ip" ? ATTEMPT_LIMITS.ipWindowMs : ATTEMPT_LIMITS.accountWindowMs;
}

/** Milliseconds until the longest of these keys' locks ends; 0 when none is locked. */
export async function lockedFor(db: Kysely<DB>, keys: string[]): Promise<number> {
  if (keys.length === 0) return 0;
  const rows = await db.selectFrom("login_failures").selectAll().where("key", "in", keys).execute();
  const now = Date.now();
  let ms = 0;
  for (const r of rows) if (r.locked_until) ms = Math.max(ms, Date.parse(r.locked_until) - now);
  return ms;
}

export async function recordFailure(trx: Kysely<DB>, kind: AttemptKind, key: string): Promise<void> {
  const now = Date.now();
  const row = await trx.selectFrom("login_failures").selectAll().where("key", "=", key).executeTakeFirst();
  const inWindow = row && now - Date.parse(row.window_started_at) < windowMs(kind);
  const failures = inWindow ? row.failures + 1 : 1;
  const lock = lockMsAfter(kind, failures);
  const values = {
    failures,
    window_started_at: inWindow ? row.window_started_at : new Date(now).toISOString(),
    locked_until: lock > 0 ? new Date(now + lock).toISOString() : null,
  };
  if (row) await trx.updateTable("login_failures").set(values).where("key", "=", key).execute();
  else
    await trx
      .insertInto("login_failures")
      .values({ key, ...values })
      .execute();
}

export async function clearFailures(trx: Kysely<DB>, keys: string[]): Promise<void> {
  if (keys.length) await trx.deleteFrom("login_failures").where("key", "in", keys).execute();
}

/** Whether this browser has signed in to this account before. */
export async function isKnownDevice(db: Kysely<DB>, userId: string, deviceSecret: string | null): Promise<boolean> {
  if (!deviceSecret) return false;
  const row = await db
    .selectFrom("known_devices")
    .select("user_id")
    .where("user_id", "=", userId)
    .where("device_hash", "=", sha256(deviceSecret))
    .executeTakeFirst();
  return !!row;
}

export async function rememberDevice(trx: Kysely<DB>, userId: string, deviceSecret: string): Promise<void> {
  const hash = sha256(deviceSecret);
  const now = nowIso();
  const updated = await trx
    .updateTable("known_devices")
    .set({ last_seen_at: now })
    .where("user_id", "=", userId)
    .where("device_hash", "=", hash)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) {
    await trx
      .insertInto("known_devices")
      .values({ user_id: userId, device_hash: hash, created_at: now, last_seen_at: now })
      .execute();
  }
}

/** Forgets every browser of a person (their password was reset by someone else). */
export async function forgetDevices(trx: Kysely<DB>, userId: string): Promise<void> {
  await trx.deleteFrom("known_devices").where("user_id", "=", userId).execute();
}
