/**
 * The durable job queue, on both engines and across any number of server
 * processes sharing one database.
 *
 * A job is a row (kind, JSON payload, run_after). Each process runs a worker
 * that claims due jobs by lease: the claim is an update that only one
 * claimant can make (SQLite: one writer at a time; PostgreSQL: FOR UPDATE
 * SKIP LOCKED), so a job never runs twice at once. A job that throws is
 * retried with exponential backoff up to its kind's limit, then kept as
 * failed with its error for an admin to see and retry; a process that dies
 * mid-job loses its lease and another picks the job up when it expires.
 * Recurring jobs get one row per period (unique_key), so an hourly sweep runs
 * once an hour whatever the number of instances.
 */
import { randomUUID } from "node:crypto";
import os from "node:os";
import type { Kysely, Selectable } from "kysely";
import type { z } from "zod";
import type { Deps } from "../context";
import { forUpdateSkipLocked } from "../db/dialect";
import type { DB, JobsTable } from "../db/schema";

export type JobRow = Selectable<JobsTable>;

export interface JobContext {
  /** 1 on the first run. */
  attempt: number;
  maxAttempts: number;
  /** True when a failure now would be final. */
  lastAttempt: boolean;
  /**
   * For a long job (an import of 100,000 rows): pushes this run's lease
   * `leaseMs` further from now, so no other process takes the job over while
   * it is still working. Call it between units of work (each committed
   * batch). Throws LeaseLostError when the lease is no longer this
   * process's (it expired and another took the job, or an admin retried it):
   * the job must stop, and its outcome is not recorded by this process.
   * Kinds that never call it keep their fixed lease.
   */
  heartbeat(): Promise<void>;
}

/** Thrown by JobContext.heartbeat() when another process holds the job now. */
export class LeaseLostError extends Error {}

export interface JobKind<P = unknown> {
  kind: string;
  payload: z.ZodType<P>;
  /** Runs before the lease ends or another process takes the job. */
  leaseMs?: number;
  maxAttempts?: number;
  run(deps: Deps, payload: P, ctx: JobContext): Promise<void>;
  /** Called once when the last attempt failed (e.g. mark the mail failed). */
  onFailed?(deps: Deps, payload: P, error: string): Promise<void>;
  /** Scheduled once per period across all instances. */
  every?: { periodMs: number; payload: P };
}

/** A failure that retrying cannot fix (a malformed payload, a 5xx SMTP answer): fail now. */
export class PermanentJobError extends Error {}

const DEFAULT_LEASE_MS = 5 * 60_000;
const DEFAULT_MAX_ATTEMPTS = 5;
const MAX_BACKOFF_MS = 6 * 3600_000;

export function defineJob<P>(kind: JobKind<P>): JobKind<P> {
  return kind;
}

export interface EnqueueOptions {
  runAfter?: Date;
  uniqueKey?: string;
  provinceCode?: string | null;
}

/**
 * Queues a job inside the caller's transaction, so it exists exactly when
 * the write that asked for it commits. The payload is validated here and
 * again when the job runs.
 */
export async function enqueue<P>(
  trx: Kysely<DB>,
  kind: JobKind<P>,
  payload: P,
  opts: EnqueueOptions = {},
): Promise<string> {
  const parsed = kind.payload.parse(payload);
  const id = randomUUID();
  const now = new Date().toISOString();
  let q = trx.insertInto("jobs").values({
    id,
    kind: kind.kind,
    payload: JSON.stringify(parsed),
    state: "queued",
    run_after: (opts.runAfter ?? new Date()).toISOString(),
    max_attempts: kind.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    lease_owner: null,
    lease_expires_at: null,
    last_error: null,
    unique_key: opts.uniqueKey ?? null,
    province_code: opts.provinceCode ?? null,
    created_at: now,
    updated_at: now,
    finished_at: null,
  });
  if (opts.uniqueKey) q = q.onConflict((oc) => oc.column("unique_key").doNothing());
  await q.execute();
  return id;
}

/** The delay before retry n (n = attempts made so far): base, 2×base, 4×base … capped at 6 hours. */
export function backoffMs(baseMs: number, attemptsMade: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attemptsMade - 1), MAX_BACKOFF_MS);
}

/** Queues each recurring kind's run for the current period, once across all instances. */
export async function scheduleRecurring(db: Kysely<DB>, kinds: readonly JobKind[], now = new Date()): Promise<void> {
  for (const k of kinds) {
    if (!k.every) continue;
    const period = Math.floor(now.getTime() / k.every.periodMs);
    await enqueue(db, k, k.every.payload, {
      uniqueKey: `${k.kind}@${period}`,
      runAfter: new Date(period * k.every.periodMs),
    });
  }
}

/**
 * Claims up to `limit` due jobs for `owner`: queued ones whose time has come
 * and running ones whose lease expired (their process died).
 */
