/**
 * The membership journey (issue 9): a business applies through the cluster's
 * public form (no account) and follows its status link; the cluster manager
 * sees it on the home card and approves it in the app; the invited member
 * opens the invitation link from the outbox, chooses a password, signs in and
 * edits their enterprise's profile; the cluster's network page then holds
 * the new enterprise. axe on every page visited.
 */
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
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

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(ARTIFACTS, `applications-${name}.png`), fullPage: true });

it("apply on the public form → approve as cluster manager → the invited member sets a password, signs in and edits the profile → the network shows them", async () => {
  const db = env.database.db;
  const managed = await db
    .selectFrom("role_grants")
    .innerJoin("users", "users.id", "role_grants.user_id")
    .innerJoin("clusters", "clusters.id", "role_grants.cluster_id")
    .select(["clusters.id", "clusters.name_fa"])
    .where("users.email", "=", "agent@khooshe.ir")
    .where("role_grants.role", "=", "cluster_manager")
    .executeTakeFirstOrThrow();
  const email = "tolid.pooshak@example.ir";
  const enterpriseName = "تولیدی پوشاک آفتاب قم";

  // 1. The public form, without an account: it names the cluster, refuses a bad national ID in Persian.
  const visitor = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "fa-IR" });
  const pub = await visitor.newPage();
  const formPage = await pub.goto(`${env.baseUrl}/apply/${managed.id}`);
  expect(formPage?.status()).toBe(200);
  expect(pub.url()).toBe(`${env.baseUrl}/apply/${managed.id}`);
  await pub.getByTestId("apply-cluster").filter({ hasText: managed.name_fa }).waitFor();
  expect(await pub.evaluate(() => document.documentElement.dir)).toBe("rtl");
  await expectAccessible(pub, "application form");
  await pub.getByLabel("نام بنگاه").fill(enterpriseName);
  await pub.getByLabel("شناسه ملی (اختیاری)").fill("۱۲۳۴۵۶۷۸۹۰۱");
  await pub.getByLabel("نام رابط").fill("زهرا موسوی");
  await pub.getByLabel("شماره همراه").fill("۰۹۱۲۳۴۵۶۷۸۹");
  await pub.getByLabel("ایمیل").fill(email);
  await pub.getByLabel("شهر").fill("قم");
  await pub.getByLabel("محصولات").fill("مانتو\nشلوار");
  await pub.getByLabel("شمار کارکنان").fill("۱۸");
  await pub.getByTestId("apply-submit").click();
  await pub.getByTestId("error-nationalId").filter({ hasText: "شناسه ملی درست نیست" }).waitFor();
  await expectAccessible(pub, "application form with an error");
  await shot(pub, "form-error");
  await pub.getByLabel("شناسه ملی (اختیاری)").fill("");
  await pub.getByTestId("apply-submit").click();
  await pub.getByTestId("apply-done").waitFor();
  await expectAccessible(pub, "application sent");
  await shot(pub, "form-done");

  // 2. The private status link: pending, in Persian, then in English.
  await pub.getByTestId("apply-open-status").click();
  await pub.getByTestId("status-chip").filter({ hasText: "در انتظار بررسی" }).waitFor();
  expect(await pub.getByTestId("status-cluster").textContent()).toBe(managed.name_fa);
  await expectAccessible(pub, "status page");
  await pub.getByTestId("lang-switch").click();
  await pub.getByTestId("status-chip").filter({ hasText: "Pending" }).waitFor();
  expect(await pub.evaluate(() => document.documentElement.dir)).toBe("ltr");
  await expectAccessible(pub, "status page in English");
  await shot(pub, "status-en");
  await pub.getByTestId("lang-switch").click();
  const statusUrl = pub.url();

  // 3. The cluster manager: the home card lists it; approving invites the contact person.
  const office = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "fa-IR" });
  const mgr = await office.newPage();
  await signIn(mgr, env.baseUrl, "agent@khooshe.ir", DEMO_PASSWORD);
  const card = mgr.getByTestId("applications-card");
  await card.getByRole("link", { name: enterpriseName }).waitFor();
  await expectAccessible(mgr, "home with the applications card");
  await shot(mgr, "home-card");
  await card.getByRole("link", { name: enterpriseName }).click();
  await mgr.getByTestId("application-title").waitFor();
  await expectAccessible(mgr, "application page");
  await mgr.getByTestId("application-approve").click();
  await mgr.getByTestId("approve-invite-email").waitFor();
  expect(await mgr.getByTestId("approve-invite-email").inputValue()).toBe(email);
  await expectAccessible(mgr, "approve dialog");
  await mgr.getByTestId("approve-submit").click();
  await mgr.getByTestId("application-decision").waitFor();
  await mgr.getByTestId("application-status-approved").first().waitFor();
  await expectAccessible(mgr, "approved application");
  await shot(mgr, "approved");
  await mgr.goto(`${env.baseUrl}/applications?status=approved`);
  await mgr.getByTestId("applications-table").getByText(enterpriseName).waitFor();
  await expectAccessible(mgr, "queue of approved applications");

  // The applicant's status page says so.
  await pub.goto("about:blank");
  await pub.goto(statusUrl);
  await pub.getByTestId("status-chip").filter({ hasText: "پذیرفته" }).waitFor();

  // 4. The invitation mail in the outbox: choose the password once, then sign in.
  const mails = await db
    .selectFrom("outbox")
    .selectAll()
    .where("to_address", "=", email)
    .orderBy("created_at")
    .execute();
  const invitation = mails.find((m) => m.body.includes("/invitation#"));
  expect(invitation, mails.map((m) => m.subject).join(" | ")).toBeTruthy();
  const link = /https?:\/\/\S+\/invitation#[A-Za-z0-9_-]{43}/.exec(invitation!.body)![0];
  const member = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "fa-IR" });
  const mem = await member.newPage();
  await mem.goto(link.replace(/^https?:\/\/[^/]+/, env.baseUrl));
  await mem.getByTestId("invite-intro").filter({ hasText: email }).waitFor();
  await expectAccessible(mem, "invitation page");
  await mem.locator("#f-password").fill("Aftab-qom-1404");
  await mem.locator("#f-repeatPassword").fill("Aftab-qom-1404");
  await mem.getByTestId("invite-submit").click();
  await mem.getByTestId("invite-done").waitFor();
  expect(mem.url()).not.toContain("#");
  await expectAccessible(mem, "invitation accepted");
  await shot(mem, "invitation-done");
  await mem.getByTestId("invite-sign-in").click();
  await mem.getByTestId("login-email").fill(email);
  await mem.getByTestId("login-password").fill("Aftab-qom-1404");
  await mem.getByTestId("login-submit").click();
  await mem.getByTestId("home-title").waitFor();

  // 5. The member's home: their enterprise; they edit its profile.
  await mem.getByTestId("my-enterprise").filter({ hasText: enterpriseName }).waitFor();
  await expectAccessible(mem, "member home");
  await mem.getByTestId("my-enterprise-edit").click();
  await mem.getByTestId("enterprise-form-contactPerson").waitFor();
  await expectAccessible(mem, "member edits the profile");
  await mem.getByTestId("enterprise-form-contactPerson").fill("زهرا موسوی (مدیر تولید)");
  await mem.getByTestId("enterprise-form-submit").click();
  await mem.getByTestId("enterprise-title").waitFor();
  await mem.getByText("زهرا موسوی (مدیر تولید)").first().waitFor();
  await expectAccessible(mem, "member's enterprise after the edit");
  await shot(mem, "member-profile");
  const saved = await db
    .selectFrom("enterprises")
    .innerJoin("actors", "actors.id", "enterprises.id")
    .select(["enterprises.id", "enterprises.contact_person"])
    .where("actors.name", "=", enterpriseName)
    .executeTakeFirstOrThrow();
  expect(saved.contact_person).toBe("زهرا موسوی (مدیر تولید)");

  // 6. The cluster's network page holds the new member, once its snapshot (computed in the background) is drawn.
  const drawn = mgr.waitForResponse(
    async (r) => {
      const url = new URL(r.url());
      if (url.pathname !== `/api/v1/clusters/${managed.id}/network`) return false;
      if (!r.ok()) return false;
      const b = (await r.json()) as { computing: boolean; nodes: { id: string }[] };
      return !b.computing && b.nodes.some((n) => n.id === saved.id);
    },
    { timeout: 60_000 },
  );
  await mgr.goto(`${env.baseUrl}/clusters/${managed.id}/network`);
  await drawn;
  await mgr.getByTestId("network-title").waitFor();
  await expectAccessible(mgr, "cluster network");
  await shot(mgr, "network");

  await Promise.all([visitor.close(), office.close(), member.close()]);
});
