/**
 * `npm run bench:data`: fills a SQLite file or a PostgreSQL database with
 * the benchmark's data, deterministic from the seed. The database is
 * migrated first by the product's own migrator; then each module's
 * generator (its manifest's `benchData`) runs in SERVER_MODULES order — a
 * generator that reads a later module's data says so with `after` — each in
 * one transaction, with what earlier ones made at hand.
 *
 *   npm run bench:data -- --scale national|province|small [--seed N]
 *        [--database-url postgres://…] [--data-dir DIR] [--today YYYY-MM-DD] [--replace]
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import { todayIso } from "../src/core/jalali";
import { loadConfig } from "../src/server/config";
import { optimizeSqlite } from "../src/server/db/connection";
import { migrationList } from "../src/server/db/migrations/index";
import { plannerStatisticsTables, SERVER_MODULES } from "../src/server/modules/index";
import type { ServerModule } from "../src/server/modules/module";
import { openAndMigrate } from "../src/server/start";
import {
  type BenchAccount,
  type BenchGenerator,
  type BenchMade,
  type BenchRole,
  type BenchScale,
  type GenContext,
  makeInserter,
  Rng,
  SCALES,
  type ScaleName,
} from "./kit";
import { createDatabase, databaseExists, hasUsers } from "./pg";

export const ROOT = path.resolve(import.meta.dirname, "..");

export interface GenerateOptions {
  scale: ScaleName;
  seed: number;
  /** PostgreSQL; otherwise SQLite in dataDir. */
  databaseUrl?: string;
  dataDir?: string;
  today?: string;
  /** Replace an existing database (the benchmark's own default places are always replaced). */
  replace?: boolean;
}

export interface GenerateResult {
  scale: ScaleName;
  seed: number;
  today: string;
  version: string;
  engine: "sqlite" | "postgres";
  /** The SQLite file or the PostgreSQL URL. */
  target: string;
  seconds: number;
  bytes: number;
  generators: { module: string; seconds: number; rows: Record<string, number> }[];
  accounts: Record<BenchRole, BenchAccount>;
}

export function defaultDataDir(scale: ScaleName, seed: number): string {
  return path.join(ROOT, "data", "bench", `sqlite-${scale}-s${seed}`);
}

/**
 * A fingerprint of what makes the data: the generators' sources and the
 * migrations they fill. The benchmark regenerates when it changes.
 */
export function dataVersion(): string {
  const h = createHash("sha256");
  const files = [
    "bench/kit.ts",
    "bench/fa-data.ts",
    "bench/data.ts",
    ...fs
      .readdirSync(path.join(ROOT, "src/server/modules"))
      .map((m) => `src/server/modules/${m}/bench-data.ts`)
      .filter((f) => fs.existsSync(path.join(ROOT, f)))
      .sort(),
  ];
  for (const f of files) h.update(f).update(fs.readFileSync(path.join(ROOT, f)));
  for (const [name] of migrationList(SERVER_MODULES)) h.update(name);
  return h.digest("hex").slice(0, 16);
}

/** The generators in manifest order, each moved after the modules it names in `after`. */
async function generators(): Promise<{ name: string; gen: BenchGenerator }[]> {
  const modules: readonly ServerModule[] = SERVER_MODULES;
  const all: { name: string; gen: BenchGenerator }[] = [];
  for (const m of modules) if (m.benchData) all.push({ name: m.name, gen: (await m.benchData()).default });
  const names = new Set(all.map((g) => g.name));
  const out: typeof all = [];
  const placing = new Set<string>();
  const place = (g: (typeof all)[number]) => {
    if (out.includes(g)) return;
    if (placing.has(g.name)) throw new Error(`bench generators: ${g.name} waits for itself (after)`);
    placing.add(g.name);
    for (const a of g.gen.after ?? []) {
      if (!names.has(a)) throw new Error(`bench generator ${g.name} runs after ${a}, which has none`);
      place(all.find((x) => x.name === a)!);
    }
    placing.delete(g.name);
    out.push(g);
  };
  for (const g of all) place(g);
  return out;
}

function fmtBytes(n: number): string {
  return n >= 1 << 30 ? `${(n / (1 << 30)).toFixed(2)} GB` : `${(n / (1 << 20)).toFixed(0)} MB`;
}

