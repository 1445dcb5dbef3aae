/**
 * The server and the CLI as processes: fail-fast start-up, first-start demo
 * data, graceful shutdown, and the khooshe commands.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

import { baseEnv, ROOT, SERVER_ARGS, startServer } from "../support/process";

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "khooshe-proc-"));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function cli(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, [path.join(ROOT, "bin/khooshe.js"), ...args], {
    env: baseEnv(env),
    encoding: "utf8",
    cwd: ROOT,
  });
}

describe("server process", () => {
  it("fails fast with one clear line for an invalid or unreachable DATABASE_URL", () => {
    for (const [url, expected] of [
      ["not a url", /DATABASE_URL is not a valid URL/],
      ["mysql://x@127.0.0.1/db", /must start with postgres:\/\//],
      [
        "postgres://nobody@127.0.0.1:1/khooshe",
        /Cannot connect to PostgreSQL at postgres:\/\/nobody@127\.0\.0\.1:1\/khooshe/,
      ],
    ] as const) {
      const r = spawnSync(process.execPath, SERVER_ARGS, {
        env: baseEnv({ DATABASE_URL: url, DATA_DIR: tmp(), PORT: "0" }),
        encoding: "utf8",
        timeout: 30_000,
      });
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(expected);
      expect(r.stderr).not.toMatch(/^\s+at /m);
      expect(r.stderr.trim().split("\n").length).toBe(1);
    }
  });

  it("creates the SQLite database, loads demo data on first start only, and finishes in-flight requests on SIGTERM", async () => {
    const dataDir = tmp();
    // Requests logged (info), so the test knows when the sign-in below has reached the server.
    const first = await startServer({ DATA_DIR: dataDir, LOG_LEVEL: "info" });
    expect(first.out()).toContain("admin@khooshe.ir");
    expect(first.out()).toContain("Demo data loaded");
    expect(fs.existsSync(path.join(dataDir, "khooshe.db"))).toBe(true);
    const health = await fetch(`${first.url}/api/health`);
    expect(await health.json()).toMatchObject({ status: "ok", database: { dialect: "sqlite", ok: true } });
    // A sign-in takes a few ms of scrypt; SIGTERM while it runs must still answer it.
    const inFlight = fetch(`${first.url}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "admin@khooshe.ir", password: "Khooshe1234" }),
    });
    // SIGTERM once the server has the request (one sent after the close begins is refused, 503).
    const received = Date.now();
    while (!first.out().includes('"url":"/api/v1/auth/login"')) {
      if (Date.now() - received > 10_000) throw new Error(`the sign-in never reached the server:\n${first.out()}`);
      await new Promise((r) => setTimeout(r, 2));
    }
    const exited = new Promise<number | null>((r) => first.proc.on("exit", (code) => r(code)));
    first.proc.kill("SIGTERM");
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await exited).toBe(0);

    const second = await startServer({ DATA_DIR: dataDir });
    expect(second.out()).not.toContain("Demo data loaded");
    const exited2 = new Promise<number | null>((r) => second.proc.on("exit", (code) => r(code)));
    second.proc.kill("SIGTERM");
    expect(await exited2).toBe(0);
  });
});

describe("khooshe CLI", () => {
  it("migrates, loads demo data once, creates users with validated arguments, and backs up SQLite", () => {
    const dataDir = tmp();
    const env = { DATA_DIR: dataDir };
    expect(cli(["migrate"], env).status).toBe(0);
    const demo = cli(["demo"], env);
    expect(demo.status).toBe(0);
    expect(demo.stdout).toContain("qom@khooshe.ir");
    const again = cli(["demo"], env);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain("already has users");

    const ok = cli(
      [
        "user:create",
        "--email",
        "ops@test.ir",
        "--password",
        "Ops-pass-12345",
        "--role",
        "province_admin",
        "--province",
        "IR-26",
      ],
      env,
    );
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain("Created user ops@test.ir");
    for (const [args, message] of [
      [["--email", "bad", "--password", "Ops-pass-12345", "--role", "national_admin"], /Invalid --email/],
      [["--email", "a@test.ir", "--password", "Ops-pass-12345", "--role", "king"], /Invalid --role/],
      [
        ["--email", "b@test.ir", "--password", "Ops-pass-12345", "--role", "province_admin", "--province", "IR-77"],
        /Unknown province/,
      ],
      [["--email", "ops@test.ir", "--password", "Ops-pass-12345", "--role", "national_admin"], /already registered/],
      [["--email", "c@test.ir", "--password", "weak", "--role", "national_admin"], /at least 10 characters/],
    ] as const) {
      const r = cli(["user:create", ...args], env);
      expect(r.status, r.stdout).toBe(2);
      expect(r.stderr).toMatch(message);
    }

    const out = path.join(dataDir, "backup.db");
    const backup = cli(["backup", "--out", out], env);
    expect(backup.status, backup.stderr).toBe(0);
    expect(fs.statSync(out).size).toBeGreaterThan(10_000);
    expect(fs.readFileSync(out).subarray(0, 15).toString()).toBe("SQLite format 3");
    expect(cli(["backup", "--out", out], env).status).toBe(2);

    const pgBackup = cli(["backup", "--out", "/tmp/k.dump"], {
      DATA_DIR: dataDir,
      DATABASE_URL: "postgres://u@db.example:5432/khooshe",
    });
    expect(pgBackup.stdout).toContain(
      'pg_dump --format=custom --file="/tmp/k.dump" "postgres://u@db.example:5432/khooshe"',
    );
    // Eleven CLI processes, each starting tsx: allow for a busy machine.
  }, 120_000);
});
