/**
 * Beneficiaries and the satisfaction survey through the HTTP API on each
 * engine: a person counted once per activity, cluster, province and Jalali
 * year (and again per activity), split by kind and role; an undone check-in
 * taking its counts back; an exhibition's exhibitors once it is done; a
 * changed programme or date moving the counts; the survey's average and its
 * not_attended rule; who may read what.
 */
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { checkIn, clusterWith, create, programmeOf, registerOne } from "../support/activities";
import { type Client, signedIn } from "../support/client";
import { describeEngines, makeEnterprise, makeUser } from "../support/harness";

type Problem = { code: string };
type Figures = {
  people: number;
  enterprises: number;
  byKind: { kind: string; people: number; enterprises: number }[];
  byRole: { role: string; people: number }[];
  survey: { responses: number; average: number | null };
  year?: number | null;
};

function expectProblem(r: { status: number; body: unknown }, status: number, code: string) {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect((r.body as Problem).code).toBe(code);
}

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

async function undo(c: Client, activityId: string, registrationId: string) {
  const r = await c.del(`/api/v1/activities/${activityId}/check-ins/${registrationId}`);
  expect(r.status, r.text).toBe(204);
}

async function figures(c: Client, path: string): Promise<Figures> {
  const r = await c.get<Figures>(`/api/v1${path}`);
  expect(r.status, r.text).toBe(200);
  return r.body;
}

const kinds = (f: Figures) => Object.fromEntries(f.byKind.map((k) => [k.kind, [k.people, k.enterprises]]));
const roles = (f: Figures) => Object.fromEntries(f.byRole.map((r) => [r.role, r.people]));

async function activityBody(c: Client, id: string) {
  const r = await c.get<Record<string, unknown>>(`/api/v1/activities/${id}`);
  expect(r.status, r.text).toBe(200);
  const a = r.body;
  return {
    kind: a.kind,
    details: a.details,
    title: a.title,
    place: a.place,
    startDate: a.startDate,
    endDate: a.endDate,
    programmeId: a.programmeId,
    status: a.status,
    sessions: [],
  };
}

