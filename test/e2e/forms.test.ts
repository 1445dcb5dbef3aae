/**
 * The schema forms (src/web/components/form): the browser validates with the
 * server's own zod schema and words it in the UI language, and a problem the
 * server answers lands on the field its errors[].path or code names.
 */
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { addDaysIso, isoToJalali, todayIso } from "../../src/core/jalali";
import { DEMO_PASSWORD } from "../../src/server/demo/data";
import { signedIn } from "../support/client";
import { makeUser, type TestEnv } from "../support/harness";
import { expectAccessible, signIn, startBrowserEnv } from "./support";

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
/** What a text field shows under it (its error or its hint), found by its input's test id. */
const fieldText = async (page: Page, testId: string) =>
  (await page.locator(".MuiFormControl-root", { has: page.getByTestId(testId) }).textContent()) ?? "";
/** A part of the page's text, or "" while it is not there. */
const textOf = async (l: Locator) => (await l.textContent({ timeout: 500 }).catch(() => "")) ?? "";
/** Types an ISO date into a Jalali date field, section by section from the year. */
async function typeDate(page: Page, testId: string, iso: string) {
  await page.locator(`[data-testid=${testId}] [role=spinbutton]`).first().click();
  await page.keyboard.type(isoToJalali(iso)!.replaceAll("/", ""));
}

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

it("a life-cycle step: the reason a step needs asked for before sending, then the server's reason_required and date_before_previous_step under their fields", async () => {
  const qom = await signedIn(env, { email: "qom@khooshe.ir", password: DEMO_PASSWORD });
  const today = todayIso();
  const created = await qom.post<{ id: string }>("/api/v1/clusters", {
    nameFa: "خوشه آزمون گام",
    provinceCode: "IR-25",
    identifiedOn: addDaysIso(today, -300),
  });
  expect(created.status).toBe(201);
  const id = created.body.id;
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: "fa-IR" });
  const page = await context.newPage();
  const posts: unknown[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && r.url().endsWith(`/clusters/${id}/transitions`)) posts.push(r.postDataJSON());
  });
  await signIn(page, env.baseUrl, "qom@khooshe.ir", DEMO_PASSWORD);
  await page.goto(`${env.baseUrl}/clusters/${id}`);
  await page.getByTestId("cluster-transition-open").click();

  // Cancelling needs a reason: the schema form says so under the reason, and nothing is sent.
  await page.getByTestId("transition-to").selectOption("cancelled");
  await page.getByTestId("transition-submit").click();
  const needsReason = "برای بازگشت، لغو یا ازسرگیری پروژه باید دلیل را بنویسید.";
  await expect.poll(() => fieldText(page, "transition-reason")).toContain(needsReason);
  expect(posts).toEqual([]);

  // Meanwhile someone else takes the cluster on to approved: what this page offers as a
  // step forward is a step back for the server, which asks for the reason, under the reason.
  const step = addDaysIso(today, -100);
  for (const body of [
    { toState: "feasibility", happenedOn: step },
    {
      toState: "approved",
      happenedOn: step,
      approvals: { provincialCommittee: step, nationalOrganisation: step },
    },
  ]) {
    expect((await qom.post(`/api/v1/clusters/${id}/transitions`, body)).status).toBe(201);
  }
  await page.getByTestId("transition-to").selectOption("feasibility");
  await expect.poll(() => fieldText(page, "transition-reason")).not.toContain(needsReason);
  await page.getByTestId("transition-submit").click();
  await expect.poll(() => fieldText(page, "transition-reason")).toContain(needsReason);
  expect(posts).toHaveLength(1);
  expect(await page.getByRole("dialog").getByRole("alert").count()).toBe(0);

  // With a reason, a date before that step: the server's date_before_previous_step under the date.
  await page.getByTestId("transition-reason").fill("بازنگری امکان‌سنجی");
  await typeDate(page, "transition-date", addDaysIso(today, -200));
  await page.getByTestId("transition-submit").click();
  await expect
    .poll(async () => (await page.getByTestId("transition-date").textContent()) ?? "")
    .toContain("تاریخ این گام نمی‌تواند پیش از گام قبلی");
  expect(posts).toHaveLength(2);
  expect(posts[1]).toMatchObject({ toState: "feasibility", approvals: null, reason: "بازنگری امکان‌سنجی" });
  expect(await page.getByRole("dialog").getByRole("alert").count()).toBe(0);
  await expectAccessible(page, "transition dialog, refused by the server");

  const after = addDaysIso(today, -50);
  await typeDate(page, "transition-date", after);
  await page.getByTestId("transition-submit").click();
  await page.getByRole("dialog").waitFor({ state: "detached" });
  expect(posts[2]).toMatchObject({ toState: "feasibility", happenedOn: after });
  const row = await env.database.db
    .selectFrom("clusters")
    .select(["state", "state_since"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
  expect(row).toEqual({ state: "feasibility", state_since: after });
  await context.close();
});

