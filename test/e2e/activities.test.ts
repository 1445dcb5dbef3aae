/**
 * The activities journey, on the demo's Qom clothing cluster: the cluster's
 * manager records a one-day training under a programme of an approved plan
 * (the programme's activities in the plan's chain go from none to one
 * planned); the member enterprise's user registers two of their staff at
 * once and sees them with their tickets; the manager, on a 360 px wide
 * phone, finds each by name on the check-in list and checks them in; back at a desk sets the certificate
 * rule and its signatory, issues one certificate and opens its public
 * verification page in a browser with no session, which names the holder
 * and the course; the activity's and the cluster's beneficiary counts have
 * grown by the two people; marking the training done moves its programme
 * to done in the chain. Every page visited is axe-clean and shows no raw
 * locale key; the check-in page must not scroll sideways at 360 px.
 */
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { isoToJalali, todayIso } from "../../src/core/jalali";
import { DEMO_PASSWORD } from "../../src/server/demo/data";
import { signedIn } from "../support/client";
import type { TestEnv } from "../support/harness";
import { ARTIFACTS, expectAccessible, signIn, startBrowserEnv } from "./support";

let env: TestEnv;
let browser: Browser;
let stop: () => Promise<void>;

const TRAINING = "دوره الگوسازی و برش صنعتی پوشاک";
const STAFF = ["مریم طراح‌زاده", "زهرا برشکار"] as const;
const ENTERPRISE = "تولیدی پوشاک نگین قم";
let clusterId = "";
let programmeId = "";
let programmeTitle = "";

function ok<T>(r: { status: number; text: string; body: T }, status = 201): T {
  expect(r.status, r.text).toBe(status);
  return r.body;
}

beforeAll(async () => {
  ({ env, browser, stop } = await startBrowserEnv());
  const db = env.database.db;
  const enterprise = await db
    .selectFrom("actors")
    .select("id")
    .where("kind", "=", "enterprise")
    .where("name", "=", ENTERPRISE)
    .executeTakeFirstOrThrow();
  const membership = await db
    .selectFrom("cluster_actors")
    .select("cluster_id")
    .where("actor_id", "=", enterprise.id)
    .executeTakeFirstOrThrow();
  clusterId = membership.cluster_id;
  // A programme of the cluster's approved plans that no milestone or activity counts towards yet,
  // so one training decides its progress.
  const programme = await db
    .selectFrom("planning_programmes as p")
    .select(["p.id", "p.title"])
    .where("p.cluster_id", "=", clusterId)
    .where((eb) =>
      eb.not(
        eb.exists(eb.selectFrom("planning_milestones as m").select("m.id").whereRef("m.programme_id", "=", "p.id")),
      ),
    )
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom("activities as a").select("a.id").whereRef("a.programme_id", "=", "p.id"))),
    )
    .orderBy("p.start_date", "desc")
    .executeTakeFirstOrThrow();
  programmeId = programme.id;
  programmeTitle = programme.title;
  // The enterprise's two staff, recorded by the cluster's office.
  const agent = await signedIn(env, { email: "agent@khooshe.ir", password: DEMO_PASSWORD });
  for (const name of STAFF) {
    ok(await agent.post("/api/v1/people", { name, enterpriseId: enterprise.id, skills: ["designer"] }));
  }
});
afterAll(async () => {
  await stop?.();
});

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: path.join(ARTIFACTS, `activities-${name}.png`), fullPage: true });
}

/** Types an ISO date into a Jalali date field, section by section from the year. */
async function typeDate(page: Page, testId: string, iso: string) {
  await page.locator(`[data-testid=${testId}] [role=spinbutton]`).first().click();
  await page.keyboard.type(isoToJalali(iso)!.replaceAll("/", ""));
}

/** The Persian-digit number a test id's text holds (e.g. «۲ نفر» → 2). */
async function numberIn(page: Page, testId: string): Promise<number> {
  const text = (await page.getByTestId(testId).first().textContent()) ?? "";
  const latin = text.replace(/[۰-۹]/g, (d) => String("۰۱۲۳۴۵۶۷۸۹".indexOf(d))).replace(/[٬,]/g, "");
  return Number(latin.match(/\d+/)?.[0] ?? Number.NaN);
}

