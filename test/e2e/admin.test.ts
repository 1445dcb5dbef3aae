/**
 * Administration journeys from the security fixes and the job queue: a
 * province admin sees a person they may not manage (no reset or deactivate,
 * and why); the tokens page shows a token suspended when its issuer lost the
 * role; the Background jobs page shows a failed job with its error and runs
 * it again.
 */
import { randomUUID } from "node:crypto";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../src/server/demo/data";
import { Client, signedIn } from "../support/client";
import { makeUser, type TestEnv } from "../support/harness";
import { ARTIFACTS, expectAccessible, signIn, startBrowserEnv } from "./support";

let env: TestEnv;
let browser: Browser;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ env, browser, stop } = await startBrowserEnv());
});
afterAll(async () => {
  await stop?.();
});

it("province admin: a Qom-home national admin is shown but cannot be reset or deactivated", async () => {
  const nat = await signedIn(env, { email: "admin@khooshe.ir", password: DEMO_PASSWORD });
  const made = await nat.post<{ id: string }>("/api/v1/users", {
    email: "qom.national@khooshe.ir",
    name: "مدیر ملی ساکن قم",
    password: "Qom-national-123",
    grant: { role: "province_admin", provinceCode: "IR-25" },
  });
  await nat.post(`/api/v1/users/${made.body.id}/grants`, { role: "national_admin" });

  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: "fa-IR" });
  const page = await context.newPage();
  await signIn(page, env.baseUrl, "qom@khooshe.ir", DEMO_PASSWORD);
  await page.goto(`${env.baseUrl}/users/${made.body.id}`);
  await page.getByTestId("user-out-of-reach").waitFor();
  expect(await page.getByTestId("user-reset-password").count()).toBe(0);
  expect(await page.getByTestId("user-edit").count()).toBe(0);
  expect(await page.getByTestId("user-active").locator("input").isDisabled()).toBe(true);
  // The national_admin grant is not the province admin's to take back; the Qom one is.
  expect(await page.getByTestId("grant-revoke").count()).toBe(1);
  await page.screenshot({ path: path.join(ARTIFACTS, "admin-user-out-of-reach.png"), fullPage: true });
  await expectAccessible(page, "user out of reach");
  await context.close();
});

it("national admin: a token whose issuer lost the role shows suspended; a failed job is run again", async () => {
  const nat = await signedIn(env, { email: "admin@khooshe.ir", password: DEMO_PASSWORD });
  const issuer = await makeUser(env, { role: "province_admin", provinceCode: "IR-25" }, { name: "کارشناس فناوری قم" });
  const issuerSession = await signedIn(env, issuer);
  const issued = await issuerSession.post<{ token: string }>("/api/v1/tokens", {
    name: "سامانه گزارش استان قم",
    role: "province_admin",
    provinceCode: "IR-25",
  });
  const detail = await nat.get<{ grants: { id: string }[] }>(`/api/v1/users/${issuer.id}`);
  await nat.del(`/api/v1/users/${issuer.id}/grants/${detail.body.grants[0]!.id}`);
  const bot = new Client(env);
  bot.bearer = issued.body.token;
  expect((await bot.get<{ code: string }>("/api/v1/users")).body.code).toBe("token_suspended");

  // A failed background job, as the worker leaves one after its last try.
  const now = new Date().toISOString();
  const jobId = randomUUID();
  await env.database.db
    .insertInto("jobs")
    .values({
      id: jobId,
      kind: "governance.expire_seats",
      payload: "{}",
      state: "failed",
      run_after: now,
      attempts: 3,
      max_attempts: 3,
      lease_owner: null,
      lease_expires_at: null,
      last_error: "connection to the database was lost",
      unique_key: null,
      province_code: null,
      created_at: now,
      updated_at: now,
      finished_at: now,
    })
    .execute();

  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: "fa-IR" });
  const page = await context.newPage();
  await signIn(page, env.baseUrl, "admin@khooshe.ir", DEMO_PASSWORD);
  await page.goto(`${env.baseUrl}/tokens`);
  const row = page.getByTestId("tokens-table").locator("tr", { hasText: "سامانه گزارش استان قم" });
  await row.getByTestId("token-state-suspended").waitFor();
  expect(await row.textContent()).toContain("کارشناس فناوری قم");
  await page.screenshot({ path: path.join(ARTIFACTS, "admin-tokens-suspended.png"), fullPage: true });
  await expectAccessible(page, "tokens with a suspended token");

  await page.goto(`${env.baseUrl}/jobs`);
  const failed = page.getByTestId("jobs-table").locator("tr", { hasText: "connection to the database was lost" });
  await failed.waitFor();
  expect(await failed.textContent()).toContain("پایان عضویت‌های شورای راهبری");
  await page.screenshot({ path: path.join(ARTIFACTS, "admin-jobs-failed.png"), fullPage: true });
  await expectAccessible(page, "background jobs");
  await failed.getByTestId("job-retry").click();
  await failed.waitFor({ state: "detached" });
  const job = await env.database.db.selectFrom("jobs").selectAll().where("id", "=", jobId).executeTakeFirstOrThrow();
  expect(["queued", "running", "done"]).toContain(job.state);
  await context.close();
});
