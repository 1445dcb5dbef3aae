/**
 * Browser-test support: a real Khooshe server on SQLite with the demo data,
 * the built web app, and Debian's Chromium driven by playwright-core.
 */
import fs from "node:fs";
import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import { type Browser, chromium, type Page } from "playwright-core";
import { expect } from "vitest";
import { loadDemo } from "../../src/server/demo/load";
import { readNamespaces, type Tree } from "../../src/server/i18n";
import { startEnv, type TestEnv } from "../support/harness";

export const ARTIFACTS = path.resolve(import.meta.dirname, "artifacts");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** Where expectAccessible() notes what it found, one file per test file. */
let axeLog = path.join(ARTIFACTS, "axe.jsonl");

export async function startBrowserEnv(): Promise<{ env: TestEnv; browser: Browser; stop(): Promise<void> }> {
  if (!fs.existsSync(path.resolve(import.meta.dirname, "../../dist/web/index.html"))) {
    throw new Error("dist/web is missing: run `npm run build:web` before the browser tests");
  }
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  axeLog = path.join(ARTIFACTS, `axe-${path.basename(expect.getState().testPath ?? "run", ".test.ts")}.jsonl`);
  fs.rmSync(axeLog, { force: true });
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

/** Runs a step; if it fails, keeps a screenshot and the page's address and text in artifacts/. */
async function step(page: Page, label: string, run: () => Promise<void>) {
  try {
    await run();
  } catch (e) {
    const base = path.join(ARTIFACTS, `failed-${label}-${Date.now()}`);
    await page.screenshot({ path: `${base}.png`, fullPage: true }).catch(() => {});
    const text = await page.textContent("body").catch(() => "");
    fs.writeFileSync(`${base}.txt`, `${page.url()}\n${text ?? ""}\n`);
    throw e;
  }
}

export async function signIn(page: Page, baseUrl: string, email: string, password: string) {
  await step(page, "sign-in", async () => {
    await page.goto(`${baseUrl}/login`);
    await page.getByTestId("login-email").fill(email);
    await page.getByTestId("login-password").fill(password);
    await page.getByTestId("login-submit").click();
    await page.getByTestId("home-title").waitFor();
  });
}

export async function signOut(page: Page) {
  await step(page, "sign-out", async () => {
    await page.getByTestId("user-menu").click();
    await page.getByTestId("sign-out").click();
    await page.getByTestId("login-email").waitFor();
  });
}

/**
 * Runs axe-core on what the page shows now, once its transitions have ended
 * (a fading dialog has half its contrast): no serious or critical violation.
 * Each check is appended to artifacts/axe-<test file>.jsonl with its counts per impact.
 */
export async function expectAccessible(page: Page, label: string) {
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every((a) => a.playState !== "running" || a.effect?.getComputedTiming().iterations === Number.POSITIVE_INFINITY),
  );
  const { violations } = await new AxeBuilder({ page }).analyze();
  const counts: Record<string, number> = {};
  for (const v of violations) counts[v.impact ?? "unknown"] = (counts[v.impact ?? "unknown"] ?? 0) + v.nodes.length;
  fs.appendFileSync(
    axeLog,
    `${JSON.stringify({
      label,
      url: page.url(),
      counts,
      violations: violations.map((v) => ({
        impact: v.impact,
        id: v.id,
        targets: v.nodes.map((n) => n.target.join(" ")),
      })),
    })}\n`,
  );
  const blocking = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(" ")} — ${n.failureSummary?.split("\n").slice(1).join(" ")}`).join("\n")}`,
    );
  expect(blocking, `accessibility of ${label}`).toEqual([]);
  await expectNoRawKeys(page, label);
}

/** Every key of every namespace ("clusters.name", "nav.jobs", …): text that must never reach the screen. */
const LOCALE_KEYS = (() => {
  const keysOf = (t: Tree, prefix = ""): string[] =>
    Object.entries(t).flatMap(([k, v]) => (typeof v === "string" ? [prefix + k] : keysOf(v, `${prefix}${k}.`)));
  const all = new Set<string>();
  for (const tree of Object.values(readNamespaces("fa")))
    for (const k of keysOf(tree)) all.add(k.replace(/_(zero|one|two|few|many|other)$/, ""));
  return all;
})();

/**
 * A key shown instead of its text means a namespace was not loaded with the
 * page (or a string is missing): the page's text must hold no locale key.
 */
export async function expectNoRawKeys(page: Page, label: string) {
  // innerText, not textContent: what is on the screen, not the text of hidden nodes.
  // biome-ignore lint/performance/useDomNodeTextContent: the visible text is the point
  const text = await page.evaluate(() => `${document.body.innerText}\n${document.title}`);
  const words = text.match(/[A-Za-z][\w]*(?:\.[\w-]+)+/g) ?? [];
  expect(
    words.filter((w) => LOCALE_KEYS.has(w)),
    `untranslated keys on ${label}`,
  ).toEqual([]);
}