describeEngines("activities: beneficiaries and the satisfaction survey", (env) => {
  it("counts a person once per cluster, province and year, once per activity, split by kind and role; undo takes it back", async () => {
    const a = await clusterWith(env(), [{ name: "طراح یک", skills: ["designer"] }, { name: "کارمند دو" }], "IR-19");
    const b = await clusterWith(env(), [{ name: "کارمند خوشه دیگر" }], "IR-19");
    const provinceAdmin = await signedIn(
      env(),
      await makeUser(env(), { role: "province_admin", provinceCode: "IR-19" }),
    );
    const [p1, p2] = a.people as [string, string];

    const training = await create(a.manager, a.cluster.id, activity());
    const workshop = await create(
      a.manager,
      a.cluster.id,
      activity({ kind: "workshop", details: {}, title: "کارگاه" }),
    );
    const r1 = await registerOne(a.manager, training, { personId: p1 });
    const r2 = await registerOne(a.manager, training, { personId: p2 });
    const r3 = await registerOne(a.manager, workshop, { personId: p1 });
    await checkIn(a.manager, training, r1);
    await checkIn(a.manager, training, r2);
    await checkIn(a.manager, workshop, r3);
    // Checking in again changes nothing.
    await checkIn(a.manager, workshop, r3, 200);

    const cluster = await figures(a.manager, `/clusters/${a.cluster.id}/beneficiaries?year=1404`);
    expect(cluster).toMatchObject({ people: 2, enterprises: 1, year: 1404 });
    expect(kinds(cluster)).toEqual({ training: [2, 1], workshop: [1, 1] });
    expect(roles(cluster)).toEqual({ designer: 1, enterprise: 1 });
    const t = await figures(a.member, `/activities/${training}/beneficiaries`);
    const w = await figures(a.member, `/activities/${workshop}/beneficiaries`);
    expect([t.people, w.people]).toEqual([2, 1]);
    expect((await figures(provinceAdmin, "/provinces/IR-19/beneficiaries?year=1404")).people).toBe(2);
    // Another year's figures are empty.
    expect((await figures(a.manager, `/clusters/${a.cluster.id}/beneficiaries?year=1405`)).people).toBe(0);

    // A person of another cluster of the province adds one to the province only.
    const other = await create(b.manager, b.cluster.id, activity());
    await checkIn(b.manager, other, await registerOne(b.manager, other, { personId: b.people[0] }));
    const province = await figures(provinceAdmin, "/provinces/IR-19/beneficiaries?year=1404");
    expect(province).toMatchObject({ people: 3, enterprises: 2 });
    expect(kinds(province)).toEqual({ training: [3, 2], workshop: [1, 1] });
    expect((await figures(a.manager, `/clusters/${a.cluster.id}/beneficiaries?year=1404`)).people).toBe(2);

    // A free registration counts by its mobile: twice registered, once counted.
    const f1 = await registerOne(a.manager, training, { name: "مهمان", mobile: "09121112233" });
    const f2 = await registerOne(a.manager, workshop, { name: "مهمان", mobile: "09121112233" });
    await checkIn(a.manager, training, f1);
    await checkIn(a.manager, workshop, f2);
    const withGuest = await figures(a.manager, `/clusters/${a.cluster.id}/beneficiaries?year=1404`);
    expect(withGuest).toMatchObject({ people: 3, enterprises: 1 });
    expect(roles(withGuest)).toEqual({ designer: 1, enterprise: 1, other: 1 });

    // Undo: the designer still counts through the training, the workshop loses them.
    await undo(a.manager, workshop, r3);
    const afterUndo = await figures(a.manager, `/clusters/${a.cluster.id}/beneficiaries?year=1404`);
    expect(afterUndo.people).toBe(3);
    expect(kinds(afterUndo)).toEqual({ training: [3, 1], workshop: [1, 0] });
    await undo(a.manager, training, r1);
    const gone = await figures(a.manager, `/clusters/${a.cluster.id}/beneficiaries?year=1404`);
    expect(gone.people).toBe(2);
    expect(roles(gone)).toEqual({ enterprise: 1, other: 1 });
    expect((await figures(provinceAdmin, "/provinces/IR-19/beneficiaries?year=1404")).people).toBe(3);
    // Undoing what is not there changes nothing.
    await undo(a.manager, training, r1);
    expect((await figures(a.manager, `/activities/${training}/beneficiaries`)).people).toBe(2);
  });

  it("counts one person once however many check-ins race at once, and withdraws them once", async () => {
    const a = await clusterWith(env(), [{ name: "پرتکرار", skills: ["trainer"] }]);
    const ids: string[] = [];
    const regs: string[] = [];
    for (let i = 0; i < 6; i++) {
      const id = await create(a.manager, a.cluster.id, activity({ title: `دوره ${i + 1}` }));
      ids.push(id);
      regs.push(await registerOne(a.manager, id, { personId: a.people[0] }));
    }
    await Promise.all(ids.map((id, i) => checkIn(a.manager, id, regs[i] as string)));
    const all = await figures(a.manager, `/clusters/${a.cluster.id}/beneficiaries?year=1404`);
    expect(all).toMatchObject({ people: 1, enterprises: 1 });
    expect(roles(all)).toEqual({ trainer: 1 });
    const mark = await env()
      .database.db.selectFrom("activity_beneficiary_marks")
      .select("backing")
      .where("level", "=", "cluster")
      .where("scope_id", "=", a.cluster.id)
      .where("subject_kind", "=", "person")
      .where("activity_kind", "=", "*")
      .where("role", "=", "*")
      .executeTakeFirstOrThrow();
    expect(Number(mark.backing)).toBe(6);
    await Promise.all(ids.map((id, i) => undo(a.manager, id, regs[i] as string)));
    expect(await figures(a.manager, `/clusters/${a.cluster.id}/beneficiaries?year=1404`)).toMatchObject({
      people: 0,
      enterprises: 0,
      byRole: [],
    });
  });

  it("counts a done exhibition's exhibitors as enterprise beneficiaries, and forgets a removed activity", async () => {
    const a = await clusterWith(env(), [{ name: "کارمند" }]);
    const e2 = await makeEnterprise(env(), a.cluster, "بنگاه دوم");
    const expo = {
      kind: "exhibition",
      details: { name: "نمایشگاه پوشاک", form: "booth", enterpriseIds: [a.enterprise.id, e2.id] },
      title: "نمایشگاه",
      startDate: Y1404,
      endDate: Y1404,
      sessions: [],
    };
    const id = await create(a.manager, a.cluster.id, expo);
    expect((await figures(a.manager, `/activities/${id}/beneficiaries`)).enterprises).toBe(0);
    // A staff member of an exhibitor attends: one enterprise backed twice.
    const staff = await registerOne(a.manager, id, { personId: a.people[0] });
    await checkIn(a.manager, id, staff);
    expect((await figures(a.manager, `/activities/${id}/beneficiaries`)).enterprises).toBe(1);

    let r = await a.manager.req("PUT", `/api/v1/activities/${id}`, { ...expo, status: "done" });
    expect(r.status, r.text).toBe(200);
    const done = await figures(a.manager, `/clusters/${a.cluster.id}/beneficiaries?year=1404`);
    expect(done).toMatchObject({ people: 1, enterprises: 2 });
    expect(kinds(done)).toEqual({ exhibition: [1, 2] });

    r = await a.manager.req("PUT", `/api/v1/activities/${id}`, {
      ...expo,
      status: "done",
      details: { ...expo.details, enterpriseIds: [a.enterprise.id] },
    });
    expect(r.status, r.text).toBe(200);
    expect((await figures(a.manager, `/activities/${id}/beneficiaries`)).enterprises).toBe(1);
    // Back to planned: the exhibitor no longer counts, its attending staff's enterprise still does.
    r = await a.manager.req("PUT", `/api/v1/activities/${id}`, { ...expo, status: "planned" });
    expect(r.status, r.text).toBe(200);
    expect((await figures(a.manager, `/activities/${id}/beneficiaries`)).enterprises).toBe(1);
    r = await a.manager.req("PUT", `/api/v1/activities/${id}`, { ...expo, status: "done" });
    expect((await figures(a.manager, `/clusters/${a.cluster.id}/beneficiaries?year=1404`)).enterprises).toBe(2);

    // Undone, the staff member no longer counts; the exhibitors still do.
    await undo(a.manager, id, staff);
    expect(await figures(a.manager, `/clusters/${a.cluster.id}/beneficiaries?year=1404`)).toMatchObject({
      people: 0,
      enterprises: 2,
    });
    // Checked in again, then the activity removed: the attendee and the exhibitors leave with it.
    await checkIn(a.manager, id, staff);
    const removed = await a.manager.del(`/api/v1/activities/${id}`);
    expect(removed.status, removed.text).toBe(204);
    expect(await figures(a.manager, `/clusters/${a.cluster.id}/beneficiaries?year=1404`)).toMatchObject({
      people: 0,
      enterprises: 0,
      byKind: [],
      byRole: [],
    });
  });

  it("moves the counts and the survey with a changed programme, date or kind", async () => {
    const a = await clusterWith(env(), [{ name: "طراح", skills: ["designer"] }]);
    const programmeId = await programmeOf(env(), a.cluster);
    const id = await create(a.manager, a.cluster.id, activity({ programmeId }));
    const reg = await registerOne(a.manager, id, { personId: a.people[0] });
    await checkIn(a.manager, id, reg);
    const answered = await a.member.req("PUT", `/api/v1/registrations/${reg}/survey`, { score: 4 });
    expect(answered.status, answered.text).toBe(200);

    const byProgramme = await figures(a.manager, `/clusters/${a.cluster.id}/beneficiaries?programme=${programmeId}`);
    expect(byProgramme).toMatchObject({ people: 1, year: null, survey: { responses: 1, average: 4 } });
    expect(
      (await figures(a.manager, `/clusters/${a.cluster.id}/beneficiaries?programme=${programmeId}&year=1404`)).people,
    ).toBe(1);

    const body = await activityBody(a.manager, id);
    const r = await a.manager.req("PUT", `/api/v1/activities/${id}`, {
      ...body,
      kind: "workshop",
      details: {},
      programmeId: null,
      startDate: Y1405,
      endDate: Y1405,
    });
    expect(r.status, r.text).toBe(200);
    expect((await figures(a.manager, `/clusters/${a.cluster.id}/beneficiaries?programme=${programmeId}`)).people).toBe(
      0,
    );
    expect(await figures(a.manager, `/clusters/${a.cluster.id}/beneficiaries?year=1404`)).toMatchObject({
      people: 0,
      survey: { responses: 0, average: null },
    });
    const moved = await figures(a.manager, `/clusters/${a.cluster.id}/beneficiaries?year=1405`);
    expect(moved).toMatchObject({ people: 1, enterprises: 1, survey: { responses: 1, average: 4 } });
    expect(kinds(moved)).toEqual({ workshop: [1, 1] });
    expect(roles(moved)).toEqual({ designer: 1 });
    expect((await figures(a.manager, `/activities/${id}/beneficiaries`)).people).toBe(1);
  });

  it("keeps the survey's average, one answer per registration, only after attending", async () => {
    const a = await clusterWith(env(), [{ name: "یک" }, { name: "دو" }, { name: "سه" }]);
    const id = await create(a.manager, a.cluster.id, activity());
    const regs = [];
    for (const p of a.people) regs.push(await registerOne(a.manager, id, { personId: p }));
    const [r1, r2, r3] = regs as [string, string, string];
    await checkIn(a.manager, id, r1);

    // Not yet attended: refused, nothing written.
    expectProblem(await a.member.req("PUT", `/api/v1/registrations/${r2}/survey`, { score: 3 }), 400, "not_attended");
    expectProblem(
      await a.member.req("PUT", `/api/v1/registrations/${r1}/survey`, { score: 6 }),
      400,
      "validation_failed",
    );
    expect((await figures(a.manager, `/activities/${id}/beneficiaries`)).survey).toEqual({
      responses: 0,
      average: null,
    });

    let r = await a.member.req<{ score: number; comment: string | null }>("PUT", `/api/v1/registrations/${r1}/survey`, {
      score: 5,
      comment: "  عالی بود  ",
    });
    expect(r.status, r.text).toBe(200);
    expect(r.body).toMatchObject({ score: 5, comment: "عالی بود" });
    await checkIn(a.manager, id, r2);
    // The manager enters a paper form.
    r = await a.manager.req("PUT", `/api/v1/registrations/${r2}/survey`, { score: 2 });
    expect(r.status, r.text).toBe(200);
    expect((await figures(a.manager, `/activities/${id}/beneficiaries`)).survey).toEqual({
      responses: 2,
      average: 3.5,
    });
    // Changing an answer moves the average by the difference, not the count.
    r = await a.member.req("PUT", `/api/v1/registrations/${r1}/survey`, { score: 3, comment: null });
    expect(r.status, r.text).toBe(200);
    expect((await figures(a.manager, `/clusters/${a.cluster.id}/beneficiaries?year=1404`)).survey).toEqual({
      responses: 2,
      average: 2.5,
    });

    // The public form with the ticket's code, after attending only.
    const code = async (regId: string) =>
      (
        await env()
          .database.db.selectFrom("activity_registrations")
          .select("checkin_code")
          .where("id", "=", regId)
          .executeTakeFirstOrThrow()
      ).checkin_code;
    const anon = await fetch(`${env().baseUrl}/api/v1/public/surveys/${await code(r3)}`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ score: 4 }),
    });
    expect(anon.status).toBe(400);
    expect(((await anon.json()) as Problem).code).toBe("not_attended");
    await checkIn(a.manager, id, r3);
    const pub = await fetch(`${env().baseUrl}/api/v1/public/surveys/${await code(r3)}`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ score: 4 }),
    });
    expect(pub.status).toBe(200);
    const unknown = await fetch(`${env().baseUrl}/api/v1/public/surveys/${"x".repeat(24)}`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ score: 4 }),
    });
    expect(unknown.status).toBe(404);

    const list = await a.manager.get<{
      items: { registrationId: string; score: number }[];
      total: number;
      responses: number;
      average: number | null;
    }>(`/api/v1/activities/${id}/surveys?pageSize=2`);
    expect(list.status, list.text).toBe(200);
    expect(list.body).toMatchObject({ total: 3, responses: 3, average: 3 });
    expect(list.body.items).toHaveLength(2);
    const audits = await env()
      .database.db.selectFrom("audit_log")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("action", "=", "activities.survey.answer")
      .where("target_id", "in", [r1, r2, r3])
      .executeTakeFirstOrThrow();
    expect(Number(audits.n)).toBe(4);
  });

  it("authorises: readers of the cluster, managers for answers, province admins for the province", async () => {
    const a = await clusterWith(env(), [{ name: "یک" }], "IR-21");
    const b = await clusterWith(env(), [{ name: "دو" }], "IR-21");
    const elsewhere = await signedIn(env(), await makeUser(env(), { role: "province_admin", provinceCode: "IR-25" }));
    const national = await signedIn(env(), await makeUser(env(), { role: "national_admin" }));
    const id = await create(a.manager, a.cluster.id, activity());
    const reg = await registerOne(a.manager, id, { personId: a.people[0] });
    await checkIn(a.manager, id, reg);

    expect((await b.manager.get(`/api/v1/activities/${id}/beneficiaries`)).status).toBe(404);
    expect((await b.manager.get(`/api/v1/clusters/${a.cluster.id}/beneficiaries`)).status).toBe(404);
    expect((await a.manager.get("/api/v1/provinces/IR-21/beneficiaries")).status).toBe(404);
    expect((await elsewhere.get("/api/v1/provinces/IR-21/beneficiaries")).status).toBe(404);
    expect((await national.get("/api/v1/provinces/IR-21/beneficiaries?year=1404")).body).toMatchObject({
      people: 1,
      year: 1404,
    });
    expect((await a.member.get(`/api/v1/activities/${id}/surveys`)).status).toBe(403);
    expect((await b.manager.get(`/api/v1/activities/${id}/surveys`)).status).toBe(404);
    // Another enterprise's user may not answer for this registration.
    expect((await b.member.req("PUT", `/api/v1/registrations/${reg}/survey`, { score: 3 })).status).toBe(404);
    const council = await signedIn(
      env(),
      await makeUser(env(), { role: "council_member", clusterId: a.cluster.id, provinceCode: "IR-21" }),
    );
    expect((await council.req("PUT", `/api/v1/registrations/${reg}/survey`, { score: 3 })).status).toBe(403);
    expectProblem(
      await a.manager.get(`/api/v1/clusters/${a.cluster.id}/beneficiaries?programme=${randomUUID()}`),
      400,
      "unknown_programme",
    );
  });
});
