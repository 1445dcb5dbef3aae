import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { expireEndedSeats } from "../../src/server/modules/governance/service";
import { Client, signedIn } from "../support/client";
import { describeEngines, makeCluster, makeUser, type TestEnv } from "../support/harness";

type Problem = { code: string; status: number };
type Member = {
  id: string;
  body: string;
  provinceCode: string;
  clusterId: string | null;
  personName: string;
  organisation: string | null;
  role: string;
  fromDate: string;
  toDate: string | null;
  userId: string | null;
  userName: string | null;
  grantId: string | null;
  active: boolean;
};
type Members = { items: Member[]; total: number };
type AuditEntry = { action: string; targetId: string | null; summary: string };

const iranDay = (offsetDays = 0) =>
  new Date(Date.now() + 3.5 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

function expectProblem(r: { status: number; headers: Headers; body: unknown }, status: number, code: string) {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect(r.headers.get("content-type")).toContain("application/problem+json");
  expect((r.body as Problem).code).toBe(code);
}

async function seats(env: TestEnv, where: { provinceCode?: string; clusterId?: string }) {
  let q = env.database.db.selectFrom("governance_members").selectAll();
  if (where.provinceCode) q = q.where("province_code", "=", where.provinceCode).where("cluster_id", "is", null);
  if (where.clusterId) q = q.where("cluster_id", "=", where.clusterId);
  return q.orderBy("id").execute();
}

async function grantsOfUser(env: TestEnv, userId: string) {
  const rows = await env.database.db
    .selectFrom("role_grants")
    .select(["id", "role", "cluster_id"])
    .where("user_id", "=", userId)
    .execute();
  return rows.map((r) => `${r.role}:${r.cluster_id}`).sort();
}

describeEngines("governance: provincial committees and steering councils", (env) => {
  it("records a province's committee with terms, roles and linked users", async () => {
    const adminUser = await makeUser(env(), { role: "province_admin", provinceCode: "IR-19" });
    const admin = await signedIn(env(), adminUser);
    const path = "/api/v1/provinces/IR-19/committee";

    const chair = await admin.post<Member>(path, {
      personName: " استاندار زنجان ",
      organisation: "استانداری",
      role: "chair",
      fromDate: "2023-01-01",
    });
    expect(chair.status).toBe(201);
    expect(chair.body).toMatchObject({
      body: "provincial_committee",
      provinceCode: "IR-19",
      clusterId: null,
      personName: "استاندار زنجان",
      organisation: "استانداری",
      role: "chair",
      fromDate: "2023-01-01",
      toDate: null,
      userId: null,
      userName: null,
      grantId: null,
      active: true,
    });
    const past = await admin.post<Member>(path, {
      personName: "دبیر پیشین",
      role: "secretary",
      fromDate: "2020-01-01",
      toDate: "2022-12-31",
    });
    expect(past.body.active).toBe(false);
    // A term ending today is still current.
    const endsToday = await admin.post<Member>(path, {
      personName: "نماینده اتحادیه",
      role: "union_representative",
      fromDate: "2021-01-01",
      toDate: iranDay(0),
    });
    expect(endsToday.body.active).toBe(true);

    // A committee seat may name a user; the committee carries no role.
    const staff = await makeUser(env(), undefined, { homeProvinceCode: "IR-19", name: "کارشناس صمت" });
    const linked = await admin.post<Member>(path, {
      personName: "کارشناس صمت",
      role: "government_representative",
      fromDate: "2023-01-01",
      userId: staff.id,
    });
    expect(linked.status).toBe(201);
    expect(linked.body).toMatchObject({ userId: staff.id, userName: "کارشناس صمت", grantId: null });
    expect(await grantsOfUser(env(), staff.id)).toEqual([]);

    const list = await admin.get<Members>(path);
    expect(list.body.total).toBe(4);
    // Current seats first, chair first; ended terms last.
    expect(list.body.items.map((m) => m.personName)).toEqual([
      "استاندار زنجان",
      "نماینده اتحادیه",
      "کارشناس صمت",
      "دبیر پیشین",
    ]);
    expect((await admin.get<Members>(`${path}?active=true`)).body.total).toBe(3);
    expect((await admin.get<Members>(`${path}?active=false`)).body.items.map((m) => m.id)).toEqual([past.body.id]);

    // End before start; bad input of every kind: 400, nothing written.
    const before = await seats(env(), { provinceCode: "IR-19" });
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ personName: "الف", role: "expert", fromDate: "2023-05-01", toDate: "2023-04-30" }, "end_before_start"],
      [{ personName: "الف", role: "king", fromDate: "2023-05-01" }, "validation_failed"],
      [{ personName: "الف", role: "expert", fromDate: "2023-05-01", seat: 3 }, "validation_failed"],
      [{ personName: "الف".repeat(201), role: "expert", fromDate: "2023-05-01" }, "validation_failed"],
      [{ personName: "  ", role: "expert", fromDate: "2023-05-01" }, "validation_failed"],
      [
        { personName: "الف", organisation: "x".repeat(201), role: "expert", fromDate: "2023-05-01" },
        "validation_failed",
      ],
      [{ personName: "الف", role: "expert", fromDate: "1402/01/01" }, "validation_failed"],
      [{ personName: "الف", role: "expert" }, "validation_failed"],
      [{ personName: 12, role: "expert", fromDate: "2023-05-01" }, "validation_failed"],
      [{ personName: "الف", role: "expert", fromDate: "2023-05-01", userId: "nobody" }, "validation_failed"],
      [{ personName: "الف", role: "expert", fromDate: "2023-05-01", userId: randomUUID() }, "unknown_user"],
    ];
    for (const [body, code] of bad) expectProblem(await admin.post(path, body), 400, code);
    // Inactive users and users outside the admin's province are not linkable (and not revealed).
    const inactive = await makeUser(env(), undefined, { homeProvinceCode: "IR-19", active: false });
    const qomUser = await makeUser(env(), undefined, { homeProvinceCode: "IR-25" });
    for (const userId of [inactive.id, qomUser.id]) {
      expectProblem(
        await admin.post(path, { personName: "الف", role: "expert", fromDate: "2023-05-01", userId }),
        400,
        "unknown_user",
      );
    }
    expect(await seats(env(), { provinceCode: "IR-19" })).toEqual(before);

    // Change and remove.
    const changed = await admin.patch<Member>(`${path}/${chair.body.id}`, {
      role: "secretary",
      organisation: null,
      toDate: "2030-03-20",
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ role: "secretary", organisation: null, toDate: "2030-03-20", active: true });
    expectProblem(await admin.patch(`${path}/${chair.body.id}`, { fromDate: "2031-01-01" }), 400, "end_before_start");
    expectProblem(
      await admin.patch(`${path}/${chair.body.id}`, { body: "steering_council" }),
      400,
      "validation_failed",
    );
    expectProblem(await admin.patch(`${path}/${randomUUID()}`, { role: "expert" }), 404, "not_found");
    expect((await admin.del(`${path}/${past.body.id}`)).status).toBe(204);
    expect((await admin.get<Members>(path)).body.total).toBe(3);

    // Every write is audited, with the province attached.
    const audit = await admin.get<{ items: AuditEntry[] }>(`/api/v1/audit?userId=${adminUser.id}&limit=200`);
    const actions = audit.body.items.map((e) => e.action);
    expect(actions.filter((a) => a === "governance.member.add")).toHaveLength(4);
    expect(actions).toContain("governance.member.update");
    expect(actions).toContain("governance.member.remove");
    const update = audit.body.items.find((e) => e.action === "governance.member.update")!;
    expect(JSON.parse(update.summary)).toMatchObject({
      changes: {
        role: { before: "chair", after: "secretary" },
        organisation: { before: "استانداری", after: null },
        toDate: { before: null, after: "2030-03-20" },
      },
    });

    const spec = await admin.get<{ paths: Record<string, unknown> }>("/api/openapi.json");
    expect(Object.keys(spec.body.paths)).toEqual(
      expect.arrayContaining([
        "/api/v1/provinces/{code}/committee",
        "/api/v1/provinces/{code}/committee/{memberId}",
        "/api/v1/clusters/{id}/council",
        "/api/v1/clusters/{id}/council/{memberId}",
      ]),
    );
  });

  it("gives a council seat's user council_member on that cluster, and takes back only that grant", async () => {
    const adminUser = await makeUser(env(), { role: "province_admin", provinceCode: "IR-19" });
    const admin = await signedIn(env(), adminUser);
    const shoes = await makeCluster(env(), { provinceCode: "IR-19", nameFa: "کفش هیدج" });
    const knives = await makeCluster(env(), { provinceCode: "IR-19", nameFa: "چاقوسازی زنجان" });
    const path = `/api/v1/clusters/${shoes.id}/council`;
    // The person already sits on the knives council through a direct grant.
    const person = await makeUser(
      env(),
      { role: "council_member", clusterId: knives.id, provinceCode: "IR-19" },
      { name: "نماینده بنگاه‌ها" },
    );
    const seated = await signedIn(env(), person);
    expect((await seated.get(`/api/v1/clusters/${shoes.id}`)).status).toBe(404);
    expect((await seated.get(path)).status).toBe(404);

    const seat = await admin.post<Member>(path, {
      personName: "نماینده بنگاه‌ها",
      organisation: "انجمن کفاشان",
      role: "enterprise_representative",
      fromDate: "2023-06-01",
      userId: person.id,
    });
    expect(seat.status).toBe(201);
    expect(seat.body).toMatchObject({
      body: "steering_council",
      clusterId: shoes.id,
      provinceCode: "IR-19",
      userId: person.id,
      userName: "نماینده بنگاه‌ها",
      active: true,
    });
    expect(seat.body.grantId).toBeTruthy();
    expect(await grantsOfUser(env(), person.id)).toEqual(
      [`council_member:${knives.id}`, `council_member:${shoes.id}`].sort(),
    );
    // The user can now see the cluster and its council.
    expect((await seated.get(`/api/v1/clusters/${shoes.id}`)).status).toBe(200);
    const seen = await seated.get<Members>(path);
    expect(seen.status).toBe(200);
    expect(seen.body.items.map((m) => m.id)).toEqual([seat.body.id]);
    // …but cannot change it.
    expectProblem(
      await seated.post(path, { personName: "الف", role: "member", fromDate: "2023-01-01" }),
      403,
      "forbidden",
    );

    // A second current seat for the same user on the same council would duplicate the grant.
    const dup = await admin.post<Problem>(path, {
      personName: "نماینده بنگاه‌ها",
      role: "member",
      fromDate: "2023-06-01",
      userId: person.id,
    });
    expectProblem(dup, 409, "grant_exists");
    expect((await seats(env(), { clusterId: shoes.id })).length).toBe(1);

    // Ending the term (a past end date) revokes that seat's grant, and only it.
    const ended = await admin.patch<Member>(`${path}/${seat.body.id}`, { toDate: iranDay(-1) });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ active: false, grantId: null, userId: person.id });
    expect(await grantsOfUser(env(), person.id)).toEqual([`council_member:${knives.id}`]);
    expect((await seated.get(`/api/v1/clusters/${shoes.id}`)).status).toBe(404);
    expect((await seated.get(`/api/v1/clusters/${knives.id}`)).status).toBe(200);

    // Re-opening the term grants again; removing the seat revokes again.
    const reopened = await admin.patch<Member>(`${path}/${seat.body.id}`, { toDate: null });
    expect(reopened.body.active).toBe(true);
    expect(reopened.body.grantId).toBeTruthy();
    expect((await seated.get(`/api/v1/clusters/${shoes.id}`)).status).toBe(200);
    // Changing other fields leaves the grant alone.
    const renamed = await admin.patch<Member>(`${path}/${seat.body.id}`, { role: "chair" });
    expect(renamed.body.grantId).toBe(reopened.body.grantId);
    expect((await admin.del(`${path}/${seat.body.id}`)).status).toBe(204);
    expect(await grantsOfUser(env(), person.id)).toEqual([`council_member:${knives.id}`]);
    expect((await seated.get(`/api/v1/clusters/${shoes.id}`)).status).toBe(404);

    // A seat recorded with a past term gives no role; unlinking a user takes the role back.
    const historic = await admin.post<Member>(path, {
      personName: "عضو پیشین",
      role: "expert",
      fromDate: "2019-01-01",
      toDate: "2020-01-01",
      userId: person.id,
    });
    expect(historic.body).toMatchObject({ active: false, grantId: null });
    expect(await grantsOfUser(env(), person.id)).toEqual([`council_member:${knives.id}`]);
    const other = await makeUser(env(), undefined, { homeProvinceCode: "IR-19" });
    const otherSeat = await admin.post<Member>(path, {
      personName: "کارشناس",
      role: "expert",
      fromDate: "2023-01-01",
      userId: other.id,
    });
    expect(await grantsOfUser(env(), other.id)).toEqual([`council_member:${shoes.id}`]);
    const swapped = await admin.patch<Member>(`${path}/${otherSeat.body.id}`, { userId: person.id });
    expect(swapped.body.userId).toBe(person.id);
    expect(await grantsOfUser(env(), other.id)).toEqual([]);
    expect(await grantsOfUser(env(), person.id)).toEqual(
      [`council_member:${knives.id}`, `council_member:${shoes.id}`].sort(),
    );
    // A change that fails half-way (the new user already holds the role) is rolled back whole.
    const third = await makeUser(env(), { role: "council_member", clusterId: shoes.id, provinceCode: "IR-19" });
    expectProblem(await admin.patch(`${path}/${otherSeat.body.id}`, { userId: third.id }), 409, "grant_exists");
    expect(await grantsOfUser(env(), person.id)).toEqual(
      [`council_member:${knives.id}`, `council_member:${shoes.id}`].sort(),
    );
    expect((await admin.get<Members>(path)).body.items.find((m) => m.id === otherSeat.body.id)?.userId).toBe(person.id);
    const unlinked = await admin.patch<Member>(`${path}/${otherSeat.body.id}`, { userId: null });
    expect(unlinked.body).toMatchObject({ userId: null, grantId: null, active: true });
    expect(await grantsOfUser(env(), person.id)).toEqual([`council_member:${knives.id}`]);

    // The grants and their revocations are in the audit log and the user's notifications.
    const nat = await signedIn(env(), await makeUser(env(), { role: "national_admin" }));
    const audit = await nat.get<{ items: AuditEntry[] }>(`/api/v1/audit?userId=${adminUser.id}&limit=200`);
    const forPerson = audit.body.items.filter((e) => e.targetId === person.id).map((e) => e.action);
    expect(forPerson.filter((a) => a === "grant.add")).toHaveLength(3);
    expect(forPerson.filter((a) => a === "grant.revoke")).toHaveLength(3);
    const seatActions = audit.body.items.filter((e) => e.targetId === seat.body.id).map((e) => e.action);
    expect(seatActions.sort()).toEqual([
      "governance.member.add",
      "governance.member.remove",
      "governance.member.update",
      "governance.member.update",
      "governance.member.update",
    ]);
    const kinds = await env()
      .database.db.selectFrom("notifications")
      .select("kind")
      .where("user_id", "=", person.id)
      .execute();
    expect(kinds.filter((k) => k.kind === "grant_added")).toHaveLength(3);
    expect(kinds.filter((k) => k.kind === "grant_revoked")).toHaveLength(3);
  });

  it("keeps committees and councils inside their scope: 404 out of scope, 403 for readers", async () => {
    const zanjanAdmin = await signedIn(env(), await makeUser(env(), { role: "province_admin", provinceCode: "IR-19" }));
    const zinc = await makeCluster(env(), { provinceCode: "IR-19", nameFa: "روی زنجان" });
    const carpet = await makeCluster(env(), { provinceCode: "IR-19", nameFa: "فرش زنجان" });
    const committee = "/api/v1/provinces/IR-19/committee";
    const council = `/api/v1/clusters/${zinc.id}/council`;
    const cm = await zanjanAdmin.post<Member>(committee, { personName: "رئیس", role: "chair", fromDate: "2022-01-01" });
    const km = await zanjanAdmin.post<Member>(council, {
      personName: "دبیر",
      role: "secretary",
      fromDate: "2022-01-01",
    });
    expect(cm.status).toBe(201);
    expect(km.status).toBe(201);
    const before = [
      ...(await seats(env(), { provinceCode: "IR-19" })),
      ...(await seats(env(), { clusterId: zinc.id })),
    ];

    const qomAdminUser = await makeUser(env(), { role: "province_admin", provinceCode: "IR-25" });
    const qom = await signedIn(env(), qomAdminUser);
    const newSeat = { personName: "نفوذی", role: "member", fromDate: "2022-01-01" };
    // A Qom province admin: nothing of Zanjan is visible or writable.
    for (const [method, path, body] of [
      ["GET", committee],
      ["POST", committee, newSeat],
      ["PATCH", `${committee}/${cm.body.id}`, { role: "member" }],
      ["DELETE", `${committee}/${cm.body.id}`],
      ["GET", council],
      ["POST", council, newSeat],
      ["PATCH", `${council}/${km.body.id}`, { role: "member" }],
      ["DELETE", `${council}/${km.body.id}`],
    ] as Array<[string, string, unknown?]>) {
      const r = await qom.req<Problem>(method, path, body);
      expect(r.status, `${method} ${path}`).toBe(404);
      expect(r.text).not.toContain("دبیر");
    }

    // A cluster manager reads their own council, not its province's committee nor other councils, and writes none.
    const manager = await signedIn(env(), await makeUser(env(), { role: "cluster_manager", clusterId: zinc.id }));
    const read = await manager.get<Members>(council);
    expect(read.status).toBe(200);
    expect(read.body.items.map((m) => m.personName)).toEqual(["دبیر"]);
    expect((await manager.get(committee)).status).toBe(404);
    expect((await manager.get(`/api/v1/clusters/${carpet.id}/council`)).status).toBe(404);
    expectProblem(await manager.post(council, newSeat), 403, "forbidden");
    expectProblem(await manager.patch(`${council}/${km.body.id}`, { role: "member" }), 403, "forbidden");
    expectProblem(await manager.del(`${council}/${km.body.id}`), 403, "forbidden");
    // A member of the council's cluster is passed over in another council's URL.
    expectProblem(
      await zanjanAdmin.patch(`/api/v1/clusters/${carpet.id}/council/${km.body.id}`, { role: "member" }),
      404,
      "not_found",
    );
    expectProblem(await zanjanAdmin.del(`${committee}/${km.body.id}`), 404, "not_found");

    // Anonymous callers learn nothing, not even whether a cluster exists.
    const anonymous = new Client(env());
    expect((await anonymous.get(council)).status).toBe(401);
    expect((await anonymous.get(`/api/v1/clusters/${randomUUID()}/council`)).status).toBe(401);
    expect((await anonymous.post(committee, newSeat)).status).toBe(401);

    // Zanjan's admin cannot give a council role on a Qom cluster, nor link a user they cannot see.
    const qomCluster = await makeCluster(env(), { provinceCode: "IR-25" });
    expectProblem(await zanjanAdmin.post(`/api/v1/clusters/${qomCluster.id}/council`, newSeat), 404, "not_found");
    const nat = await signedIn(env(), await makeUser(env(), { role: "national_admin" }));
    expectProblem(await nat.get(`/api/v1/clusters/${randomUUID()}/council`), 404, "not_found");
    expectProblem(await nat.get("/api/v1/provinces/IR-99/committee"), 404, "not_found");
    expectProblem(await nat.get(`/api/v1/clusters/not-a-uuid/council`), 400, "validation_failed");
    expectProblem(await nat.get(`${council}?active=maybe`), 400, "validation_failed");

    expect([
      ...(await seats(env(), { provinceCode: "IR-19" })),
      ...(await seats(env(), { clusterId: zinc.id })),
    ]).toEqual(before);
    // Qom's audit does not show Zanjan's governance writes.
    const qomAudit = await qom.get<{ items: AuditEntry[] }>("/api/v1/audit?limit=200");
    expect(qomAudit.body.items.some((e) => e.action.startsWith("governance."))).toBe(false);
  });

  it("takes back the role of a seat whose term has ended, without anyone editing it", async () => {
    const admin = await signedIn(env(), await makeUser(env(), { role: "province_admin", provinceCode: "IR-19" }));
    const cluster = await makeCluster(env(), { provinceCode: "IR-19" });
    const person = await makeUser(env(), undefined, { homeProvinceCode: "IR-19", name: "عضو پیشین شورا" });
    const seat = await admin.post<Member>(`/api/v1/clusters/${cluster.id}/council`, {
      personName: "عضو پیشین شورا",
      role: "expert",
      fromDate: iranDay(-400),
      toDate: iranDay(10),
      userId: person.id,
    });
    expect(seat.body.grantId).toBeTruthy();
    const seated = await signedIn(env(), person);
    expect((await seated.get(`/api/v1/clusters/${cluster.id}`)).status).toBe(200);

    // Time passes: the term ended yesterday.
    await env()
      .database.db.updateTable("governance_members")
      .set({ to_date: iranDay(-1) })
      .where("id", "=", seat.body.id)
      .execute();
    expect(await expireEndedSeats(env().app.deps)).toBe(1);
    expect(await expireEndedSeats(env().app.deps)).toBe(0);
    expect(await grantsOfUser(env(), person.id)).toEqual([]);
    expect((await seated.get(`/api/v1/clusters/${cluster.id}`)).status).toBe(404);
    const after = (await admin.get<Members>(`/api/v1/clusters/${cluster.id}/council`)).body.items[0];
    expect(after).toMatchObject({ id: seat.body.id, active: false, grantId: null, userId: person.id });
    const audit = await admin.get<{ items: AuditEntry[] }>("/api/v1/audit?action=governance.member.expire");
    expect(audit.body.items.map((e) => e.targetId)).toContain(seat.body.id);
  });
});
