/**
 * An activity's public registration (issue 11), without an account: the
 * /register/<token> page shows the activity and the organiser's question,
 * refuses a missing answer under its field, registers, and the private
 * /registration#<token> page shows the status and the ticket's QR code;
 * the certificate check at /verify says when a code is unknown. axe on
 * every page visited.
 */
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../src/server/demo/data";
import { signedIn } from "../support/client";
import type { TestEnv } from "../support/harness";
import { ARTIFACTS, expectAccessible, startBrowserEnv } from "./support";

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
  page.screenshot({ path: path.join(ARTIFACTS, `activities-public-${name}.png`), fullPage: true });

it("registers on the public link → the status page shows the seat and the ticket; an unknown certificate code is said so", async () => {
  const db = env.database.db;
  const managed = await db
    .selectFrom("role_grants")
    .innerJoin("users", "users.id", "role_grants.user_id")
    .select(["role_grants.cluster_id"])
    .where("users.email", "=", "agent@khooshe.ir")
    .where("role_grants.role", "=", "cluster_manager")
    .executeTakeFirstOrThrow();
  const manager = await signedIn(env, { email: "agent@khooshe.ir", password: DEMO_PASSWORD });
  const created = await manager.post<{ id: string }>(`/api/v1/clusters/${managed.cluster_id}/activities`, {
    kind: "workshop",
    details: {},
    title: "کارگاه بازاریابی برخط",
    place: "سالن همایش اتاق بازرگانی",
    startDate: "2031-03-10",
    endDate: "2031-03-10",
    capacity: 20,
    sessions: [],
  });
  expect(created.status, created.text).toBe(201);
  const link = await manager.req<{ token: string }>(
    "PUT",
    `/api/v1/activities/${created.body.id}/public-registration`,
    {
      open: true,
      questions: [{ id: "field", label: "رشته کاری", kind: "choice", options: ["دوخت", "طراحی"], required: true }],
    },
  );
  expect(link.status, link.text).toBe(200);

  const visitor = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "fa-IR" });
  const pub = await visitor.newPage();
  const res = await pub.goto(`${env.baseUrl}/register/${link.body.token}`);
  expect(res?.status()).toBe(200);
  await pub.getByTestId("register-title").filter({ hasText: "کارگاه بازاریابی برخط" }).waitFor();
  expect(await pub.evaluate(() => document.documentElement.dir)).toBe("rtl");
  // Persian digits in the seats line.
  await pub.getByTestId("register-seats").filter({ hasText: "۲۰" }).waitFor();
  await expectAccessible(pub, "public registration form");
  await pub.getByLabel("نام و نام خانوادگی").fill("نرگس امینی");
  await pub.getByLabel("شماره همراه").fill("۰۹۱۲۷۷۷۶۶۵۵");
  await pub.getByTestId("register-submit").click();
  await pub.getByTestId("error-answers.field").filter({ hasText: "این بخش را پر کنید." }).waitFor();
  await expectAccessible(pub, "public registration form with an error");
  await pub.getByLabel("رشته کاری").selectOption("طراحی");
  await pub.getByTestId("register-submit").click();
  await pub.getByTestId("register-done").waitFor();
  await expectAccessible(pub, "public registration sent");
  await shot(pub, "register-done");

  await pub.getByTestId("register-open-status").click();
  await pub.getByTestId("registration-chip").filter({ hasText: "پذیرفته" }).waitFor();
  expect(await pub.getByTestId("registration-name").textContent()).toBe("نرگس امینی");
  await pub.getByTestId("registration-ticket").waitFor();
  expect(await pub.getByTestId("registration-qr").getAttribute("src")).toMatch(/^data:image\/svg\+xml/);
  await expectAccessible(pub, "public registration status");
  await shot(pub, "status");
  await pub.getByTestId("lang-switch").click();
  await pub.getByTestId("registration-text").filter({ hasText: "Your seat is confirmed" }).waitFor();
  await expectAccessible(pub, "public registration status in English");
  await pub.getByTestId("lang-switch").click();

  const saved = await db
    .selectFrom("activity_registrations")
    .select(["name", "mobile", "status", "answers"])
    .where("activity_id", "=", created.body.id)
    .executeTakeFirstOrThrow();
  expect(saved).toMatchObject({ name: "نرگس امینی", mobile: "09127776655", status: "accepted" });
  expect(JSON.parse(saved.answers ?? "{}")).toEqual({ field: "طراحی" });

  await pub.goto(`${env.baseUrl}/verify`);
  await pub.getByLabel("کد گواهی").fill("ZZZZZZZZZZ");
  await pub.getByTestId("verify-submit").click();
  await pub.getByTestId("public-error").filter({ hasText: /./ }).waitFor();
  expect(await pub.getByTestId("verify-result").isHidden()).toBe(true);
  await expectAccessible(pub, "certificate check, not found");
  await visitor.close();
});
