/**
 * Browser-test support: a real Khooshe server on SQLite with the demo data,
 * the built web app, and Debian's Chromium driven by playwright-core.
 */
import fs from "node:fs";
import path from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { loadDemo } from "../../src/server/demo/load";
import { startEnv, type TestEnv } from "../support/harness";

export const ARTIFACTS = path.resolve(import.meta.dirname, "artifacts");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export async function startBrowserEnv(): Promise<{ env: TestEnv; browser: Browser; stop(): Promise<void> }> {
  if (!fs.existsSync(path.resolve(import.meta.dirname, "../../dist/web/index.html"))) {
    throw new Error("dist/web is missing: run `npm run build:web` before the browser tests");
  }
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const { env, stop } = await startEnv("sqlite");
  await loadDemo(env.database);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  return {
    env,
    browser,
    async stop() {
      await browser.close();
      await stop();
    },
  };
}

export async function signIn(page: Page, baseUrl: string, email: string, password: string) {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId("login-email").fill(email);
  await page.getByTestId("login-password").fill(password);
  await page.getByTestId("login-submit").click();
  await page.getByTestId("home-title").waitFor();
}

export async function signOut(page: Page) {
  await page.getByTestId("user-menu").click();
  await page.getByTestId("sign-out").click();
  await page.getByTestId("login-email").waitFor();
}
