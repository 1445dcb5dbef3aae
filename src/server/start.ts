/**
 * Opening the database and building the app, shared by `npm start`, the CLI
 * and the tests.
 */
import { buildApp } from "./app";
import type { Config } from "./config";
import type { Deps } from "./context";
import { type Database, openDatabase, optimizeSqlite } from "./db/connection";
import { migrateToLatest } from "./db/migrations/index";
import { startWorker } from "./jobs/queue";
import { createMailer } from "./mailer";
import { allJobKinds, plannerStatisticsTables } from "./modules/index";

export async function openAndMigrate(config: Config): Promise<Database> {
  const database = await openDatabase(config.database);
  try {
    await migrateToLatest(database.db as never, database.dialect);
    database.plannerStatistics = plannerStatisticsTables();
    optimizeSqlite(database, database.plannerStatistics);
  } catch (e) {
    await database.close();
    throw e;
  }
  return database;
}

export async function createServer(config: Config, database: Database, opts: { logger?: boolean } = {}) {
  const deps: Deps = { database, config, mailer: createMailer(config.smtpUrl, config.mailFrom) };
  const app = await buildApp(deps, opts);
  // Background work (mail, the hourly council-seat sweep, later imports and
  // reports) runs from the durable queue; every instance may run a worker.
  let stopWorker: (() => Promise<void>) | null = null;
  if (config.jobs.worker) {
    app.addHook("onReady", async () => {
      const worker = startWorker(deps, allJobKinds(), { onError: (e) => app.log.error(e, "job worker") });
      deps.kickJobs = worker.kick;
      stopWorker = worker.stop;
    });
  }
  app.addHook("onClose", async () => {
    // In-flight jobs finish before the database closes.
    await stopWorker?.();
    deps.mailer.close();
    await database.close();
  });
  return app;
}
