/**
 * Decides once per `vitest run` which database engines the API suite runs on:
 * SQLite always; PostgreSQL when DATABASE_URL is set or a server answers on
 * 127.0.0.1:5432. Each test file then makes its own fresh database.
 */
import pg from "pg";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string | null;
  }
}

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export default async function setup(project: TestProject) {
  const candidates = process.env.DATABASE_URL
    ? [process.env.DATABASE_URL]
    : ["postgres://postgres@127.0.0.1:5432/postgres", "postgres://root@127.0.0.1:5432/postgres"];
  let pgAdminUrl: string | null = null;
  for (const url of candidates) {
    if (await reachable(url)) {
      pgAdminUrl = url;
      break;
    }
  }
  if (!pgAdminUrl && process.env.DATABASE_URL) {
    throw new Error(`DATABASE_URL is set but PostgreSQL does not answer there.`);
  }
  project.provide("pgAdminUrl", pgAdminUrl);
  const engines = pgAdminUrl ? "sqlite + postgres" : "sqlite only (no PostgreSQL reachable)";
  console.log(`\n[khooshe] API tests run on: ${engines}\n`);
}
