/**
 * The members journey: a cluster manager finds an enterprise in the
 * directory with an Arabic-letter query (ي, ك) although it is spelt with
 * Persian letters, opens its profile (شناسنامه بنگاه), edits a field and
 * sees it saved; saves the designer database as a view and opens it by its
 * link; sees the cluster's members on the cluster page; finds a published
 * partner in another province and expresses interest. A member user edits
 * their own enterprise from the home card, sees their staff's personal data
 * (they keep those records) and cannot open (or edit) another enterprise; a
 * council member sees a person with the personal data hidden. Every page
 * visited is axe-clean and shows no raw locale key; each is photographed at
 * desktop width and at 390 px.
 */
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../src/server/demo/data";
import { type Client, signedIn } from "../support/client";
import type { TestEnv } from "../support/harness";
import { ARTIFACTS, expectAccessible, signIn, startBrowserEnv } from "./support";

let env: TestEnv;
let browser: Browser;
let stop: () => Promise<void>;

/** Spelt with Persian ی and ک; searched below with Arabic ي and ك. */
const NAME = "تولیدی کیف چرمی یاسمین قم";
const ARABIC_QUERY = "كيف چرمي ياسمين";
const PARTNER = "فیلم‌سازان پلیمری تاکستان";

let qomClusterId = "";
let qazvinClusterId = "";
let enterpriseId = "";
let memberEnterpriseId = "";
let otherEnterpriseId = "";
let staffId = "";

/** A demo enterprise's id and home cluster, by its name (names live on actors). */
async function enterpriseNamed(name: string): Promise<{ id: string; clusterId: string }> {
  const row = await env.database.db
    .selectFrom("actors")
    .innerJoin("enterprises", "enterprises.id", "actors.id")
    .select(["enterprises.id", "enterprises.cluster_id"])
    .where("actors.name", "=", name)
    .executeTakeFirstOrThrow();
  return { id: row.id, clusterId: row.cluster_id };
}

function ok<T>(r: { status: number; text: string; body: T }, status = 201): T {
  expect(r.status, r.text).toBe(status);
  return r.body;
}

beforeAll(async () => {
  ({ env, browser, stop } = await startBrowserEnv());
  const negin = await enterpriseNamed("تولیدی پوشاک نگین قم");
  qomClusterId = negin.clusterId;
  memberEnterpriseId = negin.id;
  qazvinClusterId = (await enterpriseNamed("بسته‌بندی پلیمری البرز قزوین")).clusterId;
  otherEnterpriseId = (await enterpriseNamed("پوشاک کودک آوا")).id;

  // The records the journey needs, through the API as the people who would make them.
  const agent: Client = await signedIn(env, { email: "agent@khooshe.ir", password: DEMO_PASSWORD });
  const made = ok<{ id: string }>(
    await agent.post(`/api/v1/clusters/${qomClusterId}/enterprises`, {
      name: NAME,
      city: "قم",
      legalForm: "limited_liability",
      employeesIndustrial: 12,
      products: [{ name: "کیف چرمی زنانه", productGroup: null }],
    }),
  );
  enterpriseId = made.id;
  ok(
    await agent.post("/api/v1/people", {
      name: "نسترن طراح‌زاده",
      skills: ["designer", "pattern_maker"],
      clusterIds: [qomClusterId],
      portfolio: ["https://example.ir/nastaran"],
      city: "قم",
    }),
  );
  const staff = ok<{ id: string }>(
    await agent.post("/api/v1/people", {
      name: "مریم کارگر نگین",
      enterpriseId: memberEnterpriseId,
      skills: ["technician"],
      mobile: "۰۹۱۲۳۴۵۶۷۸۹",
    }),
  );
  staffId = staff.id;
  const admin = await signedIn(env, { email: "admin@khooshe.ir", password: DEMO_PASSWORD });
  ok(
    await admin.post(`/api/v1/clusters/${qazvinClusterId}/enterprises`, {
      name: PARTNER,
      city: "تاکستان",
      products: [{ name: "فیلم پلیمری چندلایه", productGroup: null }],
      capacity: 1200,
      capacityUnit: "تن در سال",
      published: true,
      publishedFields: ["products", "capacity"],
    }),
  );
});
afterAll(async () => {
  await stop?.();
});

function watchServerErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("response", (r) => {
    if (r.status() >= 500) errors.push(`${r.status()} ${r.url()}`);
  });
  return errors;
}

/**
 * A list has its answer and no other is on its way: DataTable says aria-busy
 * while it fetches (its progress bar has no name) and waits 300 ms before
 * sending changed filters, so the quiet must last longer than that.
 */
