/**
 * The planning chain through the HTTP API on each engine: the diagnostic
 * study, action plans and their rules, the council's meetings that approve
 * or return them, immutable versions and their comparison, progress, the
 * chain view's loose ends, the PDFs, who may do what, and the audit trail.
 */
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { addDaysIso, todayIso } from "../../src/core/jalali";
import { type Client, signedIn } from "../support/client";
import { describeEngines, type MadeUser, makeCluster, makeUser, type TestEnv } from "../support/harness";
import { pdfText } from "../support/pdf";

type Problem = { code: string };
type Study = {
  pressurePoints: { id: string; title: string; strategyIds: string[] }[];
  strategies: { id: string; title: string; pressurePointIds: string[] }[];
  parts: { id: string; level: string }[];
  baseline: { indicator: string; value: number }[];
  vision: string | null;
  swot: Record<string, string[]>;
  can: { edit: boolean; comment: boolean; council: boolean };
};
type Programme = {
  id: string;
  title: string;
  budgetRials: number;
  percent: number;
  status: string;
  spentRials: number;
  targets: { id: string; measured: number | null }[];
  milestones: { id: string; doneOn: string | null }[];
  activities: { total: number; done: number };
  approved: { startDate: string; endDate: string } | null;
};
type Plan = {
  id: string;
  status: string;
  approvedVersion: number | null;
  programmes: number;
  budgetRials: number;
  returnComment: string | null;
  percent: number;
  programmeList: Programme[];
  versions: { versionNo: number; meetingId: string | null; budgetRials: number }[];
  comments: { body: string; authorName: string }[];
  can: { edit: boolean; comment: boolean; submit: boolean; revise: boolean };
};
type Meeting = {
  id: string;
  status: string;
  quorate: boolean | null;
  quorumNeeded: number | null;
  seats: number | null;
  attendees: { memberId: string }[];
  decisions: { kind: string; planId: string | null }[];
};
type Comparison = {
  added: { title: string }[];
  removed: { title: string }[];
  changed: { title: string; fields: { field: string; from: unknown; to: unknown }[] }[];
  planFields: { field: string }[];
  budgetFrom: number;
  budgetTo: number;
  budgetDelta: number;
};

// The plan's year holds today, past its middle; the programmes ran in its first half.
const TODAY = todayIso();
const YEAR = { periodStart: addDaysIso(TODAY, -200), periodEnd: addDaysIso(TODAY, 160) };
const day = (n: number) => addDaysIso(YEAR.periodStart, n);
const START = day(40);
const END = day(130);
/** A plan decision is taken at a meeting on or after the plan's submission: today, in these tests. */
const MEETING_DAY = TODAY;

function expectProblem(r: { status: number; body: unknown }, status: number, code: string) {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect((r.body as Problem).code).toBe(code);
}

const programme = (over: Record<string, unknown> = {}) => ({
  title: "دوره آموزشی برندسازی",
  area: "skills",
  startDate: START,
  endDate: END,
  budgetRials: 1_000_000_000,
  shares: { national: 500_000_000, province: 300_000_000, members: 200_000_000, others: 0 },
  responsible: "دبیرخانه خوشه",
  objective: "آشنایی تولیدکنندگان با برندسازی",
  targets: [{ indicator: "شرکت‌کنندگان", baseline: 0, target: 40, unit: "نفر", verification: "فهرست حضور" }],
  ...over,
});

async function put(c: Client, path: string, body: unknown) {
  return c.req<Record<string, unknown>>("PUT", path, body);
}

async function download(env: TestEnv, c: Client, path: string) {
  const r = await fetch(`${env.baseUrl}${path}`, { headers: { cookie: c.cookie ?? "" } });
  return { status: r.status, headers: r.headers, body: Buffer.from(await r.arrayBuffer()) };
}

/** A council of `n` current seats on the cluster; the first is linked to a council member's account. */
async function council(env: TestEnv, cluster: { id: string; provinceCode: string }, n: number, user?: MadeUser) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = randomUUID();
    ids.push(id);
    await env.database.db
      .insertInto("governance_members")
      .values({
        id,
        body: "steering_council",
        province_code: cluster.provinceCode,
        cluster_id: cluster.id,
        person_name: ["رضا احمدی", "مریم کاظمی", "علی رضایی", "زهرا موسوی", "حسین کریمی"][i % 5]!,
        organisation: null,
        role: i === 0 ? "chair" : "member",
        from_date: "2025-01-01",
        to_date: null,
        user_id: i === 0 && user ? user.id : null,
        grant_id: null,
        created_at: new Date().toISOString(),
      })
      .execute();
  }
  return ids;
}

