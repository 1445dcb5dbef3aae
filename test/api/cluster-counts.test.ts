/**
 * The registry's counts per province and state (cluster_state_counts,
 * migration 0010) stay what grouping the registry gives, through every way a
 * cluster is written: registered and moved through its life cycle over the
 * API, inserted directly (as the demo loader and the benchmark's generator
 * do), moved to another province, archived, restored and deleted by hand;
 * concurrent moves in opposite directions included. The overview answers
 * from them.
 */

import { expect, it } from "vitest";
import { todayIso } from "../../src/core/jalali";
import { type Client, signedIn } from "../support/client";
import { describeEngines, makeCluster, makeUser, type TestEnv } from "../support/harness";

type Stats = {
  totals: Record<string, number>;
  total: number;
  byProvince: { provinceCode: string; counts: Record<string, number>; total: number }[];
};
type Row = { province_code: string; state: string; n: number };

const key = (r: Row) => `${r.province_code} ${r.state} ${Number(r.n)}`;

async function kept(env: TestEnv) {
  const rows = await env.database.db
    .selectFrom("cluster_state_counts")
    .select(["province_code", "state", "n"])
    .where("n", "!=", 0)
    .execute();
  return rows.map(key).sort();
}

async function grouped(env: TestEnv) {
  const rows = await env.database.db
    .selectFrom("clusters")
    .select(["province_code", "state", (eb) => eb.fn.countAll<number>().as("n")])
    .where("archived_at", "is", null)
    .groupBy(["province_code", "state"])
    .execute();
  return rows.map(key).sort();
}

/** The kept counts equal the registry grouped, and the overview says the same. */
async function inStep(env: TestEnv, nat: Client) {
  const want = await grouped(env);
  expect(await kept(env)).toEqual(want);
  const stats = (await nat.get<Stats>("/api/v1/clusters/stats")).body;
  const shown = stats.byProvince
    .flatMap((p) => Object.entries(p.counts).map(([state, n]) => `${p.provinceCode} ${state} ${n}`))
    .sort();
  expect(shown).toEqual(want);
  expect(stats.total).toBe(want.reduce((s, k) => s + Number(k.split(" ")[2]), 0));
}

describeEngines("registry counts kept in step", (env) => {
  it("equal the registry grouped after registrations, steps, direct inserts, province moves, archiving and deletes", async () => {
    const today = todayIso();
    const nat = await signedIn(env(), await makeUser(env(), { role: "national_admin" }));
    const db = env().database.db;
    await inStep(env(), nat);

    const ids: string[] = [];
    for (const [i, p] of ["IR-25", "IR-25", "IR-19", "IR-23"].entries()) {
      const r = await nat.post<{ id: string }>("/api/v1/clusters", { nameFa: `خوشه شمارش ${i}`, provinceCode: p });
      expect(r.status).toBe(201);
      ids.push(r.body.id);
    }
    await inStep(env(), nat);

    const step = async (id: string, toState: string, extra: Record<string, unknown> = {}) => {
      const r = await nat.post(`/api/v1/clusters/${id}/transitions`, { toState, happenedOn: today, ...extra });
      expect(r.status, `${toState}: ${r.text}`).toBe(201);
    };
    await step(ids[0]!, "feasibility");
    await step(ids[1]!, "on_hold");
    await inStep(env(), nat);
    await step(ids[1]!, "identified");
    await step(ids[2]!, "cancelled", { reason: "منحل شد" });
    await inStep(env(), nat);
    // A record edit changes no count.
    expect((await nat.patch(`/api/v1/clusters/${ids[3]}`, { place: "شهرک صنعتی" })).status).toBe(200);
    await inStep(env(), nat);

    // Written without the registry's services, as the demo loader and the generator do.
    const direct = await makeCluster(env(), { provinceCode: "IR-19", state: "implementation" });
    await makeCluster(env(), { provinceCode: "IR-25", state: "handed_over" });
    await inStep(env(), nat);

    // By hand: another province, archived and restored, deleted.
    await db.updateTable("clusters").set({ province_code: "IR-23" }).where("id", "=", ids[0]!).execute();
    await inStep(env(), nat);
    await db
      .updateTable("clusters")
      .set({ province_code: "IR-19", state: "approved" })
      .where("id", "=", ids[3]!)
      .execute();
    await inStep(env(), nat);
    await db.updateTable("clusters").set({ archived_at: new Date().toISOString() }).where("id", "=", ids[1]!).execute();
    await inStep(env(), nat);
    await db.updateTable("clusters").set({ state: "network" }).where("id", "=", ids[1]!).execute();
    await inStep(env(), nat);
    await db.updateTable("clusters").set({ archived_at: null }).where("id", "=", ids[1]!).execute();
    await inStep(env(), nat);
    await db.deleteFrom("clusters").where("id", "=", direct.id).execute();
    await inStep(env(), nat);
  });

  it("stay in step under concurrent moves in opposite directions in one province", async () => {
    const today = todayIso();
    const qom = await signedIn(env(), await makeUser(env(), { role: "province_admin", provinceCode: "IR-25" }));
    const nat = await signedIn(env(), await makeUser(env(), { role: "national_admin" }));
    const made = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        qom.post<{ id: string }>("/api/v1/clusters", { nameFa: `خوشه همزمان ${i}`, provinceCode: "IR-25" }),
      ),
    );
    const ids = made.map((r) => r.body.id);
    // Half go on hold first; then they come back while the other half go on hold, all at once, twice.
    for (const id of ids.slice(0, 6)) {
      expect(
        (await qom.post(`/api/v1/clusters/${id}/transitions`, { toState: "on_hold", happenedOn: today })).status,
      ).toBe(201);
    }
    for (let round = 0; round < 2; round++) {
      const moves = ids.map((id, i) =>
        qom.post(`/api/v1/clusters/${id}/transitions`, {
          toState: i < 6 === (round === 0) ? "identified" : "on_hold",
          happenedOn: today,
        }),
      );
      const answers = await Promise.all(moves);
      expect(answers.map((a) => a.status)).toEqual(Array(12).fill(201));
      await inStep(env(), nat);
    }
  });

  it("answer a province admin's overview for their province, and filtered overviews by grouping", async () => {
    const qom = await signedIn(env(), await makeUser(env(), { role: "province_admin", provinceCode: "IR-25" }));
    const mine = (await qom.get<Stats>("/api/v1/clusters/stats")).body;
    const want = (await grouped(env())).filter((k) => k.startsWith("IR-25 "));
    const shown = mine.byProvince.flatMap((p) =>
      Object.entries(p.counts).map(([state, n]) => `${p.provinceCode} ${state} ${n}`),
    );
    expect(shown.sort()).toEqual(want);
    expect(mine.byProvince.map((p) => p.provinceCode)).toEqual(["IR-25"]);
    const held = (await qom.get<Stats>("/api/v1/clusters/stats?state=on_hold")).body;
    expect(Object.keys(held.totals)).toEqual(["on_hold"]);
    const searched = (await qom.get<Stats>(`/api/v1/clusters/stats?q=${encodeURIComponent("همزمان")}`)).body;
    expect(searched.total).toBe(12);
  });
});
