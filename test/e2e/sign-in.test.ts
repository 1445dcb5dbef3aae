/**
 * The sign-in page (login.html, its own small page outside the React app):
 * Persian and right to left first, English on the switch; the server's
 * message for a wrong password; the button says it is signing in while it
 * waits; a sign-in goes on to a same-site `next` and nowhere else; the app
 * sends a signed-out visit here and a signed-in one on.
 */
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../src/server/demo/data";
import type { TestEnv } from "../support/harness";
import { ARTIFACTS, expectAccessible, signOut, startBrowserEnv } from "./support";

let env: TestEnv;
let browser: Browser;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ env, browser, stop } = await startBrowserEnv());
});
afterAll(async () => {
  await stop?.();
});

/** What an element says, without the markup's indentation. */
const text = async (page: Page, testId: string) => ((await page.getByTestId(testId).textContent()) ?? "").trim();
const html = (page: Page) =>
  page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));

it("Persian first, the server's message for a wrong password, English on the switch, then on to next", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: "fa-IR" });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  // No React: the page loads its own few KB of script and none of the app's.
  const scripts: string[] = [];
  page.on("request", (r) => {
    if (r.resourceType() === "script") scripts.push(new URL(r.url()).pathname);
  });

  await page.goto(`${env.baseUrl}/login?next=${encodeURIComponent("/clusters?state=active")}`);
  await page.getByTestId("login-email").waitFor();
  expect(await html(page)).toEqual({ lang: "fa", dir: "rtl" });
  expect(await page.title()).toBe("ورود به سامانه · خوشه");
  expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("خوشه");
  expect(await page.getByLabel("ایمیل").getAttribute("data-testid")).toBe("login-email");
  expect(await page.getByLabel("گذرواژه").getAttribute("data-testid")).toBe("login-password");
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("login-email");
  expect(scripts).toHaveLength(1);
  expect(scripts[0]).toMatch(/^\/assets\/login-[\w-]+\.js$/);
  const font = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
  expect(font).toContain("Vazirmatn");
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await expectAccessible(page, "sign-in page (fa)");
  await page.screenshot({ path: path.join(ARTIFACTS, "sign-in-fa.png"), fullPage: true });

  // A wrong password: the server's Persian message, and the button again.
  await page.getByTestId("login-email").fill("admin@khooshe.ir");
  await page.getByTestId("login-password").fill("not-the-password");
  await page.getByTestId("login-submit").click();
  await expect.poll(() => text(page, "login-error")).toBe("ایمیل یا گذرواژه نادرست است.");
  expect(await page.getByTestId("login-submit").isEnabled()).toBe(true);
  expect(await text(page, "login-submit")).toBe("ورود");
  await expectAccessible(page, "sign-in page, wrong password (fa)");

  // English, left to right, remembered where the app reads it; the message in English too.
  await page.getByTestId("lang-switch").click();
  expect(await html(page)).toEqual({ lang: "en", dir: "ltr" });
  expect(await page.title()).toBe("Sign in · Khooshe");
  expect(await page.getByRole("heading", { level: 2 }).textContent()).toBe("Sign in");
  expect(await text(page, "lang-switch")).toContain("فارسی");
  expect(await page.getByTestId("lang-switch").getAttribute("lang")).toBe("fa");
  expect(await page.evaluate(() => localStorage.getItem("khooshe.lang"))).toBe("en");
  await page.getByTestId("login-submit").click();
  await expect.poll(() => text(page, "login-error")).toBe("Wrong e-mail or password.");
  await expectAccessible(page, "sign-in page, wrong password (en)");
  await page.screenshot({ path: path.join(ARTIFACTS, "sign-in-en.png"), fullPage: true });

  // Kept on a reload, and back to Persian.
  await page.reload();
  await page.getByTestId("login-email").waitFor();
  expect(await html(page)).toEqual({ lang: "en", dir: "ltr" });
  expect(await page.getByLabel("E-mail").getAttribute("data-testid")).toBe("login-email");
  await page.getByTestId("lang-switch").click();
  expect(await html(page)).toEqual({ lang: "fa", dir: "rtl" });
  expect(await page.getByRole("heading", { level: 2 }).textContent()).toBe("ورود به سامانه");

  // While the server is asked, the button is disabled and says so; then the app, at next.
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route("**/api/v1/auth/login", async (route) => {
    await held;
    await route.continue();
  });
  await page.getByTestId("login-email").fill("  admin@khooshe.ir ");
  await page.getByTestId("login-password").fill(DEMO_PASSWORD);
  await page.getByTestId("login-submit").click();
  await expect.poll(() => text(page, "login-submit")).toBe("در حال ورود…");
  expect(await page.getByTestId("login-submit").isDisabled()).toBe(true);
  expect(await page.getByTestId("login-error").isHidden()).toBe(true);
  release();
  await page.getByTestId("clusters-table").waitFor();
  const landed = new URL(page.url());
  expect(landed.pathname + landed.search).toBe("/clusters?state=active");
  expect(await html(page)).toEqual({ lang: "fa", dir: "rtl" });

  // Signed in, the sign-in page goes straight on.
  await page.goto(`${env.baseUrl}/login?next=/users`);
  await page.getByTestId("users-create").waitFor();
  expect(new URL(page.url()).pathname).toBe("/users");

  // A session without the hint cookie (one from before it): the form shows, and signing in goes on with it.
  await context.clearCookies({ name: "khooshe_signed_in" });
  const logins: number[] = [];
  page.on("response", (r) => {
    if (r.url().endsWith("/api/v1/auth/login")) logins.push(r.status());
  });
  await page.goto(`${env.baseUrl}/login?next=/users`);
  await page.getByTestId("login-email").fill("admin@khooshe.ir");
  await page.getByTestId("login-password").fill(DEMO_PASSWORD);
  await page.getByTestId("login-submit").click();
  await page.getByTestId("users-create").waitFor();
  expect(logins).toEqual([403]);

  expect(errors.filter((e) => !/\b(401|403)\b|Unauthorized|Forbidden/.test(e))).toEqual([]);
  await context.close();
});