async function setup(env: TestEnv) {
  const cluster = await makeCluster(env, { provinceCode: "IR-25", state: "action_planning" });
  const manager = await makeUser(env, { role: "cluster_manager", clusterId: cluster.id, provinceCode: "IR-25" });
  const councillor = await makeUser(env, { role: "council_member", clusterId: cluster.id, provinceCode: "IR-25" });
  const seats = await council(env, cluster, 5, councillor);
  return {
    cluster,
    seats,
    manager: await signedIn(env, manager),
    councillor: await signedIn(env, councillor),
    councillorUser: councillor,
  };
}

async function studyWithChain(c: Client, clusterId: string) {
  const base = `/api/v1/clusters/${clusterId}/study`;
  const p1 = await c.post<Study>(`${base}/pressure-points`, {
    title: "کمبود و گرانی مواد اولیه",
    category: "raw_materials",
    severity: 3,
    evidence: "پرسشنامه بنگاه‌ها",
  });
  expect(p1.status).toBe(201);
  const p2 = await c.post<Study>(`${base}/pressure-points`, {
    title: "نبود فضای تولید",
    category: "production_space",
    severity: 2,
  });
  const [point1, point2] = p2.body.pressurePoints;
  const s = await c.post<Study>(`${base}/strategies`, {
    title: "تأمین مواد اولیه",
    pressurePointIds: [point1!.id],
  });
  expect(s.status).toBe(201);
  return { point1: point1!, point2: point2!, strategy: s.body.strategies[0]! };
}

async function submittedPlan(c: Client, clusterId: string, strategyId: string, pointId: string) {
  const plan = await c.post<Plan>(`/api/v1/clusters/${clusterId}/plans`, {
    projectYear: 1,
    title: "برنامه عملیاتی سال اول",
    ...YEAR,
  });
  expect(plan.status).toBe(201);
  const id = plan.body.id;
  expect(
    (await c.post(`/api/v1/plans/${id}/programmes`, programme({ strategyId, pressurePointIds: [pointId] }))).status,
  ).toBe(201);
  const two = await c.post<Plan>(
    `/api/v1/plans/${id}/programmes`,
    programme({
      title: "بازدید از خوشه پوشاک قم",
      area: "networking",
      budgetRials: 400_000_000,
      shares: { national: 200_000_000, province: 0, members: 200_000_000, others: 0 },
      targets: [],
    }),
  );
  expect(two.status).toBe(201);
  expect(two.body).toMatchObject({ programmes: 2, budgetRials: 1_400_000_000 });
  expect((await c.post<Plan>(`/api/v1/plans/${id}/submit`)).body.status).toBe("submitted");
  return id;
}

async function approveAtMeeting(c: Client, clusterId: string, planId: string, attendeeIds: string[]) {
  const m = await c.post<Meeting>(`/api/v1/clusters/${clusterId}/council-meetings`, {
    heldOn: MEETING_DAY,
    place: "سالن جلسات شرکت شهرک‌ها",
    agenda: ["بررسی برنامه عملیاتی"],
  });
  expect(m.status).toBe(201);
  const r = await put(c, `/api/v1/council-meetings/${m.body.id}/record`, {
    attendeeIds,
    decisions: [
      {
        kind: "approve_plan",
        planId,
        text: "برنامه تصویب شد",
        votesFor: attendeeIds.length,
        votesAgainst: 0,
        votesAbstain: 0,
      },
    ],
    minutes: "برنامه سال اول بررسی و تصویب شد.",
  });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return m.body.id;
}

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