export async function generate(opts: GenerateOptions, log: (s: string) => void = console.log): Promise<GenerateResult> {
  const scale: BenchScale = SCALES[opts.scale];
  const today = opts.today ?? todayIso();
  const env: Record<string, string> = { LOG_LEVEL: "silent" };
  let target: string;
  if (opts.databaseUrl) {
    if (await databaseExists(opts.databaseUrl)) {
      if (opts.replace) await createDatabase(opts.databaseUrl, { replace: true });
      else if (await hasUsers(opts.databaseUrl))
        throw new Error(`${opts.databaseUrl} already has data; pass --replace to drop and recreate it`);
    } else await createDatabase(opts.databaseUrl);
    env.DATABASE_URL = opts.databaseUrl;
    target = opts.databaseUrl;
  } else {
    const own = !opts.dataDir;
    const dir = path.resolve(opts.dataDir ?? defaultDataDir(opts.scale, opts.seed));
    const file = path.join(dir, "khooshe.db");
    if (fs.existsSync(file)) {
      if (!own && !opts.replace) throw new Error(`${file} exists; pass --replace to overwrite it`);
      for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    }
    env.DATA_DIR = dir;
    target = file;
  }

  const started = performance.now();
  const database = await openAndMigrate(loadConfig(env as NodeJS.ProcessEnv));
  const result: GenerateResult["generators"] = [];
  let accounts: Record<BenchRole, BenchAccount> | undefined;
  try {
    if (database.sqlite) {
      // For the load only (the server sets its own at open): a big page cache for the
      // indexes, and no fsync — a failed run's file is thrown away.
      database.sqlite.pragma("cache_size = -262144");
      database.sqlite.pragma("synchronous = OFF");
    }
    const provinces = (
      await database.db.selectFrom("provinces").select(["code", "name_fa", "name_en"]).orderBy("code").execute()
    )
      .filter((p) => scale.provinces === "all" || scale.provinces.includes(p.code))
      .map((p) => ({ code: p.code, nameFa: p.name_fa, nameEn: p.name_en }));
    const root = new Rng(opts.seed);
    const made: Partial<BenchMade> = {};
    log(`Generating ${scale.name} scale (seed ${opts.seed}, today ${today}) into ${database.describe}`);
    for (const { name, gen } of await generators()) {
      const t = performance.now();
      const rows = await database.db.transaction().execute((trx) => {
        const ctx: GenContext = {
          db: trx,
          dialect: database.dialect,
          rng: root.fork(name),
          scale,
          today,
          provinces,
          count: (n, min = 1) => Math.max(min, Math.round(n * scale.factor)),
          insert: makeInserter(database, trx),
          made,
          need: (key) => {
            const v = made[key];
            if (v === undefined) throw new Error(`bench generator ${name} needs ${key}, which no earlier one made`);
            return v as NonNullable<typeof v>;
          },
        };
        return gen.run(ctx);
      });
      const seconds = (performance.now() - t) / 1000;
      result.push({ module: name, seconds, rows });
      const what = Object.entries(rows)
        .map(([k, v]) => `${k} ${v.toLocaleString("en")}`)
        .join(", ");
      log(`  ${name.padEnd(12)} ${seconds.toFixed(1).padStart(6)} s   ${what}`);
    }
    accounts = made.accounts;
    if (!accounts) throw new Error("no generator made the benchmark's accounts (the users module's does)");
    const t = performance.now();
    if (database.dialect === "postgres") {
      // What autovacuum reaches soon after a load of this size: statistics and the visibility map.
      await sql`vacuum analyze`.execute(database.db);
      log(`  vacuum analyze ${((performance.now() - t) / 1000).toFixed(1).padStart(4)} s`);
    } else {
      // The statistics the server gathers on its first start on these data (optimizeSqlite()).
      optimizeSqlite(database, plannerStatisticsTables());
      database.sqlite!.pragma("wal_checkpoint(TRUNCATE)");
      log(`  optimize     ${((performance.now() - t) / 1000).toFixed(1).padStart(4)} s`);
    }
  } catch (e) {
    await database.close();
    throw e;
  }
  let bytes: number;
  if (database.dialect === "postgres") {
    const r = await sql<{ n: number }>`select pg_database_size(current_database()) as n`.execute(database.db);
    bytes = Number(r.rows[0]!.n);
    await database.close();
  } else {
    await database.close();
    bytes = fs.statSync(target).size;
  }
  const seconds = (performance.now() - started) / 1000;
  log(`  total        ${seconds.toFixed(1).padStart(6)} s   database ${fmtBytes(bytes)}`);
  return {
    scale: opts.scale,
    seed: opts.seed,
    today,
    version: dataVersion(),
    engine: opts.databaseUrl ? "postgres" : "sqlite",
    target,
    seconds,
    bytes,
    generators: result,
    accounts: accounts!,
  };
}

// ----------------------------------------------------------------- command line

export function parseArgs(argv: string[]): Map<string, string | true> {
  const out = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith("--")) throw new Error(`unexpected argument ${a}`);
    const eq = a.indexOf("=");
    const k = eq < 0 ? a.slice(2) : a.slice(2, eq);
    const v = eq < 0 ? undefined : a.slice(eq + 1);
    if (v !== undefined) out.set(k, v);
    else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith("--")) out.set(k, argv[++i]!);
    else out.set(k, true);
  }
  return out;
}

export function scaleOf(v: string | true | undefined, fallback: ScaleName): ScaleName {
  if (v === undefined) return fallback;
  if (v === true || !(v in SCALES)) throw new Error(`--scale is one of ${Object.keys(SCALES).join(", ")}`);
  return v as ScaleName;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const known = ["scale", "seed", "database-url", "data-dir", "today", "replace"];
  for (const k of args.keys()) if (!known.includes(k)) throw new Error(`unknown option --${k}`);
  const str = (k: string) => {
    const v = args.get(k);
    if (v === true) throw new Error(`--${k} needs a value`);
    return v;
  };
  const r = await generate({
    scale: scaleOf(args.get("scale"), "small"),
    seed: Number(str("seed") ?? 1),
    databaseUrl: str("database-url"),
    dataDir: str("data-dir"),
    today: str("today"),
    replace: args.get("replace") === true,
  });
  console.log(
    `\nSign in as ${Object.values(r.accounts)
      .map((a) => a.email)
      .join(", ")} (password in bench/kit.ts, BENCH_PASSWORD).`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e: unknown) => {
    console.error(`bench:data: ${(e as Error).message}`);
    process.exit(1);
  });
}