it("changing my password: required fields and the second typing checked in the browser, weak_password under the new password, wrong_current_password under the current one", async () => {
  const me = await makeUser(env, { role: "province_admin", provinceCode: "IR-25" }, { name: "کاربر گذرواژه آزمون" });
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: "fa-IR" });
  const page = await context.newPage();
  const posts: unknown[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && r.url().endsWith("/api/v1/auth/password")) posts.push(r.postDataJSON());
  });
  await signIn(page, env.baseUrl, me.email, me.password);
  await page.goto(`${env.baseUrl}/account`);
  await page.getByTestId("account-submit").click();
  for (const f of ["account-current", "account-new", "account-repeat"]) {
    await expect.poll(() => fieldText(page, f)).toContain("این بخش را پر کنید.");
  }

  await page.getByTestId("account-current").fill(me.password);
  await page.getByTestId("account-new").fill("kutah1");
  await page.getByTestId("account-repeat").fill("kutah2");
  await page.getByTestId("account-submit").click();
  await expect.poll(() => fieldText(page, "account-repeat")).toContain("دو گذرواژه یکسان نیستند.");
  expect(posts).toEqual([]);
  await expectAccessible(page, "account page, passwords differ");

  // Typed twice alike, the server finds it weak: its message under the new password, no alert.
  await page.getByTestId("account-repeat").fill("kutah1");
  await page.getByTestId("account-submit").click();
  await expect.poll(() => fieldText(page, "account-new")).toContain("گذرواژه باید دست‌کم ۱۰ نویسه");
  expect(posts).toEqual([{ currentPassword: me.password, newPassword: "kutah1" }]);
  expect(await page.getByRole("main").getByRole("alert").count()).toBe(0);

  const next = "Ramz-tazeh-1405";
  await page.getByTestId("account-current").fill("not-my-password-1");
  await page.getByTestId("account-new").fill(next);
  await page.getByTestId("account-repeat").fill(next);
  await page.getByTestId("account-submit").click();
  await expect.poll(() => fieldText(page, "account-current")).toContain("گذرواژه فعلی نادرست است.");
  // The new password's refusal was about the one sent before: typing another cleared it.
  expect(await fieldText(page, "account-new")).not.toContain("گذرواژه باید دست‌کم");
  expect(await page.getByRole("main").getByRole("alert").count()).toBe(0);

  await page.getByTestId("account-current").fill(me.password);
  await page.getByTestId("account-submit").click();
  await page.getByTestId("account-done").waitFor();
  expect(await page.getByTestId("account-new").inputValue()).toBe("");
  expect(posts).toHaveLength(3);
  // signedIn() throws unless the new password signs in.
  await signedIn(env, { email: me.email, password: next });
  await context.close();
});

it("a person's record: the name required and sent trimmed, a weak reset password refused under its field", async () => {
  const person = await makeUser(env, { role: "province_admin", provinceCode: "IR-25" }, { name: "کاربر ویرایش آزمون" });
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: "fa-IR" });
  const page = await context.newPage();
  const sent: { method: string; url: string; body: unknown }[] = [];
  page.on("request", (r) => {
    if (r.url().includes(`/api/v1/users/${person.id}`) && r.method() !== "GET") {
      sent.push({ method: r.method(), url: r.url(), body: r.postDataJSON() });
    }
  });
  await signIn(page, env.baseUrl, "qom@khooshe.ir", DEMO_PASSWORD);
  await page.goto(`${env.baseUrl}/users/${person.id}`);
  await page.getByTestId("user-edit").click();
  await page.getByTestId("user-edit-name").fill("");
  await page.getByTestId("user-edit-submit").click();
  await expect.poll(() => fieldText(page, "user-edit-name")).toContain("این بخش را پر کنید.");
  expect(sent).toEqual([]);
  await page.getByTestId("user-edit-name").fill("  کاربر ویرایش‌شده  ");
  await page.getByTestId("user-edit-locale").selectOption("en");
  await page.getByTestId("user-edit-submit").click();
  await page.getByRole("dialog").waitFor({ state: "detached" });
  expect(sent).toEqual([expect.objectContaining({ method: "PATCH", body: { name: "کاربر ویرایش‌شده", locale: "en" } })]);
  await expect.poll(async () => (await page.locator("h1").textContent()) ?? "").toContain("کاربر ویرایش‌شده");

  await page.getByTestId("user-reset-password").click();
  await page.getByTestId("reset-password-input").fill("kutah1");
  await page.getByTestId("reset-password-submit").click();
  await expect.poll(() => fieldText(page, "reset-password-input")).toContain("گذرواژه باید دست‌کم ۱۰ نویسه");
  expect(await page.getByRole("dialog").getByRole("alert").count()).toBe(0);
  await page.getByTestId("reset-password-input").fill("Bazneshani-1405");
  await page.getByTestId("reset-password-submit").click();
  await page.getByRole("dialog").waitFor({ state: "detached" });
  expect(sent.slice(1).map((x) => x.body)).toEqual([{ password: "kutah1" }, { password: "Bazneshani-1405" }]);
  await signedIn(env, { email: person.email, password: "Bazneshani-1405" });
  await context.close();
});

