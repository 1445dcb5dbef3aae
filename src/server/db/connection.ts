/**
 * Opens the database for the configured dialect and proves it answers, so a
 * wrong URL or a stopped server fails at start with one clear line.
 */
import fs from "node:fs";
import path from "node:path";
import SqliteDatabase from "better-sqlite3";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { ConfigError, type DatabaseConfig } from "../config";
import { type DialectName, sqliteDialect } from "./dialect";
import type { DB } from "./schema";

export interface Database {
  db: Kysely<DB>;
  dialect: DialectName;
  /** For SQLite: the file; for PostgreSQL: the URL without password. */
  describe: string;
  /** The raw better-sqlite3 handle (SQLite only), for online backup. */
  sqlite?: SqliteDatabase.Database;
  /** SQLite: the tables whose planner statistics are kept (set after migrating; optimizeSqlite()). */
  plannerStatistics?: readonly string[];
  close(): Promise<void>;
}

// PostgreSQL returns int8 (count, sum) and numeric as strings; parse them to
// numbers at the connection so aggregates look the same on both engines.
const PG_INT8 = 20;
const PG_NUMERIC = 1700;
const pgTypes = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === PG_INT8 || oid === PG_NUMERIC) return (v: string) => Number(v);
    return format === "binary" ? pg.types.getTypeParser(oid, "binary") : pg.types.getTypeParser(oid, "text");
  },
};

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(invalid URL)";
  }
}

export async function openDatabase(cfg: DatabaseConfig, opts: { poolSize?: number } = {}): Promise<Database> {
  if (cfg.dialect === "sqlite") {
    if (cfg.file !== ":memory:") fs.mkdirSync(path.dirname(cfg.file), { recursive: true });
    let handle: SqliteDatabase.Database;
    try {
      handle = new SqliteDatabase(cfg.file);
    } catch (e) {
      throw new ConfigError(`Cannot open SQLite database at ${cfg.file}: ${(e as Error).message}`);
    }
    handle.pragma("journal_mode = WAL");
    handle.pragma("foreign_keys = ON");
    handle.pragma("busy_timeout = 5000");
    handle.pragma("synchronous = NORMAL");
    const db = new Kysely<DB>({ dialect: sqliteDialect(handle) });
    const database: Database = {
      db,
      dialect: "sqlite",
      describe: cfg.file,
      sqlite: handle,
      close: async () => {
        clearInterval(hourly);
        optimizeSqlite(database, database.plannerStatistics ?? []);
        await db.destroy();
      },
    };
    const hourly = setInterval(() => optimizeSqlite(database, database.plannerStatistics ?? []), 60 * 60_000);
    hourly.unref();
    return database;
  }
  const pool = new pg.Pool({
    connectionString: cfg.url,
    max: opts.poolSize ?? 10,
    connectionTimeoutMillis: 5000,
    types: pgTypes,
    // The planner's default random_page_cost (4) prices a page read out of
    // order as a spinning disk's; Khooshe's tables sit in memory and on SSDs,
    // where it costs about what a sequential read does. At 4, PostgreSQL
    // scans the whole registry for a search rather than read the trigram
    // index (clusters_search_trgm): «بسته‌بندی» at national scale, page and
    // count 2.3 → 0.4 ms. Set for the app's connections only; `options` in
    // DATABASE_URL replaces it.
    options: "-c random_page_cost=1.1",
  });
  // An idle client that loses its server must not crash the process.
  pool.on("error", () => {});
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`select 1`.execute(db);
  } catch (e) {
    await db.destroy().catch(() => {});
    const err = e as { code?: string; message?: string };
    throw new ConfigError(
      `Cannot connect to PostgreSQL at ${redact(cfg.url)}: ${err.message || err.code || "unknown error"}`,
    );
  }
  return { db, dialect: "postgres", describe: redact(cfg.url), close: () => db.destroy() };
}

/**
 * Keeps SQLite's planner statistics (sqlite_stat1) of the given tables in
 * step with their data: ANALYZE once the schema is migrated when a table has
 * none yet, and again hourly and on close for tables whose row count moved by
 * a quarter since (ANALYZE of the 300,000 actors reads them all: ~3 s).
 * Without statistics the planner takes any equality on an indexed column for
 * ten rows: at 300,000 enterprises it walked the kind index testing each row
 * against a search's few dozen matches (196 ms for «کهربا», 1.5 ms with
 * statistics). Only the tables modules name (plannerStatistics): sampled or
 * not, statistics on `clusters` made the registry list pick a worse index.
 * PostgreSQL's autovacuum keeps its own.
 */
export function optimizeSqlite(database: Database, tables: readonly string[]): void {
  const handle = database.sqlite;
  if (!handle?.open || tables.length === 0) return;
  const analyzed = new Map<string, number>();
  const hasStats = handle.prepare("select 1 from sqlite_master where name = 'sqlite_stat1'").get() !== undefined;
  if (hasStats) {
    const rows = handle.prepare("select tbl, stat from sqlite_stat1").all() as { tbl: string; stat: string }[];
    // A table's rows are its largest index's first figure (a partial index counts fewer).
    for (const r of rows) analyzed.set(r.tbl, Math.max(analyzed.get(r.tbl) ?? 0, Number.parseInt(r.stat, 10)));
  }
  for (const table of tables) {
    if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`plannerStatistics: not a table name: ${table}`);
    const n = (handle.prepare(`select count(*) as n from "${table}"`).get() as { n: number }).n;
    const before = analyzed.get(table);
    if (before !== undefined && Math.abs(n - before) <= before / 4) continue;
    handle.exec(`analyze "${table}"`);
  }
}
