/**
 * Diagnosis, not measurement: every SQL statement each scenario's requests
 * run, with its time per request and its plan (EXPLAIN QUERY PLAN on
 * SQLite, EXPLAIN (ANALYZE, BUFFERS) on PostgreSQL). The app is built in
 * this process on the benchmark's generated data (a copy on SQLite, a
 * rolled-back transaction nowhere: only reads are explained, writes are
 * listed) and asked through inject(), each request `--repeat` times.
 *
 *   npx tsx bench/explain.ts [--scale national] [--seed 1] [--engine sqlite|postgres]
 *     [--database-url …] [--scenarios list-p1,…] [--repeat 20] [--plans]
 */
import fs from "node:fs";
import path from "node:path";
import { Kysely, type LogEvent, PostgresDialect } from "kysely";
import pg from "pg";
import { loadConfig } from "../src/server/config";
import { openDatabase } from "../src/server/db/connection";
import { sqliteDialect } from "../src/server/db/dialect";
import type { DB } from "../src/server/db/schema";
import { SERVER_MODULES } from "../src/server/modules/index";
import type { ServerModule } from "../src/server/modules/module";
import { createServer } from "../src/server/start";
import { defaultDataDir, parseArgs, ROOT, scaleOf } from "./data";
import { BENCH_PASSWORD, type BenchRole, SCALES, type ScenarioContext } from "./kit";

interface Seen {
  sql: string;
  params: readonly unknown[];
  ms: number[];
}

async function main() {
  const a = parseArgs(process.argv.slice(2));
  const str = (k: string) => {
    const v = a.get(k);
    return v === true ? undefined : v;
  };
  const scale = scaleOf(a.get("scale"), "national");
  const seed = Number(str("seed") ?? 1);
  const engine = str("engine") ?? "sqlite";
  const repeat = Number(str("repeat") ?? 20);
  const only = str("scenarios")?.split(",");
  const marker = JSON.parse(
    fs.readFileSync(path.join(ROOT, "data", "bench", `${engine}-${scale}-s${seed}.json`), "utf8"),
  ) as { accounts: ScenarioContext["accounts"]; today: string; target: string };

  let env: Record<string, string>;
  if (engine === "sqlite") {
    const dir = path.join(ROOT, "data", "bench", `explain-${scale}-s${seed}`);
    fs.mkdirSync(dir, { recursive: true });
    // An earlier run's WAL beside the fresh copy would be replayed into it (a malformed database).
    for (const f of ["khooshe.db-wal", "khooshe.db-shm"]) fs.rmSync(path.join(dir, f), { force: true });
    fs.copyFileSync(path.join(defaultDataDir(scale, seed), "khooshe.db"), path.join(dir, "khooshe.db"));
    env = { DATA_DIR: dir, LOG_LEVEL: "silent", DEMO: "off", JOBS_WORKER: "off", RATE_LIMIT_PER_MINUTE: "1000000000" };
  } else {
    env = { DATABASE_URL: str("database-url") ?? marker.target, LOG_LEVEL: "silent", DEMO: "off", JOBS_WORKER: "off" };
    env.RATE_LIMIT_PER_MINUTE = "1000000000";
  }
  const config = loadConfig(env as NodeJS.ProcessEnv);
  const plain = await openDatabase(config.database);
  let current: Seen[] | null = null;
  const log = (e: LogEvent) => {
    if (!current || e.level !== "query") return;
    const sql = e.query.sql;
    const s = current.find((x) => x.sql === sql);
    if (s) s.ms.push(e.queryDurationMillis);
    else current.push({ sql, params: e.query.parameters, ms: [e.queryDurationMillis] });
  };
  const pool =
    plain.dialect === "postgres"
      ? new pg.Pool({ connectionString: (config.database as { url: string }).url, max: 4 })
      : null;
  // The same connection (SQLite) or server (PostgreSQL), through a Kysely that reports each query.
  const db = pool
    ? new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log })
    : new Kysely<DB>({ dialect: sqliteDialect(plain.sqlite!), log });
  const app = await createServer(config, { ...plain, db });
  await app.ready();

  const cookies = {} as Record<BenchRole, string>;
  for (const role of ["national", "province", "manager"] as const) {
    const r = await app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { email: marker.accounts[role].email, password: BENCH_PASSWORD },
    });
    cookies[role] = r.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  }
  const ctx: ScenarioContext = {
    accounts: marker.accounts,
    scale: SCALES[scale],
    today: marker.today,
    get: async <T>(as: BenchRole, url: string) =>
      (await app.inject({ url, headers: { cookie: cookies[as] } })).json() as T,
  };
  const modules: readonly ServerModule[] = SERVER_MODULES;
  for (const m of modules) {
    if (!m.benchScenarios) continue;
    for (const s of (await m.benchScenarios()).default) {
      if (only && !only.includes(s.id)) continue;
      if (s.kind === "write") continue;
      const p = await s.prepare(ctx);
      console.log(`\n## ${s.id}: ${s.title}`);
      for (const r of p.requests) {
        const url = r.path ?? r.next!().path;
        current = [];
        const t0 = performance.now();
        for (let i = 0; i < repeat; i++) await app.inject({ url, headers: { cookie: cookies[p.as] } });
        const perRequest = (performance.now() - t0) / repeat;
        const seen = current;
        current = null;
        const inSql = seen.reduce((t, q) => t + q.ms.reduce((x, y) => x + y, 0), 0) / repeat;
        console.log(
          `\nGET ${url}\n  ${perRequest.toFixed(2)} ms per request in process, ${inSql.toFixed(2)} ms of it in ${seen.reduce((t, q) => t + q.ms.length, 0) / repeat} queries`,
        );
        for (const q of [...seen].sort((x, y) => y.ms.reduce((s, v) => s + v, 0) - x.ms.reduce((s, v) => s + v, 0))) {
          const mean = q.ms.reduce((s, v) => s + v, 0) / q.ms.length;
          console.log(
            `\n  ${mean.toFixed(3)} ms × ${q.ms.length / repeat}: ${q.sql.replace(/\s+/g, " ").slice(0, 400)}`,
          );
          if (!a.has("plans") || !/^\s*select/i.test(q.sql)) continue;
          if (plain.dialect === "sqlite") {
            const plan = plain.sqlite!.prepare(`explain query plan ${q.sql}`).all(...(q.params as unknown[])) as {
              detail: string;
            }[];
            for (const row of plan) console.log(`      ${row.detail}`);
          } else {
            const r = await pool!.query(`explain (analyze, buffers) ${q.sql}`, q.params as unknown[]);
            for (const row of r.rows as { "QUERY PLAN": string }[]) console.log(`      ${row["QUERY PLAN"]}`);
          }
        }
      }
    }
  }
  await app.close();
  await pool?.end();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
