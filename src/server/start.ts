/**
 * Opening the database and building the app, shared by `npm start`, the CLI
 * and the tests.
 */
import { buildApp } from "./app";
import type { Config } from "./config";
import type { Deps } from "./context";
import { type Database, openDatabase } from "./db/connection";
import { migrateToLatest } from "./db/migrations/index";
import { createMailer } from "./mailer";

export async function openAndMigrate(config: Config): Promise<Database> {
  const database = await openDatabase(config.database);
  try {
    await migrateToLatest(database.db as never, database.dialect);
  } catch (e) {
    await database.close();
    throw e;
  }
  return database;
}

export async function createServer(config: Config, database: Database, opts: { logger?: boolean } = {}) {
  const deps: Deps = { database, config, mailer: createMailer(config.smtpUrl, config.mailFrom) };
  const app = await buildApp(deps, opts);
  app.addHook("onClose", async () => {
    await database.close();
  });
  return app;
}
