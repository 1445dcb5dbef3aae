/**
 * The `khooshe` command: migrate, demo, user:create, backup.
 * Every argument is validated; a bad one prints a clear line and exits 2.
 */
import fs from "node:fs";
import path from "node:path";
import { Command, CommanderError } from "commander";
import { z } from "zod";
import { ROLES, SYSTEM_ACTOR } from "../core/permissions";
import { Email, PersonName, ProvinceCode } from "../core/schemas/common";
import { ConfigError, loadConfig } from "../server/config";
import type { Deps } from "../server/context";
import type { Database } from "../server/db/connection";
import { loadDemo } from "../server/demo/load";
import { AppError, errorMessage } from "../server/errors";
import { createMailer } from "../server/mailer";
import { createUser } from "../server/modules/users/users";
import { openAndMigrate } from "../server/start";

class UsageError extends Error {}

async function withDatabase<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openAndMigrate(config);
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

const UserCreateArgs = z.object({
  email: Email,
  password: z.string().min(1),
  name: PersonName.optional(),
  role: z.enum(ROLES),
  province: ProvinceCode.optional(),
  cluster: z.uuid().optional(),
  enterprise: z.uuid().optional(),
});

const program = new Command()
  .name("khooshe")
  .description("Khooshe administration: database, demo data, users, backups")
  .exitOverride();

program
  .command("migrate")
  .description("create or upgrade the database schema")
  .action(async () => {
    await withDatabase(async (db) => console.log(`Database is up to date (${db.dialect}: ${db.describe}).`));
  });

program
  .command("demo")
  .description("load the Persian demo data into an empty database")
  .action(async () => {
    await withDatabase(async (db) => {
      const r = await loadDemo(db);
      if (!r.loaded)
        throw new UsageError("The database already has users; demo data is loaded only into an empty one.");
      console.log("Demo data loaded. Accounts:");
      for (const a of r.accounts) console.log(`  ${a.role.padEnd(16)} ${a.email}`);
    });
  });

program
  .command("user:create")
  .description("create a user with one role grant (no permission check: for the server's operator)")
  .requiredOption("--email <email>")
  .requiredOption("--password <password>")
  .requiredOption("--role <role>", ROLES.join(" | "))
  .option("--name <name>")
  .option("--province <code>", "ISO 3166-2:IR code, for province_admin")
  .option("--cluster <id>", "cluster id, for cluster_manager and council_member")
  .option("--enterprise <id>", "enterprise id, for member")
  .action(async (raw: Record<string, string>) => {
    const parsed = UserCreateArgs.safeParse(raw);
    if (!parsed.success) {
      const i = parsed.error.issues[0]!;
      throw new UsageError(`Invalid --${String(i.path[0])}: ${i.message}`);
    }
    const a = parsed.data;
    await withDatabase(async (database) => {
      const config = loadConfig();
      const deps: Deps = { database, config, mailer: createMailer(config.smtpUrl, config.mailFrom) };
      const { user } = await createUser(deps, SYSTEM_ACTOR, {
        email: a.email,
        name: a.name ?? a.email,
        password: a.password,
        grant: { role: a.role, provinceCode: a.province, clusterId: a.cluster, enterpriseId: a.enterprise },
      });
      console.log(`Created user ${user.email} (${user.id}) as ${a.role}.`);
    });
  });

program
  .command("backup")
  .description("SQLite: write an online backup to FILE; PostgreSQL: print the pg_dump command")
  .requiredOption("--out <file>")
  .action(async (opts: { out: string }) => {
    const config = loadConfig();
    if (config.database.dialect === "postgres") {
      const url = config.database.url;
      console.log(
        `PostgreSQL backups are taken with pg_dump:\n  pg_dump --format=custom --file="${opts.out}" "${url}"`,
      );
      return;
    }
    await withDatabase(async (db) => {
      const out = path.resolve(opts.out);
      if (fs.existsSync(out)) throw new UsageError(`${out} exists already; choose a new file.`);
      fs.mkdirSync(path.dirname(out), { recursive: true });
      await db.sqlite!.backup(out);
      console.log(`Backup written to ${out} (${fs.statSync(out).size} bytes).`);
    });
  });

program.parseAsync(process.argv).catch((e: unknown) => {
  if (e instanceof CommanderError) process.exit(e.exitCode === 0 ? 0 : 2);
  if (e instanceof UsageError || e instanceof ConfigError) {
    console.error(`khooshe: ${e.message}`);
    process.exit(2);
  }
  if (e instanceof AppError) {
    const detail = errorMessage("en", e.code, e.params);
    const issues = e.issues.map((i) => ` ${i.path}: ${i.message}`).join(";");
    console.error(`khooshe: ${detail}${issues}`);
    process.exit(2);
  }
  console.error(`khooshe: ${(e as Error).message ?? String(e)}`);
  process.exit(1);
});
