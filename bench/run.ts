/**
 * `npm run bench`: Khooshe against the bare floor, in one run.
 *
 * Generates the data (bench/data.ts, or reuses it: keyed by engine, scale,
 * seed and the generators' fingerprint), copies it for this run, builds and
 * starts the real server as `npm start` runs it (plain node on
 * dist/server/main.js, its own process), signs in over HTTP as a national
 * admin, a province admin and a cluster manager, captures every scenario's
 * answers, starts the floor (bench/floor.ts) serving those exact answers
 * from memory, and runs autocannon against each — scenario by scenario,
 * connection count by connection count, Khooshe then the floor. Scenarios
 * are the modules' own (their manifests' `benchScenarios`). Prints a
 * Markdown table and saves it to bench/results/<date>-<engine>-<scale>.md.
 *
 *   npm run bench -- [--scale national|province|small] [--seed N] [--engine sqlite|postgres]
 *     [--database-url postgres://…/khooshe_bench] [--seconds 5] [--connections 1,8,32]
 *     [--scenarios list-p1,write-mix] [--warmup 1] [--regenerate] [--no-floor] [--out FILE] [--keep]
 *
 * For diagnosis (such runs are not saved unless --out says where): --cpu-prof DIR (the
 * server's V8 profile; summarise it with bench/profile.ts), --repeat N (consecutive runs in one
 * process), --accept-encoding identity, --node-args="--max-old-space-size=96",
 * --server-entry src/server/main.ts (through tsx), --log-level silent. bench/explain.ts lists
 * each scenario's SQL with timings and plans.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import SqliteDatabase from "better-sqlite3";
import pg from "pg";
import { buildServer } from "../scripts/build-server.mjs";
import { SERVER_MODULES } from "../src/server/modules/index";
import type { ServerModule } from "../src/server/modules/module";
import { dataVersion, defaultDataDir, type GenerateResult, generate, parseArgs, ROOT, scaleOf } from "./data";
import { type Captured, pattern } from "./floor";
import {
  BENCH_PASSWORD,
  type BenchRequest,
  type BenchRole,
  type BenchScenario,
  type PreparedScenario,
  SCALES,
  type ScaleName,
  type ScenarioContext,
} from "./kit";
import { type LoadResult, runLoad } from "./load";
import { createDatabase, databaseExists, dbName, dropDatabase, withDb } from "./pg";
import { type Proc, Sampler, startProcess, statusKb } from "./server";

// ----------------------------------------------------------------- options

/** What `npm start` runs, after `npm run build` (here without the web app's build). */
const START_ENTRY = "dist/server/main.js";
const START_NODE_ARGS = ["--enable-source-maps", "--max-old-space-size=128"];

interface Options {
  scale: ScaleName;
  seed: number;
  engine: "sqlite" | "postgres";
  /** PostgreSQL: the generated (pristine) database; each run works on a copy of it. */
  pgUrl: string;
  seconds: number;
  connections: number[];
  only: Set<string> | null;
  warmup: number;
  logLevel: string;
  cpuProf: string | null;
  regenerate: boolean;
  floor: boolean;
  out: string | null;
  keep: boolean;
  /** Runs per scenario and connection count (consecutive, same process: drift shows). */
  repeat: number;
  acceptEncoding: string;
  /** Extra node flags for the server (diagnosis: --trace-gc, --max-semi-space-size=…). */
  nodeArgs: string[];
  /**
   * The server's entry point: `npm start`'s bundle (built first, as `npm run build:server`
   * does), or another (src/server/main.ts runs through tsx's loader).
   */
  entry: string;
}