/** The cluster's unique people this year, as its beneficiaries section shows them. */
async function clusterPeople(page: Page): Promise<number> {
  await page.goto(`${env.baseUrl}/clusters/${clusterId}`);
  await page.getByTestId("cluster-beneficiaries").getByTestId("beneficiaries-people").waitFor();
  return numberIn(page, "beneficiaries-people");
}

/** This programme's card in the plan's chain, on the cluster page. */
function chainProgramme(page: Page) {
  return page.getByTestId("chain-programme").filter({ hasText: programmeTitle });
}

it("manager records a training, a member registers two staff, check-in at 360 px, a certificate verified publicly, beneficiaries and progress move", async () => {
  const desk = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await desk.newPage();
  const serverErrors: string[] = [];
  page.on("response", (r) => {
    if (r.status() >= 500) serverErrors.push(`${r.status()} ${r.url()}`);
  });
  await signIn(page, env.baseUrl, "agent@khooshe.ir", DEMO_PASSWORD);
  const peopleBefore = await clusterPeople(page);
  await expectAccessible(page, "cluster page, activities and beneficiaries");

  // The training, from the activities list: today, under the programme, ten seats.
  await page.goto(`${env.baseUrl}/activities`);
  await page.getByTestId("activity-new").click();
  await page.getByTestId("activity-kind").selectOption("training");
  await page.getByTestId("activity-title").fill(TRAINING);
  await page.getByTestId("activity-hours").fill("۸");
  await page.getByTestId("activity-mode").selectOption("in_person");
  await typeDate(page, "activity-start", todayIso());
  await typeDate(page, "activity-end", todayIso());
  await page.getByTestId("activity-place").fill("مرکز آموزش شهرک صنعتی شکوهیه");
  await page.getByTestId("activity-programme").selectOption(programmeId);
  await page.getByTestId("activity-capacity").fill("۱۰");
  await page.getByTestId("activity-cost").fill("0");
  await expectAccessible(page, "new activity form");
  await page.getByTestId("activity-submit").click();
  await page.getByTestId("activity-title-heading").waitFor();
  await expect.poll(() => page.getByTestId("activity-title-heading").textContent()).toContain(TRAINING);
  const activityId = new URL(page.url()).pathname.split("/").pop() ?? "";
  expect(await page.getByTestId("activity-status").first().getAttribute("data-status")).toBe("planned");
  await expectAccessible(page, "activity page, planned");

  // The plan's chain shows the programme's one planned activity.
  await page.goto(`${env.baseUrl}/clusters/${clusterId}`);
  await chainProgramme(page).getByTestId("chain-programme-activities").waitFor();
  expect(await chainProgramme(page).getByTestId("chain-programme-activities").getAttribute("data-total")).toBe("1");
  expect(await chainProgramme(page).getByTestId("chain-programme-activities").getAttribute("data-done")).toBe("0");

  // The member's user registers both staff at once.
  const memberContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const member = await memberContext.newPage();
  await signIn(member, env.baseUrl, "member@khooshe.ir", DEMO_PASSWORD);
  await member.goto(`${env.baseUrl}/activities/${activityId}`);
  await member.getByTestId("activity-register").click();
  for (const name of STAFF) {
    await member.getByTestId("register-person").fill(name.split(" ")[0]!);
    await member.getByRole("listbox").getByRole("option").filter({ hasText: name }).click();
  }
  await expect.poll(() => member.getByTestId("register-entry").count()).toBe(2);
  await expectAccessible(member, "register dialog");
  await member.getByTestId("register-submit").click();
  await expect.poll(() => member.getByTestId("register-result-row").count()).toBe(2);
  await member.getByTestId("register-close").click();
  // The member sees their own two staff on the activity's page, each with a seat and a ticket.
  await expect.poll(() => member.getByTestId("registrations").getByTestId("registration-name").count()).toBe(2);
  expect(await member.getByTestId("registrations").getByTestId("ticket-open").count()).toBe(2);
  await expectAccessible(member, "activity page, the member's registrations");
  await memberContext.close();

  // The manager checks them in on a phone.
  const phoneContext = await browser.newContext({
    viewport: { width: 360, height: 740 },
    isMobile: true,
    hasTouch: true,
  });
  const phone = await phoneContext.newPage();
  await signIn(phone, env.baseUrl, "agent@khooshe.ir", DEMO_PASSWORD);
  await phone.goto(`${env.baseUrl}/activities/${activityId}/check-in`);
  await phone.getByTestId("check-in-list").waitFor();
  await expect.poll(() => numberIn(phone, "count-registered")).toBe(2);
  for (const [i, name] of STAFF.entries()) {
    await phone.getByTestId("check-in-search").fill(name.split(" ")[1]!);
    await expect.poll(() => phone.getByTestId("check-in-row").count()).toBe(1);
    await phone.getByRole("button", { name: `ثبت حضور ${name}` }).click();
    await phone.getByTestId("undo-check-in").waitFor();
    await expect.poll(() => numberIn(phone, "count-checked-in")).toBe(i + 1);
  }
  await phone.getByTestId("check-in-search").fill("");
  await expect.poll(() => phone.getByTestId("check-in-row").count()).toBe(2);
  expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await expectAccessible(phone, "check-in page at 360 px");
  await shoot(phone, "check-in-360");
  await phoneContext.close();

  // Certificates: the rule and its signatory, then one certificate.
  await page.goto(`${env.baseUrl}/activities/${activityId}`);
  await page.getByTestId("certificate-settings-open").click();
  await page.getByTestId("certificate-percent").fill("۸۰");
  await page.getByTestId("signatory-name-0").fill("علی رضایی");
  await page.getByTestId("signatory-title-0").fill("مدیرعامل شرکت شهرک‌های صنعتی استان قم");
  await expectAccessible(page, "certificate settings");
  await page.getByTestId("certificate-settings-save").click();
  await page.getByTestId("certificate-settings-save").waitFor({ state: "detached" });
  await page.getByRole("button", { name: `صدور گواهی ${STAFF[0]}` }).click();
  const issued = page.getByTestId("certificate-row").filter({ hasText: STAFF[0] });
  await expect.poll(() => issued.getAttribute("data-issued")).toBe("true");
  const verifyHref = await issued.getByTestId("certificate-verify-link").getAttribute("href");
  expect(verifyHref).toMatch(/\/verify#[A-Z0-9-]+$/);
  await expectAccessible(page, "activity page, certificates");

  // The activity's beneficiaries: the two people.
  await page.getByTestId("beneficiaries-panel").getByTestId("beneficiaries-people").waitFor();
  expect(await numberIn(page, "beneficiaries-people")).toBe(2);
  await shoot(page, "activity");

  // The verification page, from a browser that has never signed in.
  const publicContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const visitor = await publicContext.newPage();
  await visitor.goto(new URL(verifyHref!, env.baseUrl).toString());
  await visitor.getByText(STAFF[0]).waitFor();
  await visitor.getByText(TRAINING).waitFor();
  await expectAccessible(visitor, "public certificate verification");
  await publicContext.close();

  // The cluster's beneficiaries grew by the two; marking the training done completes its programme.
  expect(await clusterPeople(page)).toBe(peopleBefore + 2);
  await page.goto(`${env.baseUrl}/activities/${activityId}`);
  await page.getByTestId("activity-edit").click();
  await page.getByTestId("activity-status-field").selectOption("done");
  await page.getByTestId("activity-submit").click();
  await expect.poll(() => page.getByTestId("activity-status").first().getAttribute("data-status")).toBe("done");
  await page.goto(`${env.baseUrl}/clusters/${clusterId}`);
  await chainProgramme(page).getByTestId("chain-programme-activities").waitFor();
  await expect
    .poll(() => chainProgramme(page).getByTestId("chain-programme-activities").getAttribute("data-done"))
    .toBe("1");
  expect(await chainProgramme(page).locator("[data-status]").first().getAttribute("data-status")).toBe("done");
  await expectAccessible(page, "cluster page, programme done");
  expect(serverErrors).toEqual([]);
  await desk.close();
});
