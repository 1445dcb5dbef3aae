/**
 * Attendance, tickets and certificates through the HTTP API on each engine:
 * check-in by the list and by the ticket's code, the search in normalised
 * Persian and by mobile digits, default and changed hours, undo; walk-ins
 * (managers only, flagged, past the capacity); the certificate rule, issuing
 * to all who met it (twice: nothing new), the PDF's text and the public check
 * of a code typed untidily, which shows nothing else.
 */
import { expect, it } from "vitest";
import { Client, signedIn } from "../support/client";
import { describeEngines, makeCluster, makeEnterprise, makeUser, type TestEnv } from "../support/harness";
import { pdfText } from "../support/pdf";

type Problem = { code: string; errors?: { path: string }[] };
type Row = {
  registrationId: string;
  name: string;
  mobile: string | null;
  enterpriseName: string | null;
  checkedIn: boolean;
  hours: number | null;
  walkIn: boolean;
  checkedInAt: string | null;
};
type List = {
  items: Row[];
  total: number;
  page: number;
  pageSize: number;
  counts: { registered: number; checkedIn: number; walkIns: number };
};
type Certs = {
  settings: unknown;
  hoursRequired: number;
  items: {
    registrationId: string;
    name: string;
    hoursAttended: number;
    eligible: boolean;
    certificate: { id: string; code: string; issuedAt: string; mailedAt: string | null } | null;
  }[];
  total: number;
};

function expectProblem(r: { status: number; body: unknown }, status: number, code: string) {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect((r.body as Problem).code).toBe(code);
}

const training = (over: Record<string, unknown> = {}) => ({
  kind: "training",
  details: { hours: 12, mode: "in_person" },
  title: "دوره الگوسازی لباس",
  place: "مرکز طراحی هیدج",
  startDate: "2030-09-28",
  endDate: "2030-09-30",
  capacity: 10,
  sessions: [],
  ...over,
});

const auditCount = async (env: TestEnv, action: string) =>
  Number(
    (
      await env.database.db
        .selectFrom("audit_log")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("action", "=", action)
        .executeTakeFirstOrThrow()
    ).n,
  );

const NAMES = ["زهرا کریمی", "علی رضایی", "مریم یزدانی"];

async function setup(env: TestEnv) {
  const cluster = await makeCluster(env, { provinceCode: "IR-19", state: "implementation" });
  const manager = await signedIn(
    env,
    await makeUser(env, { role: "cluster_manager", clusterId: cluster.id, provinceCode: "IR-19" }),
  );
  const enterprise = await makeEnterprise(env, cluster, "پوشاک زنجان");
  const member = await signedIn(
    env,
    await makeUser(env, { role: "member", clusterId: cluster.id, provinceCode: "IR-19", enterpriseId: enterprise.id }),
  );
  const people: string[] = [];
  for (const [i, name] of NAMES.entries()) {
    const p = await manager.post<{ id: string }>("/api/v1/people", {
      name,
      enterpriseId: enterprise.id,
      ...(i === 0 ? { email: "zahra@example.ir" } : {}),
    });
    expect(p.status, p.text).toBe(201);
    people.push(p.body.id);
  }
  return { cluster, manager, member, enterprise, people };
}

async function create(c: Client, clusterId: string, body: unknown) {
  const r = await c.post<{ id: string; sessions: { id: string }[] }>(`/api/v1/clusters/${clusterId}/activities`, body);
  expect(r.status, r.text).toBe(201);
  return r.body;
}

async function registerAll(c: Client, activityId: string, people: string[]) {
  const r = await c.post<{ items: { id: string }[] }>(`/api/v1/activities/${activityId}/registrations`, {
    people: people.map((personId) => ({ personId })),
  });
  expect(r.status, r.text).toBe(201);
  return r.body.items.map((i) => i.id);
}

async function download(env: TestEnv, c: Client, path: string) {
  const r = await fetch(`${env.baseUrl}${path}`, { headers: { cookie: c.cookie ?? "" } });
  return { status: r.status, headers: r.headers, body: Buffer.from(await r.arrayBuffer()) };
}