function options(argv: string[]): Options {
  const a = parseArgs(argv);
  const known = [
    "scale",
    "seed",
    "engine",
    "database-url",
    "seconds",
    "connections",
    "scenarios",
    "warmup",
    "log-level",
    "cpu-prof",
    "regenerate",
    "no-floor",
    "out",
    "keep",
    "repeat",
    "accept-encoding",
    "node-args",
    "server-entry",
  ];
  for (const k of a.keys()) if (!known.includes(k)) throw new Error(`unknown option --${k}`);
  const str = (k: string): string | undefined => {
    const v = a.get(k);
    if (v === true) throw new Error(`--${k} needs a value`);
    return v;
  };
  const engine = str("engine") ?? "sqlite";
  if (engine !== "sqlite" && engine !== "postgres") throw new Error("--engine is sqlite or postgres");
  const scale = scaleOf(a.get("scale"), "national");
  const seed = Number(str("seed") ?? 1);
  if (!Number.isInteger(seed)) throw new Error("--seed is an integer");
  const connections = (str("connections") ?? "1,8,32").split(",").map(Number);
  if (connections.some((n) => !Number.isInteger(n) || n < 1)) throw new Error("--connections is a list like 1,8,32");
  return {
    scale,
    seed,
    engine,
    pgUrl: str("database-url") ?? `postgres://postgres@127.0.0.1:5432/khooshe_bench_${scale}_s${seed}`,
    seconds: Number(str("seconds") ?? 5),
    connections,
    only: a.has("scenarios") ? new Set((str("scenarios") ?? "").split(",")) : null,
    warmup: Number(str("warmup") ?? 1),
    logLevel: str("log-level") ?? "info",
    cpuProf: str("cpu-prof") ? path.resolve(str("cpu-prof")!) : null,
    regenerate: a.get("regenerate") === true,
    floor: a.get("no-floor") !== true,
    out: str("out") ?? null,
    keep: a.get("keep") === true,
    repeat: Number(str("repeat") ?? 1),
    acceptEncoding: str("accept-encoding") ?? "br, gzip",
    nodeArgs: (str("node-args") ?? "").split(" ").filter(Boolean),
    entry: str("server-entry") ?? START_ENTRY,
  };
}

// ----------------------------------------------------------------- data

type Marker = GenerateResult & { generatedAt: string };

async function ensureData(o: Options): Promise<Marker> {
  const key = `${o.engine}-${o.scale}-s${o.seed}`;
  const markerFile = path.join(ROOT, "data", "bench", `${key}.json`);
  const target = o.engine === "sqlite" ? path.join(defaultDataDir(o.scale, o.seed), "khooshe.db") : o.pgUrl;
  if (!o.regenerate && fs.existsSync(markerFile)) {
    const m = JSON.parse(fs.readFileSync(markerFile, "utf8")) as Marker;
    const present = o.engine === "sqlite" ? fs.existsSync(target) : await databaseExists(target);
    if (m.version === dataVersion() && m.target === target && present) {
      console.log(`Data: reusing ${o.scale} scale, seed ${o.seed}, generated ${m.generatedAt} (${target})`);
      return m;
    }
    console.log("Data: the generators or migrations changed since the data was made; generating again");
  }
  const r = await generate({
    scale: o.scale,
    seed: o.seed,
    databaseUrl: o.engine === "postgres" ? o.pgUrl : undefined,
    replace: true,
  });
  const m: Marker = { ...r, generatedAt: new Date().toISOString() };
  fs.mkdirSync(path.dirname(markerFile), { recursive: true });
  fs.writeFileSync(markerFile, JSON.stringify(m, null, 2));
  return m;
}

// ----------------------------------------------------------------- HTTP as a user

interface Session {
  headers: Record<string, string>;
  unsafe: Record<string, string>;
}

/** What a browser sends besides the cookie: it takes compressed answers, in Persian. */
let BROWSER: Record<string, string> = { "accept-encoding": "br, gzip", "accept-language": "fa" };

