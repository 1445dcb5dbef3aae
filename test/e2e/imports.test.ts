/**
 * The import journey: Qom's province admin uploads the office's workbook of
 * enterprises (title rows above the headers, Persian digits, a totals row),
 * sees the header row found and the columns mapped, runs the dry run and
 * reads a row's error, imports with the progress bar moving, and reads the
 * result. axe on every step; screenshots in artifacts/.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { toPersianDigits } from "../../src/core/normalize";
import { DEMO_PASSWORD } from "../../src/server/demo/data";
import { enterpriseWorkbook } from "../../src/server/modules/imports/sample-sheets";
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

it("uploads a workbook, maps it, sees a row error in the dry run, imports with progress and reads the result", async () => {
  const N = 10_000;
  const file = path.join(ARTIFACTS, "import-enterprises.xlsx");
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  fs.writeFileSync(file, await enterpriseWorkbook({ rows: N, badIdEvery: 1000, prefix: "کارگاه نمونه" }));
  const cluster = await env.database.db
    .selectFrom("clusters")
    .select(["id", "name_fa"])
    .where("province_code", "=", "IR-25")
    .where("archived_at", "is", null)
    .orderBy("name_sort")
    .executeTakeFirstOrThrow();

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const serverErrors: string[] = [];
  page.on("response", (r) => {
    if (r.status() >= 500) serverErrors.push(`${r.status()} ${r.url()}`);
  });
  await signIn(page, env.baseUrl, "qom@khooshe.ir", DEMO_PASSWORD);
  await page.goto(`${env.baseUrl}/clusters/${cluster.id}`);
  const section = page.getByTestId("imports-section");
  await section.waitFor();
  await section.scrollIntoViewIfNeeded();
  await expectAccessible(page, "cluster page with its import section");

  // Upload.
  await page.getByTestId("import-kind").selectOption("enterprise");
  await page.getByTestId("import-input").setInputFiles(file);
  await page.getByTestId("import-sheet-step").waitFor();
  // The two title rows are passed over: row 3 holds the headers, and the columns are mapped from them.
  await expect.poll(() => page.getByTestId("import-header-row").inputValue()).toBe("3");
  expect(await page.getByTestId("map-name").inputValue()).toBe("1");
  expect(await page.getByTestId("map-nationalId").inputValue()).toBe("2");
  expect(await page.getByTestId("map-joinedOn").inputValue()).toBe("6");
  await expect.poll(() => page.getByTestId("import-preview").textContent()).toContain("کارگاه نمونه");
  await expectAccessible(page, "import: sheet, header row and columns");
  await page.screenshot({ path: path.join(ARTIFACTS, "import-1-mapping.png"), fullPage: true });

  // Dry run: the broken national ID of data row 1000 (Excel row 1003) is reported on its cell.
  await page.getByTestId("import-check").click();
  await page.getByTestId("import-dry-run").waitFor({ timeout: 60_000 });
  const problems = page.getByTestId("import-problems");
  await expect.poll(() => problems.textContent(), { timeout: 20_000 }).toContain((1003).toLocaleString("fa-IR"));
  const text = (await problems.textContent()) ?? "";
  expect(text).toContain("شناسه ملی شرکت نامعتبر است");
  expect(text).toContain("C · شناسه ملی");
  // The totals row under the data is passed over, and said so.
  expect(await page.getByTestId("count-skipped").textContent()).toContain(toPersianDigits(1));
  expect(await page.getByTestId("count-created").textContent()).toContain((N - 10).toLocaleString("fa-IR"));
  expect(await page.getByTestId("count-failed").textContent()).toContain(toPersianDigits(10));
  await expectAccessible(page, "import: dry run with its problems");
  await page.screenshot({ path: path.join(ARTIFACTS, "import-2-dry-run.png"), fullPage: true });

  // Import: the progress bar while the job runs, then the result.
  await page.getByTestId("import-apply").click();
  await page.getByTestId("import-progress").waitFor();
  await page.screenshot({ path: path.join(ARTIFACTS, "import-3-progress.png"), fullPage: true });
  await page.getByTestId("import-result").waitFor({ timeout: 180_000 });
  expect(await page.getByTestId("import-state").textContent()).toBe("انجام‌شده");
  expect(await page.getByTestId("count-failed").textContent()).toContain(toPersianDigits(10));
  await expect.poll(() => page.getByTestId("import-rows").textContent()).toContain("کارگاه نمونه");
  await page.getByTestId("tab-failed").click();
  await expect.poll(() => page.getByTestId("import-rows").textContent()).toContain("شناسه ملی شرکت نامعتبر است");
  await expectAccessible(page, "import: result");
  await page.screenshot({ path: path.join(ARTIFACTS, "import-4-result.png"), fullPage: true });

  // The failed rows back as a workbook.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("import-failed-download").click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);

  const n = await env.database.db
    .selectFrom("cluster_actors")
    .innerJoin("actors", "actors.id", "cluster_actors.actor_id")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("cluster_actors.cluster_id", "=", cluster.id)
    .where("actors.name", "like", "کارگاه نمونه%")
    .executeTakeFirstOrThrow();
  expect(Number(n.n)).toBe(N - 10);
  expect(serverErrors).toEqual([]);
  await context.close();
}, 400_000);
