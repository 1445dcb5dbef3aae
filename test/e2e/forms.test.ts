/**
 * The schema forms (src/web/components/form): the browser validates with the
 * server's own zod schema and words it in the UI language, and a problem the
 * server answers lands on the field its errors[].path or code names.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../src/server/demo/data";
import type { TestEnv } from "../support/harness";
import { signIn, startBrowserEnv } from "./support";

let env: TestEnv;
let browser: Browser;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ env, browser, stop } = await startBrowserEnv());
});
afterAll(async () => {
  await stop?.();
});

const dialogText = async (page: Page) => (await page.getByRole("dialog").textContent()) ?? "";

it("issuing a token: Persian schema messages before sending, the server's scope error on the province field", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: "fa-IR" });
  const page = await context.newPage();
  await signIn(page, env.baseUrl, "admin@khooshe.ir", DEMO_PASSWORD);
  await page.goto(`${env.baseUrl}/tokens`);
  await page.getByTestId("tokens-issue").click();

  // Nothing filled in: the schema's "required" in Persian on name and role, no request sent.
  const posts: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && r.url().endsWith("/api/v1/tokens")) posts.push(r.url());
  });
  await page.getByTestId("token-form-submit").click();
  await expect.poll(() => dialogText(page)).toContain("این بخش را پر کنید.");
  expect(posts).toEqual([]);

  // A province role without its province: the server's invalid_grant_scope shows under the province.
  await page.getByTestId("token-form-name").fill("گزارش استانی");
  await page.getByTestId("token-form-role").selectOption("province_admin");
  await page.getByTestId("token-form-submit").click();
  await expect.poll(() => dialogText(page)).toContain("دامنه نقش با نوع نقش سازگار نیست.");
  expect(posts).toHaveLength(1);
  expect(await page.getByRole("dialog").getByRole("alert").count()).toBe(0);

  await page.getByTestId("token-form-province").selectOption("IR-25");
  await page.getByTestId("token-form-submit").click();
  await expect.poll(async () => (await page.getByTestId("token-value").inputValue()).startsWith("khs_")).toBe(true);
  await context.close();
});

it("registering a cluster: the server's ISIC rule and a number in Persian digits, checked in the browser", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: "fa-IR" });
  const page = await context.newPage();
  await signIn(page, env.baseUrl, "qom@khooshe.ir", DEMO_PASSWORD);
  await page.goto(`${env.baseUrl}/clusters`);
  await page.getByTestId("cluster-create").click();
  const posts: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && r.url().endsWith("/api/v1/clusters")) posts.push(r.url());
  });
  await page.getByTestId("cluster-form-nameFa").fill("خوشه آزمون فرم");
  await page.getByTestId("cluster-form-isic").fill("1073, 12345");
  await page.getByTestId("cluster-form-enterprises").fill("۱۲x");
  await page.getByTestId("cluster-form-submit").click();
  await expect.poll(() => dialogText(page)).toContain("«12345» در این‌جا درست نیست.");
  expect(await dialogText(page)).toContain("یک عدد صحیح بنویسید.");
  expect(posts).toEqual([]);

  await page.getByTestId("cluster-form-isic").fill("1073");
  await page.getByTestId("cluster-form-enterprises").fill("۱۲۰");
  // The number as read, grouped in Persian digits, under the field.
  await expect.poll(() => dialogText(page)).toContain("۱۲۰");
  await page.getByTestId("cluster-form-submit").click();
  await page.getByTestId("cluster-title").waitFor();
  const row = await env.database.db
    .selectFrom("clusters")
    .select(["est_enterprises", "province_code"])
    .where("name_fa", "=", "خوشه آزمون فرم")
    .executeTakeFirstOrThrow();
  expect(row).toEqual({ est_enterprises: 120, province_code: "IR-25" });
  await context.close();
});
