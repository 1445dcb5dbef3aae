/**
 * The foundation journey: the demo national admin signs in to the Persian RTL
 * app, switches to English and back, creates a province admin, who signs in
 * and sees only their province.
 */
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../src/server/demo/data";
import type { TestEnv } from "../support/harness";
import { ARTIFACTS, expectAccessible, signIn, signOut, startBrowserEnv } from "./support";

let env: TestEnv;
let browser: Browser;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ env, browser, stop } = await startBrowserEnv());
});
afterAll(async () => {
  await stop?.();
});

const PERSIAN_DIGIT = /[۰-۹]/;

it("national admin: Persian RTL home, English and back, creates a Zanjan province admin who sees only Zanjan", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: "fa-IR" });
  const page = await context.newPage();
  const serverErrors: string[] = [];
  page.on("response", (r) => {
    if (r.status() >= 500) serverErrors.push(`${r.status()} ${r.url()}`);
  });

  await page.goto(env.baseUrl);
  await page.getByTestId("login-email").waitFor();
  expect(await page.getAttribute("html", "dir")).toBe("rtl");
  expect(await page.getAttribute("html", "lang")).toBe("fa");
  await expectAccessible(page, "sign-in");

  // A wrong password first: a clear Persian message.
  await page.getByTestId("login-email").fill("admin@khooshe.ir");
  await page.getByTestId("login-password").fill("not-the-password");
  await page.getByTestId("login-submit").click();
  await expect.poll(() => page.getByTestId("login-error").textContent()).toContain("گذرواژه نادرست");
  await expectAccessible(page, "sign-in, wrong password");

  await signIn(page, env.baseUrl, "admin@khooshe.ir", DEMO_PASSWORD);
  expect(await page.getAttribute("html", "dir")).toBe("rtl");
  const body = (await page.textContent("body")) ?? "";
  expect(body).toContain("مدیر ملی سامانه");
  expect(body).toMatch(PERSIAN_DIGIT);
  const font = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
  expect(font).toContain("Vazirmatn");
  // The page is complete once its fonts are in and its cluster list has answered.
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.getByTestId("home-clusters").waitFor();
  await expectAccessible(page, "home (fa, national admin)");
  await page.screenshot({ path: path.join(ARTIFACTS, "home-fa.png"), fullPage: true });

  // English, left to right, kept across a reload; then back to Persian.
  await page.getByTestId("lang-switch").click();
  await expect.poll(() => page.getAttribute("html", "dir")).toBe("ltr");
  expect(await page.getAttribute("html", "lang")).toBe("en");
  await page.reload();
  await page.getByTestId("home-title").waitFor();
  expect(await page.getAttribute("html", "dir")).toBe("ltr");
  expect(await page.getByTestId("nav-users").textContent()).toMatch(/Users/i);
  await page.getByTestId("home-clusters").waitFor();
  await expectAccessible(page, "home (en)");
  await page.screenshot({ path: path.join(ARTIFACTS, "home-en.png"), fullPage: true });
  await page.getByTestId("lang-switch").click();
  await expect.poll(() => page.getAttribute("html", "dir")).toBe("rtl");

  // Create a Zanjan province admin.
  await page.getByTestId("nav-users").click();
  await page.getByTestId("users-create").waitFor();
  await expectAccessible(page, "users");
  await page.getByTestId("users-create").click();
  await page.getByTestId("user-form-name").waitFor();
  await expectAccessible(page, "users, new user dialog");
  await page.getByTestId("user-form-name").fill("مدیر خوشه‌های زنجان");
  await page.getByTestId("user-form-email").fill("zanjan@khooshe.ir");
  await page.getByTestId("user-form-password").fill("Zanjan-pass-1404");
  await page.getByTestId("user-form-role").selectOption("province_admin");
  await page.getByTestId("user-form-province").selectOption("IR-19");
  await page.getByTestId("user-form-submit").click();
  await expect.poll(async () => (await page.textContent("body")) ?? "").toContain("zanjan@khooshe.ir");
  await expectAccessible(page, "users, after creating one");
  const created = await env.database.db
    .selectFrom("users")
    .innerJoin("role_grants", "role_grants.user_id", "users.id")
    .select(["role_grants.role", "role_grants.province_code"])
    .where("users.email", "=", "zanjan@khooshe.ir")
    .executeTakeFirstOrThrow();
  expect(created).toEqual({ role: "province_admin", province_code: "IR-19" });

  await signOut(page);

  // The new province admin sees Zanjan's clusters and no other province's.
  await signIn(page, env.baseUrl, "zanjan@khooshe.ir", "Zanjan-pass-1404");
  await expectAccessible(page, "home (province admin)");
  await page.getByTestId("nav-clusters").click();
  const table = page.getByTestId("clusters-table");
  await expect.poll(async () => (await table.textContent()) ?? "").toContain("خوشه کفش هیدج");
  const text = (await table.textContent()) ?? "";
  expect(text).toContain("زنجان");
  expect(text).not.toContain("قم");
  expect(text).not.toContain("اصفهان");
  expect(text).not.toContain("مشهد");
  await expectAccessible(page, "clusters (province admin)");
  await page.screenshot({ path: path.join(ARTIFACTS, "clusters-zanjan.png"), fullPage: true });
  await signOut(page);

  expect(serverErrors).toEqual([]);
  await context.close();
});

