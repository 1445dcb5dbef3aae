/**
 * Outgoing e-mail through SMTP when SMTP_URL is set: delivered mail is marked
 * sent, a failing server leaves it marked failed with the reason; nothing is
 * silently dropped.
 */
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedIn } from "../support/client";
import { makeUser, startEnv, type TestEnv } from "../support/harness";

type Outbox = {
  items: { to: string; status: string; error: string | null; sentAt: string | null; attempts: number }[];
};

const received: { to: string[]; body: string }[] = [];
/** SMTP connections the test server has accepted. */
let connections = 0;
let smtp: SMTPServer;
let smtpPort = 0;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onConnect(_session, done) {
      connections++;
      done();
    },
    onData(stream, session, done) {
      let body = "";
      stream.on("data", (c: Buffer) => {
        body += c.toString("utf8");
      });
      stream.on("end", () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), body });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

async function waitFor<T>(fn: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const v = await fn();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("timed out");
}

describe("mail through SMTP", () => {
  let env: TestEnv;
  let stop: () => Promise<void>;
  beforeAll(async () => {
    ({ env, stop } = await startEnv("sqlite", { SMTP_URL: `smtp://127.0.0.1:${smtpPort}?ignoreTLS=true` }));
  });
  afterAll(async () => stop?.());

  it("sends the welcome mail and marks it sent", async () => {
    const admin = await signedIn(env, await makeUser(env, { role: "national_admin" }));
    const r = await admin.post("/api/v1/users", {
      email: "mailed@test.ir",
      name: "گیرنده نامه",
      password: "Mailed-12345",
    });
    expect(r.status).toBe(201);
    const mail = await waitFor(async () => received.find((m) => m.to.includes("mailed@test.ir")));
    expect(mail.body).toContain("mailed@test.ir");
    const sent = await waitFor(async () => {
      const o = await admin.get<Outbox>("/api/v1/outbox");
      return o.body.items.find((m) => m.to === "mailed@test.ir" && m.status === "sent");
    });
    expect(sent.sentAt).toBeTruthy();
  });

  it("sends a run of mails over a few pooled connections, not one per mail", async () => {
    const admin = await signedIn(env, await makeUser(env, { role: "national_admin" }));
    const before = connections;
    const emails = Array.from({ length: 12 }, (_, i) => `pooled-${i}@test.ir`);
    for (const email of emails) {
      expect((await admin.post("/api/v1/users", { email, name: "گیرنده", password: "Pooled-12345" })).status).toBe(201);
    }
    await waitFor(async () => (emails.every((e) => received.some((m) => m.to.includes(e))) ? true : undefined));
    // nodemailer's pool keeps up to 5 connections open; without it this would be 12.
    expect(connections - before).toBeLessThanOrEqual(5);
  });
});

describe("mail when the SMTP server is down", () => {
  let env: TestEnv;
  let stop: () => Promise<void>;
  beforeAll(async () => {
    ({ env, stop } = await startEnv("sqlite", {
      SMTP_URL: "smtp://127.0.0.1:1?connectionTimeout=2000",
      JOBS_POLL_MS: "20",
      JOBS_RETRY_BASE_MS: "20",
    }));
  });
  afterAll(async () => stop?.());

  it("retries, then keeps the mail in the outbox as failed after the last try, with the reason", async () => {
    const admin = await signedIn(env, await makeUser(env, { role: "national_admin" }));
    await admin.post("/api/v1/users", { email: "unsent@test.ir", name: "بی‌نامه", password: "Unsent-12345" });
    const failed = await waitFor(async () => {
      const o = await admin.get<Outbox>("/api/v1/outbox");
      return o.body.items.find((m) => m.to === "unsent@test.ir" && m.status === "failed");
    });
    expect(failed.error).toMatch(/ECONNREFUSED|connect/i);
    // Six tries: the first and five retries with growing delays.
    expect(failed.attempts).toBe(6);
  });
});
