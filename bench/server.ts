/**
 * Processes for the benchmark: Khooshe as `npm start` runs it (plain node
 * on the bundle dist/server/main.js) or from its TypeScript entry through
 * tsx's loader inside the process, and the floor (bench/floor.ts). Each is
 * its own node process whose pid is the server itself, so node flags such
 * as --cpu-prof apply to it and its memory is read from /proc. Output goes
 * to a log file; the process is ready when its health URL answers.
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { ROOT } from "./data";

export interface Proc {
  child: ChildProcess;
  pid: number;
  url: string;
  logFile: string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      s.close(() => resolve(typeof a === "object" && a ? a.port : 0));
    });
  });
}

function tail(file: string, n = 30): string {
  try {
    return fs.readFileSync(file, "utf8").split("\n").slice(-n).join("\n");
  } catch {
    return "";
  }
}

export async function startProcess(opts: {
  entry: string;
  args?: string[];
  nodeArgs?: string[];
  env: Record<string, string>;
  logFile: string;
  readyPath: string;
}): Promise<Proc> {
  const port = await freePort();
  const out = fs.openSync(opts.logFile, "a");
  const env: NodeJS.ProcessEnv = { ...process.env, ...opts.env, PORT: String(port), HOST: "127.0.0.1" };
  if (!("DATABASE_URL" in opts.env)) delete env.DATABASE_URL;
  const child = spawn(
    process.execPath,
    // TypeScript through tsx's loader; a built .js/.mjs entry with plain node.
    [
      ...(opts.nodeArgs ?? []),
      ...(/\.m?js$/.test(opts.entry) ? [] : ["--import", "tsx"]),
      path.resolve(ROOT, opts.entry),
      ...(opts.args ?? []),
    ],
    { cwd: ROOT, env, stdio: ["ignore", out, out] },
  );
  fs.closeSync(out);
  let exited: number | null | undefined;
  const exit = new Promise<void>((resolve) =>
    child.on("exit", (code) => {
      exited = code;
      resolve();
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited !== undefined) throw new Error(`${opts.entry} exited (${exited}):\n${tail(opts.logFile)}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${opts.entry} did not answer ${opts.readyPath} within 60 s:\n${tail(opts.logFile)}`);
    }
    try {
      const r = await fetch(url + opts.readyPath);
      if (r.ok) break;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    pid: child.pid!,
    url,
    logFile: opts.logFile,
    // SIGTERM: main.ts finishes requests and closes the database (and node writes a --cpu-prof profile).
    stop: async () => {
      if (exited !== undefined) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
      await exit;
      clearTimeout(timer);
    },
  };
}

/** Linux clock ticks per second for /proc/<pid>/stat (CONFIG_HZ for user space is 100 on every common kernel). */
const TICKS = 100;

function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name (which may hold spaces) in parentheses; utime and stime are 14 and 15.
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(f[11]) + Number(f[12])) / TICKS;
}

export function statusKb(pid: number, field: "VmRSS" | "VmHWM"): number {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) : 0;
}

/** All CPUs' busy time so far (seconds of one core), from /proc/stat. */
function machineBusySeconds(): number {
  const f = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal: all but idle and iowait.
  return (f[0]! + f[1]! + f[2]! + f[5]! + f[6]! + f[7]!) / TICKS;
}

/** The CPU time of each PostgreSQL server process, by pid (its backends work for Khooshe's queries). */
function postgresSeconds(): Map<number, number> {
  const out = new Map<number, number>();
  for (const d of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (fs.readFileSync(`/proc/${d}/comm`, "utf8").trim() === "postgres") out.set(Number(d), cpuSeconds(Number(d)));
    } catch {
      /* gone meanwhile */
    }
  }
  return out;
}

/** What PostgreSQL's processes used since `before` (one that ended meanwhile is not counted). */
function postgresSince(before: Map<number, number>): number {
  let t = 0;
  for (const [pid, s] of postgresSeconds()) t += s - (before.get(pid) ?? 0);
  return t;
}

/**
 * Samples the server's resident memory while a run lasts, and what the
 * CPUs did meanwhile: the server's share, PostgreSQL's, and everyone
 * else's on this shared machine (all busy time less the server, the
 * database and this process, which runs autocannon) — the run's noise.
 */
export class Sampler {
  private peakKb = 0;
  private timer: NodeJS.Timeout | null = null;
  private t0 = 0;
  private server0 = 0;
  private pg0 = new Map<number, number>();
  private self0 = 0;
  private busy0 = 0;

  constructor(
    private readonly pid: number,
    private readonly postgres: boolean,
  ) {}

  start(everyMs = 100): void {
    this.peakKb = statusKb(this.pid, "VmRSS");
    this.server0 = cpuSeconds(this.pid);
    if (this.postgres) this.pg0 = postgresSeconds();
    this.self0 = cpuSeconds(process.pid);
    this.busy0 = machineBusySeconds();
    this.t0 = performance.now();
    this.timer = setInterval(() => {
      this.peakKb = Math.max(this.peakKb, statusKb(this.pid, "VmRSS"));
    }, everyMs);
  }

  stop(): { peakRssMb: number; cpuPercent: number; dbCpuPercent: number; otherCpuPercent: number } {
    if (this.timer) clearInterval(this.timer);
    this.peakKb = Math.max(this.peakKb, statusKb(this.pid, "VmRSS"));
    const seconds = (performance.now() - this.t0) / 1000;
    const server = cpuSeconds(this.pid) - this.server0;
    const db = this.postgres ? postgresSince(this.pg0) : 0;
    const self = cpuSeconds(process.pid) - this.self0;
    const busy = machineBusySeconds() - this.busy0;
    const pct = (x: number) => (100 * x) / seconds;
    return {
      peakRssMb: this.peakKb / 1024,
      cpuPercent: pct(server),
      dbCpuPercent: pct(db),
      otherCpuPercent: Math.max(0, pct(busy - server - db - self)),
    };
  }
}
