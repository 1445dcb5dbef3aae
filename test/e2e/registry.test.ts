/**
 * The registry journey: a province admin registers a cluster, records the
 * agent's contract, moves it identified → feasibility → approved → agent
 * contracted, and finds it on the province's tile and in the Excel export.
 */
import path from "node:path";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { isoToJalali, todayIso } from "../../src/core/jalali";
import { toPersianDigits } from "../../src/core/normalize";
import { DEMO_PASSWORD } from "../../src/server/demo/data";
import type { TestEnv } from "../support/harness";
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

const NAME = "خوشه سوهان قم";
const todayFaDigits = () => toPersianDigits(isoToJalali(todayIso())!);

async function typeJalali(page: Page, testId: string, digits: string) {
  await page.locator(`[data-testid=${testId}] [role=spinbutton]`).first().click();
  await page.keyboard.type(digits);
}

async function transition(page: Page, to: string, screenshot?: string) {
  await page.getByTestId("cluster-transition-open").click();
  await page.getByTestId("transition-to").selectOption(to);
  await page.getByTestId("transition-note").fill(`گام ${to}`);
  if (screenshot) {
    // expectAccessible() also waits for the dialog's entrance transition to end.
    await expectAccessible(page, `transition dialog (${to})`);
    await page.screenshot({ path: path.join(ARTIFACTS, screenshot) });
  }
  await page.getByTestId("transition-submit").click();
  await expect.poll(() => page.getByTestId("cluster-state").getAttribute("data-state")).toBe(to);
}

it("province admin registers a cluster, contracts its agent, moves it to agent contracted, and finds it on the map and in Excel", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const serverErrors: string[] = [];
  page.on("response", (r) => {
    if (r.status() >= 500) serverErrors.push(`${r.status()} ${r.url()}`);
  });
  await signIn(page, env.baseUrl, "qom@khooshe.ir", DEMO_PASSWORD);
  await page.getByTestId("home-clusters").waitFor();
  await expectAccessible(page, "home (province admin, Qom)");

  // Register.
  await page.getByTestId("nav-clusters").click();
  await expect.poll(async () => (await page.getByTestId("clusters-table").textContent()) ?? "").toContain("خوشه");
  await expectAccessible(page, "clusters (registry)");
  await page.getByTestId("cluster-create").click();
  await page.getByTestId("cluster-form-nameFa").waitFor();
  await expectAccessible(page, "new cluster dialog");
  await page.getByTestId("cluster-form-nameFa").fill(NAME);
  await page.getByTestId("cluster-form-nameEn").fill("Qom sohan confectionery");
  await page.getByTestId("cluster-form-place").fill("شهر قم");
  await page.getByTestId("cluster-form-sector").fill("صنایع غذایی");
  await page.getByTestId("cluster-form-isic").fill("1073");
  await page.getByTestId("cluster-form-enterprises").fill("۱۲۰");
  await page.getByTestId("cluster-form-enterprises-source").fill("اتحادیه شیرینی‌پزان قم");
  await typeJalali(page, "cluster-form-identifiedOn", "14030701");
  await page.getByTestId("cluster-form-submit").click();
  await page.getByTestId("cluster-title").waitFor();
  expect(await page.getByTestId("cluster-title").textContent()).toContain(NAME);
  await expectAccessible(page, "cluster detail (identified)");
  const row = await env.database.db
    .selectFrom("clusters")
    .selectAll()
    .where("name_fa", "=", NAME)
    .executeTakeFirstOrThrow();
  expect(row).toMatchObject({
    province_code: "IR-25",
    state: "identified",
    est_enterprises: 120,
    state_since: "2024-09-22",
  });

  await transition(page, "feasibility");
  await transition(page, "approved", "transition-approved.png");

  // Moving to agent contracted before there is a contract: the dialog warns, and the server refuses.
  await page.getByTestId("cluster-transition-open").click();
  await page.getByTestId("transition-to").selectOption("agent_contracted");
  await page.getByTestId("transition-contract-hint").waitFor();
  await expectAccessible(page, "transition dialog, contract missing");
  await page.getByTestId("transition-submit").click();
  await expect
    .poll(async () => (await page.locator("[role=dialog]").textContent()) ?? "")
    .toContain("قرارداد عامل توسعه را ثبت کنید");
  await page.locator("[role=dialog] button", { hasText: "انصراف" }).click();
  await page.locator("[role=dialog]").waitFor({ state: "detached" });
  expect(await page.getByTestId("cluster-state").getAttribute("data-state")).toBe("approved");

  // Record the agent contract, three years by default.
  await page.getByTestId("contract-add").click();
  await page.getByTestId("contract-organisation").waitFor();
  await expectAccessible(page, "contract dialog");
  await page.getByTestId("contract-organisation").fill("شرکت مشاوران توسعه خوشه");
  await page.getByTestId("contract-lead").fill("مهندس رضایی");
  await page.getByTestId("contract-number").fill("۱۴۰۴/۲۱۷");
  await page.getByTestId("contract-amount").fill("۹۰۰۰۰۰۰۰۰۰");
  await page.getByTestId("contract-submit").click();
  await page.getByTestId("contract").first().waitFor();
  await transition(page, "agent_contracted");

  // The approval step carries both bodies' dates (both default to the day of the step).
  expect(await page.getByTestId("timeline-approvals").textContent()).toContain(todayFaDigits());
  const timeline = page.getByTestId("timeline-item");
  expect(await timeline.count()).toBe(4);
  expect(await timeline.first().getAttribute("data-state")).toBe("agent_contracted");
  const timelineText = (await page.getByTestId("cluster-timeline").textContent()) ?? "";
  expect(timelineText).toContain("۱۴۰۳/۰۷/۰۱");
  expect(timelineText).toContain(todayFaDigits());
  await expectAccessible(page, "cluster detail (agent contracted)");
  await page.screenshot({ path: path.join(ARTIFACTS, "cluster-detail.png"), fullPage: true });
  const contract = await env.database.db
    .selectFrom("contracts")
    .selectAll()
    .where("cluster_id", "=", row.id)
    .executeTakeFirstOrThrow();
  expect(contract).toMatchObject({ kind: "agent", organisation: "شرکت مشاوران توسعه خوشه", start_date: todayIso() });
  expect(Number(contract.amount_rials)).toBe(9_000_000_000);

  // The province tile counts it (Qom had one cluster in the demo data).
  await page.getByTestId("nav-overview").click();
  const tile = page.getByTestId("tile-IR-25");
  await expect.poll(() => tile.getAttribute("data-count")).toBe("2");
  expect(await page.getByTestId("tile-IR-19").getAttribute("data-in-scope")).toBe("false");
  await expectAccessible(page, "overview");
  await page.screenshot({ path: path.join(ARTIFACTS, "overview-fa.png"), fullPage: true });
  await tile.click();
  await page.waitForURL(/provinceCode=IR-25/);
  await expect.poll(async () => (await page.getByTestId("clusters-table").textContent()) ?? "").toContain(NAME);
  await expectAccessible(page, "clusters filtered by province");

  // The Excel export has the row, in a right-to-left Persian sheet.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("clusters-export").click()]);
  const file = path.join(ARTIFACTS, "clusters.xlsx");
  await download.saveAs(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0]!;
  expect(ws.views[0]?.rightToLeft).toBe(true);
  const rows: unknown[][] = [];
  ws.eachRow((r, n) => {
    if (n > 1) rows.push((r.values as unknown[]).slice(1));
  });
  const mine = rows.find((r) => r[0] === NAME);
  expect(mine?.[2]).toBe("قم");
  expect(mine?.[7]).toBe("قرارداد با عامل توسعه");
  expect(mine?.[9]).toBe(todayIso());
  expect(mine?.[13]).toBe(1);
  expect(serverErrors).toEqual([]);
  await context.close();
});

