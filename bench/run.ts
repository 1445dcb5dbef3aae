/**
 * Load benchmark: the real server on SQLite (and PostgreSQL when DATABASE_URL
 * is set), first on the demo data, then with a generated national-scale
 * registry. Prints requests/second and latency percentiles per endpoint.
 *
 *   npm run bench                      # SQLite
 *   DATABASE_URL=postgres://… npm run bench
 *   BENCH_CLUSTERS=20000 BENCH_SECONDS=10 npm run bench
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { CLUSTER_STATES } from "../src/core/lifecycle";
import { compactFa, normalizeFa, sortKeyFa } from "../src/core/normalize";
import { loadConfig } from "../src/server/config";
import type { Database } from "../src/server/db/connection";
import { loadDemo } from "../src/server/demo/load";
import { createServer, openAndMigrate } from "../src/server/start";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const EXTRA_CLUSTERS = Number(process.env.BENCH_CLUSTERS ?? 5000);
const PRODUCTS = ["پوشاک", "کفش", "فرش دستباف", "مبلمان", "طلا و جواهر", "بسته‌بندی", "سنگ", "چرم", "لبنیات", "پلاستیک"];

async function generate(database: Database, n: number) {
  const provinces = await database.db.selectFrom("provinces").select("code").execute();
  const now = new Date().toISOString();
  await database.db.transaction().execute(async (trx) => {
    for (let i = 0; i < n; i += 500) {
      const rows = Array.from({ length: Math.min(500, n - i) }, (_, j) => {
        const k = i + j;
        const nameFa = `خوشه ${PRODUCTS[k % PRODUCTS.length]} شماره ${k}`;
        return {
          id: randomUUID(),
          province_code: provinces[k % provinces.length]!.code,
          name_fa: nameFa,
          name_en: null,
          name_norm: normalizeFa(nameFa),
          name_sort: sortKeyFa(nameFa),
          state: CLUSTER_STATES[k % CLUSTER_STATES.length]!,
          created_at: now,
          updated_at: now,
          archived_at: null,
          place: null,
          sector: PRODUCTS[k % PRODUCTS.length]!,
          isic_codes: "[]",
          product_groups: "[]",
          advantage_note: null,
          est_enterprises: 50 + (k % 300),
          est_enterprises_source: null,
          est_enterprises_date: null,
          jobs_industrial: null,
          jobs_guild: null,
          jobs_source: null,
          jobs_date: null,
          state_since: now.slice(0, 10),
          resume_state: null,
          search_norm: compactFa(`${nameFa} ${PRODUCTS[k % PRODUCTS.length]}`),
        };
      });
      await trx.insertInto("clusters").values(rows).execute();
    }
  });
}

async function run(url: string, cookie: string, title: string) {
  const r = await autocannon({ url, duration: SECONDS, connections: 10, headers: { cookie, "accept-language": "fa" } });
  const ok = r.non2xx === 0 && r.errors === 0;
  console.log(
    `${title.padEnd(44)} ${String(Math.round(r.requests.average)).padStart(6)} req/s   p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(r.latency.p99).padStart(4)} ms${ok ? "" : `   (non-2xx ${r.non2xx}, errors ${r.errors})`}`,
  );
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "khooshe-bench-"));
  const env: Record<string, string> = { DATA_DIR: dataDir, LOG_LEVEL: "silent", RATE_LIMIT_PER_MINUTE: "100000000" };
  if (process.env.DATABASE_URL) env.DATABASE_URL = process.env.DATABASE_URL;
  const config = loadConfig(env as NodeJS.ProcessEnv);
  const database = await openAndMigrate(config);
  await loadDemo(database);
  const app = await createServer(config, database);
  await app.listen({ port: 0, host: "127.0.0.1" });
  const addr = app.server.address();
  const base = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "admin@khooshe.ir", password: "Khooshe1234" }),
  });
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0]!;
  console.log(
    `Khooshe benchmark on ${database.dialect}, ${SECONDS} s per endpoint, 10 connections, ${os.cpus().length} cores`,
  );
  const endpoints: Array<[string, string]> = [
    ["health", "/api/health"],
    ["registry list (50 rows)", "/api/v1/clusters?limit=50"],
    ["registry search «پوشاک»", `/api/v1/clusters?limit=50&q=${encodeURIComponent("پوشاک")}`],
    ["registry filter state+province", "/api/v1/clusters?state=identified&provinceCode=IR-10"],
    ["stats (table and tile map)", "/api/v1/clusters/stats"],
  ];
  console.log("\n-- demo data");
  for (const [title, p] of endpoints) await run(base + p, cookie, title);
  const started = performance.now();
  await generate(database, EXTRA_CLUSTERS);
  console.log(`\n-- with ${EXTRA_CLUSTERS} more clusters (generated in ${Math.round(performance.now() - started)} ms)`);
  for (const [title, p] of endpoints) await run(base + p, cookie, title);
  const mem = process.memoryUsage();
  console.log(
    `\nserver process RSS ${Math.round(mem.rss / 1048576)} MB, heap used ${Math.round(mem.heapUsed / 1048576)} MB`,
  );
  await app.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

await main();
