/**
 * The migrator: the platform's historical list plus each module's
 * migrations, in name order. Existing databases recorded the platform's
 * names, so those must never change; a module's migration must sort after
 * them. Runs on an in-memory SQLite database (the API suite migrates
 * PostgreSQL through the same function).
 */
import path from "node:path";
import SqliteDatabase from "better-sqlite3";
import { Kysely, sql } from "kysely";
import ts from "typescript";
import { afterEach, describe, expect, it } from "vitest";
import { sqliteDialect } from "../../src/server/db/dialect";
import {
  type MigrationModule,
  migrateToLatest,
  migrationList,
  PLATFORM_MIGRATIONS,
} from "../../src/server/db/migrations/index";
import { SERVER_MODULES } from "../../src/server/modules/index";

/** What every database migrated so far has in khooshe_migrations, in order. */
const HISTORY = [
  "0001_foundation",
  "0002_provinces",
  "0003_cluster_registry",
  "0004_cluster_backfill",
  "0005_sort_indexes",
  "0006_transition_approvals",
  "0007_security",
  "0008_jobs",
];

const widgets: MigrationModule = {
  async up(db) {
    await db.schema
      .createTable("example_widgets")
      .addColumn("id", "text", (c) => c.primaryKey())
      .execute();
  },
};
const noop: MigrationModule = { async up() {} };

let open: Kysely<unknown> | null = null;
function memoryDb(): Kysely<unknown> {
  open = new Kysely<unknown>({ dialect: sqliteDialect(new SqliteDatabase(":memory:")) });
  return open;
}
afterEach(async () => {
  await open?.destroy();
  open = null;
});

async function recorded(db: Kysely<unknown>): Promise<string[]> {
  const r = await sql<{ name: string }>`select name from khooshe_migrations order by name`.execute(db);
  return r.rows.map((row) => row.name);
}

describe("migration list", () => {
  it("keeps the platform's historical names, in order", () => {
    expect(Object.keys(PLATFORM_MIGRATIONS)).toEqual(HISTORY);
    expect(migrationList([]).map(([n]) => n)).toEqual(HISTORY);
  });

  it("the server's modules add nothing that clashes", () => {
    const names = migrationList(SERVER_MODULES).map(([n]) => n);
    expect(names.slice(0, HISTORY.length)).toEqual(HISTORY);
    expect(new Set(names).size).toBe(names.length);
  });

  it("merges modules' migrations with the platform's by name, whatever the module order", () => {
    const a = { name: "a", migrations: { "0010_a_second": noop, "0009_a_first": noop } };
    const b = { name: "b", migrations: { "0009_b_first": noop } };
    const expected = [...HISTORY, "0009_a_first", "0009_b_first", "0010_a_second"];
    expect(migrationList([a, b]).map(([n]) => n)).toEqual(expected);
    expect(migrationList([b, a]).map(([n]) => n)).toEqual(expected);
  });

  it("refuses a name used twice, by the platform and a module or by two modules", () => {
    expect(() => migrationList([{ name: "members", migrations: { "0008_jobs": noop } }])).toThrow(
      "Migration 0008_jobs is defined by both the platform and members",
    );
    expect(() =>
      migrationList([
        { name: "a", migrations: { "0009_x": noop } },
        { name: "b", migrations: { "0009_x": noop } },
      ]),
    ).toThrow("Migration 0009_x is defined by both a and b");
  });

  it("refuses a name off the numbering (it would sort after every later numbered one)", () => {
    expect(() => migrationList([{ name: "m", migrations: { members_init: noop } }])).toThrow("is not named NNNN_what");
    expect(() => migrationList([{ name: "m", migrations: { "9_x": noop } }])).toThrow("is not named NNNN_what");
  });
});

