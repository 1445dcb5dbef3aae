/**
 * The set-based rebuild of the beneficiary aggregates (beneficiaries-rebuild.ts,
 * which the benchmark data runs after its bulk attendances) against the
 * per-write logic on each engine: a small dataset made through the API —
 * people of every role, free registrations by mobile, a done exhibition with
 * its exhibitors, programme activities over two Jalali years, another
 * cluster of the province, survey answers — then the four aggregate tables
 * captured, emptied, rebuilt, and compared row for row.
 */
import { expect, it } from "vitest";
import { rebuildBeneficiaryAggregates } from "../../src/server/modules/activities/beneficiaries-rebuild";
import { checkIn, clusterWith, create, programmeOf, registerOne } from "../support/activities";
import type { Client } from "../support/client";
import { describeEngines, makeEnterprise, type TestEnv } from "../support/harness";

// Mehr 1404 and Farvardin 1405.
const Y1404 = "2025-09-28";
const Y1405 = "2026-04-01";

const activity = (over: Record<string, unknown> = {}) => ({
  kind: "training",
  details: { hours: 6, mode: "in_person" },
  title: "دوره طراحی لباس",
  place: "مرکز طراحی",
  startDate: Y1404,
  endDate: Y1404,
  sessions: [],
  ...over,
});

const TABLES = [
  "activity_beneficiary_registrations",
  "activity_beneficiaries",
  "activity_beneficiary_marks",
  "activity_beneficiary_counts",
] as const;

/** Every row of the aggregate tables, numbers as numbers, in one order. */
async function snapshot(env: TestEnv): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const t of TABLES) {
    const rows = (await env.database.db.selectFrom(t).selectAll().execute()) as Record<string, unknown>[];
    out[t] = rows
      .map((r) =>
        JSON.stringify(
          Object.fromEntries(
            Object.keys(r)
              .sort()
              .map((k) => [k, typeof r[k] === "bigint" || /^-?\d+$/.test(String(r[k])) ? Number(r[k]) : r[k]]),
          ),
        ),
      )
      .sort();
  }
  return out;
}

async function survey(c: Client, registrationId: string, score: number) {
  const r = await c.req("PUT", `/api/v1/registrations/${registrationId}/survey`, { score });
  expect(r.status, r.text).toBe(200);
}

describeEngines("activities: the beneficiary aggregates rebuilt in bulk equal the per-write ones", (env) => {
  it("rebuilds every aggregate table row for row", async () => {
    const a = await clusterWith(
      env(),
      [
        { name: "طراح یک", skills: ["designer"] },
        { name: "مربی و طراح", skills: ["trainer", "designer"] },
        { name: "کارمند دو" },
      ],
      "IR-19",
    );
    const b = await clusterWith(env(), [{ name: "کارمند خوشه دیگر", skills: ["marketer"] }], "IR-19");
    const e2 = await makeEnterprise(env(), a.cluster, "بنگاه دوم");
    const programmeId = await programmeOf(env(), a.cluster);
    const [p1, p2, p3] = a.people as [string, string, string];

    const training = await create(a.manager, a.cluster.id, activity({ programmeId }));
    const workshop = await create(
      a.manager,
      a.cluster.id,
      activity({ kind: "workshop", details: {}, title: "کارگاه", programmeId, startDate: Y1405, endDate: Y1405 }),
    );
    const meeting = await create(
      a.manager,
      a.cluster.id,
      activity({ kind: "meeting", details: { recurrence: "none" }, title: "جلسه" }),
    );
    const expo = {
      kind: "exhibition",
      details: { name: "نمایشگاه پوشاک", form: "booth", enterpriseIds: [a.enterprise.id, e2.id] },
      title: "نمایشگاه",
      startDate: Y1404,
      endDate: Y1404,
      sessions: [],
    };
    const exhibition = await create(a.manager, a.cluster.id, expo);

    const attended: [string, string][] = [];
    for (const [id, p] of [
      [training, p1],
      [training, p2],
      [training, p3],
      [workshop, p1],
      [workshop, p3],
      [meeting, p2],
      [exhibition, p3],
    ] as const) {
      attended.push([id, await registerOne(a.manager, id, { personId: p })]);
    }
    // A free registration counts by its mobile: the same guest at two activities.
    attended.push([training, await registerOne(a.manager, training, { name: "مهمان", mobile: "09121112233" })]);
    attended.push([workshop, await registerOne(a.manager, workshop, { name: "مهمان", mobile: "09121112233" })]);
    attended.push([meeting, await registerOne(a.manager, meeting, { name: "مهمان دیگر", mobile: "09351234567" })]);
    for (const [id, reg] of attended) await checkIn(a.manager, id, reg);
    // Registered and never attended: not counted.
    await registerOne(a.manager, meeting, { personId: p1 });
    // Done once its staff attended (a done activity takes no registrations): the exhibitors count too.
    const done = await a.manager.req("PUT", `/api/v1/activities/${exhibition}`, { ...expo, status: "done" });
    expect(done.status, done.text).toBe(200);

    const other = await create(b.manager, b.cluster.id, activity());
    const otherReg = await registerOne(b.manager, other, { personId: b.people[0] });
    await checkIn(b.manager, other, otherReg);

    await survey(a.manager, attended[0]![1], 4);
    await survey(a.manager, attended[1]![1], 5);
    await survey(a.manager, attended[3]![1], 2);
    await survey(b.manager, otherReg, 3);

    const perWrite = await snapshot(env());
    expect(perWrite.activity_beneficiary_registrations).toHaveLength(attended.length + 1);
    expect(perWrite.activity_beneficiary_marks!.length).toBeGreaterThan(50);
    expect(perWrite.activity_beneficiary_counts!.some((r) => r.includes('"level":"programme"'))).toBe(true);
    expect(perWrite.activity_beneficiary_counts!.some((r) => r.includes('"survey_score_sum":11'))).toBe(true);

    // A mobile stored as typed (an import's "+98…") keys the same person: the rebuild's TypeScript pass.
    await env()
      .database.db.updateTable("activity_registrations")
      .set({ mobile: "+98 912 111 2233" })
      .where("id", "=", attended[7]![1])
      .execute();
    for (const t of [...TABLES].reverse()) await env().database.db.deleteFrom(t).execute();
    expect((await snapshot(env())).activity_beneficiary_marks).toEqual([]);

    const summary = await rebuildBeneficiaryAggregates(env().database.db, env().database.dialect);
    const rebuilt = await snapshot(env());
    for (const t of TABLES) expect(rebuilt[t], t).toEqual(perWrite[t]);
    expect(summary).toEqual({
      registrations: perWrite.activity_beneficiary_registrations!.length,
      beneficiaries: perWrite.activity_beneficiaries!.length,
      marks: perWrite.activity_beneficiary_marks!.length,
      counts: perWrite.activity_beneficiary_counts!.length,
    });
    // Rebuilding again changes nothing (it starts from empty tables).
    await rebuildBeneficiaryAggregates(env().database.db, env().database.dialect);
    expect(await snapshot(env())).toEqual(perWrite);
  });
});
