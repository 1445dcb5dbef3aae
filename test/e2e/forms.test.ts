/**
 * The schema forms (src/web/components/form): the browser validates with the
 * server's own zod schema and words it in the UI language, and a problem the
 * server answers lands on the field its errors[].path or code names.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../src/server/demo/data";
import { signedIn } from "../support/client";
import { makeUser, type TestEnv } from "../support/harness";
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

it("a committee seat: the name required before sending, the body as the schema reads it, an edit, and unknown_user on the user field", async () => {
  const person = await makeUser(env, { role: "province_admin", provinceCode: "IR-25" }, { name: "کاربر کرسی آزمون" });
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: "fa-IR" });
  const page = await context.newPage();
  const sent: { method: string; body: unknown }[] = [];
  page.on("request", (r) => {
    if (r.url().includes("/api/v1/provinces/IR-25/committee") && r.method() !== "GET") {
      sent.push({ method: r.method(), body: r.postDataJSON() });
    }
  });
  const pickPerson = async () => {
    await page.getByTestId("member-user").fill("کرسی آزمون");
    await page.getByRole("listbox").getByRole("option").filter({ hasText: "کاربر کرسی آزمون" }).click();
  };
  await signIn(page, env.baseUrl, "qom@khooshe.ir", DEMO_PASSWORD);
  await page.goto(`${env.baseUrl}/committee`);
  await page.getByTestId("committee-add").click();
  await page.getByTestId("member-submit").click();
  await expect.poll(() => dialogText(page)).toContain("این بخش را پر کنید.");
  expect(sent).toEqual([]);

  // Trimmed, the empty organisation and end date null, the user picked by name sent as its id.
  await page.getByTestId("member-name").fill("  دبیر آزمون فرم  ");
  await page.getByTestId("member-role").selectOption("secretary");
  await pickPerson();
  await page.getByTestId("member-submit").click();
  await page.getByRole("dialog").waitFor({ state: "detached" });
  expect(sent[0]).toMatchObject({
    method: "POST",
    body: { personName: "دبیر آزمون فرم", organisation: null, role: "secretary", toDate: null, userId: person.id },
  });

  // The edit opens on the seat's values, the linked user by name, and sends them all back.
  await page.getByTestId("member-row").filter({ hasText: "دبیر آزمون فرم" }).getByTestId("member-edit").click();
  expect(await page.getByTestId("member-name").inputValue()).toBe("دبیر آزمون فرم");
  expect(await page.getByTestId("member-user").inputValue()).toBe("کاربر کرسی آزمون");
  await page.getByTestId("member-name").fill("دبیر آزمون فرم دوم");
  await page.getByTestId("member-submit").click();
  await page.getByRole("dialog").waitFor({ state: "detached" });
  expect(sent[1]).toMatchObject({
    method: "PATCH",
    body: { personName: "دبیر آزمون فرم دوم", role: "secretary", userId: person.id },
  });

  // A user deactivated after being picked: the server's unknown_user shows under the user field, not in the alert.
  await page.getByTestId("committee-add").click();
  await page.getByTestId("member-name").fill("عضو آزمون فرم");
  await pickPerson();
  await env.database.db.updateTable("users").set({ active: 0 }).where("id", "=", person.id).execute();
  await page.getByTestId("member-submit").click();
  await expect.poll(() => dialogText(page)).toContain("کاربر نامعتبر یا غیرفعال است.");
  expect(sent).toHaveLength(3);
  expect(await page.getByRole("dialog").getByRole("alert").count()).toBe(0);
  await context.close();
});

it("a feasibility study: cluster, author and every score required before sending, then ranked with its scores", async () => {
  const admin = await signedIn(env, { email: "admin@khooshe.ir", password: DEMO_PASSWORD });
  const criteria = await admin.req<{ items: { id: string }[] }>("PUT", "/api/v1/provinces/IR-25/feasibility/criteria", {
    items: [
      { name: "بازار", weight: 60 },
      { name: "نیروی کار ماهر", weight: 40 },
    ],
  });
  expect(criteria.status).toBe(200);
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: "fa-IR" });
  const page = await context.newPage();
  const posts: unknown[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && r.url().endsWith("/feasibility/studies")) posts.push(r.postDataJSON());
  });
  const required = async () => ((await dialogText(page)).match(/این بخش را پر کنید\./g) ?? []).length;
  await signIn(page, env.baseUrl, "qom@khooshe.ir", DEMO_PASSWORD);
  await page.goto(`${env.baseUrl}/feasibility`);
  await page.getByTestId("study-add").click();
  await page.getByTestId("study-submit").click();
  // Cluster, author and the two scores.
  await expect.poll(required).toBe(4);
  await page.getByTestId("study-cluster").fill("پوشاک");
  await page.getByRole("listbox").getByRole("option").first().click();
  await page.getByTestId("study-author").fill("کارشناس آزمون فرم");
  await page.getByTestId("study-score-0").selectOption("8");
  await page.getByTestId("study-submit").click();
  await expect.poll(required).toBe(1);
  expect(posts).toEqual([]);

  await page.getByTestId("study-score-1").selectOption("5");
  await page.getByTestId("study-submit").click();
  await page.getByRole("dialog").waitFor({ state: "detached" });
  const [market, labour] = criteria.body.items;
  expect(posts).toEqual([
    expect.objectContaining({
      author: "کارشناس آزمون فرم",
      summary: null,
      scores: [
        { criterionId: market!.id, score: 8 },
        { criterionId: labour!.id, score: 5 },
      ],
    }),
  ]);
  // 60 × 8 + 40 × 5 = 680 → 68 of 100.
  await expect.poll(async () => (await page.getByTestId("studies").textContent()) ?? "").toContain("۶۸");
  await context.close();
});
