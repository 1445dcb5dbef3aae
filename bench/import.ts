/**
 * Import timing and memory (issue 9): a generated office workbook of 20,000
 * and 100,000 enterprises (title block, Persian headers, text numbers in
 * Persian digits, Jalali dates as text, a formula, blank rows, a totals
 * row) uploaded, dry-run and imported into a fresh cluster through the API
 * of the server started as `npm start` does (node --max-old-space-size=128
 * on the bundle), on SQLite and on PostgreSQL. Reported per phase: wall
 * time, and the server's peak resident memory (VmHWM from /proc).
 *
 *   npx tsx bench/import.ts [--rows 20000,100000] [--engines sqlite,postgres]
 *   PG: BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres); the
 *   database khooshe_import_bench is created and dropped.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { buildServer } from "../scripts/build-server.mjs";
import { compactFa, normalizeFa, sortKeyFa } from "../src/core/normalize";
import { hashPassword } from "../src/server/auth/passwords";
import { loadConfig } from "../src/server/config";
import { enterpriseWorkbook } from "../src/server/modules/imports/sample-sheets";
import { openAndMigrate } from "../src/server/start";
import { startServer } from "../test/support/process";
import { createDatabase, dropDatabase, withDb } from "./pg";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "20000,100000" },
    engines: { type: "string", default: "sqlite,postgres" },
  },
});
const ROWS = values.rows.split(",").map(Number);
const ENGINES = values.engines.split(",") as ("sqlite" | "postgres")[];
const PG = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const PASSWORD = "Bench-pass-1234";

function peakRssMb(pid: number): { peak: number; now: number } {
  const s = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)?.[1] ?? 0);
  return { peak: Math.round(kb("VmHWM") / 1024), now: Math.round(kb("VmRSS") / 1024) };
}

async function seed(env: Record<string, string>) {
  const config = loadConfig({ ...process.env, ...env, LOG_LEVEL: "silent" } as NodeJS.ProcessEnv);
  const db = await openAndMigrate(config);
  const clusterId = randomUUID();
  const now = new Date().toISOString();
  const name = "خوشه بسته‌بندی قزوین (سنجش درون‌ریزی)";
  await db.db
    .insertInto("clusters")
    .values({
      id: clusterId,
      province_code: "IR-26",
      name_fa: name,
      name_en: null,
      name_norm: normalizeFa(name),
      name_sort: sortKeyFa(name),
      state: "identified",
      created_at: now,
      updated_at: now,
      archived_at: null,
      place: null,
      sector: null,
      isic_codes: "[]",
      product_groups: "[]",
      advantage_note: null,
      est_enterprises: null,
      est_enterprises_source: null,
      est_enterprises_date: null,
      jobs_industrial: null,
      jobs_guild: null,
      jobs_source: null,
      jobs_date: null,
      state_since: now.slice(0, 10),
      resume_state: null,
      search_norm: compactFa(name),
    })
    .execute();
  const userId = randomUUID();
  const email = "import-bench@khooshe.test";
  await db.db
    .insertInto("users")
    .values({
      id: userId,
      email,
      name: "سنجش",
      name_norm: "سنجش",
      name_sort: sortKeyFa("سنجش"),
      password_hash: await hashPassword(PASSWORD),
      locale: "fa",
      active: 1,
      home_province_code: "IR-26",
      created_at: now,
      updated_at: now,
      last_login_at: null,
      password_changed_at: now,
    })
    .execute();
  await db.db
    .insertInto("role_grants")
    .values({
      id: randomUUID(),
      user_id: userId,
      role: "cluster_manager",
      province_code: "IR-26",
      cluster_id: clusterId,
      enterprise_id: null,
      created_at: now,
      created_by: null,
    })
    .execute();
  await db.close();
  return { clusterId, email };
}

async function run(engine: "sqlite" | "postgres", rows: number, file: string) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "khooshe-import-bench-"));
  const env: Record<string, string> = { DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: "100000", JOBS_POLL_MS: "200" };
  let pgUrl: string | null = null;
  if (engine === "postgres") {
    pgUrl = withDb(PG, "khooshe_import_bench");
    await createDatabase(pgUrl, { replace: true });
    env.DATABASE_URL = pgUrl;
  }
  try {
    const { clusterId, email } = await seed(env);
    const server = await startServer(env);
    const pid = server.proc.pid!;
    try {
      const base = server.url;
      const login = await fetch(`${base}/api/v1/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email, password: PASSWORD }),
      });
      const cookie = login.headers
        .getSetCookie()
        .map((c) => c.split(";")[0])
        .join("; ");
      const { csrfToken } = (await login.json()) as { csrfToken: string };
      const h = { cookie, "x-csrf-token": csrfToken, "accept-language": "fa" };
      const startRss = peakRssMb(pid).now;
      const phases: Record<string, { s: number; peakMb: number }> = {};
      const timed = async <T>(name: string, f: () => Promise<T>) => {
        const t0 = performance.now();
        const out = await f();
        phases[name] = { s: Math.round((performance.now() - t0) / 100) / 10, peakMb: peakRssMb(pid).peak };
        return out;
      };
      const poll = async (id: string) => {
        for (;;) {
          const r = (await (await fetch(`${base}/api/v1/imports/${id}`, { headers: h })).json()) as {
            state: string;
            counts: Record<string, number>;
          };
          if (!["checking", "importing"].includes(r.state)) return r;
          await new Promise((res) => setTimeout(res, 250));
        }
      };
      const bytes = fs.readFileSync(file);
      const up = await timed("upload", async () => {
        const form = new FormData();
        form.append("file", new Blob([new Uint8Array(bytes)]), "بنگاه‌ها.xlsx");
        const r = await fetch(`${base}/api/v1/clusters/${clusterId}/imports?kind=enterprise`, {
          method: "POST",
          headers: h,
          body: form,
        });
        if (r.status !== 201) throw new Error(`upload ${r.status} ${await r.text()}`);
        return (await r.json()) as { id: string };
      });
      const checked = await timed("dry run", async () => {
        const p = (await (await fetch(`${base}/api/v1/imports/${up.id}/preview`, { headers: h })).json()) as Record<
          string,
          unknown
        >;
        const r = await fetch(`${base}/api/v1/imports/${up.id}/check`, {
          method: "POST",
          headers: { ...h, "content-type": "application/json" },
          body: JSON.stringify({ sheet: p.sheet, headerRow: p.headerRow, mapping: p.mapping }),
        });
        if (r.status !== 200) throw new Error(`check ${r.status} ${await r.text()}`);
        return poll(up.id);
      });
      const done = await timed("import", async () => {
        const r = await fetch(`${base}/api/v1/imports/${up.id}/apply`, { method: "POST", headers: h });
        if (r.status !== 200) throw new Error(`apply ${r.status} ${await r.text()}`);
        return poll(up.id);
      });
      if (done.state !== "done") throw new Error(`import ended ${done.state}`);
      const result = {
        engine,
        rows,
        fileMb: Math.round((bytes.length / 1048576) * 10) / 10,
        startRssMb: startRss,
        phases,
        peakRssMb: peakRssMb(pid).peak,
        dryRun: checked.counts,
        imported: done.counts,
      };
      console.log(JSON.stringify(result));
      return result;
    } finally {
      server.proc.kill("SIGTERM");
      await new Promise((r) => server.proc.once("exit", r));
    }
  } finally {
    if (pgUrl) await dropDatabase(pgUrl);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await buildServer();
const files = new Map<number, string>();
for (const n of ROWS) {
  const f = path.join(os.tmpdir(), `khooshe-import-bench-${n}.xlsx`);
  if (!fs.existsSync(f)) fs.writeFileSync(f, await enterpriseWorkbook({ rows: n, badIdEvery: 1000, blankEvery: 5000 }));
  files.set(n, f);
}
const results = [];
for (const engine of ENGINES) for (const n of ROWS) results.push(await run(engine, n, files.get(n)!));
console.log("\n| engine | rows | file MB | upload s | dry run s | import s | peak RSS MB |");
console.log("|---|---|---|---|---|---|---|");
for (const r of results) {
  console.log(
    `| ${r.engine} | ${r.rows} | ${r.fileMb} | ${r.phases.upload!.s} | ${r.phases["dry run"]!.s} | ${r.phases.import!.s} | ${r.peakRssMb} |`,
  );
}