it("the feasibility criteria and decision: Persian digits as weights, the server's total rule in the alert, the decision's reason required", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: "fa-IR" });
  const page = await context.newPage();
  const puts: unknown[] = [];
  const decisions: unknown[] = [];
  page.on("request", (r) => {
    if (r.method() === "PUT" && r.url().endsWith("/feasibility/criteria")) puts.push(r.postDataJSON());
    if (r.method() === "POST" && r.url().endsWith("/feasibility/decisions")) decisions.push(r.postDataJSON());
  });
  await signIn(page, env.baseUrl, "qom@khooshe.ir", DEMO_PASSWORD);
  await page.goto(`${env.baseUrl}/feasibility`);
  await page.getByTestId("criterion-row").first().waitFor();
  const editor = page.getByTestId("criteria-editor");
  const before = await env.database.db
    .selectFrom("feasibility_criteria")
    .select(["id", "name"])
    .where("province_code", "=", "IR-25")
    .where("archived_at", "is", null)
    .orderBy("position")
    .execute();
  expect(before.map((c) => c.name)).toEqual(["بازار", "نیروی کار ماهر"]);

  // The decision first, while the study still scores every criterion: the reason is required.
  await page.getByTestId("decision-add").click();
  await page.getByTestId("decision-submit").click();
  await expect.poll(() => fieldText(page, "decision-reason")).toContain("این بخش را پر کنید.");
  expect(decisions).toEqual([]);
  await page.getByTestId("decision-reason").fill("  بالاترین امتیاز  ");
  await page.getByTestId("decision-submit").click();
  await page.getByRole("dialog").waitFor({ state: "detached" });
  expect(decisions).toEqual([expect.objectContaining({ reason: "بالاترین امتیاز", decidedOn: todayIso() })]);

  // A third criterion: an empty name and a weight that is no number are the schema's, before sending.
  await page.getByTestId("criteria-add").click();
  await page.getByTestId("criteria-weight-2").fill("۲x");
  await page.getByTestId("criteria-save").click();
  await expect.poll(() => fieldText(page, "criteria-name-2")).toContain("این بخش را پر کنید.");
  expect(await fieldText(page, "criteria-weight-2")).toContain("یک عدد صحیح بنویسید.");
  expect(puts).toEqual([]);

  // 60 + 40 + 20: the total shows 120 and the server refuses it, in the editor's alert.
  await page.getByTestId("criteria-name-2").fill("زیرساخت");
  await page.getByTestId("criteria-weight-2").fill("۲۰");
  await expect.poll(async () => (await page.getByTestId("criteria-total").textContent()) ?? "").toContain("۱۲۰");
  await page.getByTestId("criteria-save").click();
  await expect.poll(() => textOf(editor.getByRole("alert"))).toContain("جمع وزن معیارها باید دقیقاً ۱۰۰ باشد.");
  expect(puts).toHaveLength(1);

  await page.getByTestId("criteria-weight-0").fill("۴۰");
  await page.getByTestId("criteria-save").click();
  await expect.poll(() => textOf(page.getByTestId("snackbar"))).toContain("معیارها ذخیره شد.");
  expect(puts[1]).toEqual({
    items: [
      { id: before[0]!.id, name: "بازار", weight: 40 },
      { id: before[1]!.id, name: "نیروی کار ماهر", weight: 40 },
      { name: "زیرساخت", weight: 20 },
    ],
  });
  await expect.poll(async () => (await page.getByTestId("criteria-total").textContent()) ?? "").toContain("۱۰۰");
  await context.close();
});
