/**
 * The migrations: the platform's explicit list below plus every module's
 * (their manifests' `migrations`, modules/index.ts), run in name order.
 * Migrations never import app code; each gets the dialect in its context.
 * Schema and data changes are never mixed in one migration.
 */
import { type Kysely, type Migration, type MigrationProvider, Migrator } from "kysely";
import { SERVER_MODULES } from "../../modules/index";
import type { ServerModule } from "../../modules/module";
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

export type MigrationModule = { up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> };

/**
 * The platform's migrations. They are history and span modules, so they stay
 * here; their names are recorded in every existing database
 * (khooshe_migrations) and must never change.
 */
export const PLATFORM_MIGRATIONS: Readonly<Record<string, MigrationModule>> = {
  "0001_foundation": m0001,
  "0002_provinces": m0002,
  "0003_cluster_registry": m0003,
  "0004_cluster_backfill": m0004,
  "0005_sort_indexes": m0005,
  "0006_transition_approvals": m0006,
  "0007_security": m0007,
  "0008_jobs": m0008,
};

/**
 * One numbering for everyone: four digits, then what it does. Kysely runs
 * migrations in name order and refuses a new one that sorts before one
 * already applied, so a name without the number ("members_init") would sort
 * after every later numbered one and stop the next deployment.
 */
const NAME = /^\d{4}_[a-z][a-z0-9_]*$/;

type ModuleMigrations = Pick<ServerModule, "name" | "migrations">;

/** The platform's and the modules' migrations, by name; refuses a name used twice or off the numbering. */
export function migrationList(modules: readonly ModuleMigrations[]): Array<[string, MigrationModule]> {
  const owner = new Map<string, string>();
  const out: Array<[string, MigrationModule]> = [];
  const sources: Array<[string, Readonly<Record<string, MigrationModule>>]> = [
    ["the platform", PLATFORM_MIGRATIONS],
    ...modules.map((m): [string, Readonly<Record<string, MigrationModule>>] => [m.name, m.migrations ?? {}]),
  ];
  for (const [source, migrations] of sources) {
    for (const [name, mod] of Object.entries(migrations)) {
      if (!NAME.test(name)) throw new Error(`Migration ${name} (${source}) is not named NNNN_what`);
      const first = owner.get(name);
      if (first) throw new Error(`Migration ${name} is defined by both ${first} and ${source}`);
      owner.set(name, source);
      out.push([name, mod]);
    }
  }
  // Code-unit order, the order Kysely applies and checks them in.
  return out.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

class ListProvider implements MigrationProvider {
  constructor(
    private readonly list: Array<[string, MigrationModule]>,
    private readonly ctx: MigrationContext,
  ) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const [name, mod] of this.list) out[name] = { up: (db) => mod.up(db, this.ctx) };
    return out;
  }
}

/** Applies what is not applied yet; `modules` is for tests (a module's migration without adding the module). */
export async function migrateToLatest(
  db: Kysely<unknown>,
  dialect: DialectName,
  modules: readonly ModuleMigrations[] = SERVER_MODULES,
): Promise<{ applied: string[] }> {
  const migrator = new Migrator({
    db,
    provider: new ListProvider(migrationList(modules), { dialect }),
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