export async function claimDue(deps: Deps, owner: string, kinds: ReadonlyMap<string, JobKind>, limit: number) {
  const { db, dialect } = deps.database;
  const now = new Date();
  const nowIso = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const due = await forUpdateSkipLocked(
      trx
        .selectFrom("jobs")
        .select(["id", "kind"])
        .where((eb) =>
          eb.or([
            eb.and([eb("state", "=", "queued"), eb("run_after", "<=", nowIso)]),
            eb.and([eb("state", "=", "running"), eb("lease_expires_at", "<", nowIso)]),
          ]),
        )
        .where("kind", "in", [...kinds.keys()])
        .orderBy("run_after")
        .limit(limit),
      dialect,
    ).execute();
    const claimed: JobRow[] = [];
    for (const d of due) {
      const leaseMs = kinds.get(d.kind)?.leaseMs ?? DEFAULT_LEASE_MS;
      const row = await trx
        .updateTable("jobs")
        .set((eb) => ({
          state: "running",
          lease_owner: owner,
          lease_expires_at: new Date(now.getTime() + leaseMs).toISOString(),
          attempts: eb("attempts", "+", 1),
          updated_at: nowIso,
        }))
        .where("id", "=", d.id)
        .where((eb) =>
          eb.or([
            eb("state", "=", "queued"),
            eb.and([eb("state", "=", "running"), eb("lease_expires_at", "<", nowIso)]),
          ]),
        )
        .returningAll()
        .executeTakeFirst();
      if (row) claimed.push(row);
    }
    return claimed;
  });
}

function errorText(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).slice(0, 1000);
}

/** Runs one claimed job and records the outcome, if this process still holds its lease. */
export async function runClaimed(deps: Deps, owner: string, kind: JobKind | undefined, job: JobRow): Promise<void> {
  const db = deps.database.db;
  const mine = (q: ReturnType<typeof db.updateTable<"jobs">>) =>
    q.where("id", "=", job.id).where("lease_owner", "=", owner).where("state", "=", "running");
  const finish = async (state: "done" | "failed", error: string | null) => {
    const now = new Date().toISOString();
    await mine(db.updateTable("jobs"))
      // lease_owner stays: which instance ran the job is worth knowing.
      .set({ state, last_error: error, finished_at: now, updated_at: now, lease_expires_at: null })
      .execute();
  };
  if (!kind) return finish("failed", `unknown job kind ${job.kind}`);
  const attempt = Number(job.attempts);
  const leaseMs = kind.leaseMs ?? DEFAULT_LEASE_MS;
  const heartbeat = async () => {
    const now = Date.now();
    const r = await mine(db.updateTable("jobs"))
      .set({ lease_expires_at: new Date(now + leaseMs).toISOString(), updated_at: new Date(now).toISOString() })
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw new LeaseLostError(`lease on job ${job.id} lost`);
  };
  const ctx: JobContext = {
    attempt,
    maxAttempts: job.max_attempts,
    lastAttempt: attempt >= job.max_attempts,
    heartbeat,
  };
  let payload: unknown;
  try {
    const parsed = kind.payload.safeParse(JSON.parse(job.payload));
    if (!parsed.success) throw new PermanentJobError(`invalid payload: ${parsed.error.message}`);
    payload = parsed.data;
    await kind.run(deps, payload, ctx);
    await finish("done", null);
  } catch (e) {
    // Another process runs the job now: its outcome is theirs to record.
    if (e instanceof LeaseLostError) return;
    const error = errorText(e);
    if (ctx.lastAttempt || e instanceof PermanentJobError) {
      await finish("failed", error);
      if (payload !== undefined) await kind.onFailed?.(deps, payload, error).catch(() => {});
      return;
    }
    const now = new Date();
    await mine(db.updateTable("jobs"))
      .set({
        state: "queued",
        last_error: error,
        run_after: new Date(now.getTime() + backoffMs(deps.config.jobs.retryBaseMs, attempt)).toISOString(),
        lease_owner: null,
        lease_expires_at: null,
        updated_at: now.toISOString(),
      })
      .execute();
  }
}

export interface Worker {
  /** Looks for due jobs now instead of at the next poll (after a write that queued one). */
  kick(): void;
  /** Stops claiming and waits for the jobs in hand to finish. */
  stop(): Promise<void>;
  readonly owner: string;
}

/** Starts this process's worker: polls, claims, runs, and schedules the recurring kinds. */
export function startWorker(
  deps: Deps,
  kinds: readonly JobKind[],
  opts: { onError?: (e: unknown) => void; batch?: number } = {},
): Worker {
  const owner = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const byKind = new Map(kinds.map((k) => [k.kind, k]));
  const batch = opts.batch ?? 10;
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | null = null;
  let lastScheduled = 0;

  const tick = async () => {
    if (Date.now() - lastScheduled >= 60_000) {
      lastScheduled = Date.now();
      await scheduleRecurring(deps.database.db, kinds);
    }
    for (;;) {
      const jobs = await claimDue(deps, owner, byKind, batch);
      for (const job of jobs) await runClaimed(deps, owner, byKind.get(job.kind), job);
      if (jobs.length < batch || stopped) break;
    }
  };
  const loop = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    if (timer) clearTimeout(timer);
    running = tick()
      .catch((e: unknown) => opts.onError?.(e))
      .finally(() => {
        running = null;
        if (stopped) return;
        if (again) {
          again = false;
          loop();
        } else {
          timer = setTimeout(loop, deps.config.jobs.pollMs);
          timer.unref();
        }
      });
  };
  loop();
  return {
    owner,
    kick: loop,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
