/**
 * Activities through the HTTP API on each engine: every kind with its
 * details, the rules (dates, sessions, shares, programme, trainer,
 * exhibitors) refused with nothing changed, sessions kept by id, a template
 * copy, the list's filters and scope, the Jalali month calendar, and the
 * audit trail.
 */
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { programmeOf } from "../support/activities";
import { type Client, signedIn } from "../support/client";
import { describeEngines, makeCluster, makeEnterprise, makeUser, type TestEnv } from "../support/harness";

type Problem = { code: string; errors?: { path: string }[] };
type Session = { id: string; startsOn: string; startTime: string | null; endTime: string | null; place: string | null };
type Activity = {
  id: string;
  clusterId: string;
  kind: string;
  title: string;
  status: string;
  startDate: string;
  endDate: string;
  programmeId: string | null;
  programmeTitle: string | null;
  costRials: number;
  shares: Record<string, number>;
  details: Record<string, unknown>;
  sessions: Session[];
  can: { manage: boolean };
};
type Page = { items: { id: string; title: string; kind: string }[]; total: number };
type Calendar = {
  from: string;
  to: string;
  activities: { id: string }[];
  sessions: { id: string; activityId: string }[];
};

// Mehr 1404: 2025-09-23 to 2025-10-22.
const MEHR = "2025-09-23";
const ABAN = "2025-10-23";

function expectProblem(r: { status: number; body: unknown }, status: number, code: string) {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect((r.body as Problem).code).toBe(code);
}

const PROGRAMME = "آموزش طراحی و برندسازی";

const activity = (over: Record<string, unknown> = {}) => ({
  kind: "workshop",
  details: {},
  title: "کارگاه برندسازی",
  description: "آشنایی تولیدکنندگان با برند",
  place: "سالن اتاق بازرگانی قم",
  startDate: "2025-09-28",
  endDate: "2025-09-30",
  organiser: "دبیرخانه خوشه",
  capacity: 40,
  costRials: 100_000_000,
  shares: { national: 50_000_000, province: 30_000_000, members: 20_000_000, others: 0 },
  sessions: [
    { startsOn: "2025-09-28", startTime: "09:00", endTime: "12:00" },
    { startsOn: "2025-09-30", startTime: "09:00", endTime: "12:00", place: "کارخانه نمونه" },
  ],
  ...over,
});

const auditCount = async (env: TestEnv, action: string, targetId: string) =>
  Number(
    (
      await env.database.db
        .selectFrom("audit_log")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("action", "=", action)
        .where("target_id", "=", targetId)
        .executeTakeFirstOrThrow()
    ).n,
  );

