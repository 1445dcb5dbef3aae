/**
 * How a 3,000-actor network draws: the real server on a temp SQLite with one
 * generated cluster (2,400 enterprises, 400 of their staff, 200 institutions,
 * ~6,000 links in communities with hubs), the built web app, and headless
 * Chromium (WebGL through SwiftShader). Prints
 *   1. the snapshot job's time (figures, betweenness, Louvain, ForceAtlas2, in its worker thread),
 *   2. GET /clusters/:id/network: time and size (raw, gzip),
 *   3. the page's time to first draw (navigation start → sigma's first render), median of RUNS,
 *      and when the network's answer had arrived,
 *   4. frames per second while the picture is dragged (panned) for two seconds, and while zooming.
 *
 *   npm run build:web && npx tsx bench/network-draw.ts
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { chromium } from "playwright-core";
import { compactFa, normalizeFa, sortKeyFa } from "../src/core/normalize";
import { hashPassword } from "../src/server/auth/passwords";
import { loadConfig } from "../src/server/config";
import { insertEnterprise } from "../src/server/modules/members/shared";
import { createServer, openAndMigrate } from "../src/server/start";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const ENTERPRISES = 2400;
const PEOPLE = 400;
const INSTITUTIONS = 200;
const LINKS = 6000;
const GROUPS = 12;
const PASSWORD = "Bench-pass-1234";
const TYPES = ["supplies", "buys_from", "subcontracts_for", "member_of", "cooperates_with", "represents"] as const;
const SOURCES = ["diagnostic_interview", "survey", "observed_joint_action"] as const;

// A seeded generator (mulberry32): the same network every run.
let seed = 9;
function rand() {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "khooshe-netbench-"));
const config = loadConfig({
  DATA_DIR: dataDir,
  LOG_LEVEL: "silent",
  RATE_LIMIT_PER_MINUTE: "100000",
  JOBS_POLL_MS: "50",
} as NodeJS.ProcessEnv);
const database = await openAndMigrate(config);
const app = await createServer(config, database);
await app.listen({ port: 0, host: "127.0.0.1" });
const addr = app.server.address();
const base = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
const db = database.db;

// ---------------------------------------------------------------- the cluster
const clusterId = randomUUID();
const now = new Date().toISOString();
const t0 = performance.now();
const actorIds: string[] = [];
await db.transaction().execute(async (trx) => {
  const nameFa = "خوشه نمونه شبکه ۳۰۰۰ فعال";
  await trx
    .insertInto("clusters")
    .values({
      id: clusterId,
      province_code: "IR-26",
      name_fa: nameFa,
      name_en: null,
      name_norm: normalizeFa(nameFa),
      name_sort: sortKeyFa(nameFa),
      state: "agent_contracted",
      created_at: now,
      updated_at: now,
      archived_at: null,
      place: null,
      sector: null,
      isic_codes: "[]",
      product_groups: "[]",
      advantage_note: null,
      est_enterprises: null,
      est_enterprises_source: null,
      est_enterprises_date: null,
      jobs_industrial: null,
      jobs_guild: null,
      jobs_source: null,
      jobs_date: null,
      state_since: now.slice(0, 10),
      resume_state: null,
      search_norm: compactFa(nameFa),
    })
    .execute();
  const enterprises: string[] = [];
  for (let i = 0; i < ENTERPRISES; i++) {
    enterprises.push(
      await insertEnterprise(trx, {
        clusterId,
        clusterProvinceCode: "IR-26",
        name: `بنگاه بسته‌بندی ${i + 1}`,
        joinedOn: "2022-01-01",
        now,
        by: null,
      }),
    );
  }
  const actorRow = (id: string, kind: "person" | "institution", name: string) => ({
    id,
    kind,
    name,
    name_norm: normalizeFa(name),
    name_sort: sortKeyFa(name),
    search_norm: compactFa(name),
    province_code: "IR-26",
    city: null,
    city_norm: null,
    address: null,
    postal_code: null,
    phone: null,
    mobile: null,
    email: null,
    website: null,
    notes: "نام ساختگی، برای سنجش",
    fts_rowid: null,
    created_at: now,
    updated_at: now,
    created_by: null,
  });
  const people: string[] = [];
  for (let i = 0; i < PEOPLE; i++) {
    const id = randomUUID();
    await trx
      .insertInto("actors")
      .values(actorRow(id, "person", `کارشناس ${i + 1}`))
      .execute();
    await trx
      .insertInto("people")
      .values({ id, enterprise_id: pick(enterprises), national_id: null, job_title: null, bio: null })
      .execute();
    people.push(id);
  }
  const institutions: string[] = [];
  for (let i = 0; i < INSTITUTIONS; i++) {
    const id = randomUUID();
    await trx
      .insertInto("actors")
      .values(actorRow(id, "institution", `نهاد پشتیبان ${i + 1}`))
      .execute();
    await trx.insertInto("institutions").values({ id, institution_kind: "supplier", description: null }).execute();
    await trx
      .insertInto("cluster_actors")
      .values({
        cluster_id: clusterId,
        actor_id: id,
        kind: "institution",
        status: "member",
        joined_on: "2022-01-01",
        left_on: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    institutions.push(id);
  }
  actorIds.push(...enterprises, ...people, ...institutions);
  // Communities with hubs: each actor has a group; 85% of links stay inside it, and
  // one end is drawn with weight ∝ rank^-0.8 (a few well-linked actors per group).
  const group = actorIds.map(() => Math.floor(rand() * GROUPS));
  const members: number[][] = Array.from({ length: GROUPS }, () => []);
  for (const [i, g] of group.entries()) members[g]!.push(i);
  const hubPick = (list: number[]) => list[Math.floor(list.length * rand() ** 2.5)]!;
  const rows = [];
  const seen = new Set<string>();
  while (rows.length < LINKS) {
    const a = Math.floor(rand() * actorIds.length);
    const g = rand() < 0.85 ? group[a]! : Math.floor(rand() * GROUPS);
    const b = hubPick(members[g]!);
    if (a === b || seen.has(`${a}-${b}`)) continue;
    seen.add(`${a}-${b}`);
    const start = rand() < 0.3 ? null : `202${2 + Math.floor(rand() * 3)}-0${1 + Math.floor(rand() * 9)}-15`;
    rows.push({
      id: randomUUID(),
      cluster_id: clusterId,
      from_actor_id: actorIds[a]!,
      to_actor_id: actorIds[b]!,
      type: pick(TYPES),
      strength: 1 + Math.floor(rand() * 3),
      start_on: start,
      end_on: rand() < 0.05 ? "2024-12-01" : null,
      source: pick(SOURCES),
      notes: null,
      created_at: now,
      updated_at: now,
      created_by: null,
    });
  }
  for (let i = 0; i < rows.length; i += 500)
    await trx
      .insertInto("relationships")
      .values(rows.slice(i, i + 500))
      .execute();
  const userId = randomUUID();
  await trx
    .insertInto("users")
    .values({
      id: userId,
      email: "network-bench@test.ir",
      name: "مدیر خوشه",
      name_norm: normalizeFa("مدیر خوشه"),
      name_sort: sortKeyFa("مدیر خوشه"),
      password_hash: await hashPassword(PASSWORD),
      locale: "fa",
      active: 1,
      home_province_code: "IR-26",
      created_at: now,
      updated_at: now,
      last_login_at: null,
      password_changed_at: now,
    })
    .execute();
  await trx
    .insertInto("role_grants")
    .values({
      id: randomUUID(),
      user_id: userId,
      role: "cluster_manager",
      province_code: null,
      cluster_id: clusterId,
      enterprise_id: null,
      created_at: now,
      created_by: null,
    })
    .execute();
});
console.log(
  `generated ${actorIds.length} actors and ${LINKS} links in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);

// ---------------------------------------------------------------- the snapshot and the API
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox"] });
try {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.getByTestId("login-email").fill("network-bench@test.ir");
  await page.getByTestId("login-password").fill(PASSWORD);
  await page.getByTestId("login-submit").click();
  await page.getByTestId("home-title").waitFor();
  const cookies = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const get = (p: string, headers: Record<string, string> = {}) =>
    fetch(`${base}/api/v1${p}`, { headers: { cookie: cookies, ...headers } });

  const tq = performance.now();
  await get(`/clusters/${clusterId}/network/figures`);
  // While the snapshot computes, the server keeps answering (the work is off the event loop): the slowest poll says.
  let slowest = 0;
  for (;;) {
    const tp = performance.now();
    const res = await get(`/clusters/${clusterId}/network/figures`);
    slowest = Math.max(slowest, performance.now() - tp);
    const r = (await res.json()) as {
      computing: boolean;
      snapshot: { figures: Record<string, number> } | null;
    };
    if (!r.computing && r.snapshot) {
      console.log(
        `snapshot job (read, betweenness, Louvain, ForceAtlas2 in a worker thread, store): ${((performance.now() - tq) / 1000).toFixed(2)} s`,
      );
      console.log(`figures: ${JSON.stringify(r.snapshot.figures)}`);
      console.log(`slowest answer of the figures while it computed: ${slowest.toFixed(0)} ms`);
      break;
    }
    await new Promise((res) => setTimeout(res, 100));
  }
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const r = await get(`/clusters/${clusterId}/network`);
    const body = Buffer.from(await r.arrayBuffer());
    times.push(performance.now() - t);
    if (i === 0)
      console.log(
        `GET /network: ${(body.length / 1024).toFixed(0)} KiB raw, ${(zlib.gzipSync(body).length / 1024).toFixed(0)} KiB gzip`,
      );
  }
  console.log(`GET /network (uncompressed, 5 runs): median ${median(times).toFixed(0)} ms`);

  // ---------------------------------------------------------------- first draw
  const draws: number[] = [];
  const answered: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const p = await context.newPage();
    await p.goto(`${base}/clusters/${clusterId}/network`);
    await p.locator("[data-testid=network-canvas][data-drawn=true]").waitFor({ timeout: 60_000 });
    const drawn = Number(await p.getByTestId("network-canvas").getAttribute("data-drawn-ms"));
    const networkAt = await p.evaluate(
      () =>
        (
          performance.getEntriesByType("resource").find((e) => /\/network$/.test(new URL(e.name).pathname)) as
            | PerformanceResourceTiming
            | undefined
        )?.responseEnd ?? 0,
    );
    draws.push(drawn);
    answered.push(networkAt);
    console.log(`run ${run + 1}: network answered at ${networkAt.toFixed(0)} ms, first draw at ${drawn} ms`);
    if (run < RUNS - 1) await p.close();
    else {
      // ------------------------------------------------------------ panning and zooming
      await p.waitForTimeout(500);
      const box = (await p.getByTestId("network-canvas").boundingBox())!;
      const cx = box.x + box.width / 2;
      const cy = box.y + box.height / 2;
      const frames = async (gesture: () => Promise<void>) => {
        // A string, not a function: tsx's keepNames would wrap the inner function in a __name() the page lacks.
        await p.evaluate(`(() => {
          window.__frames = 0;
          window.__counting = true;
          const tick = () => {
            if (!window.__counting) return;
            window.__frames++;
            requestAnimationFrame(tick);
          };
          requestAnimationFrame(tick);
        })()`);
        const t = performance.now();
        await gesture();
        const seconds = (performance.now() - t) / 1000;
        const n = await p.evaluate(() => {
          const w = window as unknown as { __frames: number; __counting: boolean };
          w.__counting = false;
          return w.__frames;
        });
        return n / seconds;
      };
      const pan = await frames(async () => {
        await p.mouse.move(cx, cy);
        await p.mouse.down();
        const end = performance.now() + 2000;
        let i = 0;
        while (performance.now() < end) {
          i++;
          await p.mouse.move(cx + 150 * Math.sin(i / 10), cy + 100 * Math.cos(i / 13));
          await p.waitForTimeout(8);
        }
        await p.mouse.up();
      });
      const zoom = await frames(async () => {
        await p.mouse.move(cx, cy);
        for (let i = 0; i < 40; i++) {
          await p.mouse.wheel(0, i < 20 ? -120 : 120);
          await p.waitForTimeout(50);
        }
      });
      console.log(`frames per second: panning ${pan.toFixed(0)}, zooming ${zoom.toFixed(0)}`);
      await p.screenshot({ path: path.join(os.tmpdir(), "network-3000.png") });
      console.log(`screenshot: ${path.join(os.tmpdir(), "network-3000.png")}`);
    }
  }
  console.log(
    `time to first draw, ${actorIds.length} actors / ${LINKS} links: median ${median(draws)} ms after navigation start (network answered at median ${median(answered).toFixed(0)} ms)`,
  );
} finally {
  await browser.close();
  await app.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