async function signIn(base: string, email: string): Promise<Session> {
  const r = await fetch(`${base}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", ...BROWSER },
    body: JSON.stringify({ email, password: BENCH_PASSWORD }),
  });
  if (!r.ok) throw new Error(`sign-in as ${email}: ${r.status} ${await r.text()}`);
  const cookie = r.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .filter((c) => c.startsWith("khooshe_session="))
    .join("; ");
  const { csrfToken } = (await r.json()) as { csrfToken: string };
  return { headers: { cookie, ...BROWSER }, unsafe: { "x-csrf-token": csrfToken } };
}

interface RawAnswer {
  status: number;
  type: string;
  encoding: string | null;
  body: Buffer;
}

/** One request without decompression, so the floor gets the bytes exactly as they were sent. */
function rawRequest(url: string, method: string, headers: Record<string, string>, body?: unknown): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = http.request(
      url,
      {
        method,
        headers: payload
          ? { ...headers, "content-type": "application/json", "content-length": payload.length }
          : headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            type: String(res.headers["content-type"] ?? "application/json"),
            encoding: (res.headers["content-encoding"] as string | undefined) ?? null,
            body: Buffer.concat(chunks),
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

function decoded(a: RawAnswer): Buffer {
  if (a.encoding === "br") return zlib.brotliDecompressSync(a.body);
  if (a.encoding === "gzip") return zlib.gunzipSync(a.body);
  return a.body;
}

// ----------------------------------------------------------------- scenarios

async function loadScenarios(only: Set<string> | null): Promise<(BenchScenario & { module: string })[]> {
  const modules: readonly ServerModule[] = SERVER_MODULES;
  const out: (BenchScenario & { module: string })[] = [];
  for (const m of modules) {
    if (!m.benchScenarios) continue;
    for (const s of (await m.benchScenarios()).default) {
      if (out.some((x) => x.id === s.id)) throw new Error(`bench scenario ${s.id} is defined twice`);
      out.push({ ...s, module: m.name });
    }
  }
  if (only) {
    for (const id of only) if (!out.some((s) => s.id === id)) throw new Error(`no bench scenario ${id}`);
    return out.filter((s) => only.has(s.id));
  }
  return out;
}

/** A request as sent once: fixed, or the next one a builder makes (told its answer). */
function concrete(r: BenchRequest): { method: string; path: string; body?: unknown; token?: unknown } {
  if (r.next) {
    const n = r.next();
    return { method: n.method ?? r.method ?? "GET", path: n.path, body: n.body, token: n.token };
  }
  return { method: r.method ?? "GET", path: r.path!, body: r.body };
}

// ----------------------------------------------------------------- results

interface Run {
  khooshe: LoadResult & { peakRssMb: number; cpuPercent: number; dbCpuPercent: number; otherCpuPercent: number };
  floor: LoadResult | null;
}

interface Row {
  s: BenchScenario & { module: string };
  as: BenchRole;
  /** The decoded size of its answers (the first request's, for a page of several). */
  kb: number;
  runs: Map<number, Run>;
  /** With --repeat: every run, in order. */
  all: { c: number; run: Run }[];
}

const f0 = (n: number) => Math.round(n).toLocaleString("en");
const f1 = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
const ratio = (k: number, f: number | undefined) => (f ? `${(k / f).toFixed(2)}` : "–");

function line(row: Row, c: number, run: Run): string {
  const k = run.khooshe;
  const bad = k.errors + k.timeouts + k.non2xx;
  const floor = run.floor ? `  | floor ${f0(run.floor.rps).padStart(6)} req/s  ÷ ${ratio(k.rps, run.floor.rps)}` : "";
  return `${row.s.id.padEnd(17)} ${String(c).padStart(3)} conn  ${f0(k.rps).padStart(6)} req/s  p50 ${f1(k.p50).padStart(5)}  p95 ${f1(k.p95).padStart(5)}  p99 ${f1(k.p99).padStart(5)} ms  ${bad ? `ERRORS ${bad}  ` : ""}cpu ${f0(k.cpuPercent)}%${k.dbCpuPercent ? ` db ${f0(k.dbCpuPercent)}%` : ""} others ${f0(k.otherCpuPercent)}%  rss ${f0(k.peakRssMb)} MB${floor}`;
}

/**
 * How fast one core of this machine is right now: SHA-256 over 1 MB blocks
 * for half a second. A VM's host can slow its cores without it showing in the
 * load average; this puts a number on it beside the results.
 */
function cpuProbe(): string {
  const block = Buffer.alloc(1 << 20, 7);
  const t0 = performance.now();
  let n = 0;
  while (performance.now() - t0 < 500) {
    createHash("sha256").update(block).digest();
    n++;
  }
  return `${Math.round(n / ((performance.now() - t0) / 1000))} MB/s SHA-256 on one core`;
}

function shell(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: "utf8" }).trim();
  } catch {
    return "";
  }
}

interface Verdict {
  ok: boolean;
  text: string;
}

function targets(rows: Row[], o: Options, busy: number, hwmMb: number): Verdict[] {
  const top = Math.max(...o.connections);
  const at = (r: Row) => r.runs.get(top);
  const reads = rows.filter((r) => r.s.kind !== "write");
  const out: Verdict[] = [];
  const list = (xs: Row[], f: (r: Row) => string) => xs.map(f).join(", ") || "none";
  if (reads.length) {
    const slow = reads.filter((r) => (at(r)?.khooshe.p99 ?? 0) > 50);
    out.push({
      ok: slow.length === 0,
      text: `every read p99 ≤ 50 ms at ${top} connections — ${slow.length ? `missed by ${list(slow, (r) => `${r.s.id} ${f1(at(r)!.khooshe.p99)} ms`)}` : "met"} (worst ${list(
        [...reads].sort((a, b) => (at(b)?.khooshe.p99 ?? 0) - (at(a)?.khooshe.p99 ?? 0)).slice(0, 1),
        (r) => `${r.s.id} ${f1(at(r)?.khooshe.p99 ?? 0)} ms`,
      )})`,
    });
  }
  const searches = rows.filter((r) => r.s.kind === "search");
  if (searches.length) {
    const slow = searches.filter((r) => (at(r)?.khooshe.p95 ?? 0) > 20);
    out.push({
      ok: slow.length === 0,
      text: `search p95 ≤ 20 ms at ${top} connections — ${slow.length ? `missed by ${list(slow, (r) => `${r.s.id} ${f1(at(r)!.khooshe.p95)} ms`)}` : `met (${list(searches, (r) => `${r.s.id} ${f1(at(r)?.khooshe.p95 ?? 0)} ms`)})`}`,
    });
  }
  if (o.floor && reads.length) {
    const low = reads.filter((r) => {
      const x = at(r);
      return x?.floor && x.khooshe.rps < 0.5 * x.floor.rps;
    });
    out.push({
      ok: low.length === 0,
      text: `read throughput ≥ 0.5 × the floor at ${top} connections — ${low.length ? `missed by ${list(low, (r) => `${r.s.id} ${ratio(at(r)!.khooshe.rps, at(r)!.floor!.rps)}`)}` : "met"}`,
    });
  }
  const errs = rows.flatMap((r) =>
    [...r.runs]
      .filter(([, x]) => x.khooshe.errors + x.khooshe.timeouts + x.khooshe.non2xx > 0)
      .map(([c]) => `${r.s.id}@${c}`),
  );
  out.push({
    ok: errs.length === 0,
    text: `0 errors and non-2xx — ${errs.length ? `missed: ${errs.join(", ")}` : "met"}`,
  });
  const mix = rows.filter((r) => r.s.kind === "write");
  if (mix.length) {
    const fiveXX = mix.reduce(
      (n, r) =>
        n +
        [...r.runs.values()].reduce(
          (t, x) => t + Object.entries(x.khooshe.statuses).reduce((u, [k, v]) => u + (k.startsWith("5") ? v : 0), 0),
          0,
        ),
      0,
    );
    const ok = busy === 0 && fiveXX === 0;
    out.push({
      ok,
      text:
        o.engine === "sqlite"
          ? `no SQLITE_BUSY reaches a client in the write mix — ${ok ? "met" : "missed"} (${fiveXX} answers 5xx, ${busy} SQLITE_BUSY in the server log)`
          : `no deadlock or serialisation failure reaches a client in the write mix — ${ok ? "met" : "missed"} (${fiveXX} answers 5xx)`,
    });
  }
  const peak = Math.max(hwmMb, ...rows.flatMap((r) => [...r.runs.values()].map((x) => x.khooshe.peakRssMb)));
  out.push({
    ok: peak <= 300,
    text: `server peak RSS ≤ 300 MB — ${peak <= 300 ? "met" : "missed"} (${f0(peak)} MB, VmHWM)`,
  });
  for (const deep of rows.filter((r) => r.s.deepPageOf)) {
    const first = rows.find((r) => r.s.id === deep.s.deepPageOf);
    if (!first) continue;
    const c1 = Math.min(...o.connections);
    const a = deep.runs.get(c1)?.khooshe.p50 ?? 0;
    const b = first.runs.get(c1)?.khooshe.p50 ?? 1;
    const t1 = first.runs.get(top)?.khooshe.rps ?? 0;
    const t2 = deep.runs.get(top)?.khooshe.rps ?? 0;
    const ok = a <= 2 * b && t2 >= t1 / 2;
    out.push({
      ok,
      text: `a deep page no slower than page 1 by more than 2× — ${ok ? "met" : "missed"} (${deep.s.id} vs ${first.s.id}: p50 at ${c1} connection ${f1(a)} vs ${f1(b)} ms, ${(a / b).toFixed(2)}×; ${f0(t2)} vs ${f0(t1)} req/s at ${top})`,
    });
  }
  return out;
}

function markdown(
  rows: Row[],
  o: Options,
  m: Marker,
  env: Record<string, string>,
  verdicts: Verdict[],
  notes: string[],
): string {
  const t: string[] = [];
  t.push(`# Khooshe benchmark — ${o.engine}, ${o.scale} scale, ${env.date}`);
  t.push("");
  for (const [k, v] of Object.entries(env)) if (k !== "date") t.push(`- **${k}**: ${v}`);
  t.push("");
  t.push(
    `Data: seed ${m.seed}, anchored at ${m.today}, generated in ${m.seconds.toFixed(1)} s (${m.generators.map((g) => `${g.module} ${g.seconds.toFixed(1)} s`).join(", ")}); database ${(m.bytes / (1 << 20)).toFixed(0)} MB. Rows: ${m.generators
      .flatMap((g) => Object.entries(g.rows).map(([k, v]) => `${k} ${v.toLocaleString("en")}`))
      .join(", ")}.`,
  );
  t.push("");
  t.push(
    `| scenario | as | conns | req/s | floor req/s | ÷ floor | p50 ms | p95 ms | p99 ms | errors | non-2xx | server CPU |${o.engine === "postgres" ? " PostgreSQL CPU |" : ""} others' CPU | peak RSS MB | body KB |`,
  );
  t.push(`|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|${o.engine === "postgres" ? "--:|" : ""}--:|--:|--:|`);
  for (const r of rows) {
    for (const [c, run] of r.runs) {
      const k = run.khooshe;
      t.push(
        `| ${r.s.id} — ${r.s.title} | ${r.as} | ${c} | ${f0(k.rps)} | ${run.floor ? f0(run.floor.rps) : "–"} | ${ratio(k.rps, run.floor?.rps)} | ${f1(k.p50)} | ${f1(k.p95)} | ${f1(k.p99)} | ${k.errors + k.timeouts} | ${k.non2xx} | ${f0(k.cpuPercent)}% |${o.engine === "postgres" ? ` ${f0(k.dbCpuPercent)}% |` : ""} ${f0(k.otherCpuPercent)}% | ${f0(k.peakRssMb)} | ${r.kb.toFixed(1)} |`,
      );
    }
  }
  const mixes = rows.filter((r) => r.s.kind === "write");
  for (const r of mixes) {
    t.push("");
    t.push(`${r.s.id}, by part:`);
    t.push("");
    t.push("| conns | part | requests | p50 ms | p95 ms | p99 ms | non-2xx | statuses |");
    t.push("|--:|---|--:|--:|--:|--:|--:|---|");
    for (const [c, run] of r.runs) {
      for (const [label, l] of Object.entries(run.khooshe.byLabel)) {
        const st = Object.entries(l.statuses)
          .map(([k, v]) => `${k}×${v}`)
          .join(" ");
        t.push(
          `| ${c} | ${label} | ${f0(l.count)} | ${f1(l.p50)} | ${f1(l.p95)} | ${f1(l.p99)} | ${l.non2xx} | ${st} |`,
        );
      }
    }
  }
  t.push("");
  t.push(
    "CPU columns are % of one core during the Khooshe run: the server process, PostgreSQL's processes, and everything else on this shared machine besides autocannon (other engineers' work: the run's noise). Latencies are over every answer. body KB: the first request's decoded JSON.",
  );
  t.push("");
  t.push("## Targets");
  t.push("");
  for (const v of verdicts) t.push(`- ${v.ok ? "✅" : "❌"} ${v.text}`);
  if (notes.length) {
    t.push("");
    t.push("## Notes");
    t.push("");
    for (const n of notes) t.push(`- ${n}`);
  }
  t.push("");
  return t.join("\n");
}

// ----------------------------------------------------------------- main

async function main() {
  const o = options(process.argv.slice(2));
  BROWSER = { "accept-encoding": o.acceptEncoding, "accept-language": "fa" };
  const loadBefore = shell("uptime", []);
  const probeBefore = cpuProbe();
  console.log(`Load before the run: ${loadBefore}`);
  const marker = await ensureData(o);

  // A copy of the generated data for this run: the write mix changes it.
  const key = `${o.engine}-${o.scale}-s${o.seed}`;
  const runDir = path.join(ROOT, "data", "bench", `run-${key}`);
  fs.rmSync(runDir, { recursive: true, force: true });
  fs.mkdirSync(runDir, { recursive: true });
  const env: Record<string, string> = {
    DATA_DIR: runDir,
    LOG_LEVEL: o.logLevel,
    DEMO: "off",
    // The general limit is per client address, and autocannon is one address.
    RATE_LIMIT_PER_MINUTE: "1000000000",
  };
  let runUrl: string | null = null;
  let engineVersion: string;
  if (o.engine === "sqlite") {
    const t = performance.now();
    fs.copyFileSync(marker.target, path.join(runDir, "khooshe.db"), fs.constants.COPYFILE_FICLONE);
    console.log(`Copied the data for this run in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const h = new SqliteDatabase(":memory:");
    engineVersion = `SQLite ${(h.prepare("select sqlite_version() as v").get() as { v: string }).v} (better-sqlite3), WAL`;
    h.close();
  } else {
    runUrl = withDb(o.pgUrl, `${dbName(o.pgUrl)}_run`);
    const t = performance.now();
    await createDatabase(runUrl, { replace: true, template: dbName(o.pgUrl) });
    console.log(`Copied the data for this run (template) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    env.DATABASE_URL = runUrl;
    const c = new pg.Client({ connectionString: runUrl });
    await c.connect();
    engineVersion = String((await c.query("show server_version")).rows[0].server_version);
    engineVersion = `PostgreSQL ${engineVersion} (shared_buffers ${(await c.query("show shared_buffers")).rows[0].shared_buffers}), server pool 10`;
    await c.end();
  }

  let server: Proc | null = null;
  let floor: Proc | null = null;
  try {
    if (o.cpuProf) fs.mkdirSync(o.cpuProf, { recursive: true });
    if (o.entry === START_ENTRY) {
      const t = performance.now();
      await buildServer();
      console.log(`Built ${START_ENTRY} (npm run build:server) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
    server = await startProcess({
      entry: o.entry,
      env,
      nodeArgs: [
        ...(o.entry === START_ENTRY ? START_NODE_ARGS : []),
        ...(o.cpuProf ? ["--cpu-prof", `--cpu-prof-dir=${o.cpuProf}`] : []),
        ...o.nodeArgs,
      ],
      logFile: path.join(runDir, "server.log"),
      readyPath: "/api/health",
    });
    const base = server.url;
    console.log(`Khooshe (pid ${server.pid}) at ${base}, ${engineVersion}`);

    const sessions = {} as Record<BenchRole, Session>;
    for (const role of ["national", "province", "manager"] as const) {
      sessions[role] = await signIn(base, marker.accounts[role].email);
    }
    const ctx: ScenarioContext = {
      accounts: marker.accounts,
      scale: SCALES[o.scale],
      today: marker.today,
      get: async <T>(as: BenchRole, p: string) => {
        const r = await rawRequest(base + p, "GET", sessions[as].headers);
        const text = decoded(r).toString("utf8");
        if (r.status !== 200) throw new Error(`GET ${p} as ${as}: ${r.status} ${text}`);
        return JSON.parse(text) as T;
      },
    };
    const scenarios = await loadScenarios(o.only);

    // Every scenario's answers, once, for the floor to serve.
    const captured = new Map<string, Captured>();
    const rows: Row[] = [];
    for (const s of scenarios) {
      const p = await s.prepare(ctx);
      let kb = 0;
      for (const [i, r] of p.requests.entries()) {
        const c = concrete(r);
        const hdrs =
          c.method === "GET" ? sessions[p.as].headers : { ...sessions[p.as].headers, ...sessions[p.as].unsafe };
        const a = await rawRequest(base + c.path, c.method, hdrs, c.body);
        r.done?.(a.status, c.token);
        if (a.status < 200 || a.status > 299)
          throw new Error(`${s.id}: ${c.method} ${c.path} answered ${a.status}: ${decoded(a).toString("utf8")}`);
        if (i === 0) kb = decoded(a).length / 1024;
        const k = r.next ? pattern(c.method, c.path) : `${c.method} ${c.path}`;
        if (!captured.has(k))
          captured.set(k, {
            key: k,
            status: a.status,
            type: a.type,
            encoding: a.encoding,
            body: a.body.toString("base64"),
          });
      }
      rows.push({ s, as: p.as, kb, runs: new Map(), all: [] });
    }
    if (o.floor) {
      const file = path.join(runDir, "captured.json");
      fs.writeFileSync(file, JSON.stringify([...captured.values()]));
      floor = await startProcess({
        entry: "bench/floor.ts",
        args: [file],
        env: {},
        logFile: path.join(runDir, "floor.log"),
        readyPath: "/__floor",
      });
      console.log(`Floor (pid ${floor.pid}) at ${floor.url}, ${captured.size} captured answers`);
    }

    const sampler = new Sampler(server.pid, o.engine === "postgres");
    const runOnce = async (url: string, p: PreparedScenario, c: number, seconds: number) =>
      runLoad({
        url,
        connections: c,
        seconds,
        headers: sessions[p.as].headers,
        unsafeHeaders: sessions[p.as].unsafe,
        requests: p.requests,
      });
    console.log(
      `\n${o.seconds} s per run, connections ${o.connections.join(", ")}, ${o.warmup} s warm-up per scenario\n`,
    );
    // A fresh process runs slower for its first seconds (JIT, a small heap collected often): the
    // first scenario would pay for it, so the server is warmed on every scenario first.
    if (o.warmup > 0) for (const row of rows) await runOnce(base, await row.s.prepare(ctx), 8, o.warmup);
    for (const row of rows) {
      if (o.warmup > 0) {
        await runOnce(base, await row.s.prepare(ctx), 8, o.warmup);
        if (floor) await runOnce(floor.url, await row.s.prepare(ctx), 8, o.warmup);
      }
      for (const c of o.connections) {
        for (let i = 0; i < o.repeat; i++) {
          // Prepared afresh for each run: pools start from the data as it is now.
          const p = await row.s.prepare(ctx);
          sampler.start();
          const k = await runOnce(base, p, c, o.seconds);
          const khooshe = { ...k, ...sampler.stop() };
          const f = floor ? await runOnce(floor.url, await row.s.prepare(ctx), c, o.seconds) : null;
          const run: Run = { khooshe, floor: f };
          row.runs.set(c, run);
          row.all.push({ c, run });
          console.log(line(row, c, run));
        }
      }
    }

    const hwmMb = statusKb(server.pid, "VmHWM") / 1024;
    const log = fs.readFileSync(server.logFile, "utf8");
    const busy = (log.match(/SQLITE_BUSY/g) ?? []).length;
    const notes: string[] = [];
    const loadAfter = shell("uptime", []);
    const probeAfter = cpuProbe();
    const verdicts = targets(rows, o, busy, hwmMb);
    const date = new Date().toLocaleDateString("sv");
    const commit = shell("git", ["-C", ROOT, "rev-parse", "--short", "HEAD"]);
    const cpus = os.cpus();
    const header: Record<string, string> = {
      date,
      machine: `${cpus.length} × ${cpus[0]?.model ?? "cpu"}, ${(os.totalmem() / (1 << 30)).toFixed(0)} GB, ${os.type()} ${os.release()}, Node ${process.version}`,
      "load before": loadBefore,
      "load after": loadAfter,
      "core speed": `${probeBefore} before, ${probeAfter} after`,
      commit: `${commit}${shell("git", ["-C", ROOT, "status", "--porcelain", "--untracked-files=no"]) ? " (with uncommitted changes in the tree)" : ""}`,
      engine: engineVersion,
      server: `${o.entry === START_ENTRY ? `\`node ${START_NODE_ARGS.join(" ")} ${START_ENTRY}\` as \`npm start\` runs it (built by build:server; no web build)` : `\`node ${/\.m?js$/.test(o.entry) ? "" : "--import tsx "}${o.entry}\``}, LOG_LEVEL=${o.logLevel} to a file, RATE_LIMIT_PER_MINUTE raised, job worker on`,
      requests: `autocannon ${o.seconds} s per run after a ${o.warmup} s warm-up per scenario${o.repeat > 1 ? `, ${o.repeat} runs each (the table shows the last)` : ""}; Khooshe then the floor; each request carries the session cookie, \`accept-encoding: ${o.acceptEncoding}\` and \`accept-language: fa\` as a browser's do`,
      floor:
        "bench/floor.ts: bare Fastify answering each request with the status, type, encoding and exact body bytes Khooshe gave it, from memory; same machine, same autocannon settings",
    };
    if (o.cpuProf) header.profile = `--cpu-prof into ${o.cpuProf}`;
    if (o.nodeArgs.length) header["server node flags"] = o.nodeArgs.join(" ");
    const md = markdown(rows, o, marker, header, verdicts, notes);
    console.log(`\n${md}`);
    const partial =
      o.only !== null ||
      o.cpuProf !== null ||
      o.repeat > 1 ||
      o.acceptEncoding !== "br, gzip" ||
      o.nodeArgs.length > 0 ||
      o.entry !== START_ENTRY;
    const outFile =
      o.out ?? (partial ? null : path.join(ROOT, "bench", "results", `${date}-${o.engine}-${o.scale}.md`));
    if (outFile) {
      fs.mkdirSync(path.dirname(outFile), { recursive: true });
      fs.writeFileSync(outFile, md);
      console.log(`Saved ${path.relative(ROOT, outFile)}`);
    } else console.log("(a partial or profiled run: not saved; --out FILE saves it)");
  } finally {
    await floor?.stop();
    await server?.stop();
    if (o.cpuProf) console.log(`CPU profile in ${o.cpuProf} (npx tsx bench/profile.ts <file>)`);
    if (!o.keep) {
      if (runUrl) await dropDatabase(runUrl);
      for (const f of ["khooshe.db", "khooshe.db-wal", "khooshe.db-shm"])
        fs.rmSync(path.join(runDir, f), { force: true });
    }
  }
}

main().catch((e: unknown) => {
  console.error(`bench: ${(e as Error).stack ?? String(e)}`);
  process.exit(1);
});
