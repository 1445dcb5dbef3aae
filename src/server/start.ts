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
import { expireEndedSeats } from "./modules/governance/service";

const SWEEP_EVERY_MS = 3600_000;

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
  // Ended council terms lose their role even if nobody edits the seat.
  const sweep = () =>
    void expireEndedSeats(deps).catch((e: unknown) => app.log.error(e, "expiring ended council seats failed"));
  const timer = setInterval(sweep, SWEEP_EVERY_MS);
  timer.unref();
  app.addHook("onReady", async () => sweep());
  app.addHook("onClose", async () => {
    clearInterval(timer);
    await database.close();
  });
  return app;
}
