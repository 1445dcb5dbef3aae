/**
 * The durable job queue on both engines: claims by lease (never twice at
 * once), retries with backoff, failures kept visible, recurring jobs once
 * per period, payloads validated when queued and when run; and mail through
 * it (a server that is down, then back; a permanent refusal; a resend).
 */
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, expect, it } from "vitest";
import { z } from "zod";
import type { Deps } from "../../src/server/context";
import { backoffMs, claimDue, defineJob, enqueue, runClaimed, scheduleRecurring } from "../../src/server/jobs/queue";
import { queueMail } from "../../src/server/modules/notifications/service";
import { signedIn } from "../support/client";
import { describeEngines, makeUser, type TestEnv } from "../support/harness";

/** An SMTP server that refuses mail while `refusing` says so (421: try later, or 550: never). */
const smtp = {
  server: null as SMTPServer | null,
  port: 0,
  received: [] as string[],
  refusing: null as null | 421 | 550,
};

beforeAll(async () => {
  smtp.server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onRcptTo(_address, _session, done) {
      if (smtp.refusing) {
        const err = Object.assign(new Error(smtp.refusing === 421 ? "try again later" : "no such mailbox"), {
          responseCode: smtp.refusing,
        });
        return done(err);
      }
      done();
    },
    onData(stream, session, done) {
      stream.resume();
      stream.on("end", () => {
        smtp.received.push(...session.envelope.rcptTo.map((r) => r.address));
        done();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.server!.listen(0, "127.0.0.1", resolve));
  smtp.port = (smtp.server.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => smtp.server!.close(() => resolve()));
});

async function until<T>(what: string, fn: () => Promise<T | undefined | false>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const deps = (env: TestEnv): Deps => env.app.deps;

let runs: string[] = [];
const echoJob = defineJob({
  kind: "test.echo",
  payload: z.strictObject({ n: z.number().int(), failTimes: z.number().int().optional() }),
  maxAttempts: 3,
  leaseMs: 60_000,
  async run(_deps, p, ctx) {
    runs.push(`${p.n}#${ctx.attempt}`);
    if (ctx.attempt <= (p.failTimes ?? 0)) throw new Error(`failing on purpose (${ctx.attempt})`);
  },
});
const KINDS = new Map([[echoJob.kind, echoJob]]);

describeEngines(
  "job queue",
  (env) => {
    it("lets two claimants take disjoint jobs, and a lease keeps a running job from being claimed again", async () => {
      await env()
        .database.db.transaction()
        .execute(async (trx) => {
          for (let n = 0; n < 20; n++) await enqueue(trx, echoJob, { n, failTimes: 0 });
        });
      const [a, b] = await Promise.all([
        claimDue(deps(env()), "owner-a", KINDS, 15),
        claimDue(deps(env()), "owner-b", KINDS, 15),
      ]);
      const ids = [...a, ...b].map((j) => j.id);
      expect(ids.length).toBe(20);
      expect(new Set(ids).size).toBe(20);
      // All 20 are leased: nothing is due for a third claimant.
      expect(await claimDue(deps(env()), "owner-c", KINDS, 50)).toEqual([]);
      runs = [];
      for (const j of a) await runClaimed(deps(env()), "owner-a", echoJob, j);
      // owner-a cannot finish owner-b's jobs.
      for (const j of b) await runClaimed(deps(env()), "owner-a", echoJob, j);
      const states = await env().database.db.selectFrom("jobs").select(["state", "lease_owner"]).execute();
      expect(states.filter((s) => s.state === "done")).toHaveLength(a.length);
      expect(states.filter((s) => s.state === "running" && s.lease_owner === "owner-b")).toHaveLength(b.length);
      for (const j of b) await runClaimed(deps(env()), "owner-b", echoJob, j);
      expect(await env().database.db.selectFrom("jobs").select("id").where("state", "!=", "done").execute()).toEqual(
        [],
      );
    });

    it("takes over a job whose lease expired (its process died)", async () => {
      const id = await enqueue(env().database.db, echoJob, { n: 100 });
      const [first] = await claimDue(deps(env()), "dead-process", KINDS, 1);
      expect(first?.id).toBe(id);
      await env()
        .database.db.updateTable("jobs")
        .set({ lease_expires_at: new Date(Date.now() - 1000).toISOString() })
        .where("id", "=", id)
        .execute();
      const [again] = await claimDue(deps(env()), "survivor", KINDS, 1);
      expect(again?.id).toBe(id);
      expect(Number(again?.attempts)).toBe(2);
      await runClaimed(deps(env()), "dead-process", echoJob, first!);
      await runClaimed(deps(env()), "survivor", echoJob, again!);
      const row = await env().database.db.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
      expect(row.state).toBe("done");
    });

    it("retries a throwing job with exponential backoff, then keeps it failed with its error", async () => {
      expect([1, 2, 3, 4].map((n) => backoffMs(1000, n))).toEqual([1000, 2000, 4000, 8000]);
      const id = await enqueue(env().database.db, echoJob, { n: 7, failTimes: 5 });
      const step = async () => {
        await env()
          .database.db.updateTable("jobs")
          .set({ run_after: new Date(0).toISOString() })
          .where("id", "=", id)
          .execute();
        const [j] = await claimDue(deps(env()), "w", KINDS, 1);
        const before = Date.now();
        await runClaimed(deps(env()), "w", echoJob, j!);
        return {
          row: await env().database.db.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirstOrThrow(),
          before,
        };
      };
      const first = await step();
      expect(first.row.state).toBe("queued");
      expect(first.row.last_error).toBe("failing on purpose (1)");
      // The retry is due one base delay later (JOBS_RETRY_BASE_MS=40 here).
      expect(Date.parse(first.row.run_after) - first.before).toBeGreaterThanOrEqual(30);
      await step();
      const last = await step();
      expect(last.row.state).toBe("failed");
      expect(Number(last.row.attempts)).toBe(3);
      expect(last.row.last_error).toBe("failing on purpose (3)");
    });

    it("validates the payload when queued and again when run", async () => {
      await expect(enqueue(env().database.db, echoJob, { n: "seven" } as never)).rejects.toThrow();
      const id = await enqueue(env().database.db, echoJob, { n: 8 });
      await env().database.db.updateTable("jobs").set({ payload: '{"n":"eight"}' }).where("id", "=", id).execute();
      const [j] = await claimDue(deps(env()), "w", KINDS, 1);
      await runClaimed(deps(env()), "w", echoJob, j!);
      const row = await env().database.db.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
      expect(row.state).toBe("failed");
      expect(Number(row.attempts)).toBe(1);
      expect(row.last_error).toContain("invalid payload");
    });

    it("schedules a recurring job once per period however many instances ask", async () => {
      const hourly = defineJob({
        kind: "test.hourly",
        payload: z.strictObject({}),
        every: { periodMs: 3600_000, payload: {} },
        async run() {},
      });
      const at = new Date("2026-12-01T10:20:00Z");
      await Promise.all([
        scheduleRecurring(env().database.db, [hourly], at),
        scheduleRecurring(env().database.db, [hourly], at),
        scheduleRecurring(env().database.db, [hourly], new Date("2026-12-01T10:59:00Z")),
      ]);
      await scheduleRecurring(env().database.db, [hourly], new Date("2026-12-01T11:00:00Z"));
      const rows = await env()
        .database.db.selectFrom("jobs")
        .select("unique_key")
        .where("kind", "=", "test.hourly")
        .execute();
      expect(rows.map((r) => r.unique_key).sort()).toHaveLength(2);
    });
  },
  { JOBS_WORKER: "off", JOBS_RETRY_BASE_MS: "40" },
);

describeEngines(
  "mail through the job queue",
  (env) => {
    const queue = async (to: string) => {
      const e = env();
      await e.database.db.transaction().execute(async (trx) => {
        await queueMail(trx, e.app.deps, {
          to,
          lang: "fa",
          template: "welcome",
          params: { name: "آزمون", email: to },
          provinceCode: "IR-25",
        });
      });
      e.app.deps.kickJobs?.();
    };
    const outbox = (to: string) =>
      env().database.db.selectFrom("outbox").selectAll().where("to_address", "=", to).executeTakeFirstOrThrow();

    it("retries while the SMTP server says 'try later' and delivers once it accepts, exactly once", async () => {
      smtp.refusing = 421;
      await queue(`later-${env().engine}@test.ir`);
      await until(
        "two failed tries",
        async () => Number((await outbox(`later-${env().engine}@test.ir`)).attempts) >= 2,
      );
      expect((await outbox(`later-${env().engine}@test.ir`)).status).toBe("pending");
      expect((await outbox(`later-${env().engine}@test.ir`)).error).toContain("try again later");
      smtp.refusing = null;
      await until("delivery", async () => (await outbox(`later-${env().engine}@test.ir`)).status === "sent");
      await new Promise((r) => setTimeout(r, 200));
      expect(smtp.received.filter((r) => r === `later-${env().engine}@test.ir`)).toHaveLength(1);
    });

    it("marks a permanently refused mail failed with the reason at once, and an admin resends it", async () => {
      smtp.refusing = 550;
      await queue(`nobody-${env().engine}@test.ir`);
      const failed = await until("failure", async () => {
        const m = await outbox(`nobody-${env().engine}@test.ir`);
        return m.status === "failed" ? m : undefined;
      });
      expect(Number(failed.attempts)).toBe(1);
      expect(failed.error).toContain("no such mailbox");
      smtp.refusing = null;
      const e = env();
      const nat = await signedIn(e, await makeUser(e, { role: "national_admin" }));
      const listed = await nat.get<{ items: { id: string; status: string; error: string | null }[] }>(
        "/api/v1/outbox?limit=200",
      );
      expect(listed.body.items.find((m) => m.id === failed.id)).toMatchObject({ status: "failed" });
      const jobs = await nat.get<{ items: { kind: string; lastError: string | null }[] }>("/api/v1/jobs?state=failed");
      expect(jobs.body.items.some((j) => j.kind === "mail.send" && j.lastError?.includes("no such mailbox"))).toBe(
        true,
      );
      // A province admin elsewhere cannot resend it; one of its province can.
      const zanjan = await signedIn(e, await makeUser(e, { role: "province_admin", provinceCode: "IR-19" }));
      expect((await zanjan.post(`/api/v1/outbox/${failed.id}/resend`)).status).toBe(404);
      expect((await zanjan.get("/api/v1/jobs")).status).toBe(403);
      const qom = await signedIn(e, await makeUser(e, { role: "province_admin", provinceCode: "IR-25" }));
      expect((await qom.post(`/api/v1/outbox/${failed.id}/resend`)).status).toBe(204);
      await until("resent", async () => (await outbox(`nobody-${env().engine}@test.ir`)).status === "sent");
      expect(smtp.received.filter((r) => r === `nobody-${env().engine}@test.ir`)).toHaveLength(1);
      // Sent mail cannot be resent.
      const again = await qom.post<{ code: string }>(`/api/v1/outbox/${failed.id}/resend`);
      expect(again.body.code).toBe("mail_not_resendable");
    });
  },
  () => ({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}?ignoreTLS=true`, JOBS_POLL_MS: "20", JOBS_RETRY_BASE_MS: "50" }),
);
