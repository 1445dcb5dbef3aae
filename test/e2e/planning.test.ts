/**
 * The planning journey: a province admin, on a cluster whose steering
 * council has three seats, writes a pressure point, a strategy, the vision
 * and a baseline figure on the study page, starts the year-one plan, adds
 * two programmes (the cost shares' mismatch shown before sending), submits
 * it, schedules and records a quorate council meeting that approves it
 * (the minutes PDF holds the decision), sees the plan approved and locked
 * (no edit buttons; the API answers 409 plan_locked), reports progress on
 * it all the same, downloads its PDF and reads the Persian title and a
 * programme in it, opens a revision, changes a programme's budget and end
 * date and sees the change field by field, the budget's delta and the slip
 * on the timeline. Every page visited is axe-clean and shows no raw locale
 * key; the plan page is photographed at desktop width and at 360 px, where
 * it must not scroll sideways.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { addDaysIso, isoToJalali, todayIso } from "../../src/core/jalali";
import { DEMO_PASSWORD } from "../../src/server/demo/data";
import { signedIn } from "../support/client";
import { makeCluster, type TestEnv } from "../support/harness";
import { pdfText } from "../support/pdf";
import { ARTIFACTS, expectAccessible, signIn, startBrowserEnv } from "./support";

let env: TestEnv;
let browser: Browser;
let stop: () => Promise<void>;
let clusterId = "";

const CLUSTER = "خوشه سفال و سرامیک لالجین";
const POINT = "کمبود خاک رس مرغوب و گرانی آن";
const STRATEGY = "خرید مشترک مواد اولیه";
const PLAN = "برنامه عملیاتی سال نخست خوشه سفال";
const FIRST = "راه‌اندازی خرید مشترک خاک رس";
const SECOND = "دوره آموزشی لعاب‌کاری";

function ok<T>(r: { status: number; text: string; body: T }, status = 201): T {
  expect(r.status, r.text).toBe(status);
  return r.body;
}

beforeAll(async () => {
  ({ env, browser, stop } = await startBrowserEnv());
  // A cluster of its own (the demo's Qom clothing already has its three plans), with a council of three.
  clusterId = (await makeCluster(env, { provinceCode: "IR-25", nameFa: CLUSTER, state: "action_planning" })).id;
  const admin = await signedIn(env, { email: "qom@khooshe.ir", password: DEMO_PASSWORD });
  const from = addDaysIso(todayIso(), -30);
  for (const [personName, role] of [
    ["مهندس سفالگر", "chair"],
    ["عامل توسعه خوشه سفال", "secretary"],
    ["نماینده تولیدکنندگان سفال", "enterprise_representative"],
  ] as const) {
    ok(
      await admin.post(`/api/v1/clusters/${clusterId}/council`, {
        personName,
        organisation: null,
        role,
        fromDate: from,
        toDate: null,
        userId: null,
      }),
    );
  }
});
afterAll(async () => {
  await stop?.();
});

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: path.join(ARTIFACTS, `planning-${name}.png`), fullPage: true });
}

/** A dialog's form sent: its submit button is gone. */
async function submitDialog(page: Page, testId: string) {
  await page.getByTestId(testId).click();
  await page.getByTestId(testId).waitFor({ state: "detached" });
}

/** Types an ISO date into a Jalali date field, section by section from the year. */
async function typeDate(page: Page, testId: string, iso: string) {
  await page.locator(`[data-testid=${testId}] [role=spinbutton]`).first().click();
  await page.keyboard.type(isoToJalali(iso)!.replaceAll("/", ""));
}

/** Fills the programme dialog's budget and shares; the running sum shows the mismatch until they agree. */
async function fillMoney(page: Page, budget: string, national: string, members: string) {
  await page.getByTestId("programme-budget").fill(budget);
  await page.getByTestId("programme-share-national").fill(national);
  await expect.poll(() => page.getByTestId("shares-sum").getAttribute("data-mismatch")).toBe("true");
  await page.getByTestId("programme-share-members").fill(members);
  await expect.poll(() => page.getByTestId("shares-sum").getAttribute("data-mismatch")).toBe("false");
}