describeEngines("planning: diagnostic study, action plans, council approval", (env) => {
  it("records the study: parts, pressure points, SWOT, vision, strategies and the baseline; refuses another cluster's links", async () => {
    const { cluster, manager, councillor } = await setup(env());
    const base = `/api/v1/clusters/${cluster.id}/study`;
    const empty = await manager.get<Study>(base);
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ vision: null, pressurePoints: [], can: { edit: true, council: true } });

    expect(
      (
        await manager.post<Study>(`${base}/parts`, {
          level: "international",
          title: "بازار جهانی پوشاک",
          findings: "رقابت ترکیه و چین",
        })
      ).status,
    ).toBe(201);
    const summary = await put(manager, base, {
      vision: "خوشه پوشاک قم، برند شناخته‌شده منطقه",
      swot: { strengths: ["نیروی کار ماهر"], weaknesses: ["نبود برند"], opportunities: [], threats: ["واردات"] },
    });
    expect(summary.status).toBe(200);
    const { point1, strategy } = await studyWithChain(manager, cluster.id);
    expect(strategy.pressurePointIds).toEqual([point1.id]);
    const baseline = await put(manager, `${base}/baseline`, {
      figures: [
        { indicator: "enterprises", value: 1200, measuredOn: "2025-12-01", source: "سرشماری دبیرخانه" },
        { indicator: "jobs", value: 9000, measuredOn: "2025-12-01" },
      ],
    });
    expect(baseline.status).toBe(200);
    expectProblem(
      await put(manager, `${base}/baseline`, {
        figures: [
          { indicator: "jobs", value: 1, measuredOn: "2025-12-01" },
          { indicator: "jobs", value: 2, measuredOn: "2025-12-01" },
        ],
      }),
      400,
      "duplicate_indicator",
    );

    const read = await councillor.get<Study>(base);
    expect(read.body).toMatchObject({
      vision: "خوشه پوشاک قم، برند شناخته‌شده منطقه",
      swot: { strengths: ["نیروی کار ماهر"], threats: ["واردات"] },
      baseline: [
        { indicator: "enterprises", value: 1200 },
        { indicator: "jobs", value: 9000 },
      ],
      can: { edit: false, comment: true, council: false },
    });
    expect(read.body.pressurePoints.find((p) => p.id === point1.id)?.strategyIds).toEqual([strategy.id]);
    // Council members read; they do not write the study.
    expect(
      (await councillor.post(`${base}/pressure-points`, { title: "x", category: "market", severity: 1 })).status,
    ).toBe(403);

    // Another cluster's pressure point cannot be linked, and the study stays as it was.
    const other = await makeCluster(env(), { provinceCode: "IR-25" });
    const otherManager = await signedIn(
      env(),
      await makeUser(env(), { role: "cluster_manager", clusterId: other.id, provinceCode: "IR-25" }),
    );
    const foreign = (
      await otherManager.post<Study>(`/api/v1/clusters/${other.id}/study/pressure-points`, {
        title: "بازار",
        category: "market",
        severity: 1,
      })
    ).body.pressurePoints[0]!;
    expectProblem(
      await manager.post(`${base}/strategies`, { title: "راهبرد", pressurePointIds: [foreign.id] }),
      400,
      "unknown_pressure_point",
    );
    expect((await manager.get<Study>(base)).body.strategies).toHaveLength(1);
    // Out of scope: 404, as for a cluster that does not exist.
    expect((await otherManager.get(base)).status).toBe(404);
    expect(await auditCount(env(), "planning.point.add", point1.id)).toBe(1);
    expect(await auditCount(env(), "planning.study.update", cluster.id)).toBe(1);
  });

  it("keeps a plan's rules: one per year, a year at most, programmes inside it, shares adding up, links of the cluster", async () => {
    const { cluster, manager } = await setup(env());
    const { strategy } = await studyWithChain(manager, cluster.id);
    const plans = `/api/v1/clusters/${cluster.id}/plans`;
    const plan = await manager.post<Plan>(plans, { projectYear: 1, title: "برنامه سال اول", ...YEAR });
    expect(plan.status).toBe(201);
    expectProblem(await manager.post(plans, { projectYear: 1, title: "دوباره", ...YEAR }), 409, "plan_year_taken");
    expectProblem(
      await manager.post(plans, { projectYear: 2, title: "بلند", periodStart: day(0), periodEnd: day(380) }),
      400,
      "plan_period_too_long",
    );
    expectProblem(
      await manager.post(plans, { projectYear: 2, title: "وارونه", periodStart: day(300), periodEnd: day(200) }),
      400,
      "end_before_start",
    );
    const at = `/api/v1/plans/${plan.body.id}/programmes`;
    expectProblem(await manager.post(at, programme({ endDate: day(400) })), 400, "programme_outside_year");
    expectProblem(
      await manager.post(at, programme({ shares: { national: 1, province: 0, members: 0, others: 0 } })),
      400,
      "shares_mismatch",
    );
    expectProblem(await manager.post(at, programme({ area: "astrology" })), 400, "unknown_area");
    expectProblem(await manager.post(at, programme({ strategyId: randomUUID() })), 400, "unknown_strategy");
    expectProblem(await manager.post(`/api/v1/plans/${plan.body.id}/submit`), 400, "plan_empty");
    // Nothing of the refused programmes was written.
    expect((await manager.get<Plan>(`/api/v1/plans/${plan.body.id}`)).body).toMatchObject({
      programmes: 0,
      budgetRials: 0,
    });

    // A province's own area is accepted once it exists.
    const admin = await signedIn(env(), await makeUser(env(), { role: "province_admin", provinceCode: "IR-25" }));
    const areas = await admin.post<{ items: { id: string; nameFa: string }[] }>(
      "/api/v1/provinces/IR-25/planning-areas",
      {
        nameFa: "صادرات و کنسرسیوم",
      },
    );
    expect(areas.status).toBe(201);
    expect((await manager.post("/api/v1/provinces/IR-25/planning-areas", { nameFa: "دیگر" })).status).toBe(403);
    const own = areas.body.items[0]!;
    const added = await manager.post<Plan>(at, programme({ area: own.id, strategyId: strategy.id }));
    expect(added.status).toBe(201);
    const p = added.body.programmeList[0]!;
    // A period that would leave the programme outside is refused.
    expectProblem(
      await manager.patch(`/api/v1/plans/${plan.body.id}`, { periodStart: day(60), periodEnd: YEAR.periodEnd }),
      400,
      "programme_outside_year",
    );
    // A strategy or pressure point a programme uses stays.
    expectProblem(
      await manager.del(`/api/v1/clusters/${cluster.id}/study/strategies/${strategy.id}`),
      409,
      "strategy_in_use",
    );
    const updated = await manager.patch<Plan>(`/api/v1/plans/${plan.body.id}/programmes/${p.id}`, {
      budgetRials: 2_000_000_000,
      shares: { national: 1_000_000_000, province: 500_000_000, members: 500_000_000, others: 0 },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ budgetRials: 2_000_000_000, programmes: 1 });
    // Archiving the area keeps it on the programmes filed under it, which stay editable; new ones cannot use it.
    expect((await admin.del(`/api/v1/provinces/IR-25/planning-areas/${own.id}`)).status).toBe(204);
    expect(
      (await manager.patch(`/api/v1/plans/${plan.body.id}/programmes/${p.id}`, { title: "دوره برندسازی (۲)" })).status,
    ).toBe(200);
    expectProblem(await manager.post(at, programme({ area: own.id })), 400, "unknown_area");
    expect(await auditCount(env(), "planning.programme.update", p.id)).toBe(2);
  });

  it("submits to the council, who are notified and comment; a submitted plan is frozen", async () => {
    const { cluster, manager, councillor, councillorUser } = await setup(env());
    const { point1, strategy } = await studyWithChain(manager, cluster.id);
    const planId = await submittedPlan(manager, cluster.id, strategy.id, point1.id);
    const notes = await env()
      .database.db.selectFrom("notifications")
      .selectAll()
      .where("user_id", "=", councillorUser.id)
      .where("kind", "=", "plan_submitted")
      .execute();
    expect(notes).toHaveLength(1);
    expect(notes[0]!.link).toBe(`/plans/${planId}`);
    const mail = await env()
      .database.db.selectFrom("outbox")
      .select("subject")
      .where("to_address", "=", councillorUser.email)
      .execute();
    expect(mail.map((m) => m.subject).join(" ")).toContain("برنامه عملیاتی سال اول");

    const before = await manager.get<Plan>(`/api/v1/plans/${planId}`);
    expect(before.body.can).toMatchObject({ edit: false, submit: false });
    expectProblem(await manager.patch(`/api/v1/plans/${planId}`, { title: "عنوان دیگر" }), 409, "plan_locked");
    expectProblem(await manager.post(`/api/v1/plans/${planId}/programmes`, programme()), 409, "plan_locked");
    expect((await manager.get<Plan>(`/api/v1/plans/${planId}`)).body.programmes).toBe(2);

    const commented = await councillor.post<Plan>(`/api/v1/plans/${planId}/comments`, { body: "بودجه بازدید کم است." });
    expect(commented.status).toBe(201);
    expect(commented.body.comments).toEqual([expect.objectContaining({ body: "بودجه بازدید کم است." })]);
    // A council member of another cluster, and a member business, see nothing.
    const elsewhere = await makeCluster(env(), { provinceCode: "IR-25" });
    const strangerUser = await makeUser(env(), {
      role: "council_member",
      clusterId: elsewhere.id,
      provinceCode: "IR-25",
    });
    const stranger = await signedIn(env(), strangerUser);
    expect((await stranger.post(`/api/v1/plans/${planId}/comments`, { body: "نظر" })).status).toBe(404);
    expect((await stranger.get(`/api/v1/plans/${planId}`)).status).toBe(404);
    // The queue: the province's plans awaiting approval, scoped.
    const queue = await councillor.get<{ items: { id: string }[]; total: number }>("/api/v1/plans?status=submitted");
    expect(queue.body.items.map((p) => p.id)).toContain(planId);
    expect((await stranger.get<{ total: number }>("/api/v1/plans?status=submitted")).body.total).toBe(0);
    const tehran = await signedIn(env(), await makeUser(env(), { role: "province_admin", provinceCode: "IR-23" }));
    expect((await tehran.get<{ total: number }>("/api/v1/plans?status=submitted")).body.total).toBe(0);
    expect(await auditCount(env(), "planning.plan.submit", planId)).toBe(1);
    expect(await auditCount(env(), "planning.plan.comment", planId)).toBe(1);
  });

  it("approves only at a recorded, quorate, held meeting; refusals change nothing", async () => {
    const { cluster, manager, seats } = await setup(env());
    const { point1, strategy } = await studyWithChain(manager, cluster.id);
    const planId = await submittedPlan(manager, cluster.id, strategy.id, point1.id);
    const meetings = `/api/v1/clusters/${cluster.id}/council-meetings`;

    // A meeting scheduled ahead cannot be recorded before its day.
    const ahead = await manager.post<Meeting>(meetings, {
      heldOn: addDaysIso(TODAY, 30),
      online: true,
      agenda: ["تصویب برنامه"],
    });
    expect(ahead.status).toBe(201);
    const decision = (n: number) => ({
      kind: "approve_plan",
      planId,
      text: "تصویب",
      votesFor: n,
      votesAgainst: 0,
      votesAbstain: 0,
    });
    expectProblem(
      await put(manager, `/api/v1/council-meetings/${ahead.body.id}/record`, {
        attendeeIds: seats,
        decisions: [decision(5)],
      }),
      400,
      "meeting_in_future",
    );
    const upcoming = await manager.get<{ items: { id: string }[] }>("/api/v1/council-meetings?upcoming=true");
    expect(upcoming.body.items.map((m) => m.id)).toContain(ahead.body.id);

    // The council needs four present; three came.
    expect(
      (await put(manager, `/api/v1/clusters/${cluster.id}/council-rule`, { kind: "min_count", count: 4 })).status,
    ).toBe(200);
    const noCount = await put(manager, `/api/v1/clusters/${cluster.id}/council-rule`, { kind: "min_count" });
    expectProblem(noCount, 400, "validation_failed");
    expect(noCount.body.errors).toEqual([
      { path: "body.count", message: "برای حد نصاب با تعداد ثابت، تعداد را بنویسید." },
    ]);
    // A meeting held before the plan was submitted does not decide on it.
    const before = await manager.post<Meeting>(meetings, { heldOn: day(80) });
    expectProblem(
      await put(manager, `/api/v1/council-meetings/${before.body.id}/record`, {
        attendeeIds: seats,
        decisions: [decision(5)],
      }),
      400,
      "meeting_before_submission",
    );
    // The rule's seats are counted on a day: none before the council's terms began.
    const rule = await manager.get<{ seats: number; needed: number }>(`/api/v1/clusters/${cluster.id}/council-rule`);
    expect(rule.body).toMatchObject({ seats: 5, needed: 4 });
    const early = await manager.get<{ seats: number }>(`/api/v1/clusters/${cluster.id}/council-rule?on=2024-06-01`);
    expect(early.body.seats).toBe(0);
    const held = await manager.post<Meeting>(meetings, { heldOn: MEETING_DAY, place: "قم" });
    const record = `/api/v1/council-meetings/${held.body.id}/record`;
    expectProblem(
      await put(manager, record, { attendeeIds: seats.slice(0, 3), decisions: [decision(3)] }),
      400,
      "no_quorum",
    );
    expectProblem(
      await put(manager, record, { attendeeIds: seats.slice(0, 4), decisions: [decision(5)] }),
      400,
      "votes_exceed_attendees",
    );
    expectProblem(
      await put(manager, record, {
        attendeeIds: seats.slice(0, 4),
        decisions: [{ ...decision(0), votesAgainst: 2 }],
      }),
      400,
      "motion_not_carried",
    );
    expectProblem(await put(manager, record, { attendeeIds: [randomUUID()], decisions: [] }), 400, "unknown_attendee");
    // Nothing of the refused recordings stuck.
    expect((await manager.get<Meeting>(`/api/v1/council-meetings/${held.body.id}`)).body).toMatchObject({
      status: "scheduled",
      attendees: [],
      decisions: [],
    });
    expect((await manager.get<Plan>(`/api/v1/plans/${planId}`)).body).toMatchObject({
      status: "submitted",
      versions: [],
    });

    const ok = await put(manager, record, {
      attendeeIds: seats.slice(0, 4),
      decisions: [
        decision(4),
        { kind: "other", text: "جلسه بعد در اسفند", votesFor: 4, votesAgainst: 0, votesAbstain: 0 },
      ],
      minutes: "برنامه تصویب شد.",
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ status: "held", quorate: true, quorumNeeded: 4, seats: 5 });
    expectProblem(await put(manager, record, { attendeeIds: seats, decisions: [] }), 409, "meeting_already_recorded");
    const approved = await manager.get<Plan>(`/api/v1/plans/${planId}`);
    expect(approved.body).toMatchObject({ status: "approved", approvedVersion: 1, can: { edit: false, revise: true } });
    expect(approved.body.versions).toEqual([
      expect.objectContaining({ versionNo: 1, meetingId: held.body.id, budgetRials: 1_400_000_000 }),
    ]);
    expectProblem(await manager.patch(`/api/v1/plans/${planId}`, { title: "تغییر" }), 409, "plan_locked");
    const p = approved.body.programmeList[0]!;
    expectProblem(await manager.del(`/api/v1/plans/${planId}/programmes/${p.id}`), 409, "plan_locked");
    expect(await auditCount(env(), "planning.plan.approve", planId)).toBe(1);
    expect(await auditCount(env(), "planning.meeting.record", held.body.id)).toBe(1);

    // The approved plan and the minutes print.
    const pdf = await download(env(), manager, `/api/v1/plans/${planId}/plan.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    const text = pdfText(pdf.body);
    expect(text).toContain("برنامه عملیاتی سال اول");
    expect(text).toContain("بازدید از خوشه پوشاک قم");
    expect(text).toContain("رضا احمدی");
    const minutes = await download(env(), manager, `/api/v1/council-meetings/${held.body.id}/minutes.pdf`);
    expect(minutes.status).toBe(200);
    expect(pdfText(minutes.body)).toContain("صورت‌جلسه شورای راهبری");
    expectProblem(
      await manager.get(`/api/v1/council-meetings/${ahead.body.id}/minutes.pdf`),
      409,
      "meeting_not_recorded",
    );
  });

  it("revises an approved plan: compared field by field against the version, approved again as version 2; versions never change", async () => {
    const { cluster, manager, seats } = await setup(env());
    const { point1, strategy } = await studyWithChain(manager, cluster.id);
    const planId = await submittedPlan(manager, cluster.id, strategy.id, point1.id);
    await approveAtMeeting(manager, cluster.id, planId, seats.slice(0, 3));
    const v1 = await manager.get<{ snapshot: unknown }>(`/api/v1/plans/${planId}/versions/1`);
    expect(v1.status).toBe(200);

    const revised = await manager.post<Plan>(`/api/v1/plans/${planId}/revise`);
    expect(revised.body).toMatchObject({ status: "draft", approvedVersion: 1, can: { edit: true } });
    expectProblem(await manager.post(`/api/v1/plans/${planId}/revise`), 409, "plan_not_approved");
    const [first, second] = revised.body.programmeList;
    await manager.patch(`/api/v1/plans/${planId}/programmes/${first!.id}`, {
      endDate: day(150),
      budgetRials: 1_200_000_000,
      shares: { national: 600_000_000, province: 300_000_000, members: 300_000_000, others: 0 },
    });
    await manager.del(`/api/v1/plans/${planId}/programmes/${second!.id}`);
    await manager.post(
      `/api/v1/plans/${planId}/programmes`,
      programme({ title: "غرفه در نمایشگاه ایران مد", area: "market_development" }),
    );

    const diff = await manager.get<Comparison>(`/api/v1/plans/${planId}/compare?from=1&to=current`);
    expect(diff.status).toBe(200);
    expect(diff.body.added.map((p) => p.title)).toEqual(["غرفه در نمایشگاه ایران مد"]);
    expect(diff.body.removed.map((p) => p.title)).toEqual(["بازدید از خوشه پوشاک قم"]);
    expect(diff.body.changed).toHaveLength(1);
    expect(diff.body.changed[0]!.fields.map((f) => f.field).sort()).toEqual(["budgetRials", "endDate", "shares"]);
    expect(diff.body.changed[0]!.fields.find((f) => f.field === "endDate")).toMatchObject({ from: END, to: day(150) });
    expect(diff.body).toMatchObject({ budgetFrom: 1_400_000_000, budgetTo: 2_200_000_000, budgetDelta: 800_000_000 });
    // The current plan shows each programme's approved dates behind its own.
    const now = await manager.get<Plan>(`/api/v1/plans/${planId}`);
    expect(now.body.programmeList.find((p) => p.id === first!.id)?.approved).toEqual({
      startDate: START,
      endDate: END,
    });

    await manager.post(`/api/v1/plans/${planId}/submit`);
    await approveAtMeeting(manager, cluster.id, planId, seats.slice(0, 3));
    const two = await manager.get<Plan>(`/api/v1/plans/${planId}`);
    expect(two.body).toMatchObject({ status: "approved", approvedVersion: 2 });
    expect(two.body.versions.map((v) => v.versionNo)).toEqual([1, 2]);
    // Version 1 is as it was approved; versions compare with each other.
    expect((await manager.get<{ snapshot: unknown }>(`/api/v1/plans/${planId}/versions/1`)).body.snapshot).toEqual(
      v1.body.snapshot,
    );
    const between = await manager.get<Comparison>(`/api/v1/plans/${planId}/compare?from=1&to=2`);
    expect(between.body.budgetDelta).toBe(800_000_000);
    const same = await manager.get<Comparison>(`/api/v1/plans/${planId}/compare?from=2&to=current`);
    expect(same.body).toMatchObject({ added: [], removed: [], changed: [], budgetDelta: 0 });
    expect((await manager.get(`/api/v1/plans/${planId}/versions/3`)).status).toBe(404);
    expect(await auditCount(env(), "planning.plan.revise", planId)).toBe(1);
  });

  it("returns a plan with the council's comment; the office edits and resubmits it", async () => {
    const { cluster, manager, seats } = await setup(env());
    const { point1, strategy } = await studyWithChain(manager, cluster.id);
    const planId = await submittedPlan(manager, cluster.id, strategy.id, point1.id);
    const m = await manager.post<Meeting>(`/api/v1/clusters/${cluster.id}/council-meetings`, { heldOn: MEETING_DAY });
    const r = await put(manager, `/api/v1/council-meetings/${m.body.id}/record`, {
      attendeeIds: seats.slice(0, 3),
      decisions: [
        {
          kind: "return_plan",
          planId,
          text: "هزینه‌ها دوباره برآورد شود",
          votesFor: 3,
          votesAgainst: 0,
          votesAbstain: 0,
        },
      ],
    });
    expect(r.status).toBe(200);
    const returned = await manager.get<Plan>(`/api/v1/plans/${planId}`);
    expect(returned.body).toMatchObject({
      status: "returned",
      returnComment: "هزینه‌ها دوباره برآورد شود",
      approvedVersion: null,
      can: { edit: true, submit: true },
    });
    expect(
      (await manager.patch(`/api/v1/plans/${planId}`, { title: "برنامه عملیاتی سال اول (اصلاح‌شده)" })).status,
    ).toBe(200);
    expect((await manager.post<Plan>(`/api/v1/plans/${planId}/submit`)).body.status).toBe("submitted");
    // Never approved: nothing to print.
    expectProblem(await manager.get(`/api/v1/plans/${planId}/plan.pdf`), 409, "plan_not_approved");
    expect(await auditCount(env(), "planning.plan.return", planId)).toBe(1);
  });

  it("reports progress on an approved plan and shows the chain's loose ends", async () => {
    const { cluster, manager, seats } = await setup(env());
    const { point1, point2, strategy } = await studyWithChain(manager, cluster.id);
    // A strategy no programme serves.
    await manager.post(`/api/v1/clusters/${cluster.id}/study/strategies`, {
      title: "ارتقای مهارت",
      pressurePointIds: [],
    });
    const planId = await submittedPlan(manager, cluster.id, strategy.id, point1.id);
    await approveAtMeeting(manager, cluster.id, planId, seats.slice(0, 3));
    const plan = (await manager.get<Plan>(`/api/v1/plans/${planId}`)).body;
    const p = plan.programmeList.find((x) => x.targets.length > 0)!;
    const progress = `/api/v1/plans/${planId}/programmes/${p.id}/progress`;
    expectProblem(
      await put(manager, progress, {
        spentRials: 10,
        milestones: [{ title: "ثبت‌نام", plannedDate: START, doneOn: addDaysIso(TODAY, 2) }],
      }),
      400,
      "date_in_future",
    );
    const saved = await put(manager, progress, {
      spentRials: 650_000_000,
      actualStart: day(45),
      milestones: [
        { title: "ثبت‌نام", plannedDate: START, doneOn: day(42) },
        { title: "برگزاری دوره", plannedDate: day(90), doneOn: null },
      ],
      measurements: [{ targetId: p.targets[0]!.id, value: 35, measuredOn: day(120) }],
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const after = saved.body as unknown as Plan;
    const q = after.programmeList.find((x) => x.id === p.id)!;
    expect(q).toMatchObject({ spentRials: 650_000_000, percent: 50, status: "late" });
    expect(q.targets[0]!.measured).toBe(35);
    // Implementation is not content: the approved plan stays approved, its version unchanged.
    expect(after).toMatchObject({ status: "approved", approvedVersion: 1 });

    // The other programme's activity, done, moves it: its progress comes from its activities too.
    const visit = plan.programmeList.find((x) => x.id !== p.id)!;
    const act = await manager.post(`/api/v1/clusters/${cluster.id}/activities`, {
      kind: "workshop",
      details: {},
      title: "بازدید از خوشه پوشاک قم",
      startDate: START,
      endDate: START,
      programmeId: visit.id,
      status: "done",
      costRials: 0,
      shares: { national: 0, province: 0, members: 0, others: 0 },
      sessions: [],
    });
    expect(act.status, JSON.stringify(act.body)).toBe(201);
    const rolled = await manager.get<Plan>(`/api/v1/plans/${planId}`);
    expect(rolled.body.programmeList.find((x) => x.id === visit.id)).toMatchObject({
      activities: { total: 1, done: 1 },
      percent: 100,
      status: "done",
    });

    const chain = await manager.get<{
      pressurePoints: { id: string; loose: boolean }[];
      strategies: { title: string; loose: boolean }[];
      programmes: { id: string; loose: boolean; activities: number; targets: { loose: boolean }[] }[];
      loose: Record<string, number>;
    }>(`/api/v1/clusters/${cluster.id}/chain`);
    expect(chain.status).toBe(200);
    expect(chain.body.pressurePoints.find((x) => x.id === point1.id)?.loose).toBe(false);
    expect(chain.body.pressurePoints.find((x) => x.id === point2.id)?.loose).toBe(true);
    expect(chain.body.strategies.find((s) => s.title === "ارتقای مهارت")?.loose).toBe(true);
    // Past mid-year: the programme with a milestone done is not loose, nor the one with an activity.
    expect(chain.body.programmes.find((x) => x.id === p.id)?.loose).toBe(false);
    expect(chain.body.programmes.find((x) => x.id === visit.id)).toMatchObject({ loose: false, activities: 1 });
    expect(chain.body.loose).toMatchObject({ pressurePoints: 1, strategies: 1, programmes: 0, targets: 0 });
  });

  it("two meetings approving the same plan at once: exactly one version is made", async () => {
    const { cluster, manager, seats } = await setup(env());
    const { point1, strategy } = await studyWithChain(manager, cluster.id);
    const planId = await submittedPlan(manager, cluster.id, strategy.id, point1.id);
    const meetings = await Promise.all(
      [0, 1].map(
        async () =>
          (await manager.post<Meeting>(`/api/v1/clusters/${cluster.id}/council-meetings`, { heldOn: MEETING_DAY })).body
            .id,
      ),
    );
    const results = await Promise.all(
      meetings.map((m) =>
        put(manager, `/api/v1/council-meetings/${m}/record`, {
          attendeeIds: seats.slice(0, 3),
          decisions: [{ kind: "approve_plan", planId, text: "تصویب", votesFor: 3, votesAgainst: 0, votesAbstain: 0 }],
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 400]);
    expect((results.find((r) => r.status === 400)!.body as Problem).code).toBe("plan_not_submitted");
    const after = await manager.get<Plan>(`/api/v1/plans/${planId}`);
    expect(after.body).toMatchObject({ status: "approved", approvedVersion: 1 });
    expect(after.body.versions).toHaveLength(1);
    // The losing meeting stays unrecorded, ready to be recorded with other decisions.
    const states = await Promise.all(
      meetings.map(async (m) => (await manager.get<Meeting>(`/api/v1/council-meetings/${m}`)).body.status),
    );
    expect(states.sort()).toEqual(["held", "scheduled"]);
  });
});