describe("migrating", () => {
  it("an existing database gets only the new module's migration, and a second run nothing", async () => {
    const db = memoryDb();
    // As databases were migrated before module migrations existed.
    expect((await migrateToLatest(db, "sqlite", [])).applied).toEqual(HISTORY);
    const mod = { name: "example", migrations: { "0009_example_widgets": widgets } };
    expect((await migrateToLatest(db, "sqlite", [mod])).applied).toEqual(["0009_example_widgets"]);
    expect((await migrateToLatest(db, "sqlite", [mod])).applied).toEqual([]);
    expect(await recorded(db)).toEqual([...HISTORY, "0009_example_widgets"]);
    await sql`insert into example_widgets (id) values ('w1')`.execute(db);
  });

  it("the server's own list on a fresh database applies the platform's history first", async () => {
    const db = memoryDb();
    const { applied } = await migrateToLatest(db, "sqlite");
    expect(applied.slice(0, HISTORY.length)).toEqual(HISTORY);
    expect(await recorded(db)).toEqual(applied);
  });

  it("refuses a module migration that sorts before one already applied", async () => {
    const db = memoryDb();
    await migrateToLatest(db, "sqlite", [{ name: "example", migrations: { "0009_example_widgets": widgets } }]);
    await expect(
      migrateToLatest(db, "sqlite", [
        { name: "example", migrations: { "0009_example_widgets": widgets, "0008_late": noop } },
      ]),
    ).rejects.toThrow(/0008_late|corrupted migrations/);
  });

  it("refuses to forget a migration a database has applied", async () => {
    const db = memoryDb();
    await migrateToLatest(db, "sqlite", [{ name: "example", migrations: { "0009_example_widgets": widgets } }]);
    await expect(migrateToLatest(db, "sqlite", [])).rejects.toThrow(/0009_example_widgets is missing/);
  });
});

/**
 * A module adds its tables to Kysely's DB from its own folder:
 *
 *   declare module "../../db/schema" { interface DB { example_widgets: … } }
 *
 * so schema.ts is not a shared line. Checked by compiling a virtual module
 * folder against the real schema.ts (kept out of the project's own type
 * check, where the example table would join every file's DB).
 */
describe("a module's tables in DB", () => {
  const root = path.resolve(import.meta.dirname, "../..");
  const folder = path.join(root, "src/server/modules/example");
  const SCHEMA = `import type { Generated } from "kysely";
declare module "../../db/schema" {
  interface DB {
    example_widgets: { id: string; name: string; position: Generated<number> };
  }
}
export {};
`;
  /** Another file of the module: it sees the table through schema.ts's DB alone. */
  const SERVICE = `import type { Kysely } from "kysely";
import type { DB } from "../../db/schema";
export async function widgetNames(db: Kysely<DB>): Promise<string[]> {
  await db.insertInto("example_widgets").values({ id: "w1", name: "one" }).execute();
  const rows = await db.selectFrom("example_widgets").select(["name", "position"]).execute();
  const position: number | undefined = rows[0]?.position;
  await db.selectFrom("clusters").select("name_fa").execute();
  return position === undefined ? [] : rows.map((r) => r.name);
}
`;

  function diagnostics(files: Record<string, string>): string[] {
    const options: ts.CompilerOptions = {
      strict: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      noEmit: true,
      skipLibCheck: true,
      types: [],
    };
    const virtual = new Map(Object.entries(files).map(([name, text]) => [path.join(folder, name), text]));
    const host = ts.createCompilerHost(options);
    const { getSourceFile, fileExists, readFile } = host;
    host.fileExists = (f) => virtual.has(f) || fileExists.call(host, f);
    host.readFile = (f) => virtual.get(f) ?? readFile.call(host, f);
    host.getSourceFile = (f, lang, ...rest) => {
      const text = virtual.get(f);
      return text === undefined ? getSourceFile.call(host, f, lang, ...rest) : ts.createSourceFile(f, text, lang);
    };
    const program = ts.createProgram([...virtual.keys()], options, host);
    return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  }

  it("a declare-module augmentation in the module's folder adds its table", () => {
    expect(diagnostics({ "schema.ts": SCHEMA, "service.ts": SERVICE })).toEqual([]);
  }, 30_000);

  it("without it the table is unknown", () => {
    const found = diagnostics({ "service.ts": SERVICE });
    expect(
      found.some((m) => m.includes('"example_widgets"')),
      found.join("\n"),
    ).toBe(true);
  }, 30_000);
});