it("province admin studies, plans, has the council approve, downloads the PDF, revises and compares", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const serverErrors: string[] = [];
  page.on("response", (r) => {
    if (r.status() >= 500) serverErrors.push(`${r.status()} ${r.url()}`);
  });
  await signIn(page, env.baseUrl, "qom@khooshe.ir", DEMO_PASSWORD);
  const clusterUrl = `${env.baseUrl}/clusters/${clusterId}`;

  // The cluster page's planning section: nothing in the chain yet.
  await page.goto(clusterUrl);
  await page.getByTestId("planning-section").waitFor();
  await page.getByTestId("planning-section").getByText("هنوز نقطه فشار، راهبرد یا اقدامی ثبت نشده است").waitFor();
  await expectAccessible(page, "cluster page, planning section");

  // The study: a pressure point, a strategy that answers it, the vision.
  await page.getByTestId("study-open").click();
  await page.getByTestId("study-title").waitFor();
  await page.getByTestId("point-add").click();
  await page.getByTestId("point-title").fill(POINT);
  await page.getByTestId("point-category").selectOption("raw_materials");
  await page.getByTestId("point-severity").selectOption("3");
  await page.getByTestId("point-evidence").fill("قیمت خاک رس در دو سال سه برابر شده است.");
  await expectAccessible(page, "pressure point dialog");
  await submitDialog(page, "point-submit");
  await expect.poll(() => page.getByTestId("point-row").textContent()).toContain(POINT);
  await page.getByTestId("strategy-add").click();
  await page.getByTestId("strategy-title").fill(STRATEGY);
  await page.getByTestId("strategy-points").getByRole("checkbox", { name: POINT }).check();
  await submitDialog(page, "strategy-submit");
  await expect.poll(() => page.getByTestId("strategy-row").textContent()).toContain(POINT);
  await page.getByTestId("summary-edit").click();
  await page.getByTestId("summary-vision").fill("خوشه‌ای صادرات‌محور با برند مشترک سفال لالجین");
  await page.getByTestId("summary-strengths").fill("پیشینه چندصدساله\nمهارت بالای استادکاران");
  await submitDialog(page, "summary-submit");
  await expect.poll(() => page.getByTestId("swot-strengths").textContent()).toContain("مهارت بالای استادکاران");
  // The baseline: a value without its day is refused on the day's field, then saved with it.
  await page.getByTestId("baseline-edit").click();
  await page.getByTestId("baseline-enterprises").fill("۴۵");
  await page.getByTestId("baseline-submit").click();
  await expect
    .poll(() => page.getByRole("dialog").getByTestId("baseline-enterprises-date").textContent())
    .toContain("این بخش را پر کنید.");
  await typeDate(page, "baseline-enterprises-date", addDaysIso(todayIso(), -10));
  await submitDialog(page, "baseline-submit");
  await expect.poll(() => page.getByTestId("study-baseline").textContent()).toContain("۴۵");
  await expectAccessible(page, "study page");
  await shoot(page, "study");

  // The year-one plan, from the cluster page; the chain shows the pressure point and the strategy loose.
  await page.goto(clusterUrl);
  await page.getByTestId("chain-pressure-point").waitFor();
  expect(await page.getByTestId("chain-pressure-point").getAttribute("data-loose")).toBe("true");
  expect(await page.getByTestId("chain-pressure-point").textContent()).toContain("هیچ اقدامی به آن پاسخ نمی‌دهد");
  await page.getByTestId("plan-create").click();
  await page.getByTestId("plan-year").selectOption("1");
  await page.getByTestId("plan-title").fill(PLAN);
  await expectAccessible(page, "new plan dialog");
  await page.getByTestId("plan-submit").click();
  await page.getByTestId("plan-title").waitFor();
  await expect.poll(() => page.getByTestId("plan-title").textContent()).toBe(PLAN);
  const planId = new URL(page.url()).pathname.split("/").pop() ?? "";
  expect(await page.getByTestId("plan-status").getAttribute("data-status")).toBe("draft");

  // Two programmes; the first answers the pressure point through the strategy and has a target.
  await page.getByTestId("programme-add").click();
  await page.getByTestId("programme-title").fill(FIRST);
  await page.getByTestId("programme-area").selectOption("value_chain");
  await page.getByTestId("programme-strategy").selectOption({ label: STRATEGY });
  await page.getByTestId("programme-points").getByRole("checkbox", { name: POINT }).check();
  await page.getByTestId("programme-responsible").fill("دبیرخانه خوشه");
  await fillMoney(page, "۵۰۰۰۰۰۰۰۰", "۳۰۰۰۰۰۰۰۰", "۲۰۰۰۰۰۰۰۰");
  expect(await page.getByTestId("shares-sum").textContent()).toContain("۵۰۰٬۰۰۰٬۰۰۰");
  await page.getByTestId("target-add").click();
  await page.getByTestId("target-0-indicator").fill("بنگاه‌های عضو خرید مشترک");
  await page.getByTestId("target-0-target").fill("۲۰");
  await page.getByTestId("target-0-unit").fill("بنگاه");
  await expectAccessible(page, "programme dialog");
  await submitDialog(page, "programme-submit");
  await page.getByTestId("programme-add").click();
  await page.getByTestId("programme-title").fill(SECOND);
  await page.getByTestId("programme-area").selectOption("skills");
  await fillMoney(page, "۱۲۰۰۰۰۰۰۰", "۱۰۰۰۰۰۰۰۰", "۲۰۰۰۰۰۰۰");
  await submitDialog(page, "programme-submit");
  await expect.poll(() => page.getByTestId("programme-row").count()).toBe(2);
  expect(await page.getByTestId("plan-budget").textContent()).toBe("۶۲۰٬۰۰۰٬۰۰۰ ریال");
  await page.getByTestId("plan-timeline").waitFor();
  await expectAccessible(page, "draft plan");
  await shoot(page, "plan-draft");

  // Submitted: it waits for the council, and editing is gone.
  await page.getByTestId("plan-submit-council").click();
  await page.getByTestId("confirm-ok").click();
  await expect.poll(() => page.getByTestId("plan-status").getAttribute("data-status")).toBe("submitted");
  expect(await page.getByTestId("programme-edit").count()).toBe(0);

  // The council meets today and approves it: three of three present, a quorum.
  await page.goto(clusterUrl);
  await page.getByTestId("meeting-schedule").click();
  await page.getByTestId("meeting-place").fill("سالن جلسات شرکت شهرک‌های صنعتی قم");
  await page.getByTestId("meeting-agenda").fill(`بررسی ${PLAN}\nگزارش دبیرخانه`);
  await submitDialog(page, "meeting-submit");
  await page.getByTestId("meeting-record").waitFor();
  expect(await page.getByTestId("meeting-agenda").textContent()).toContain("گزارش دبیرخانه");
  const attendees = page.getByTestId("record-attendees").getByRole("checkbox");
  // The roster, the rule and the plans load after the section: wait for the three seats.
  await expect.poll(() => attendees.count()).toBe(3);
  await attendees.nth(0).check();
  await expect.poll(() => page.getByTestId("record-quorum").getAttribute("data-quorate")).toBe("false");
  await attendees.nth(1).check();
  await attendees.nth(2).check();
  await expect.poll(() => page.getByTestId("record-quorum").getAttribute("data-quorate")).toBe("true");
  await page.getByTestId("decision-add").click();
  expect(await page.getByTestId("decision-0-kind").inputValue()).toBe("approve_plan");
  expect(await page.getByTestId("decision-0-plan").inputValue()).toBe(planId);
  await page.getByTestId("decision-0-text").fill("برنامه سال نخست با همه اقدامات تصویب شد.");
  await page.getByTestId("decision-0-for").fill("۳");
  await page.getByTestId("record-minutes").fill("جلسه با حضور همه اعضا برگزار شد.");
  await expectAccessible(page, "meeting, record form");
  await shoot(page, "meeting-record");
  await page.getByTestId("record-submit").click();
  await expect.poll(() => page.getByTestId("meeting-status").textContent()).toBe("برگزارشده");
  expect(await page.getByTestId("meeting-quorum").getAttribute("data-quorate")).toBe("true");
  expect(await page.getByTestId("meeting-decision").textContent()).toContain(PLAN);
  const minutes = await page.request.get(
    new URL((await page.getByTestId("minutes-pdf").getAttribute("href")) ?? "", env.baseUrl).href,
  );
  expect(minutes.status()).toBe(200);
  expect(minutes.headers()["content-type"]).toBe("application/pdf");
  // The decision's words (its cell wraps them onto lines of their own), the minutes, the attendees.
  const minutesText = pdfText(await minutes.body());
  expect(minutesText).toContain("برنامه سال نخست با همه اقدامات");
  expect(minutesText).toContain("جلسه با حضور همه اعضا برگزار شد.");
  expect(minutesText).toContain("نماینده تولیدکنندگان سفال");
  await expectAccessible(page, "held meeting");
  await shoot(page, "meeting-held");

  // Approved: version 1, locked; no edit buttons, and the API refuses a change.
  await page.getByTestId("meeting-decision").getByRole("link").click();
  await expect.poll(() => page.getByTestId("plan-status").getAttribute("data-status")).toBe("approved");
  expect(await page.getByTestId("plan-version").textContent()).toBe("نسخه مصوب ۱");
  await page.getByTestId("plan-locked").waitFor();
  for (const id of ["programme-add", "programme-edit", "programme-remove", "plan-edit", "plan-submit-council"])
    expect(await page.getByTestId(id).count(), id).toBe(0);
  expect(await page.getByTestId("programme-progress").count()).toBe(2);
  const csrf = await page.evaluate(
    async () => ((await (await fetch("/api/v1/auth/me")).json()) as { csrfToken: string }).csrfToken,
  );
  const refused = await page.request.patch(`${env.baseUrl}/api/v1/plans/${planId}`, {
    headers: { "x-csrf-token": csrf, "content-type": "application/json" },
    data: { title: "تغییر پس از تصویب" },
  });
  expect(refused.status()).toBe(409);
  expect(((await refused.json()) as { code: string }).code).toBe("plan_locked");
  await expectAccessible(page, "approved plan");
  await shoot(page, "plan-approved");

  // Progress is reported on the approved plan without a revision: the course was held today.
  await page.getByTestId("programme-row").filter({ hasText: SECOND }).getByTestId("programme-progress").click();
  await page.getByTestId("progress-spent").fill("۵۰۰۰۰۰۰۰");
  await page.getByTestId("milestone-add").click();
  await page.getByTestId("milestone-0-title").fill("برگزاری دوره نخست");
  await typeDate(page, "milestone-0-done", todayIso());
  await expectAccessible(page, "progress dialog");
  await submitDialog(page, "progress-submit");
  await expect.poll(() => page.getByTestId("plan-spent").textContent()).toBe("۵۰٬۰۰۰٬۰۰۰ ریال");
  expect(
    await page
      .getByTestId("programme-row")
      .filter({ hasText: SECOND })
      .locator("[data-status]")
      .first()
      .getAttribute("data-status"),
  ).toBe("done");
  expect(await page.getByTestId("plan-percent").textContent()).toContain("۱۹٪");

  // The approved plan's PDF: the Persian title and a programme, in logical order.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("plan-pdf").click()]);
  const file = await download.path();
  const pdf = fs.readFileSync(file);
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  const text = pdfText(pdf);
  expect(text).toContain(PLAN);
  expect(text).toContain(FIRST);

  // A revision: the first programme costs more and ends two months early.
  await page.getByTestId("plan-revise").click();
  await page.getByTestId("confirm-ok").click();
  await expect.poll(() => page.getByTestId("plan-status").getAttribute("data-status")).toBe("draft");
  await page.getByTestId("plan-revision").waitFor();
  const first = page.getByTestId("programme-row").filter({ hasText: FIRST });
  await first.getByTestId("programme-edit").click();
  await page.getByTestId("programme-budget").fill("۶۰۰۰۰۰۰۰۰");
  await expect.poll(() => page.getByTestId("shares-sum").getAttribute("data-mismatch")).toBe("true");
  await page.getByTestId("programme-share-national").fill("۴۰۰۰۰۰۰۰۰");
  await expect.poll(() => page.getByTestId("shares-sum").getAttribute("data-mismatch")).toBe("false");
  const plan = (await (await page.request.get(`${env.baseUrl}/api/v1/plans/${planId}`)).json()) as {
    periodEnd: string;
  };
  const newEnd = addDaysIso(plan.periodEnd, -60);
  await typeDate(page, "programme-end", newEnd);
  await submitDialog(page, "programme-submit");
  await expect.poll(() => page.getByTestId("plan-budget").textContent()).toBe("۷۲۰٬۰۰۰٬۰۰۰ ریال");

  // The comparison with version 1: the programme's changed fields and the budget's rise; the slip on the timeline.
  const changed = page.getByTestId("compare-changed");
  await changed.waitFor();
  expect(await changed.textContent()).toContain(FIRST);
  const budgetRow = changed.locator("[data-field=budgetRials]");
  expect(await budgetRow.textContent()).toContain("۵۰۰٬۰۰۰٬۰۰۰ ریال");
  expect(await budgetRow.textContent()).toContain("۶۰۰٬۰۰۰٬۰۰۰ ریال");
  expect(await changed.locator("[data-field=endDate]").textContent()).toContain(
    isoToJalali(newEnd)!.replace(/\d/g, (d) => "۰۱۲۳۴۵۶۷۸۹"[Number(d)]!),
  );
  expect(await changed.locator("[data-field=shares]").count()).toBe(1);
  expect(await page.getByTestId("compare-delta").getAttribute("data-delta")).toBe("100000000");
  expect(await page.getByTestId("compare-delta").textContent()).toBe("۱۰۰٬۰۰۰٬۰۰۰ ریال افزایش");
  const slipped = page.getByTestId("timeline-row").filter({ hasText: FIRST });
  expect(await slipped.getAttribute("data-slipped")).toBe("true");
  expect(await slipped.getByTestId("timeline-approved").count()).toBe(1);
  expect(await page.getByTestId("timeline-row").filter({ hasText: SECOND }).getAttribute("data-slipped")).toBe("false");
  expect(await page.getByTestId("timeline-month").first().textContent()).toMatch(/^[آ-ی]/);
  await expectAccessible(page, "revision compared");
  await shoot(page, "plan-revision");

  // The plan page on a 360 px phone: readable, axe-clean, no sideways scroll.
  const phone = await context.newPage();
  await phone.setViewportSize({ width: 360, height: 800 });
  await phone.goto(`${env.baseUrl}/plans/${planId}`);
  await phone.getByTestId("compare-changed").waitFor();
  await expectAccessible(phone, "plan page (360 px)");
  await shoot(phone, "plan-360");
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, "the plan page scrolls sideways at 360 px").toBeLessThanOrEqual(1);
  await phone.close();

  // The chain on the cluster page: the pressure point answered through the strategy, the programmes by year.
  await page.goto(clusterUrl);
  await page.getByTestId("chain-programme").first().waitFor();
  expect(await page.getByTestId("chain-pressure-point").getAttribute("data-loose")).toBe("false");
  expect(await page.getByTestId("chain-strategy").getAttribute("data-loose")).toBe("false");
  expect(await page.getByTestId("chain-programme").count()).toBe(2);
  expect(await page.getByTestId("chain-target").textContent()).toContain("بنگاه‌های عضو خرید مشترک");
  await expectAccessible(page, "cluster page, chain");
  await page.getByTestId("planning-section").screenshot({ path: path.join(ARTIFACTS, "planning-chain.png") });

  // The queue and the home cards.
  await page.goto(`${env.baseUrl}/plans?status=all`);
  await page.getByTestId("plans-table").locator("[data-testid=queue-plan]").filter({ hasText: PLAN }).waitFor();
  await expectAccessible(page, "plans queue");
  await page.goto(`${env.baseUrl}/`);
  await page.getByTestId("plans-awaiting").waitFor();
  await page.getByTestId("meetings-upcoming").waitFor();
  await expectAccessible(page, "home with planning cards");

  expect(serverErrors).toEqual([]);
  await context.close();
});
