/**
 * Two server processes on one PostgreSQL database share the job queue:
 * 200 queued mails are each sent exactly once (counted on a real SMTP
 * server), mail queued while the SMTP server is down is delivered once it
 * comes back, and the hourly council-seat sweep that both schedule runs once.
 */
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import net, { type AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadConfig } from "../../src/server/config";
import type { Deps } from "../../src/server/context";
import { type Database, openDatabase } from "../../src/server/db/connection";
import { createMailer } from "../../src/server/mailer";
import { queueMail } from "../../src/server/modules/notifications/service";
import { createPgDatabase } from "../support/harness";
import { startServer } from "../support/process";

const pgAdminUrl = inject("pgAdminUrl");

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function until<T>(what: string, fn: () => Promise<T | false>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.skipIf(!pgAdminUrl)("job queue across two server processes [postgres]", () => {
  const received: string[] = [];
  let smtp: SMTPServer;
  let smtpPort = 0;
  let pg: { url: string; drop(): Promise<void> };
  let database: Database;
  let deps: Deps;
  const procs: ChildProcess[] = [];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "khooshe-jobs-"));

  beforeAll(async () => {
    pg = await createPgDatabase(pgAdminUrl!);
    smtpPort = await freePort();
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onData(stream, session, done) {
        stream.resume();
        stream.on("end", () => {
          received.push(...session.envelope.rcptTo.map((r) => r.address));
          done();
        });
      },
    });
    const env = {
      DATABASE_URL: pg.url,
      DATA_DIR: dataDir,
      DEMO: "off",
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}?ignoreTLS=true&connectionTimeout=1000`,
      JOBS_POLL_MS: "50",
      JOBS_RETRY_BASE_MS: "150",
    };
    // The two instances start together: both migrate (under the migrator's lock) and both run a worker.
    const started = await Promise.all([startServer(env), startServer(env)]);
    procs.push(...started.map((s) => s.proc));
    const config = loadConfig({ ...env, LOG_LEVEL: "silent" } as NodeJS.ProcessEnv);
    database = await openDatabase(config.database);
    deps = { database, config, mailer: createMailer(config.smtpUrl, config.mailFrom) };
  }, 90_000);

  afterAll(async () => {
    await Promise.all(
      procs.map(
        (p) =>
          new Promise<void>((resolve) => {
            if (p.exitCode !== null) return resolve();
            p.on("exit", () => resolve());
            p.kill("SIGTERM");
          }),
      ),
    );
    await database?.close();
    await new Promise<void>((resolve) => (smtp.server.listening ? smtp.close(() => resolve()) : resolve()));
    await pg?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  const queue = async (addresses: string[]) => {
    await database.db.transaction().execute(async (trx) => {
      for (const to of addresses) {
        await queueMail(trx, deps, {
          to,
          lang: "fa",
          template: "welcome",
          params: { name: "عضو خوشه", email: to },
          provinceCode: "IR-25",
        });
      }
    });
  };
  const statusCount = async (prefix: string, status: string) =>
    Number(
      (
        await database.db
          .selectFrom("outbox")
          .where("to_address", "like", `${prefix}%`)
          .where("status", "=", status)
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("delivers mail queued while the SMTP server is down once it is back, each exactly once", async () => {
    const down = Array.from({ length: 20 }, (_, i) => `down-${i}@test.ir`);
    await queue(down);
    // Both workers try, fail (connection refused) and keep the mail pending for a retry.
    await until("failed tries", async () => {
      const tried = await database.db
        .selectFrom("outbox")
        .select(["attempts", "status"])
        .where("to_address", "like", "down-%")
        .execute();
      return tried.every((m) => Number(m.attempts) >= 1 && m.status === "pending") || false;
    });
    await new Promise<void>((r) => smtp.listen(smtpPort, "127.0.0.1", r));
    await until("delivery after the outage", async () => (await statusCount("down-", "sent")) === 20 || false);
    for (const to of down) expect(received.filter((r) => r === to)).toHaveLength(1);
  }, 90_000);

  it("sends 200 mails queued at once exactly once between the two processes", async () => {
    const many = Array.from({ length: 200 }, (_, i) => `many-${i}@test.ir`);
    await queue(many);
    await until("200 sent", async () => (await statusCount("many-", "sent")) === 200 || false);
    // Let any duplicate that might still be on its way arrive before counting.
    await new Promise((r) => setTimeout(r, 500));
    const counts = new Map<string, number>();
    for (const r of received) if (r.startsWith("many-")) counts.set(r, (counts.get(r) ?? 0) + 1);
    expect(counts.size).toBe(200);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    // Both processes took part: a finished job keeps the name of the worker that ran it.
    const owners = await database.db
      .selectFrom("jobs")
      .select("lease_owner")
      .distinct()
      .where("kind", "=", "mail.send")
      .where("state", "=", "done")
      .execute();
    expect(owners.length).toBe(2);
  }, 90_000);

  it("runs the hourly council-seat sweep once although both processes schedule it", async () => {
    const sweeps = () =>
      database.db.selectFrom("jobs").selectAll().where("kind", "=", "governance.expire_seats").execute();
    await until("the sweep to run", async () => {
      const rows = await sweeps();
      return (rows.length > 0 && rows.every((r) => r.state === "done")) || false;
    });
    // One row per hour however many instances schedule it (two, if the run crossed an hour), each run once.
    const rows = await sweeps();
    const keys = rows.map((r) => r.unique_key);
    expect(new Set(keys).size).toBe(rows.length);
    expect(rows.length).toBeLessThanOrEqual(2);
    for (const r of rows) expect(Number(r.attempts)).toBe(1);
  });
});
