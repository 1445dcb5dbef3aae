/**
 * Registration for activities through the HTTP API on each engine: seats
 * up to the capacity then the waiting list, a freed seat offered to the
 * next (in the app, by mail, with its expiry job) and taken, an expired
 * offer passed on, a person once per activity, moderation, and ten people
 * racing for the last seat.
 */
import { expect, it } from "vitest";
import { allJobKinds } from "../../src/server/modules";
import { expireOffer } from "../../src/server/modules/activities/registrations";
import { type Client, signedIn } from "../support/client";
import { describeEngines, makeCluster, makeEnterprise, makeUser, type TestEnv } from "../support/harness";

type Problem = { code: string; errors?: { path: string }[] };
type Registration = {
  id: string;
  personId: string | null;
  name: string;
  status: string;
  reason: string | null;
  offeredUntil: string | null;
  position: number | null;
};
type Batch = { items: Registration[] };

function expectProblem(r: { status: number; body: unknown }, status: number, code: string) {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect((r.body as Problem).code).toBe(code);
}

const activity = (over: Record<string, unknown> = {}) => ({
  kind: "training",
  details: { hours: 12, mode: "in_person" },
  title: "دوره مدلسازی لباس",
  place: "مرکز طراحی هیدج",
  startDate: "2030-09-28",
  endDate: "2030-09-30",
  capacity: 2,
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

async function setup(env: TestEnv, staff = 4) {
  const cluster = await makeCluster(env, { provinceCode: "IR-19", state: "implementation" });
  const managerUser = await makeUser(env, { role: "cluster_manager", clusterId: cluster.id, provinceCode: "IR-19" });
  const manager = await signedIn(env, managerUser);
  const enterprise = await makeEnterprise(env, cluster, "پوشاک زنجان");
  const memberUser = await makeUser(env, {
    role: "member",
    clusterId: cluster.id,
    provinceCode: "IR-19",
    enterpriseId: enterprise.id,
  });
  const member = await signedIn(env, memberUser);
  const people: string[] = [];
  for (let i = 0; i < staff; i++) {
    const p = await manager.post<{ id: string }>("/api/v1/people", {
      name: `کارمند ${i + 1}`,
      enterpriseId: enterprise.id,
    });
    expect(p.status, p.text).toBe(201);
    people.push(p.body.id);
  }
  return { cluster, manager, member, memberUser, enterprise, people };
}

async function create(c: Client, clusterId: string, body: unknown) {
  const r = await c.post<{ id: string }>(`/api/v1/clusters/${clusterId}/activities`, body);
  expect(r.status, r.text).toBe(201);
  return r.body.id;
}

const register = (c: Client, activityId: string, people: unknown[], sessionId?: string) =>
  c.post<Batch>(`/api/v1/activities/${activityId}/registrations`, { people, ...(sessionId ? { sessionId } : {}) });

const seatsTaken = async (c: Client, activityId: string) =>
  (await c.get<{ seatsTaken: number }>(`/api/v1/activities/${activityId}`)).body.seatsTaken;

describeEngines("activities: registration, waiting list, offers and moderation", (env) => {
  it("seats up to the capacity, then the waiting list in order; a member registers their own staff only", async () => {
    const { cluster, manager, member, people } = await setup(env());
    const other = await makeEnterprise(env(), cluster, "بنگاه دیگر");
    const stranger = await manager.post<{ id: string }>("/api/v1/people", { name: "غریبه", enterpriseId: other.id });
    const id = await create(manager, cluster.id, activity());

    const r = await register(
      member,
      id,
      people.slice(0, 3).map((personId) => ({ personId })),
    );
    expect(r.status, r.text).toBe(201);
    expect(r.body.items.map((i) => [i.name, i.status, i.position])).toEqual([
      ["کارمند 1", "accepted", null],
      ["کارمند 2", "accepted", null],
      ["کارمند 3", "waitlisted", 1],
    ]);
    // The manager's walk-in goes to the waiting list too: never over.
    const walkIn = await register(manager, id, [{ name: "مراجعه حضوری", mobile: "09121234567" }]);
    expect(walkIn.status, walkIn.text).toBe(201);
    expect(walkIn.body.items[0]).toMatchObject({ status: "waitlisted", position: 2, personId: null });
    expect(await seatsTaken(manager, id)).toBe(2);
    expect(await auditCount(env(), "activities.registration.create")).toBe(4);

    const list = await manager.get<{ items: Registration[]; total: number }>(
      `/api/v1/activities/${id}/registrations?status=waitlisted`,
    );
    expect(list.status, list.text).toBe(200);
    expect(list.body.total).toBe(2);
    // A member's user lists their own staff's registrations only (not the walk-in).
    const mine = await member.get<{ items: Registration[]; total: number }>(`/api/v1/activities/${id}/registrations`);
    expect(mine.status, mine.text).toBe(200);
    expect(mine.body.total).toBe(3);

    // A member's user: another enterprise's person, or a free name, is refused, nothing written.
    expectProblem(await register(member, id, [{ personId: stranger.body.id }]), 400, "unknown_person");
    expect((await register(member, id, [{ name: "کسی", mobile: "09120000000" }])).status).toBe(403);
    // The manager registers anyone of the cluster.
    const ok = await register(manager, id, [{ personId: stranger.body.id }]);
    expect(ok.body.items[0]?.status).toBe("waitlisted");

    // A done or cancelled activity takes none.
    for (const status of ["done", "cancelled"]) {
      const closed = await create(manager, cluster.id, activity({ status }));
      expectProblem(await register(manager, closed, [{ personId: people[3] }]), 400, "activity_closed");
    }
    // A session's own capacity.
    const withSession = await manager.post<{ id: string; sessions: { id: string }[] }>(
      `/api/v1/clusters/${cluster.id}/activities`,
      activity({ capacity: null, sessions: [{ startsOn: "2030-09-29", capacity: 1 }] }),
    );
    const sessionId = withSession.body.sessions[0]!.id;
    const s = await register(
      manager,
      withSession.body.id,
      [{ personId: people[0] }, { personId: people[1] }],
      sessionId,
    );
    expect(s.body.items.map((i) => i.status)).toEqual(["accepted", "waitlisted"]);
  });

  it("a member's users list their own enterprise's registrations only; another enterprise's none; a stranger 404", async () => {
    const { cluster, manager, member, enterprise, people } = await setup(env(), 2);
    const other = await makeEnterprise(env(), cluster, "بنگاه همسایه");
    const otherPerson = await manager.post<{ id: string }>("/api/v1/people", {
      name: "کارمند همسایه",
      enterpriseId: other.id,
      mobile: "09123334444",
    });
    expect(otherPerson.status, otherPerson.text).toBe(201);
    const otherMember = await signedIn(
      env(),
      await makeUser(env(), { role: "member", clusterId: cluster.id, provinceCode: "IR-19", enterpriseId: other.id }),
    );
    const id = await create(manager, cluster.id, activity({ capacity: 1 }));
    expect(
      (
        await register(
          member,
          id,
          people.map((personId) => ({ personId })),
        )
      ).status,
    ).toBe(201);
    expect((await register(manager, id, [{ personId: otherPerson.body.id }])).status).toBe(201);
    expect((await register(manager, id, [{ name: "مراجعه حضوری", mobile: "09125556666" }])).status).toBe(201);

    type Page = { items: (Registration & { enterpriseId: string | null; mobile: string | null })[]; total: number };
    const mine = await member.get<Page>(`/api/v1/activities/${id}/registrations`);
    expect(mine.status, mine.text).toBe(200);
    expect(mine.body.total).toBe(2);
    expect(mine.body.items.map((r) => [r.name, r.status, r.position, r.enterpriseId])).toEqual([
      ["کارمند 1", "accepted", null, enterprise.id],
      ["کارمند 2", "waitlisted", 1, enterprise.id],
    ]);
    // Filters and paging apply within their own.
    const waiting = await member.get<Page>(`/api/v1/activities/${id}/registrations?status=waitlisted`);
    expect(waiting.body.items.map((r) => r.name)).toEqual(["کارمند 2"]);
    const page2 = await member.get<Page>(`/api/v1/activities/${id}/registrations?offset=1&limit=1`);
    expect([page2.body.total, page2.body.items.map((r) => r.name)]).toEqual([2, ["کارمند 2"]]);

    // Another enterprise's user sees their own person only: none of the first's staff, no one else's mobile.
    const theirs = await otherMember.get<Page>(`/api/v1/activities/${id}/registrations`);
    expect(theirs.status, theirs.text).toBe(200);
    expect(theirs.body.items.map((r) => [r.name, r.enterpriseId])).toEqual([["کارمند همسایه", other.id]]);
    expect(theirs.body.items.some((r) => r.mobile === "09125556666")).toBe(false);
    // The manager still sees all four.
    expect((await manager.get<Page>(`/api/v1/activities/${id}/registrations`)).body.total).toBe(4);

    // A member of another cluster does not learn the activity exists; the cluster's council member is refused.
    const elsewhere = await makeCluster(env(), { provinceCode: "IR-19", state: "implementation" });
    const elsewhereEnterprise = await makeEnterprise(env(), elsewhere);
    const stranger = await signedIn(
      env(),
      await makeUser(env(), {
        role: "member",
        clusterId: elsewhere.id,
        provinceCode: "IR-19",
        enterpriseId: elsewhereEnterprise.id,
      }),
    );
    expect((await stranger.get(`/api/v1/activities/${id}/registrations`)).status).toBe(404);
    const council = await signedIn(
      env(),
      await makeUser(env(), { role: "council_member", clusterId: cluster.id, provinceCode: "IR-19" }),
    );
    expect((await council.get(`/api/v1/activities/${id}/registrations`)).status).toBe(403);
  });

  it("refuses the same person twice in one activity, in one batch or two", async () => {
    const { cluster, manager, member, people } = await setup(env());
    const id = await create(manager, cluster.id, activity());
    expect((await register(member, id, [{ personId: people[0] }])).status).toBe(201);
    const again = await register(member, id, [{ personId: people[1] }, { personId: people[0] }]);
    expectProblem(again, 409, "already_registered");
    expectProblem(
      await register(manager, id, [{ personId: people[2] }, { personId: people[2] }]),
      400,
      "already_registered",
    );
    // The whole batch was refused: only the first is registered.
    const all = await manager.get<{ total: number }>(`/api/v1/activities/${id}/registrations`);
    expect(all.body.total).toBe(1);
    expect(await seatsTaken(manager, id)).toBe(1);
    expect((await register(manager, id, [{ name: "الف", mobile: "09121111111" }])).status).toBe(201);
    expectProblem(await register(manager, id, [{ name: "ب", mobile: "09121111111" }]), 409, "already_registered");
    // Once cancelled, they may register again.
    const first = (await manager.get<{ items: Registration[] }>(`/api/v1/activities/${id}/registrations`)).body
      .items[0]!;
    expect((await member.post(`/api/v1/registrations/${first.id}/cancel`, {})).status).toBe(200);
    expectProblem(await member.post(`/api/v1/registrations/${first.id}/cancel`, {}), 409, "registration_not_live");
    expect((await register(member, id, [{ personId: people[0] }])).status).toBe(201);
  });

  it("offers a freed seat to the next on the list, in the app and by mail, and the offer is taken", async () => {
    const { cluster, manager, member, memberUser, people } = await setup(env());
    const id = await create(manager, cluster.id, activity({ capacity: 1, offerHours: 24 }));
    const r = await register(
      member,
      id,
      people.slice(0, 3).map((personId) => ({ personId })),
    );
    const [a, b, c] = r.body.items;
    expect([a?.status, b?.status, c?.status]).toEqual(["accepted", "waitlisted", "waitlisted"]);

    // Someone else's user cannot cancel it.
    const outsider = await signedIn(
      env(),
      await makeUser(env(), { role: "council_member", clusterId: cluster.id, provinceCode: "IR-19" }),
    );
    expect((await outsider.post(`/api/v1/registrations/${a!.id}/cancel`, {})).status).toBe(403);

    const before = Date.now();
    const cancelled = await member.post<Registration>(`/api/v1/registrations/${a!.id}/cancel`, { reason: "سفر کاری" });
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(cancelled.body).toMatchObject({ status: "cancelled", reason: "سفر کاری" });
    const list = await manager.get<{ items: Registration[] }>(`/api/v1/activities/${id}/registrations`);
    const offered = list.body.items.find((i) => i.id === b!.id)!;
    expect(offered.status).toBe("offered");
    const until = Date.parse(offered.offeredUntil!);
    expect(until - before).toBeGreaterThanOrEqual(24 * 3600_000 - 5_000);
    expect(until - before).toBeLessThanOrEqual(24 * 3600_000 + 60_000);
    expect(list.body.items.find((i) => i.id === c!.id)?.status).toBe("waitlisted");
    expect(await seatsTaken(manager, id)).toBe(1);

    const db = env().database.db;
    const notes = await db
      .selectFrom("notifications")
      .select(["kind", "params", "link"])
      .where("user_id", "=", memberUser.id)
      .where("kind", "=", "activity_seat_offered")
      .execute();
    expect(notes).toHaveLength(1);
    expect(JSON.parse(notes[0]!.params)).toMatchObject({ name: "کارمند 2", activity: "دوره مدلسازی لباس" });
    const mails = await db
      .selectFrom("outbox")
      .select(["subject", "body"])
      .where("to_address", "=", memberUser.email)
      .execute();
    // Beside the first one's confirmation (activities-public.test.ts), the offer.
    const offers = mails.filter((m) => m.subject.includes("صندلی آزاد"));
    expect(offers.map((m) => m.subject)).toEqual([expect.stringContaining("کارمند 2")]);
    // Its link is absolute (PUBLIC_URL or the server's own address), as every mailed link.
    expect(offers[0]!.body).toMatch(new RegExp(`https?://[^\\s/]+/activities/${id}`));
    const jobs = await db
      .selectFrom("jobs")
      .select(["payload", "run_after"])
      .where("kind", "=", "activities.offer_expiry")
      .execute();
    expect(jobs).toHaveLength(1);
    expect(JSON.parse(jobs[0]!.payload)).toEqual({ registrationId: b!.id });
    expect(jobs[0]!.run_after).toBe(offered.offeredUntil);
    expect(await auditCount(env(), "activities.registration.offer")).toBe(1);

    // Only the offered one takes a seat.
    expectProblem(await member.post(`/api/v1/registrations/${c!.id}/accept-offer`), 409, "registration_not_offered");
    const took = await member.post<Registration>(`/api/v1/registrations/${b!.id}/accept-offer`);
    expect(took.status, took.text).toBe(200);
    expect(took.body).toMatchObject({ status: "accepted", offeredUntil: null });
    expect(await seatsTaken(manager, id)).toBe(1);
    expect(await auditCount(env(), "activities.registration.accept_offer")).toBe(1);
    // The job finds the offer taken and leaves it alone.
    expect(await expireOffer(env().app.deps, b!.id, new Date(until + 1000))).toBe(false);

    // Leaving the waiting list frees nothing and offers nothing.
    expect((await member.post(`/api/v1/registrations/${c!.id}/cancel`, {})).status).toBe(200);
    expect(await seatsTaken(manager, id)).toBe(1);
    expect(await auditCount(env(), "activities.registration.offer")).toBe(1);
  });

  it("an expired offer cannot be taken and passes to the next; the last frees the seat", async () => {
    const { cluster, manager, member, people } = await setup(env());
    const id = await create(manager, cluster.id, activity({ capacity: 1 }));
    const r = await register(
      member,
      id,
      people.slice(0, 3).map((personId) => ({ personId })),
    );
    const [a, b, c] = r.body.items;
    expect((await member.post(`/api/v1/registrations/${a!.id}/cancel`, {})).status).toBe(200);
    const db = env().database.db;
    // The offer's time has passed.
    await db
      .updateTable("activity_registrations")
      .set({ offered_until: new Date(Date.now() - 60_000).toISOString() })
      .where("id", "=", b!.id)
      .execute();
    expectProblem(await member.post(`/api/v1/registrations/${b!.id}/accept-offer`), 400, "offer_expired");

    // The job as the worker runs it (found through the module list: importing the activities
    // module's jobs file first would start the import cycle through the attachments service).
    const offerExpiryJob = allJobKinds().find((j) => j.kind === "activities.offer_expiry");
    await offerExpiryJob!.run(
      env().app.deps,
      { registrationId: b!.id },
      { attempt: 1, maxAttempts: 5, lastAttempt: false, heartbeat: async () => {} },
    );
    const rows = await db
      .selectFrom("activity_registrations")
      .select(["id", "status", "reason", "offered_until"])
      .where("activity_id", "=", id)
      .execute();
    const byId = new Map(rows.map((x) => [x.id, x]));
    expect(byId.get(b!.id)).toMatchObject({ status: "cancelled", reason: "offer_expired" });
    expect(byId.get(c!.id)?.status).toBe("offered");
    expect(await seatsTaken(manager, id)).toBe(1);
    expect(await auditCount(env(), "activities.registration.offer_expire")).toBe(1);

    // Before its time the job leaves an offer alone; with the clock moved past it, the seat is freed.
    expect(await expireOffer(env().app.deps, c!.id)).toBe(false);
    expect(await expireOffer(env().app.deps, c!.id, new Date(Date.now() + 49 * 3600_000))).toBe(true);
    expect(
      (await db.selectFrom("activity_registrations").select("status").where("id", "=", c!.id).executeTakeFirst())
        ?.status,
    ).toBe("cancelled");
    expect(await seatsTaken(manager, id)).toBe(0);
    // The freed seat goes to the next one registering.
    expect((await register(member, id, [{ personId: people[3] }])).body.items[0]?.status).toBe("accepted");
  });

  it("moderation: pending until a manager accepts (a seat or the list) or rejects with a reason", async () => {
    const { cluster, manager, member, people } = await setup(env());
    const id = await create(manager, cluster.id, activity({ capacity: 1, moderated: true }));
    const r = await register(
      member,
      id,
      people.slice(0, 3).map((personId) => ({ personId })),
    );
    expect(r.body.items.map((i) => i.status)).toEqual(["pending", "pending", "pending"]);
    expect(await seatsTaken(manager, id)).toBe(0);
    const [a, b, c] = r.body.items;
    expect((await member.post(`/api/v1/registrations/${a!.id}/decide`, { decision: "accept" })).status).toBe(403);
    const first = await manager.post<Registration>(`/api/v1/registrations/${a!.id}/decide`, { decision: "accept" });
    expect(first.status, first.text).toBe(200);
    expect(first.body.status).toBe("accepted");
    const second = await manager.post<Registration>(`/api/v1/registrations/${b!.id}/decide`, { decision: "accept" });
    expect(second.body).toMatchObject({ status: "waitlisted", position: 1 });
    expectProblem(
      await manager.post(`/api/v1/registrations/${c!.id}/decide`, { decision: "reject" }),
      400,
      "reason_required",
    );
    const rejected = await manager.post<Registration>(`/api/v1/registrations/${c!.id}/decide`, {
      decision: "reject",
      reason: "خارج از گروه هدف",
    });
    expect(rejected.body).toMatchObject({ status: "rejected", reason: "خارج از گروه هدف" });
    expectProblem(
      await manager.post(`/api/v1/registrations/${c!.id}/decide`, { decision: "accept" }),
      409,
      "registration_not_pending",
    );
    expect(await seatsTaken(manager, id)).toBe(1);
    expect(await auditCount(env(), "activities.registration.decide")).toBe(3);
  });

  it("ten people racing for the last seat: exactly one gets it, nine wait in distinct places", async () => {
    const { cluster, manager, member, people } = await setup(env(), 10);
    const id = await create(manager, cluster.id, activity({ capacity: 1 }));
    const results = await Promise.all(people.map((personId) => register(member, id, [{ personId }])));
    for (const r of results) expect(r.status, r.text).toBe(201);
    const statuses = results.map((r) => r.body.items[0]!.status);
    expect(statuses.filter((s) => s === "accepted")).toHaveLength(1);
    expect(statuses.filter((s) => s === "waitlisted")).toHaveLength(9);
    const positions = results.flatMap((r) => (r.body.items[0]!.position === null ? [] : [r.body.items[0]!.position]));
    expect([...positions].sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(await seatsTaken(manager, id)).toBe(1);
  });
});
