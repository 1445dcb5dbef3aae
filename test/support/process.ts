/**
 * Khooshe as a child process for tests: the server started from its entry
 * point with an environment of the test's choosing.
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");
/** What `npm start` runs: the built server (test/support/build-server.ts builds it before the API tests). */
export const SERVER_ARGS = ["--enable-source-maps", "--max-old-space-size=128", path.join(ROOT, "dist/server/main.js")];

/** The test's environment plus `extra`; DATABASE_URL only when `extra` sets it. */
export function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: "silent", ...extra };
  if (!("DATABASE_URL" in extra)) delete env.DATABASE_URL;
  return env;
}

/** Starts the server as `npm start` does (plain node on the bundle) and resolves with its URL once it listens. */
export function startServer(
  env: Record<string, string>,
): Promise<{ proc: ChildProcess; url: string; out: () => string }> {
  const proc = spawn(process.execPath, SERVER_ARGS, { env: baseEnv({ PORT: "0", ...env }), cwd: ROOT });
  let out = "";
  proc.stdout!.on("data", (d) => {
    out += d;
  });
  proc.stderr!.on("data", (d) => {
    out += d;
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 30_000);
    const check = setInterval(() => {
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) {
        clearInterval(check);
        clearTimeout(timer);
        resolve({ proc, url: m[1]!, out: () => out });
      }
    }, 50);
    proc.on("exit", () => {
      clearInterval(check);
      clearTimeout(timer);
      reject(new Error(`server exited:\n${out}`));
    });
  });
}