describeEngines("activities: check-in, walk-ins, tickets and certificates", (env) => {
  it("checks in from the list and by the ticket's code, searches in normalised Persian, changes hours and undoes", async () => {
    const { cluster, manager, member, people } = await setup(env());
    const act = await create(
      manager,
      cluster.id,
      training({
        sessions: [{ startsOn: "2030-09-28", startTime: "09:00", endTime: "13:00" }, { startsOn: "2030-09-29" }],
      }),
    );
    const [s1, s2] = act.sessions.map((s) => s.id) as [string, string];
    const [zahra, ali, maryam] = (await registerAll(manager, act.id, people)) as [string, string, string];
    const base = `/api/v1/activities/${act.id}`;

    // The member's user sees their staff's ticket: the private code and its QR.
    const ticket = await member.get<{ code: string; qrSvg: string; name: string; status: string }>(
      `/api/v1/registrations/${ali}/ticket`,
    );
    expect(ticket.status, ticket.text).toBe(200);
    expect(ticket.body.code).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(ticket.body.qrSvg).toContain("<svg");
    expect(ticket.body).toMatchObject({ name: "علی رضایی", status: "accepted" });

    // An activity with sessions: the list and the check-ins name one of them.
    expectProblem(await manager.get(`${base}/check-in`), 400, "unknown_session");
    const list0 = await manager.get<List>(`${base}/check-in?session=${s1}`);
    expect(list0.status, list0.text).toBe(200);
    expect(list0.body).toMatchObject({ total: 3, page: 1, counts: { registered: 3, checkedIn: 0, walkIns: 0 } });
    expect(list0.body.items.map((r) => r.checkedIn)).toEqual([false, false, false]);
    expect(list0.body.items[0]).toMatchObject({ name: "زهرا کریمی", enterpriseName: "پوشاک زنجان" });

    // By id: the session's length from its times. Twice: 200 with the same row, written once.
    const byId = await manager.post<Row>(`${base}/check-ins`, { registrationId: zahra, sessionId: s1 });
    expect(byId.status, byId.text).toBe(201);
    expect(byId.body).toMatchObject({ registrationId: zahra, checkedIn: true, hours: 4, walkIn: false });
    const again = await manager.post<Row>(`${base}/check-ins`, { registrationId: zahra, sessionId: s1 });
    expect(again.status).toBe(200);
    expect(again.body.checkedInAt).toBe(byId.body.checkedInAt);

    // By the scanned code, in the session without times: the training's hours shared by its sessions.
    const byCode = await manager.post<Row>(`${base}/check-ins`, { code: ticket.body.code, sessionId: s2, hours: null });
    expect(byCode.status, byCode.text).toBe(201);
    expect(byCode.body).toMatchObject({ registrationId: ali, hours: 6 });
    const given = await manager.post<Row>(`${base}/check-ins`, { registrationId: maryam, sessionId: s1, hours: 2.5 });
    expect(given.body.hours).toBe(2.5);

    // Search: Arabic yeh and kaf typed, Persian stored; a part of the name with a space left out.
    const search = await manager.get<List>(`${base}/check-in?session=${s1}&q=${encodeURIComponent("كريمي")}`);
    expect(search.body.items.map((r) => r.registrationId)).toEqual([zahra]);
    expect(search.body.total).toBe(1);
    expect(search.body.counts).toEqual({ registered: 3, checkedIn: 2, walkIns: 0 });
    const joined = await manager.get<List>(`${base}/check-in?session=${s1}&q=${encodeURIComponent("علیرضا")}`);
    expect(joined.body.items.map((r) => r.name)).toEqual(["علی رضایی"]);
    const paged = await manager.get<List>(`${base}/check-in?session=${s1}&pageSize=2&page=2`);
    expect(paged.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(paged.body.items.map((r) => r.registrationId)).toEqual([maryam]);

    // Hours changed; a check-in that is not there cannot be.
    const changed = await manager.patch<Row>(`${base}/check-ins/${zahra}`, { sessionId: s1, hours: 3.5 });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.body.hours).toBe(3.5);
    expectProblem(
      await manager.patch(`${base}/check-ins/${zahra}`, { sessionId: s2, hours: 1 }),
      400,
      "not_checked_in",
    );

    // Not registered: an unknown code, a cancelled registration, a session of another activity.
    expectProblem(
      await manager.post(`${base}/check-ins`, { code: "A".repeat(24), sessionId: s1 }),
      400,
      "not_registered",
    );
    const other = await create(manager, cluster.id, training({ sessions: [{ startsOn: "2030-09-28" }] }));
    expectProblem(
      await manager.post(`${base}/check-ins`, { registrationId: ali, sessionId: other.sessions[0]!.id }),
      400,
      "unknown_session",
    );
    expectProblem(
      await manager.post(`/api/v1/activities/${other.id}/check-ins`, {
        registrationId: ali,
        sessionId: other.sessions[0]!.id,
      }),
      400,
      "not_registered",
    );
    expect((await manager.post(`/api/v1/registrations/${maryam}/cancel`, {})).status).toBe(200);
    expectProblem(
      await manager.post(`${base}/check-ins`, { registrationId: maryam, sessionId: s2 }),
      400,
      "not_registered",
    );
    // Exactly one of the id and the code.
    expect((await manager.post(`${base}/check-ins`, { sessionId: s1 })).status).toBe(400);

    // Undo: the row goes, the registration stays; undoing nothing changes nothing.
    expect((await manager.del(`${base}/check-ins/${zahra}?session=${s1}`)).status).toBe(204);
    expect((await manager.del(`${base}/check-ins/${zahra}?session=${s1}`)).status).toBe(204);
    const after = await manager.get<List>(`${base}/check-in?session=${s1}`);
    expect(after.body.items.find((r) => r.registrationId === zahra)).toMatchObject({ checkedIn: false, hours: null });
    // Maryam's check-in of the first session stays, though she cancelled since.
    expect(after.body.counts).toEqual({ registered: 2, checkedIn: 1, walkIns: 0 });

    // Only the office checks in.
    expect((await member.get(`${base}/check-in?session=${s1}`)).status).toBe(403);
    expect((await member.post(`${base}/check-ins`, { registrationId: ali, sessionId: s1 })).status).toBe(403);

    expect(await auditCount(env(), "activities.attendance.check_in")).toBe(3);
    expect(await auditCount(env(), "activities.attendance.update")).toBe(1);
    expect(await auditCount(env(), "activities.attendance.undo")).toBe(1);
  });

  it("adds walk-ins at the door: managers only, flagged, past the capacity, searchable by mobile", async () => {
    const { cluster, manager, member, enterprise, people } = await setup(env());
    const act = await create(manager, cluster.id, training({ capacity: 1, details: { hours: 6, mode: "virtual" } }));
    const base = `/api/v1/activities/${act.id}`;
    await registerAll(manager, act.id, [people[0]!]);

    // A member's user may not; a manager of another cluster does not see the activity.
    expect((await member.post(`${base}/walk-ins`, { name: "مهمان", mobile: "09123456789" })).status).toBe(403);
    const foreignCluster = await makeCluster(env(), { provinceCode: "IR-19" });
    const foreign = await signedIn(
      env(),
      await makeUser(env(), { role: "cluster_manager", clusterId: foreignCluster.id, provinceCode: "IR-19" }),
    );
    expect((await foreign.post(`${base}/walk-ins`, { name: "مهمان", mobile: "09123456789" })).status).toBe(404);

    const free = await manager.post<Row>(`${base}/walk-ins`, {
      name: "سارا مهمان",
      mobile: "09123456789",
      enterpriseId: enterprise.id,
    });
    expect(free.status, free.text).toBe(201);
    expect(free.body).toMatchObject({ walkIn: true, checkedIn: true, hours: 6, enterpriseName: "پوشاک زنجان" });
    const person = await manager.post<Row>(`${base}/walk-ins`, { personId: people[1], hours: 2 });
    expect(person.status, person.text).toBe(201);
    expect(person.body).toMatchObject({ walkIn: true, name: "علی رضایی", hours: 2 });

    // The same people again: registered already. An unknown enterprise or person: refused.
    expectProblem(
      await manager.post(`${base}/walk-ins`, { name: "سارا", mobile: "09123456789" }),
      409,
      "already_registered",
    );
    expectProblem(await manager.post(`${base}/walk-ins`, { personId: people[0] }), 409, "already_registered");
    expectProblem(
      await manager.post(`${base}/walk-ins`, {
        name: "کسی",
        mobile: "09120000001",
        enterpriseId: "00000000-0000-4000-8000-000000000000",
      }),
      400,
      "unknown_enterprise",
    );
    expectProblem(
      await manager.post(`${base}/walk-ins`, { personId: "00000000-0000-4000-8000-000000000000" }),
      400,
      "unknown_person",
    );
    expect((await manager.post(`${base}/walk-ins`, { name: "بی‌شماره" })).status).toBe(400);

    // Walk-ins are accepted registrations like the others, past the capacity of one.
    const regs = await manager.get<{ items: { id: string; status: string }[]; total: number }>(
      `${base}/registrations?status=accepted`,
    );
    expect(regs.body.total).toBe(3);
    expect((await manager.get<{ seatsTaken: number }>(base)).body.seatsTaken).toBe(3);

    const list = await manager.get<List>(`${base}/check-in`);
    expect(list.body.counts).toEqual({ registered: 3, checkedIn: 2, walkIns: 2 });
    // The mobile by its digits, typed in Persian.
    const byMobile = await manager.get<List>(`${base}/check-in?q=${encodeURIComponent("۳۴۵۶۷")}`);
    expect(byMobile.body.items.map((r) => r.name)).toEqual(["سارا مهمان"]);

    expect(await auditCount(env(), "activities.attendance.walk_in")).toBe(2);
  });

  it("issues certificates to those who met the rule, prints them and lets anyone verify a code", async () => {
    const { cluster, manager, member, people } = await setup(env());
    const act = await create(
      manager,
      cluster.id,
      training({ details: { hours: 10, mode: "in_person" }, title: "دوره روندهای مد" }),
    );
    const base = `/api/v1/activities/${act.id}`;
    const [zahra, ali] = (await registerAll(manager, act.id, people)) as [string, string, string];
    expect((await manager.post(`${base}/check-ins`, { registrationId: zahra, hours: 9 })).status).toBe(201);
    expect((await manager.post(`${base}/check-ins`, { registrationId: ali, hours: 5 })).status).toBe(201);

    // Before the rule: nobody eligible, nothing issued.
    const before = await manager.get<Certs>(`${base}/certificates`);
    expect(before.status, before.text).toBe(200);
    expect(before.body).toMatchObject({ settings: null, hoursRequired: 10, total: 3 });
    expect(before.body.items.every((i) => !i.eligible && i.certificate === null)).toBe(true);
    expectProblem(
      await manager.post(`${base}/certificates`, { allEligible: true }),
      400,
      "certificate_settings_required",
    );

    // The rule: checked, trainings only, managers only.
    const settings = {
      minAttendancePercent: 80,
      signatories: [
        { name: "مریم احمدی", title: "مدیر خوشه" },
        { name: "حسین نوری", title: "مدرس دوره" },
      ],
    };
    const put = (c: Client, path: string, body: unknown) => c.req("PUT", path, body);
    expect((await put(manager, `${base}/certificate-settings`, { ...settings, minAttendancePercent: 0 })).status).toBe(
      400,
    );
    expect((await put(manager, `${base}/certificate-settings`, { ...settings, signatories: [] })).status).toBe(400);
    const tour = await create(manager, cluster.id, {
      ...training(),
      kind: "tour",
      details: { scope: "domestic", destinations: ["قم"] },
    });
    expectProblem(
      await put(manager, `/api/v1/activities/${tour.id}/certificate-settings`, settings),
      400,
      "not_training",
    );
    expectProblem(
      await manager.post(`/api/v1/activities/${tour.id}/certificates`, { allEligible: true }),
      400,
      "not_training",
    );
    expect((await put(member, `${base}/certificate-settings`, settings)).status).toBe(403);
    const saved = await put(manager, `${base}/certificate-settings`, settings);
    expect(saved.status, saved.text).toBe(200);
    expect((await manager.get(`${base}/certificate-settings`)).body).toEqual(settings);

    const ruled = await manager.get<Certs>(`${base}/certificates`);
    expect(ruled.body.hoursRequired).toBe(8);
    expect(ruled.body.items.map((i) => [i.name, i.hoursAttended, i.eligible])).toEqual([
      ["زهرا کریمی", 9, true],
      ["علی رضایی", 5, false],
      ["مریم یزدانی", 0, false],
    ]);

    // Below the rule: refused, nothing issued.
    const refused = await manager.post<Problem>(`${base}/certificates`, { registrationIds: [zahra, ali] });
    expectProblem(refused, 400, "attendance_rule_not_met");
    expect(refused.body.errors?.[0]?.path).toBe("body.registrationIds.1");
    expect(await auditCount(env(), "activities.certificate.issue")).toBe(0);

    // All who met it, mailed; a second time issues nothing new.
    const issued = await manager.post<{ issued: { id: string; registrationId: string; code: string }[] }>(
      `${base}/certificates`,
      { allEligible: true, mail: true },
    );
    expect(issued.status, issued.text).toBe(200);
    expect(issued.body.issued.map((c) => c.registrationId)).toEqual([zahra]);
    const cert = issued.body.issued[0]!;
    expect(cert.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    const again = await manager.post<{ issued: unknown[] }>(`${base}/certificates`, { allEligible: true, mail: true });
    expect(again.body.issued).toEqual([]);
    const kept = await manager.post<{ issued: unknown[] }>(`${base}/certificates`, { registrationIds: [zahra] });
    expect(kept.body.issued).toEqual([]);
    expect(await auditCount(env(), "activities.certificate.issue")).toBe(1);

    // Mailed once, to her own address, with the code and the verify link.
    // (Her registration's confirmation went to the same address: the certificate's mail is the one with its code.)
    const mails = (
      await env()
        .database.db.selectFrom("outbox")
        .select(["to_address", "subject", "body"])
        .where("to_address", "=", "zahra@example.ir")
        .execute()
    ).filter((m) => m.body.includes(cert.code));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain("دوره روندهای مد");
    expect(mails[0]!.body).toContain(cert.code);
    expect(mails[0]!.body).toContain(`/verify#${cert.code}`);
    const listed = await manager.get<Certs>(`${base}/certificates`);
    expect(listed.body.items[0]!.certificate).toMatchObject({ id: cert.id, code: cert.code });
    expect(listed.body.items[0]!.certificate?.mailedAt).not.toBeNull();

    // The PDF: a one-page PDF with her name and the code; for the manager and her enterprise's user.
    const pdf = await download(env(), manager, `/api/v1/certificates/${cert.id}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.body.subarray(0, 5).toString()).toBe("%PDF-");
    const text = pdfText(pdf.body);
    expect(text).toContain("زهرا کریمی");
    expect(text).toContain(cert.code);
    expect(text).toContain("مدیر خوشه");
    expect((await download(env(), member, `/api/v1/certificates/${cert.id}/pdf`)).status).toBe(200);

    // The public check: the code typed untidily (lower case, spaces, Persian digits, no dash).
    const anon = new Client(env());
    const toFa = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(0x06f0 + Number(d)));
    const messy = ` ${toFa(cert.code.slice(0, 5).toLowerCase())} ${toFa(cert.code.slice(6).toLowerCase())} `;
    const verified = await anon.get(`/api/v1/public/certificates/${encodeURIComponent(messy)}`);
    expect(verified.status, verified.text).toBe(200);
    expect(verified.body).toEqual({
      holder: "زهرا کریمی",
      activityTitle: "دوره روندهای مد",
      clusterName: cluster.nameFa,
      hours: 9,
      issuedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    expectProblem(await anon.get("/api/v1/public/certificates/ZZZZZ-ZZZZZ"), 404, "certificate_not_found");
    expectProblem(await anon.get("/api/v1/public/certificates/not-a-code"), 404, "certificate_not_found");
  });

  it("five scans of the same ticket at once write one check-in, and two issuing at once one certificate", async () => {
    const { cluster, manager, people } = await setup(env());
    const act = await create(manager, cluster.id, training({ details: { hours: 4, mode: "in_person" } }));
    const base = `/api/v1/activities/${act.id}`;
    const [zahra] = (await registerAll(manager, act.id, [people[0]!])) as [string];
    const code = (await manager.get<{ code: string }>(`/api/v1/registrations/${zahra}/ticket`)).body.code;
    const scans = await Promise.all(Array.from({ length: 5 }, () => manager.post<Row>(`${base}/check-ins`, { code })));
    expect(scans.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(scans.map((r) => r.body.checkedInAt)).size).toBe(1);
    const rows = await env()
      .database.db.selectFrom("activity_attendances")
      .select("id")
      .where("registration_id", "=", zahra)
      .execute();
    expect(rows).toHaveLength(1);
    const audited = await env()
      .database.db.selectFrom("audit_log")
      .select("id")
      .where("action", "=", "activities.attendance.check_in")
      .where("target_id", "=", zahra)
      .execute();
    expect(audited).toHaveLength(1);

    await manager.req("PUT", `${base}/certificate-settings`, {
      minAttendancePercent: 100,
      signatories: [{ name: "مریم احمدی", title: "مدیر خوشه" }],
    });
    const issuing = await Promise.all(
      [0, 1].map(() => manager.post<{ issued: unknown[] }>(`${base}/certificates`, { allEligible: true })),
    );
    expect(issuing.map((r) => r.status)).toEqual([200, 200]);
    expect(issuing.flatMap((r) => r.body.issued)).toHaveLength(1);

    // Removing the activity takes its check-ins, certificates and rule with it.
    expect((await manager.del(base)).status).toBe(204);
    for (const table of ["activity_attendances", "activity_certificates", "activity_certificate_settings"] as const) {
      const left = await env()
        .database.db.selectFrom(table)
        .select("activity_id")
        .where("activity_id", "=", act.id)
        .execute();
      expect(left).toHaveLength(0);
    }
  });
});