it("cluster manager: the home page says what needs doing next, in Persian and in English, and the cluster page shows the council", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page, env.baseUrl, "agent@khooshe.ir", DEMO_PASSWORD);
  const agenda = page.getByTestId("cluster-agenda");
  await agenda.waitFor();
  // The demo's Qom clothing project runs in its third year on an agent contract that has ended.
  const contracts = page.getByTestId("agenda-contracts");
  await expect.poll(() => contracts.getAttribute("data-total")).toBe("1");
  await expect.poll(() => contracts.textContent()).toContain("پایان‌یافته");
  const projects = page.getByTestId("agenda-projects");
  await expect.poll(() => projects.textContent()).toContain("خوشه پوشاک قم");
  await expect.poll(() => projects.textContent()).toContain("سال ۳");
  expect(await page.getByTestId("agenda-milestones").getAttribute("data-total")).toBe("0");
  await expectAccessible(page, "home (cluster manager)");
  await page.screenshot({ path: path.join(ARTIFACTS, "home-cluster-manager.png"), fullPage: true });

  // The module's strings load again in the other language.
  await page.getByTestId("lang-switch").click();
  await expect.poll(() => agenda.textContent()).toContain("What needs doing next");
  await expect.poll(() => projects.textContent()).toContain("Year 3");
  await expectAccessible(page, "home (cluster manager, English)");
  await page.getByTestId("lang-switch").click();
  await expect.poll(() => agenda.textContent()).toContain("کارهای پیش رو");

  // The cluster's page, with the council section the governance module adds to it.
  await projects.getByRole("link", { name: "خوشه پوشاک قم" }).click();
  await page.getByTestId("council-members").waitFor();
  await expectAccessible(page, "cluster page (cluster manager)");
  await context.close();
});