it("the app sends a signed-out visit to the sign-in page and back; only a same-site next is followed", async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "fa-IR" });
  const page = await context.newPage();

  // A page of the app without a session: the sign-in page, with the way back.
  await page.goto(`${env.baseUrl}/users?page=2`);
  await page.getByTestId("login-email").waitFor();
  const at = new URL(page.url());
  expect(at.pathname).toBe("/login");
  expect(at.searchParams.get("next")).toBe("/users?page=2");
  await expectAccessible(page, "sign-in page at 390 px");
  await page.screenshot({ path: path.join(ARTIFACTS, "sign-in-390.png"), fullPage: true });
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);

  // Back to where the visit began; signing out leaves for the sign-in page, with no next.
  await page.getByTestId("login-email").fill("qom@khooshe.ir");
  await page.getByTestId("login-password").fill(DEMO_PASSWORD);
  await page.getByTestId("login-submit").click();
  await page.waitForURL(`${env.baseUrl}/users?page=2`);
  await page.getByTestId("user-menu").waitFor();
  await signOut(page);
  expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe("/login");

  // Another site, or the sign-in page itself, as next: the home page instead.
  for (const next of ["//example.com/x", "/\\example.com", "https://example.com/", "/login?next=/users"]) {
    await page.goto(`${env.baseUrl}/login?next=${encodeURIComponent(next)}`);
    await page.getByTestId("login-email").fill("qom@khooshe.ir");
    await page.getByTestId("login-password").fill(DEMO_PASSWORD);
    await page.getByTestId("login-submit").click();
    await page.getByTestId("home-title").waitFor();
    expect(page.url(), next).toBe(`${env.baseUrl}/`);
    await signOut(page);
  }
  await context.close();
});