it("works at 360 px wide: the navigation opens from the menu button", async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 780 } });
  const page = await context.newPage();
  await signIn(page, env.baseUrl, "qom@khooshe.ir", DEMO_PASSWORD);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await expectAccessible(page, "home at 360 px");
  await page.getByTestId("nav-open").click();
  await page.getByTestId("nav-clusters").waitFor();
  await expectAccessible(page, "navigation drawer at 360 px");
  await page.getByTestId("nav-clusters").click();
  await expect
    .poll(async () => (await page.getByTestId("clusters-table").textContent()) ?? "")
    .toContain("خوشه پوشاک قم");
  await expectAccessible(page, "clusters at 360 px");
  await page.screenshot({ path: path.join(ARTIFACTS, "clusters-360.png"), fullPage: true });
  await page.goto(`${env.baseUrl}/no-such-page`);
  await page.getByTestId("not-found").waitFor();
  await expectAccessible(page, "not found");
  await context.close();
});

it("grants a cluster role by searching clusters on the server, Arabic letters and all", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  await signIn(page, env.baseUrl, "admin@khooshe.ir", DEMO_PASSWORD);
  const member = await env.database.db
    .selectFrom("users")
    .select("id")
    .where("email", "=", "member@khooshe.ir")
    .executeTakeFirstOrThrow();
  await page.goto(`${env.baseUrl}/users/${member.id}`);
  await page.getByTestId("user-grants").waitFor();
  await expectAccessible(page, "user detail");
  await page.getByTestId("grant-form-role").selectOption("cluster_manager");
  // «پوشاك» typed with an Arabic kaf still finds «خوشه پوشاک قم».
  await page.getByTestId("grant-form-cluster").fill("پوشاك");
  await page.getByRole("option", { name: /خوشه پوشاک قم/ }).waitFor();
  await expectAccessible(page, "user detail, cluster search open");
  await page.getByRole("option", { name: /خوشه پوشاک قم/ }).click();
  await page.getByTestId("grant-form-submit").click();
  await expect.poll(async () => (await page.getByTestId("user-grants").textContent()) ?? "").toContain("خوشه پوشاک قم");
  const grants = await env.database.db
    .selectFrom("role_grants")
    .innerJoin("clusters", "clusters.id", "role_grants.cluster_id")
    .select(["role_grants.role", "clusters.name_fa"])
    .where("role_grants.user_id", "=", member.id)
    .where("role_grants.role", "=", "cluster_manager")
    .execute();
  expect(grants).toEqual([{ role: "cluster_manager", name_fa: "خوشه پوشاک قم" }]);
  await context.close();
});

it("the sign-in page asks the server about a session only when one may exist", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  const probes: number[] = [];
  page.on("response", (r) => {
    if (r.url().endsWith("/api/v1/auth/me")) probes.push(r.status());
  });
  // A first visit: the form, with no /auth/me round trip and no 401 in the console.
  await page.goto(`${env.baseUrl}/login`);
  await page.getByTestId("login-email").waitFor();
  expect(probes).toEqual([]);

  // Signed in, the sign-in page finds the session and moves on to the home page.
  await signIn(page, env.baseUrl, "qom@khooshe.ir", DEMO_PASSWORD);
  await page.goto(`${env.baseUrl}/login`);
  await page.getByTestId("home-title").waitFor();
  expect(probes.at(-1)).toBe(200);
  await context.close();
});
