/**
 * The explicit, ordered list of migrations. Migrations never import app code;
 * each gets the dialect in its context. Schema and data changes are never
 * mixed in one migration.
 */
import { type Kysely, type Migration, type MigrationProvider, Migrator } from "kysely";
import type { DialectName } from "../dialect";
import * as m0001 from "./0001_foundation";
import * as m0002 from "./0002_provinces";
import * as m0003 from "./0003_cluster_registry";
import * as m0004 from "./0004_cluster_backfill";
import * as m0005 from "./0005_sort_indexes";
import * as m0006 from "./0006_transition_approvals";
import * as m0007 from "./0007_security";
import * as m0008 from "./0008_jobs";

export interface MigrationContext {
  dialect: DialectName;
}

type MigrationModule = { up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> };

const MIGRATIONS: Array<[string, MigrationModule]> = [
  ["0001_foundation", m0001],
  ["0002_provinces", m0002],
  ["0003_cluster_registry", m0003],
  ["0004_cluster_backfill", m0004],
  ["0005_sort_indexes", m0005],
  ["0006_transition_approvals", m0006],
  ["0007_security", m0007],
  ["0008_jobs", m0008],
];

class ListProvider implements MigrationProvider {
  constructor(private readonly ctx: MigrationContext) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const [name, mod] of MIGRATIONS) out[name] = { up: (db) => mod.up(db, this.ctx) };
    return out;
  }
}

export async function migrateToLatest(db: Kysely<unknown>, dialect: DialectName): Promise<{ applied: string[] }> {
  const migrator = new Migrator({
    db,
    provider: new ListProvider({ dialect }),
    migrationTableName: "khooshe_migrations",
    migrationLockTableName: "khooshe_migrations_lock",
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new Error(`Migration ${failed} failed: ${(error as Error).message}`);
  }
  return { applied: (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName) };
}