async function settled(page: Page, testId: string) {
  const idle = page.locator(`[data-testid=${testId}][aria-busy=false]`);
  for (let quiet = 0; quiet < 2; ) {
    await idle.waitFor();
    await page.waitForTimeout(400);
    quiet = (await idle.count()) > 0 && (await page.locator("[role=progressbar]").count()) === 0 ? quiet + 1 : 0;
  }
}

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: path.join(ARTIFACTS, `members-${name}.png`), fullPage: true });
}

/** The same page at phone width: axe-clean too, and photographed. */
async function onPhone(context: BrowserContext, url: string, ready: string, name: string) {
  const page = await context.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(url);
  await page.getByTestId(ready).first().waitFor();
  if (ready.endsWith("-table")) await settled(page, ready);
  await expectAccessible(page, `${name} (390 px)`);
  await shoot(page, `${name}-390`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name} scrolls sideways at 390 px`).toBeLessThanOrEqual(1);
  await page.close();
}

it("cluster manager finds an enterprise by an Arabic-letter query, edits its profile, saves the designer view and expresses interest in a partner", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const serverErrors = watchServerErrors(page);
  await signIn(page, env.baseUrl, "agent@khooshe.ir", DEMO_PASSWORD);

  // The directory: Arabic ي and ك find the name spelt with Persian ی and ک.
  await page.getByTestId("nav-members").click();
  await page.getByTestId("directory-table").waitFor();
  await expect.poll(async () => (await page.getByTestId("directory-table").textContent()) ?? "").toContain("پوشاک");
  await settled(page, "directory-table");
  await expectAccessible(page, "directory");
  await shoot(page, "directory");
  await page.getByTestId("directory-q").fill(ARABIC_QUERY);
  const row = page.getByTestId("directory-name").filter({ hasText: NAME });
  await row.waitFor();
  expect(await page.getByTestId("directory-name").count()).toBe(1);
  expect(new URL(page.url()).searchParams.get("q")).toBe(ARABIC_QUERY);
  await settled(page, "directory-table");
  await expectAccessible(page, "directory, searched");

  // The profile.
  await row.click();
  await page.getByTestId("enterprise-title").waitFor();
  expect(await page.getByTestId("enterprise-title").textContent()).toBe(NAME);
  expect(await page.getByTestId("enterprise-size").textContent()).toBe("کوچک");
  expect(await page.getByTestId("size-thresholds").textContent()).toContain("۱۰ تا ۴۹ نفر");
  expect(await page.getByTestId("memberships").textContent()).toContain("خوشه");
  await expectAccessible(page, "enterprise profile");
  await shoot(page, "enterprise");
  const profileUrl = page.url();

  // Edit: a national ID that fails its check digit is refused on its field; then guild staff and a valid one.
  await page.getByTestId("enterprise-edit").click();
  await page.getByTestId("enterprise-form-name").waitFor();
  await expectAccessible(page, "enterprise edit dialog");
  await shoot(page, "enterprise-edit");
  await page.getByTestId("enterprise-form-nationalId").fill("۱۲۳۴۵۶۷۸۹۰۱");
  await page.getByTestId("enterprise-form-employeesGuild").fill("۴۵");
  await expect
    .poll(async () => (await page.getByTestId("enterprise-form-size").textContent()) ?? "")
    .toContain("متوسط");
  await page.getByTestId("enterprise-form-submit").click();
  await expect
    .poll(async () => (await page.getByRole("dialog", { name: "ویرایش شناسنامه بنگاه" }).textContent()) ?? "")
    .toContain("شناسه ملی شرکت درست نیست");
  await page.getByTestId("enterprise-form-nationalId").fill("");
  await page.getByTestId("enterprise-form-contactPerson").fill("آقای یاسمینی");
  await page.getByTestId("enterprise-form-submit").click();
  await page.getByTestId("enterprise-form-submit").waitFor({ state: "detached" });
  await expect.poll(() => page.getByTestId("enterprise-size").textContent()).toBe("متوسط");
  expect(await page.getByTestId("enterprise-employees").textContent()).toContain("۵۷");
  expect(await page.getByTestId("enterprise-identity").textContent()).toContain("آقای یاسمینی");
  const saved = await env.database.db
    .selectFrom("enterprises")
    .selectAll()
    .where("id", "=", enterpriseId)
    .executeTakeFirstOrThrow();
  expect(saved).toMatchObject({ contact_person: "آقای یاسمینی" });
  await page.reload();
  await page.getByTestId("enterprise-title").waitFor();
  expect(await page.getByTestId("enterprise-identity").textContent()).toContain("آقای یاسمینی");

  // The designer database of the cluster, saved as a view and opened by its link.
  await page.goto(`${env.baseUrl}/members?clusterId=${qomClusterId}`);
  await page.getByTestId("views-designers").click();
  await expect.poll(() => new URL(page.url()).searchParams.get("skill")).toBe("designer");
  await page.getByTestId("directory-name").filter({ hasText: "نسترن طراح‌زاده" }).waitFor();
  await page.getByTestId("view-save").click();
  await page.getByTestId("view-name").waitFor();
  expect(await page.getByTestId("view-name").inputValue()).toBe("بانک اطلاعات طراحان");
  await expectAccessible(page, "save view dialog");
  await page.getByTestId("view-save-submit").click();
  await expect.poll(() => new URL(page.url()).searchParams.get("viewId")).toBeTruthy();
  const viewId = new URL(page.url()).searchParams.get("viewId")!;
  const shared = await context.newPage();
  await shared.goto(`${env.baseUrl}/members?viewId=${viewId}`);
  await shared.getByTestId("saved-view-open").waitFor();
  expect(await shared.getByTestId("saved-view-open").textContent()).toContain("بانک اطلاعات طراحان");
  await shared.getByTestId("directory-name").filter({ hasText: "نسترن طراح‌زاده" }).waitFor();
  await expect.poll(() => new URL(shared.url()).searchParams.get("skill")).toBe("designer");
  await settled(shared, "directory-table");
  await expectAccessible(shared, "saved view opened by link");
  await shoot(shared, "designer-view");
  await shared.close();

  // A person's page (the manager sees personal data) and an institution's.
  await page.getByTestId("directory-name").filter({ hasText: "نسترن طراح‌زاده" }).click();
  await page.getByTestId("person-title").waitFor();
  expect(await page.getByTestId("person-personal-hidden").count()).toBe(0);
  expect(await page.getByTestId("person-portfolio").textContent()).toContain("https://example.ir/nastaran");
  await expectAccessible(page, "person page");
  await shoot(page, "person");
  const personUrl = page.url();
  await page.goto(`${env.baseUrl}/members?kind=institution&clusterId=${qomClusterId}`);
  await page.getByTestId("directory-name").filter({ hasText: "اتحادیه تولیدکنندگان پوشاک قم" }).click();
  await page.getByTestId("institution-title").waitFor();
  await expectAccessible(page, "institution page");
  await shoot(page, "institution");
  const institutionUrl = page.url();

  // The cluster page's members section, and its link into the directory.
  await page.goto(`${env.baseUrl}/clusters/${qomClusterId}`);
  await page.getByTestId("cluster-members").waitFor();
  // The tab counts the cluster's enterprises (the demo's and the one made above); the table shows a page of five.
  await expect
    .poll(async () => (await page.getByTestId("cluster-members-tab-enterprise").textContent()) ?? "")
    .toMatch(/[۰-۹]/);
  await expect.poll(() => page.getByTestId("cluster-members-table").locator("tbody tr").count()).toBe(5);
  await page.getByTestId("cluster-members").scrollIntoViewIfNeeded();
  await settled(page, "cluster-members-table");
  await expectAccessible(page, "cluster page with members");
  await shoot(page, "cluster-section");
  await page.getByTestId("cluster-members-directory").click();
  await page.getByTestId("directory-table").waitFor();
  expect(new URL(page.url()).searchParams.get("clusterId")).toBe(qomClusterId);

  // Partner search across provinces: Qazvin's published film maker, and express interest.
  await page.getByTestId("nav-partners").click();
  await page.getByTestId("partners-table").waitFor();
  await page.getByTestId("partners-q").fill("فیلم پلیمری");
  await page.getByTestId("partners-provinces").click();
  await page.getByRole("option", { name: "قزوین" }).click();
  await page.getByRole("option", { name: "تهران" }).click();
  await page.keyboard.press("Escape");
  await expect
    .poll(() => new URL(page.url()).searchParams.get("provinceCodes")?.split(",").length, { timeout: 10_000 })
    .toBe(2);
  const partner = page.getByTestId("partner-name").filter({ hasText: PARTNER });
  await partner.waitFor();
  expect(await page.getByTestId("partners-table").textContent()).toContain("۱٬۲۰۰");
  await settled(page, "partners-table");
  await expectAccessible(page, "partner search");
  await shoot(page, "partners");
  const partnersUrl = page.url();
  await page.getByTestId("partner-interest").first().click();
  await page.getByTestId("interest-message").waitFor();
  await expectAccessible(page, "express interest dialog");
  await page.getByTestId("interest-message").fill("برای بسته‌بندی پوشاک به فیلم چندلایه نیاز داریم.");
  await page.getByTestId("interest-submit").click();
  await page.getByTestId("interest-submit").waitFor({ state: "detached" });
  await expect.poll(() => page.getByTestId("partner-interest").first().isDisabled()).toBe(true);

  // Each page at phone width.
  await onPhone(context, `${env.baseUrl}/members`, "directory-table", "directory");
  await onPhone(context, profileUrl, "enterprise-title", "enterprise");
  await onPhone(context, personUrl, "person-title", "person");
  await onPhone(context, institutionUrl, "institution-title", "institution");
  await onPhone(context, `${env.baseUrl}/clusters/${qomClusterId}`, "cluster-members", "cluster-section");
  await onPhone(context, partnersUrl, "partners-table", "partners");

  expect(serverErrors).toEqual([]);
  await context.close();
});

it("a member user edits their own enterprise from the home card, keeps their staff, and cannot edit another", async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const serverErrors = watchServerErrors(page);
  await signIn(page, env.baseUrl, "member@khooshe.ir", DEMO_PASSWORD);
  await page.getByTestId("my-enterprise").waitFor();
  await expectAccessible(page, "member home (390 px)");
  await shoot(page, "member-home-390");

  await page.getByTestId("my-enterprise-edit").click();
  await page.getByTestId("enterprise-form-city").waitFor();
  expect(page.url()).toContain(`/members/enterprises/${memberEnterpriseId}`);
  await expectAccessible(page, "member edits own profile (390 px)");
  await shoot(page, "member-edit-390");
  await page.getByTestId("enterprise-form-website").fill("https://negin.example.ir");
  await page.getByTestId("enterprise-form-submit").click();
  await page.getByTestId("enterprise-form-submit").waitFor({ state: "detached" });
  await expect
    .poll(async () => (await page.getByTestId("enterprise-contact").textContent()) ?? "")
    .toContain("https://negin.example.ir");
  const row = await env.database.db
    .selectFrom("actors")
    .select("website")
    .where("id", "=", memberEnterpriseId)
    .executeTakeFirstOrThrow();
  expect(row.website).toBe("https://negin.example.ir");
  await expectAccessible(page, "member's own profile (390 px)");
  await shoot(page, "member-enterprise-390");

  // Their staff member: the member keeps the record, so sees its personal data.
  await page.goto(`${env.baseUrl}/members/people/${staffId}`);
  await page.getByTestId("person-title").waitFor();
  expect(await page.getByTestId("person-personal-hidden").count()).toBe(0);
  expect(await page.getByTestId("person-contact").textContent()).toContain("۰۹۱۲۳۴۵۶۷۸۹");
  await expectAccessible(page, "member's staff member (390 px)");

  // Another enterprise of the same cluster: not theirs to see, and not theirs to edit.
  await page.goto(`${env.baseUrl}/members/enterprises/${otherEnterpriseId}`);
  await page.getByTestId("not-found").waitFor();
  expect(await page.getByTestId("enterprise-edit").count()).toBe(0);
  await expectAccessible(page, "another enterprise (390 px)");
  const member = await signedIn(env, { email: "member@khooshe.ir", password: DEMO_PASSWORD });
  const refused = await member.patch(`/api/v1/enterprises/${otherEnterpriseId}`, { city: "تهران" });
  expect([403, 404]).toContain(refused.status);
  const other = await env.database.db
    .selectFrom("actors")
    .select("city")
    .where("id", "=", otherEnterpriseId)
    .executeTakeFirstOrThrow();
  expect(other.city).not.toBe("تهران");

  expect(serverErrors).toEqual([]);
  await context.close();
});

it("a council member sees the cluster's people without their personal data", async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const serverErrors = watchServerErrors(page);
  await signIn(page, env.baseUrl, "council@khooshe.ir", DEMO_PASSWORD);
  await page.goto(`${env.baseUrl}/members/people/${staffId}`);
  await page.getByTestId("person-title").waitFor();
  await page.getByTestId("person-personal-hidden").waitFor();
  expect(await page.getByTestId("person-contact").textContent()).not.toContain("۰۹۱۲");
  expect(await page.getByTestId("person-edit").count()).toBe(0);
  await expectAccessible(page, "person, personal data hidden (390 px)");
  await shoot(page, "person-hidden-390");
  expect(serverErrors).toEqual([]);
  await context.close();
});