const count = async (env: TestEnv, table: "activities" | "activity_sessions") =>
  Number(
    (
      await env.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function setup(env: TestEnv) {
  const cluster = await makeCluster(env, { provinceCode: "IR-25", state: "implementation" });
  const manager = await signedIn(
    env,
    await makeUser(env, { role: "cluster_manager", clusterId: cluster.id, provinceCode: "IR-25" }),
  );
  const enterprise = await makeEnterprise(env, cluster, "پوشاک نمونه قم");
  const member = await signedIn(
    env,
    await makeUser(env, {
      role: "member",
      clusterId: cluster.id,
      provinceCode: "IR-25",
      enterpriseId: enterprise.id,
    }),
  );
  const trainer = await manager.post<{ id: string }>("/api/v1/people", {
    name: "مریم طراح",
    clusterIds: [cluster.id],
  });
  expect(trainer.status, trainer.text).toBe(201);
  return { cluster, manager, member, enterprise, trainerId: trainer.body.id };
}

async function create(c: Client, clusterId: string, body: unknown) {
  return c.post<Activity>(`/api/v1/clusters/${clusterId}/activities`, body);
}

describeEngines("activities: record, rules, sessions, copy, list and calendar", (env) => {
  it("records each kind with its details, and reads them back", async () => {
    const { cluster, manager, member, enterprise, trainerId } = await setup(env());
    const programmeId = await programmeOf(env(), cluster, PROGRAMME);
    const kinds: [string, Record<string, unknown>, Record<string, unknown>][] = [
      [
        "training",
        { hours: 12, mode: "virtual", trainerId },
        { hours: 12, mode: "virtual", trainerId, trainerName: "مریم طراح" },
      ],
      ["tour", { scope: "foreign", destinations: ["اکسپو دبی"] }, { scope: "foreign", destinations: ["اکسپو دبی"] }],
      [
        "exhibition",
        { name: "ایران مد", form: "booth", areaM2: 24, enterpriseIds: [enterprise.id, enterprise.id] },
        { name: "ایران مد", form: "booth", areaM2: 24, enterpriseIds: [enterprise.id] },
      ],
      ["meeting", { recurrence: "biweekly" }, { recurrence: "biweekly" }],
      ["conference", {}, {}],
      ["workshop", {}, {}],
      ["startup_event", {}, {}],
      ["market_study", { countries: ["CN", "BD", "TR"] }, { countries: ["CN", "BD", "TR"] }],
      ["research", {}, {}],
      ["publication", { form: "book" }, { form: "book" }],
      ["consultancy", {}, {}],
    ];
    for (const [kind, details, expected] of kinds) {
      const r = await create(manager, cluster.id, activity({ kind, details, title: `فعالیت ${kind}`, programmeId }));
      expect(r.status, `${kind}: ${r.text}`).toBe(201);
      expect(r.body).toMatchObject({
        kind,
        status: "planned",
        programmeId,
        programmeTitle: PROGRAMME,
        costRials: 100_000_000,
        shares: { national: 50_000_000, province: 30_000_000, members: 20_000_000, others: 0 },
        can: { manage: true },
      });
      expect(r.body.details).toEqual(expected);
      expect(r.body.sessions.map((s) => s.startsOn)).toEqual(["2025-09-28", "2025-09-30"]);
      expect(await auditCount(env(), "activities.activity.create", r.body.id)).toBe(1);
      // A member's user reads the cluster's activities, and manages none.
      const read = await member.get<Activity>(`/api/v1/activities/${r.body.id}`);
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ kind, details: expected, can: { manage: false } });
    }
    // Details must match the kind: a training without hours, a tour's fields on a training.
    expect(
      (await create(manager, cluster.id, activity({ kind: "training", details: { mode: "virtual" } }))).status,
    ).toBe(400);
    expect(
      (
        await create(
          manager,
          cluster.id,
          activity({ kind: "training", details: { scope: "domestic", destinations: ["قم"] } }),
        )
      ).status,
    ).toBe(400);
    expect((await create(manager, cluster.id, activity({ kind: "research", details: { form: "book" } }))).status).toBe(
      400,
    );
    expect((await create(manager, cluster.id, activity({ kind: "party" }))).status).toBe(400);
    // Members read; they do not record.
    expect((await create(member, cluster.id, activity())).status).toBe(403);
  });

  it("refuses each rule with a clear code and changes nothing", async () => {
    const { cluster, manager, trainerId } = await setup(env());
    const other = await makeCluster(env(), { provinceCode: "IR-25" });
    const otherProgramme = await programmeOf(env(), other, PROGRAMME);
    const foreignEnterprise = await makeEnterprise(env(), other);
    const khorasanAdmin = await signedIn(
      env(),
      await makeUser(env(), { role: "province_admin", provinceCode: "IR-09" }),
    );
    const khorasan = await makeCluster(env(), { provinceCode: "IR-09" });
    const hidden = await khorasanAdmin.post<{ id: string }>("/api/v1/people", {
      name: "مدرس مشهد",
      clusterIds: [khorasan.id],
    });
    expect(hidden.status).toBe(201);
    const made = await create(manager, cluster.id, activity());
    expect(made.status).toBe(201);
    const id = made.body.id;
    const before = { activities: await count(env(), "activities"), sessions: await count(env(), "activity_sessions") };

    const cases: [Record<string, unknown>, string, string | null][] = [
      [{ startDate: "2025-09-30", endDate: "2025-09-28", sessions: [] }, "end_before_start", null],
      [{ sessions: [{ startsOn: "2025-10-05" }] }, "session_outside_activity", "body.sessions.0.startsOn"],
      [
        { sessions: [{ startsOn: "2025-09-28", startTime: "12:00", endTime: "09:00" }] },
        "end_before_start",
        "body.sessions.0.endTime",
      ],
      [
        { shares: { national: 50_000_000, province: 30_000_000, members: 0, others: 0 } },
        "activity_shares_mismatch",
        "body.shares",
      ],
      [{ programmeId: otherProgramme }, "unknown_programme", "body.programmeId"],
      [{ programmeId: randomUUID() }, "unknown_programme", "body.programmeId"],
      [
        { kind: "training", details: { hours: 4, mode: "in_person", trainerId: randomUUID() } },
        "unknown_trainer",
        null,
      ],
      [
        { kind: "training", details: { hours: 4, mode: "in_person", trainerId: hidden.body.id } },
        "unknown_trainer",
        null,
      ],
      [
        {
          kind: "exhibition",
          details: { name: "ایران اکسپو", form: "pavilion", enterpriseIds: [foreignEnterprise.id] },
        },
        "unknown_exhibitor",
        "body.details.enterpriseIds",
      ],
      [{ sessions: [{ id: randomUUID(), startsOn: "2025-09-28" }] }, "unknown_session", "body.sessions.0.id"],
    ];
    for (const [over, code, path] of cases) {
      const r = await create(manager, cluster.id, activity(over));
      expectProblem(r, 400, code);
      if (path) expect((r.body as unknown as Problem).errors?.map((e) => e.path)).toEqual([path]);
      // The same on a change.
      expectProblem(await manager.req("PUT", `/api/v1/activities/${id}`, activity(over)), 400, code);
    }
    expect(await count(env(), "activities")).toBe(before.activities);
    expect(await count(env(), "activity_sessions")).toBe(before.sessions);
    const still = await manager.get<Activity>(`/api/v1/activities/${id}`);
    expect(still.body).toMatchObject({ kind: "workshop", startDate: "2025-09-28", endDate: "2025-09-30" });
    expect(await auditCount(env(), "activities.activity.update", id)).toBe(0);

    // The trainer of the cluster's own directory is taken.
    const ok = await create(
      manager,
      cluster.id,
      activity({ kind: "training", details: { hours: 4, mode: "in_person", trainerId } }),
    );
    expect(ok.status, ok.text).toBe(201);
  });

  it("replaces sessions keeping ids, copies as a template, removes with an audit row", async () => {
    const { cluster, manager, member } = await setup(env());
    const made = await create(manager, cluster.id, activity({ status: "done" }));
    const id = made.body.id;
    const [first, second] = made.body.sessions;
    const changed = await manager.req<Activity>(
      "PUT",
      `/api/v1/activities/${id}`,
      activity({
        status: "done",
        title: "کارگاه برندسازی (ویرایش)",
        sessions: [
          { id: second!.id, startsOn: "2025-09-30", startTime: "10:00", endTime: "13:00" },
          { startsOn: "2025-09-29" },
        ],
      }),
    );
    expect(changed.status, changed.text).toBe(200);
    expect(changed.body.title).toBe("کارگاه برندسازی (ویرایش)");
    expect(changed.body.sessions).toHaveLength(2);
    expect(changed.body.sessions[0]).toMatchObject({ id: second!.id, startTime: "10:00" });
    expect(changed.body.sessions[1]!.id).not.toBe(first!.id);
    expect(await auditCount(env(), "activities.activity.update", id)).toBe(1);
    // The same body again changes nothing and writes no audit row.
    const same = await manager.req<Activity>(
      "PUT",
      `/api/v1/activities/${id}`,
      activity({
        status: "done",
        title: "کارگاه برندسازی (ویرایش)",
        sessions: changed.body.sessions.map((s) => ({
          id: s.id,
          startsOn: s.startsOn,
          startTime: s.startTime,
          endTime: s.endTime,
        })),
      }),
    );
    expect(same.status).toBe(200);
    expect(await auditCount(env(), "activities.activity.update", id)).toBe(1);
    expect((await member.req("PUT", `/api/v1/activities/${id}`, activity())).status).toBe(403);

    // A copy ten days later: the same fields, sessions moved ten days, planned.
    const copy = await manager.post<Activity>(`/api/v1/activities/${id}/copy`, { startDate: "2025-10-08" });
    expect(copy.status, copy.text).toBe(201);
    expect(copy.body).toMatchObject({
      kind: "workshop",
      title: "کارگاه برندسازی (ویرایش)",
      status: "planned",
      startDate: "2025-10-08",
      endDate: "2025-10-10",
      costRials: 100_000_000,
    });
    expect(copy.body.sessions.map((s) => [s.startsOn, s.startTime])).toEqual([
      ["2025-10-10", "10:00"],
      ["2025-10-09", null],
    ]);
    expect(copy.body.sessions.map((s) => s.id)).not.toContain(second!.id);
    expect(await auditCount(env(), "activities.activity.copy", copy.body.id)).toBe(1);
    // A copy with a shorter end leaves a session outside: refused, nothing made.
    const n = await count(env(), "activities");
    expectProblem(
      await manager.post(`/api/v1/activities/${id}/copy`, { startDate: "2025-10-08", endDate: "2025-10-08" }),
      400,
      "session_outside_activity",
    );
    expectProblem(
      await manager.post(`/api/v1/activities/${id}/copy`, { startDate: "2025-10-08", endDate: "2025-10-01" }),
      400,
      "end_before_start",
    );
    expect(await count(env(), "activities")).toBe(n);

    expect((await member.del(`/api/v1/activities/${copy.body.id}`)).status).toBe(403);
    expect((await manager.del(`/api/v1/activities/${copy.body.id}`)).status).toBe(204);
    expect((await manager.get(`/api/v1/activities/${copy.body.id}`)).status).toBe(404);
    expect(await auditCount(env(), "activities.activity.remove", copy.body.id)).toBe(1);
    const left = await env()
      .database.db.selectFrom("activity_sessions")
      .select("id")
      .where("activity_id", "=", copy.body.id)
      .execute();
    expect(left).toEqual([]);
  });

  it("lists by filters within the caller's scope, and counts a programme's activities", async () => {
    const { cluster, manager, member } = await setup(env());
    const programmeId = await programmeOf(env(), cluster, PROGRAMME);
    const a = await create(
      manager,
      cluster.id,
      activity({
        title: "دوره مجازی",
        startDate: "2025-09-27",
        kind: "training",
        details: { hours: 8, mode: "virtual" },
        programmeId,
        status: "done",
      }),
    );
    const b = await create(
      manager,
      cluster.id,
      activity({
        title: "بازدید کارخانه",
        kind: "tour",
        details: { scope: "domestic", destinations: ["البرز"] },
        programmeId,
        startDate: "2025-10-25",
        endDate: "2025-10-26",
        sessions: [],
      }),
    );
    const c = await create(manager, cluster.id, activity({ title: "لغوشده", programmeId, status: "cancelled" }));
    for (const r of [a, b, c]) expect(r.status, r.text).toBe(201);

    const list = async (client: Client, q: string) => (await client.get<Page>(`/api/v1/activities?${q}`)).body;
    const mine = await list(manager, `clusterId=${cluster.id}`);
    expect(mine.total).toBe(3);
    expect(mine.items.map((i) => i.title)).toEqual(["دوره مجازی", "لغوشده", "بازدید کارخانه"]);
    expect((await list(manager, `clusterId=${cluster.id}&kind=tour`)).items.map((i) => i.id)).toEqual([b.body.id]);
    expect((await list(manager, `programmeId=${programmeId}`)).total).toBe(3);
    expect((await list(manager, `clusterId=${cluster.id}&from=2025-10-01`)).items.map((i) => i.id)).toEqual([
      b.body.id,
    ]);
    expect((await list(manager, `clusterId=${cluster.id}&to=2025-09-29`)).total).toBe(2);
    expect((await list(manager, `clusterId=${cluster.id}&limit=1&offset=1`)).items.map((i) => i.id)).toEqual([
      c.body.id,
    ]);
    // A member's user reads the cluster's; another province's admin sees none of them.
    expect((await list(member, `clusterId=${cluster.id}`)).total).toBe(3);
    const khorasanAdmin = await signedIn(
      env(),
      await makeUser(env(), { role: "province_admin", provinceCode: "IR-09" }),
    );
    expect((await list(khorasanAdmin, `clusterId=${cluster.id}`)).total).toBe(0);
    expect((await list(khorasanAdmin, "provinceCode=IR-25")).total).toBe(0);
    expect((await khorasanAdmin.get(`/api/v1/activities/${a.body.id}`)).status).toBe(404);
    const qomAdmin = await signedIn(env(), await makeUser(env(), { role: "province_admin", provinceCode: "IR-25" }));
    expect((await list(qomAdmin, `provinceCode=IR-25&clusterId=${cluster.id}`)).total).toBe(3);
    expect((await manager.get("/api/v1/activities?kind=party")).status).toBe(400);

    // The roll-up the action plan reads: cancelled activities left out.
    const { activitiesOfProgrammes } = await import("../../src/server/modules/activities/activities");
    const roll = await activitiesOfProgrammes(env().database.db, [programmeId, randomUUID()]);
    expect([...roll.entries()]).toEqual([[programmeId, { total: 2, done: 1 }]]);
  });

  it("shows a Jalali month: activities overlapping it and the sessions in it", async () => {
    const { cluster, manager, member } = await setup(env());
    const inside = await create(manager, cluster.id, activity());
    const across = await create(
      manager,
      cluster.id,
      activity({
        title: "دوره دوماهه",
        startDate: "2025-10-15",
        endDate: "2025-11-10",
        sessions: [{ startsOn: "2025-10-20" }, { startsOn: "2025-10-23" }, { startsOn: "2025-11-05" }],
      }),
    );
    const later = await create(
      manager,
      cluster.id,
      activity({ title: "آبان", startDate: "2025-11-01", endDate: "2025-11-02", sessions: [] }),
    );
    for (const r of [inside, across, later]) expect(r.status, r.text).toBe(201);

    const mehr = await member.get<Calendar>(`/api/v1/clusters/${cluster.id}/activities/calendar?month=${MEHR}`);
    expect(mehr.status, mehr.text).toBe(200);
    expect(mehr.body).toMatchObject({ from: MEHR, to: "2025-10-22" });
    expect(mehr.body.activities.map((a) => a.id)).toEqual([inside.body.id, across.body.id]);
    expect(mehr.body.sessions.map((s) => s.activityId)).toEqual([inside.body.id, inside.body.id, across.body.id]);
    const aban = await manager.get<Calendar>(`/api/v1/clusters/${cluster.id}/activities/calendar?month=${ABAN}`);
    expect(aban.body.activities.map((a) => a.id)).toEqual([across.body.id, later.body.id]);
    expect(aban.body.sessions).toHaveLength(2);
    // Esfand 1403, a leap year's: thirty days.
    const esfand = await manager.get<Calendar>(`/api/v1/clusters/${cluster.id}/activities/calendar?month=2025-02-19`);
    expect(esfand.body).toMatchObject({ from: "2025-02-19", to: "2025-03-20", activities: [], sessions: [] });
    expectProblem(
      await manager.get(`/api/v1/clusters/${cluster.id}/activities/calendar?month=2025-09-24`),
      400,
      "not_month_start",
    );
    const outsider = await signedIn(env(), await makeUser(env(), { role: "province_admin", provinceCode: "IR-09" }));
    expect((await outsider.get(`/api/v1/clusters/${cluster.id}/activities/calendar?month=${MEHR}`)).status).toBe(404);
  });

  it("lists an enterprise's registered activities for its own users and the managers only, the open ones, with seats and waiting counts", async () => {
    const cluster = await makeCluster(env(), { provinceCode: "IR-19", state: "implementation" });
    const manager = await signedIn(
      env(),
      await makeUser(env(), { role: "cluster_manager", clusterId: cluster.id, provinceCode: "IR-19" }),
    );
    const enterprise = await makeEnterprise(env(), cluster, "پوشاک زنجان");
    const other = await makeEnterprise(env(), cluster, "بنگاه دیگر");
    const member = await signedIn(
      env(),
      await makeUser(env(), {
        role: "member",
        clusterId: cluster.id,
        provinceCode: "IR-19",
        enterpriseId: enterprise.id,
      }),
    );
    const otherMember = await signedIn(
      env(),
      await makeUser(env(), { role: "member", clusterId: cluster.id, provinceCode: "IR-19", enterpriseId: other.id }),
    );
    const staff: string[] = [];
    for (const name of ["کارمند یک", "کارمند دو"]) {
      const p = await manager.post<{ id: string }>("/api/v1/people", { name, enterpriseId: enterprise.id });
      expect(p.status, p.text).toBe(201);
      staff.push(p.body.id);
    }
    const future = { startDate: "2030-09-28", endDate: "2030-09-30", sessions: [] };
    const full = await create(manager, cluster.id, activity({ ...future, title: "پر", capacity: 1 }));
    const open = await create(manager, cluster.id, activity({ ...future, title: "باز" }));
    const past = await create(manager, cluster.id, activity({ title: "گذشته", sessions: [] }));
    const done = await create(manager, cluster.id, activity({ ...future, title: "انجام‌شده", status: "done" }));
    for (const r of [full, open, past, done]) expect(r.status, r.text).toBe(201);
    const reg = await member.post(`/api/v1/activities/${full.body.id}/registrations`, {
      people: staff.map((personId) => ({ personId })),
    });
    expect(reg.status, reg.text).toBe(201);

    const mine = await member.get<{ items: { id: string; seatsTaken: number; waiting: number }[] }>(
      `/api/v1/activities?registeredEnterprise=${enterprise.id}`,
    );
    expect(mine.status, mine.text).toBe(200);
    expect(mine.body.items.map((a) => [a.id, a.seatsTaken, a.waiting])).toEqual([[full.body.id, 1, 1]]);
    const byManager = await manager.get<Page>(`/api/v1/activities?registeredEnterprise=${enterprise.id}`);
    expect(byManager.body.items.map((a) => a.id)).toEqual([full.body.id]);
    // Another enterprise's user reads the activities, not who signed up for them.
    const nosy = await otherMember.get<Page>(`/api/v1/activities?registeredEnterprise=${enterprise.id}`);
    expect(nosy.status, nosy.text).toBe(200);
    expect(nosy.body).toMatchObject({ items: [], total: 0 });
    expect((await otherMember.get<Page>("/api/v1/activities")).body.total).toBe(4);

    const openList = await member.get<Page>("/api/v1/activities?open=true");
    // Both start the same day (the list's order is then by id): compared as a set.
    expect(openList.body.items.map((a) => a.id).sort()).toEqual([full.body.id, open.body.id].sort());
    expect((await member.get<Page>("/api/v1/activities?open=false")).body.total).toBe(4);
    expect((await member.get<Problem>("/api/v1/activities?open=yes")).status).toBe(400);
  });
});
