/**
 * The registry's home card (GET /clusters/agenda): what needs doing next in
 * the clusters a person reaches — contracts ending or ended, overdue
 * milestones, each running project's year — and nothing from elsewhere.
 */
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { addDaysIso, todayIso } from "../../src/core/jalali";
import { signedIn } from "../support/client";
import { describeEngines, makeCluster, makeUser, type TestEnv } from "../support/harness";

interface Agenda {
  today: string;
  contracts: { total: number; items: { clusterId: string; kind: string; endDate: string; ended: boolean }[] };
  milestones: { total: number; items: { clusterId: string; title: string; plannedDate: string }[] };
  projects: { total: number; items: { clusterId: string; year: number | null; agentContractEnd: string }[] };
}

const today = todayIso();
const day = (n: number) => addDaysIso(today, n);

async function contract(
  env: TestEnv,
  c: { id: string; provinceCode: string },
  kind: "agent" | "supervisor",
  start: string,
  end: string,
  milestones: { title: string; planned: string; actual?: string }[] = [],
) {
  const id = randomUUID();
  const now = new Date().toISOString();
  await env.database.db
    .insertInto("contracts")
    .values({
      id,
      cluster_id: c.id,
      province_code: c.provinceCode,
      kind,
      organisation: "شرکت مشاوران توسعه",
      lead_person: null,
      contract_number: null,
      start_date: start,
      end_date: end,
      amount_rials: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  for (const [i, m] of milestones.entries()) {
    await env.database.db
      .insertInto("contract_milestones")
      .values({
        id: randomUUID(),
        contract_id: id,
        position: i,
        title: m.title,
        planned_date: m.planned,
        actual_date: m.actual ?? null,
        amount_rials: null,
      })
      .execute();
  }
  return id;
}

describeEngines("the registry's agenda", (env) => {
  it("lists what is due in the caller's reach, most urgent first, and only there", async () => {
    // Qom: one project in its second year, its agent contract ending in 20 days, a milestone 10 days late.
    const running = await makeCluster(env(), { provinceCode: "IR-25", state: "implementation" });
    await contract(env(), running, "agent", day(-400), day(20), [
      { title: "گزارش مطالعه شناختی", planned: day(-200), actual: day(-190) },
      { title: "برنامه عملیاتی سال دوم", planned: day(-10) },
      { title: "گزارش پایانی", planned: day(15) },
    ]);
    // A supervisor contract that ended and was replaced by a newer one: not due.
    // Its unpaid milestone went with it.
    await contract(env(), running, "supervisor", day(-400), day(-30), [{ title: "قرارداد پیشین", planned: day(-60) }]);
    await contract(env(), running, "supervisor", day(-29), day(300));
    // Another Qom project whose agent contract ended without a successor: due, and listed first.
    const lapsed = await makeCluster(env(), { provinceCode: "IR-25", state: "diagnostic" });
    await contract(env(), lapsed, "agent", day(-800), day(-5));
    // A handed-over cluster's old contracts and late milestones are history, not work.
    const handed = await makeCluster(env(), { provinceCode: "IR-25", state: "handed_over" });
    await contract(env(), handed, "agent", day(-1200), day(-100), [{ title: "قدیمی", planned: day(-300) }]);
    // Zanjan's project: another province admin's work.
    const zanjan = await makeCluster(env(), { provinceCode: "IR-19", state: "implementation" });
    await contract(env(), zanjan, "agent", day(-100), day(10), [{ title: "زنجان", planned: day(-3) }]);

    const qom = await signedIn(env(), await makeUser(env(), { role: "province_admin", provinceCode: "IR-25" }));
    const r = await qom.get<Agenda>("/api/v1/clusters/agenda");
    expect(r.status).toBe(200);
    expect(r.body.today).toBe(today);
    expect(r.body.contracts.items.map((c) => [c.clusterId, c.kind, c.ended])).toEqual([
      [lapsed.id, "agent", true],
      [running.id, "agent", false],
    ]);
    expect(r.body.contracts.total).toBe(2);
    expect(r.body.milestones).toEqual({
      total: 1,
      items: [
        expect.objectContaining({ clusterId: running.id, title: "برنامه عملیاتی سال دوم", plannedDate: day(-10) }),
      ],
    });
    // The lapsed agent contract's end comes first; the running project is in its second year.
    expect(r.body.projects.items.map((p) => [p.clusterId, p.year])).toEqual([
      [lapsed.id, 3],
      [running.id, 2],
    ]);

    // The cluster manager of the running project sees only that project.
    const manager = await signedIn(
      env(),
      await makeUser(env(), { role: "cluster_manager", provinceCode: "IR-25", clusterId: running.id }),
    );
    const own = await manager.get<Agenda>("/api/v1/clusters/agenda");
    expect(own.body.contracts.items.map((c) => c.clusterId)).toEqual([running.id]);
    expect(own.body.milestones.total).toBe(1);
    expect(own.body.projects.items.map((p) => p.clusterId)).toEqual([running.id]);

    // A national admin sees every province's.
    const national = await signedIn(env(), await makeUser(env(), { role: "national_admin" }));
    const all = await national.get<Agenda>("/api/v1/clusters/agenda");
    expect(all.body.contracts.total).toBeGreaterThanOrEqual(3);
    expect(all.body.milestones.items.map((m) => m.clusterId)).toContain(zanjan.id);
  });

  it("keeps each list short however many rows are due, with the true total", async () => {
    const admin = await makeUser(env(), { role: "province_admin", provinceCode: "IR-12" });
    for (let i = 0; i < 7; i++) {
      const c = await makeCluster(env(), { provinceCode: "IR-12", state: "action_planning" });
      await contract(env(), c, "agent", day(-300), day(5 + i), [{ title: `مرحله ${i}`, planned: day(-1 - i) }]);
    }
    const r = await (await signedIn(env(), admin)).get<Agenda>("/api/v1/clusters/agenda");
    expect(r.body.contracts.total).toBe(7);
    expect(r.body.contracts.items).toHaveLength(5);
    expect(r.body.contracts.items.map((c) => c.endDate)).toEqual([day(5), day(6), day(7), day(8), day(9)]);
    expect(r.body.milestones.total).toBe(7);
    // The longest overdue first.
    expect(r.body.milestones.items[0]?.plannedDate).toBe(day(-7));
    expect(r.body.projects.total).toBe(7);
  });

  it("counts a project once when two agent contracts start the same day (the later one is current)", async () => {
    const admin = await makeUser(env(), { role: "province_admin", provinceCode: "IR-07" });
    const c = await makeCluster(env(), { provinceCode: "IR-07", state: "implementation" });
    await contract(env(), c, "agent", day(-100), day(200));
    await contract(env(), c, "agent", day(-100), day(300));
    const r = await (await signedIn(env(), admin)).get<Agenda>("/api/v1/clusters/agenda");
    expect(r.body.projects.total).toBe(1);
    expect(r.body.projects.items).toHaveLength(1);
  });

  it("answers 401 to an anonymous caller", async () => {
    const anon = await env().app.inject({ method: "GET", url: "/api/v1/clusters/agenda" });
    expect(anon.statusCode).toBe(401);
  });
});
