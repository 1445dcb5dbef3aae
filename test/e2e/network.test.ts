/**
 * The network journey: a cluster manager sees the network's headline
 * figures on the cluster page, opens the network page, sees the picture
 * drawn (WebGL) with the figures, filters by actor kind, adds a link through
 * the form, and opens an actor. axe clean on each view.
 */
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { normalizeFa, sortKeyFa } from "../../src/core/normalize";
import { Client } from "../support/client";
import { makeCluster, makeEnterprise, makeUser, PASSWORD, type TestEnv } from "../support/harness";
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

async function institution(clusterId: string, name: string) {
  const id = crypto.randomUUID();
  const now = new Date().toISOString();
  const db = env.database.db;
  await db
    .insertInto("actors")
    .values({
      id,
      kind: "institution",
      name,
      name_norm: normalizeFa(name),
      name_sort: sortKeyFa(name),
      search_norm: normalizeFa(name),
      province_code: "IR-25",
      city: null,
      city_norm: null,
      address: null,
      postal_code: null,
      phone: null,
      mobile: null,
      email: null,
      website: null,
      notes: null,
      fts_rowid: null,
      created_at: now,
      updated_at: now,
      created_by: null,
    })
    .execute();
  await db.insertInto("institutions").values({ id, institution_kind: "union", description: null }).execute();
  await db
    .insertInto("cluster_actors")
    .values({
      cluster_id: clusterId,
      actor_id: id,
      kind: "institution",
      status: "member",
      joined_on: now.slice(0, 10),
      left_on: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return { id, name };
}

it("shows a cluster's network: figures on the cluster page, the picture drawn, filters, a new link, an actor opened", async () => {
  const cluster = await makeCluster(env, {
    provinceCode: "IR-25",
    nameFa: "خوشه آزمایشی شبکه پوشاک",
    state: "agent_contracted",
  });
  const names = ["تولیدی نخ قم", "پوشاک البرز", "دوزندگی مهر", "پارچه‌بافی نور", "طرح و دوخت سپید", "پوشاک بهار"];
  const firms = [];
  for (const n of names) firms.push(await makeEnterprise(env, cluster, n));
  const union = await institution(cluster.id, "اتحادیه تولیدکنندگان پوشاک قم");
  const user = await makeUser(
    env,
    { role: "cluster_manager", clusterId: cluster.id },
    { email: "net-manager@test.ir", name: "مدیر خوشه" },
  );
  const api = new Client(env);
  await api.login(user.email, PASSWORD);
  const link = async (a: { id: string }, b: { id: string }, type: string) => {
    const r = await api.post(`/api/v1/clusters/${cluster.id}/relationships`, {
      fromActorId: a.id,
      toActorId: b.id,
      type,
      strength: 2,
      source: "diagnostic_interview",
      startOn: "2024-03-20",
    });
    expect(r.status, r.text).toBe(201);
  };
  const [f0, f1, f2, f3, f4, f5] = firms as [(typeof firms)[0], ...typeof firms];
  await link(f0, f1, "supplies");
  await link(f0, f2, "supplies");
  await link(f1, f2, "cooperates_with");
  await link(f3, f4, "subcontracts_for");
  await link(f4, f0, "buys_from");
  for (const f of [f0, f1, f3]) await link(f, union, "member_of");
  // Wait for the background snapshot, as the page would.
  await expect
    .poll(
      async () =>
        (await api.get<{ computing: boolean; snapshot: unknown }>(`/api/v1/clusters/${cluster.id}/network/figures`))
          .body.computing,
      { timeout: 20_000 },
    )
    .toBe(false);

  const context = await browser.newContext({ viewport: { width: 1366, height: 1000 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("response", (r) => {
    if (r.status() >= 500) errors.push(`${r.status()} ${r.url()}`);
  });
  await signIn(page, env.baseUrl, user.email, PASSWORD);

  // The cluster page's section: headline figures, and the way to the page.
  await page.goto(`${env.baseUrl}/clusters/${cluster.id}`);
  const section = page.getByTestId("cluster-network");
  await section.waitFor();
  await expect.poll(() => section.getByTestId("figure-actors").textContent()).toBe("۷");
  expect(await section.getByTestId("figure-links").textContent()).toBe("۸");
  await expectAccessible(page, "cluster page with its network section");

  // No graph library has loaded yet.
  const scripts = await page.evaluate(() => performance.getEntriesByType("resource").map((e) => e.name));
  expect(scripts.some((s) => /NetworkCanvas|sigma/i.test(s))).toBe(false);

  await page.getByTestId("cluster-network-open").click();
  await page.getByTestId("network-title").waitFor();
  const canvas = page.getByTestId("network-canvas");
  await canvas.waitFor();
  await expect.poll(() => canvas.getAttribute("data-drawn"), { timeout: 15_000 }).toBe("true");
  // sigma's canvases are there and something was painted on the nodes layer.
  expect(await canvas.locator("canvas").count()).toBeGreaterThan(1);
  // WebGL keeps no drawing buffer to read back: count the coloured pixels of a screenshot of the picture.
  const shot = (await canvas.screenshot()).toString("base64");
  const painted = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement("canvas");
    c.width = img.width;
    c.height = img.height;
    const ctx = c.getContext("2d")!;
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    // Saturated pixels: the kinds' colours, not the grey links or the white ground.
    for (let i = 0; i < d.length; i += 4)
      if (Math.max(d[i]!, d[i + 1]!, d[i + 2]!) - Math.min(d[i]!, d[i + 1]!, d[i + 2]!) > 60) n++;
    return n;
  }, shot);
  expect(painted).toBeGreaterThan(100);
  expect(await page.getByTestId("figure-actors").textContent()).toBe("۷");
  expect(await page.getByTestId("figure-density").textContent()).toBe("۰٫۳۸۱");
  const top = await page.getByTestId("network-top-degree").textContent();
  expect(top).toContain("تولیدی نخ قم");
  expect(await page.getByTestId("network-shown").textContent()).toContain("۷");
  await expectAccessible(page, "network page");
  await page.screenshot({ path: path.join(ARTIFACTS, "network-page.png"), fullPage: true });

  // Filter: without institutions, 6 actors and the 5 links between firms.
  await page.getByTestId("network-kind-institution").uncheck();
  await expect.poll(() => page.getByTestId("network-shown").textContent()).toContain("۶ فعال و ۵ پیوند");
  await page.getByTestId("network-type").selectOption("supplies");
  await expect.poll(() => page.getByTestId("network-shown").textContent()).toContain("۶ فعال و ۲ پیوند");

  // The links table, and a new link through the form.
  const table = page.getByTestId("network-links-table");
  await expect.poll(() => table.locator("tbody tr").count()).toBe(8);
  await page.getByTestId("rel-add").click();
  await page.getByTestId("rel-from").fill("پوشاک بهار");
  await page.getByRole("option", { name: /پوشاک بهار/ }).click();
  await page.getByTestId("rel-to").fill("اتحادیه");
  await page.getByRole("option", { name: /اتحادیه/ }).click();
  await page.getByTestId("rel-type").selectOption("member_of");
  await expectAccessible(page, "new relationship dialog");
  await page.getByTestId("rel-submit").click();
  await expect.poll(() => table.locator("tbody tr").count()).toBe(9);
  expect(await table.locator("tbody tr").first().textContent()).toContain("پوشاک بهار");
  // The picture follows once the snapshot is recomputed.
  await page.getByTestId("network-kind-institution").check();
  await page.getByTestId("network-type").selectOption("");
  await expect.poll(() => page.getByTestId("figure-links").textContent(), { timeout: 20_000 }).toBe("۹");

  // Open an actor from the figures.
  await page.getByTestId("network-top-degree").getByRole("link", { name: "تولیدی نخ قم" }).click();
  await expect.poll(() => page.url()).toContain(`/enterprises/${f0.id}`);
  expect(errors).toEqual([]);
  void f5;
  await context.close();
});
