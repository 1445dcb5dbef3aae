/**
 * Runs a describe block once per database engine, each against a fresh
 * database (a temp SQLite file, or a new PostgreSQL database dropped after),
 * with the real app listening on a real port.
 */
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import pg from "pg";
import { afterAll, beforeAll, describe, inject } from "vitest";
import { compactFa, normalizeFa, sortKeyFa } from "../../src/core/normalize";
import type { Role } from "../../src/core/permissions";
import { hashPassword } from "../../src/server/auth/passwords";
import { type Config, loadConfig } from "../../src/server/config";
import type { Database } from "../../src/server/db/connection";
import { insertEnterprise } from "../../src/server/modules/members/shared";
import { createServer, openAndMigrate } from "../../src/server/start";

export type EngineName = "sqlite" | "postgres";

export interface TestEnv {
  engine: EngineName;
  app: FastifyInstance;
  database: Database;
  config: Config;
  baseUrl: string;
}

export function engines(): EngineName[] {
  return inject("pgAdminUrl") ? ["sqlite", "postgres"] : ["sqlite"];
}

export async function createPgDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `khooshe_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** Starts a fresh environment for one engine; call the returned stop() after. */
export async function startEnv(
  engine: EngineName,
  overrides: Record<string, string> = {},
): Promise<{ env: TestEnv; stop(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "khooshe-test-"));
  let dropPg: (() => Promise<void>) | null = null;
  const envVars: Record<string, string> = {
    DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    RATE_LIMIT_PER_MINUTE: "100000",
    // Every response parsed by its schema too, and the compiled serializer's output compared with zod's.
    RESPONSE_CHECK: "on",
  };
  if (engine === "postgres") {
    const created = await createPgDatabase(inject("pgAdminUrl")!);
    envVars.DATABASE_URL = created.url;
    dropPg = created.drop;
  }
  const config = loadConfig({ ...envVars, ...overrides } as NodeJS.ProcessEnv);
  const database = await openAndMigrate(config);
  const app = await createServer(config, database);
  await app.listen({ port: 0, host: "127.0.0.1" });
  const addr = app.server.address();
  const port = typeof addr === "object" && addr ? addr.port : 0;
  return {
    env: { engine, app, database, config, baseUrl: `http://127.0.0.1:${port}` },
    async stop() {
      await app.close();
      if (dropPg) await dropPg();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** describe() once per engine; `get()` returns that engine's environment inside tests. */
/** Settings for the environment: fixed, or computed when it starts (e.g. the port of a test SMTP server). */
type Overrides = Record<string, string> | (() => Record<string, string>);

export function describeEngines(name: string, body: (get: () => TestEnv) => void, overrides?: Overrides) {
  for (const engine of engines()) {
    describe(`${name} [${engine}]`, () => {
      let env: TestEnv | null = null;
      let stop: (() => Promise<void>) | null = null;
      beforeAll(async () => {
        const started = await startEnv(engine, typeof overrides === "function" ? overrides() : overrides);
        env = started.env;
        stop = started.stop;
      });
      afterAll(async () => {
        await stop?.();
      });
      body(() => {
        if (!env) throw new Error("environment not started");
        return env;
      });
    });
  }
}

// ---------------------------------------------------------------- factories

export const PASSWORD = "Test-pass-1234";
let cachedHash: string | null = null;

export async function makeCluster(
  env: TestEnv,
  over: { provinceCode?: string; nameFa?: string; state?: string } = {},
): Promise<{ id: string; provinceCode: string; nameFa: string }> {
  const id = randomUUID();
  const now = new Date().toISOString();
  const nameFa = over.nameFa ?? `خوشه آزمایشی ${randomBytes(3).toString("hex")}`;
  const provinceCode = over.provinceCode ?? "IR-25";
  await env.database.db
    .insertInto("clusters")
    .values({
      id,
      province_code: provinceCode,
      name_fa: nameFa,
      name_en: null,
      name_norm: normalizeFa(nameFa),
      name_sort: sortKeyFa(nameFa),
      state: over.state ?? "identified",
      created_at: now,
      updated_at: now,
      archived_at: null,
      place: null,
      sector: null,
      isic_codes: "[]",
      product_groups: "[]",
      advantage_note: null,
      est_enterprises: null,
      est_enterprises_source: null,
      est_enterprises_date: null,
      jobs_industrial: null,
      jobs_guild: null,
      jobs_source: null,
      jobs_date: null,
      state_since: now.slice(0, 10),
      resume_state: null,
      search_norm: compactFa(nameFa),
    })
    .execute();
  return { id, provinceCode, nameFa };
}

export async function makeEnterprise(env: TestEnv, cluster: { id: string; provinceCode: string }, name?: string) {
  const id = randomUUID();
  const n = name ?? `بنگاه ${randomBytes(3).toString("hex")}`;
  await insertEnterprise(env.database.db, {
    id,
    clusterId: cluster.id,
    clusterProvinceCode: cluster.provinceCode,
    name: n,
    now: new Date().toISOString(),
    by: null,
  });
  return { id, clusterId: cluster.id, provinceCode: cluster.provinceCode, name: n };
}

export interface MadeUser {
  id: string;
  email: string;
  password: string;
}

export async function makeUser(
  env: TestEnv,
  grant?: { role: Role; provinceCode?: string | null; clusterId?: string | null; enterpriseId?: string | null },
  over: { email?: string; name?: string; active?: boolean; homeProvinceCode?: string | null } = {},
): Promise<MadeUser> {
  cachedHash ??= await hashPassword(PASSWORD);
  const id = randomUUID();
  const email = over.email ?? `u-${randomBytes(4).toString("hex")}@test.ir`;
  const name = over.name ?? "کاربر آزمایشی";
  const now = new Date().toISOString();
  const home =
    over.homeProvinceCode !== undefined
      ? over.homeProvinceCode
      : grant?.role === "national_admin"
        ? null
        : (grant?.provinceCode ?? null);
  await env.database.db
    .insertInto("users")
    .values({
      id,
      email,
      name,
      name_norm: normalizeFa(name),
      name_sort: sortKeyFa(name),
      password_hash: cachedHash,
      locale: "fa",
      active: over.active === false ? 0 : 1,
      home_province_code: home,
      created_at: now,
      updated_at: now,
      last_login_at: null,
      password_changed_at: now,
    })
    .execute();
  if (grant) {
    await env.database.db
      .insertInto("role_grants")
      .values({
        id: randomUUID(),
        user_id: id,
        role: grant.role,
        province_code: grant.provinceCode ?? null,
        cluster_id: grant.clusterId ?? null,
        enterprise_id: grant.enterpriseId ?? null,
        created_at: now,
        created_by: null,
      })
      .execute();
  }
  return { id, email, password: PASSWORD };
}
