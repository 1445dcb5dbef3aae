/**
 * The registration side of activities through the HTTP API on each engine:
 * confirmations in the app and by mail (to the person's own address when
 * known), offers mailed to the person, a raised capacity moving the waiting
 * list up, and the public registration link: open and closed, its questions
 * checked, seats then the waiting list, a mobile once, and the registrant's
 * status page (ticket, cancel passing the seat on, taking an offer).
 */
import { expect, it } from "vitest";
import { Client, signedIn } from "../support/client";
import { describeEngines, makeCluster, makeEnterprise, makeUser, type TestEnv } from "../support/harness";

type Problem = { code: string; errors?: { path: string; message: string }[] };
type Registration = { id: string; name: string; status: string; answers: Record<string, string> | null };
type Settings = { open: boolean; token: string; url: string; questions: { id: string; kind: string }[] };
type StatusPage = {
  activityTitle: string;
  name: string;
  status: string;
  position: number | null;
  offeredUntil: string | null;
  ticket: { code: string; qrSvg: string } | null;
};

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
  capacity: 1,
  sessions: [],
  ...over,
});

/** The outbox's mails to an address, oldest first. */
const mailsTo = async (env: TestEnv, to: string) =>
  env.database.db
    .selectFrom("outbox")
    .select(["subject", "body"])
    .where("to_address", "=", to)
    .orderBy("created_at")
    .execute();

const notificationsOf = async (env: TestEnv, userId: string, kind: string) =>
  env.database.db
    .selectFrom("notifications")
    .select(["params", "link"])
    .where("user_id", "=", userId)
    .where("kind", "=", kind)
    .execute();

async function setup(env: TestEnv) {
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
  const person = async (name: string, email?: string) => {
    const p = await manager.post<{ id: string }>("/api/v1/people", {
      name,
      enterpriseId: enterprise.id,
      ...(email ? { email } : {}),
    });
    expect(p.status, p.text).toBe(201);
    return p.body.id;
  };
  return { cluster, manager, managerUser, member, memberUser, person };
}

async function create(c: Client, clusterId: string, body: unknown) {
  const r = await c.post<{ id: string }>(`/api/v1/clusters/${clusterId}/activities`, body);
  expect(r.status, r.text).toBe(201);
  return r.body.id;
}

const register = (c: Client, activityId: string, people: unknown[], sessionId?: string) =>
  c.post<{ items: Registration[] }>(`/api/v1/activities/${activityId}/registrations`, {
    people,
    ...(sessionId ? { sessionId } : {}),
  });

const openLink = async (c: Client, activityId: string, questions: unknown[] = [], open = true) => {
  const r = await c.req<Settings>("PUT", `/api/v1/activities/${activityId}/public-registration`, { open, questions });
  expect(r.status, r.text).toBe(200);
  return r.body;
};

/** A visitor of the public pages from an address of its own, so the form's per-address limit is the test's own. */
class Visitor extends Client {
  private readonly ip =
    `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
  override req<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    extra: Record<string, string> = {},
  ) {
    return super.req<T>(method, path, body, { "x-forwarded-for": this.ip, ...extra });
  }
}

const registrant = (mobile: string, over: Record<string, unknown> = {}) => ({
  name: `مهمان ${mobile.slice(-2)}`,
  mobile,
  email: `guest${mobile.slice(-2)}@mail.ir`,
  answers: {},
  ...over,
});

describeEngines(
  "activities: confirmations, capacity raises and the public registration link",
  (env) => {
    it("confirms an accepted registration in the app and by mail to the person's own address, else the registering user", async () => {
      const { cluster, manager, member, memberUser, person } = await setup(env());
      const withMail = await person("سارا احمدی", "sara@mail.ir");
      const without = await person("علی رضایی");
      const id = await create(
        manager,
        cluster.id,
        activity({ capacity: 3, online: true, onlineLink: "https://meet.ir/x" }),
      );

      const r = await register(member, id, [{ personId: withMail }, { personId: without }]);
      expect(r.status, r.text).toBe(201);
      expect(r.body.items.map((i) => i.status)).toEqual(["accepted", "accepted"]);

      const toPerson = await mailsTo(env(), "sara@mail.ir");
      expect(toPerson).toHaveLength(1);
      expect(toPerson[0]!.subject).toContain("سارا احمدی");
      // The Jalali days (1409/07/06 is 2030-09-28), the place and the online link.
      expect(toPerson[0]!.body).toContain("۱۴۰۹/۰۷/۰۶");
      expect(toPerson[0]!.body).toContain("مرکز طراحی هیدج");
      expect(toPerson[0]!.body).toContain("https://meet.ir/x");
      expect(toPerson[0]!.body).toContain(`/activities/${id}`);
      const toUser = await mailsTo(env(), memberUser.email);
      expect(toUser).toHaveLength(1);
      expect(toUser[0]!.subject).toContain("علی رضایی");
      const notes = await notificationsOf(env(), memberUser.id, "activity_registration_confirmed");
      expect(notes).toHaveLength(2);
      expect(notes.map((n) => JSON.parse(n.params).name).sort()).toEqual(["سارا احمدی", "علی رضایی"].sort());

      // Moderated: nothing on the way in, the confirmation when the manager accepts.
      const moderated = await create(manager, cluster.id, activity({ moderated: true, capacity: 5 }));
      const third = await person("مینا کریمی", "mina@mail.ir");
      const pending = await register(member, moderated, [{ personId: third }]);
      expect(pending.body.items[0]!.status).toBe("pending");
      expect(await mailsTo(env(), "mina@mail.ir")).toHaveLength(0);
      const decided = await manager.post<Registration>(`/api/v1/registrations/${pending.body.items[0]!.id}/decide`, {
        decision: "accept",
      });
      expect(decided.status, decided.text).toBe(200);
      expect(decided.body.status).toBe("accepted");
      expect(await mailsTo(env(), "mina@mail.ir")).toHaveLength(1);
    });

    it("mails a freed seat's offer to the waiting person's own address and confirms the offer taken", async () => {
      const { cluster, manager, member, memberUser, person } = await setup(env());
      const first = await person("نفر اول");
      const waiting = await person("نفر منتظر", "wait@mail.ir");
      const id = await create(manager, cluster.id, activity());
      const r = await register(member, id, [{ personId: first }, { personId: waiting }]);
      expect(r.body.items.map((i) => i.status)).toEqual(["accepted", "waitlisted"]);
      expect(await mailsTo(env(), "wait@mail.ir")).toHaveLength(0);

      const cancelled = await member.post(`/api/v1/registrations/${r.body.items[0]!.id}/cancel`, {});
      expect(cancelled.status, cancelled.text).toBe(200);
      const offer = await mailsTo(env(), "wait@mail.ir");
      expect(offer).toHaveLength(1);
      expect(offer[0]!.subject).toContain("صندلی آزاد");
      // The registering user hears of it in the app.
      expect(await notificationsOf(env(), memberUser.id, "activity_seat_offered")).toHaveLength(1);

      const taken = await member.post<Registration>(`/api/v1/registrations/${r.body.items[1]!.id}/accept-offer`);
      expect(taken.status, taken.text).toBe(200);
      const after = await mailsTo(env(), "wait@mail.ir");
      expect(after).toHaveLength(2);
      expect(after[1]!.subject).toContain("قطعی");
    });

    it("offers the seats of a raised capacity to those waiting, one per seat in waiting order, the activity's and a session's", async () => {
      const { cluster, manager, member, person } = await setup(env());
      const people = [await person("الف"), await person("ب"), await person("پ"), await person("ت")];
      const body = activity({ capacity: 1, sessions: [{ startsOn: "2030-09-29", capacity: 1 }] });
      const id = await create(manager, cluster.id, body);
      const r = await register(
        member,
        id,
        people.map((personId) => ({ personId })),
      );
      expect(r.body.items.map((i) => i.status)).toEqual(["accepted", "waitlisted", "waitlisted", "waitlisted"]);

      const got = await manager.get<{ sessions: { id: string }[] }>(`/api/v1/activities/${id}`);
      const sessionId = got.body.sessions[0]!.id;
      const s = await register(manager, id, [{ name: "جلسه یک", mobile: "09120000001" }], sessionId);
      const s2 = await register(manager, id, [{ name: "جلسه دو", mobile: "09120000002" }], sessionId);
      expect([s.body.items[0]!.status, s2.body.items[0]!.status]).toEqual(["accepted", "waitlisted"]);

      const raised = await manager.req("PUT", `/api/v1/activities/${id}`, {
        ...body,
        capacity: 3,
        sessions: [{ id: sessionId, startsOn: "2030-09-29", capacity: 2 }],
      });
      expect(raised.status, raised.text).toBe(200);
      const list = await manager.get<{ items: (Registration & { sessionId: string | null })[] }>(
        `/api/v1/activities/${id}/registrations`,
      );
      const byName = Object.fromEntries(list.body.items.map((i) => [i.name, i.status]));
      expect(byName).toEqual({
        الف: "accepted",
        ب: "offered",
        پ: "offered",
        ت: "waitlisted",
        "جلسه یک": "accepted",
        "جلسه دو": "offered",
      });
      expect((await manager.get<{ seatsTaken: number }>(`/api/v1/activities/${id}`)).body.seatsTaken).toBe(3);
      // A raise with nobody waiting keeps the count as it is.
      const again = await manager.req("PUT", `/api/v1/activities/${id}`, {
        ...body,
        capacity: 10,
        sessions: [{ id: sessionId, startsOn: "2030-09-29", capacity: 5 }],
      });
      expect(again.status, again.text).toBe(200);
      const now = await manager.get<{ seatsTaken: number; sessions: { seatsTaken?: number }[] }>(
        `/api/v1/activities/${id}`,
      );
      expect(now.body.seatsTaken).toBe(4);
    });

    it("public link: set by managers only, open and closed, a cancelled activity refused", async () => {
      const { cluster, manager, member } = await setup(env());
      const id = await create(manager, cluster.id, activity({ capacity: 5 }));
      const anon = new Visitor(env());
      expect(
        (await member.req("PUT", `/api/v1/activities/${id}/public-registration`, { open: true, questions: [] })).status,
      ).toBe(403);
      expect((await anon.get(`/api/v1/activities/${id}/public-registration`)).status).toBe(401);

      const empty = await manager.get<{ token: string | null }>(`/api/v1/activities/${id}/public-registration`);
      expect(empty.body.token).toBeNull();
      const bad = await manager.req("PUT", `/api/v1/activities/${id}/public-registration`, {
        open: true,
        questions: [{ label: "رشته", kind: "choice", required: false }],
      });
      expectProblem(bad, 400, "question_options_required");

      const s = await openLink(manager, id);
      expect(s.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(s.url).toMatch(new RegExp(`/register/${s.token}$`));
      const page = await anon.get<{ title: string; seatsLeft: number; waitingList: boolean }>(
        `/api/v1/public/activities/${s.token}`,
      );
      expect(page.status, page.text).toBe(200);
      expect(page.body).toMatchObject({ title: "دوره مدلسازی لباس", seatsLeft: 5, waitingList: false });

      // Closed: the same token, refused; opened again, the same address.
      const closed = await openLink(manager, id, [], false);
      expect(closed.token).toBe(s.token);
      expectProblem(await anon.get(`/api/v1/public/activities/${s.token}`), 404, "public_registration_closed");
      expectProblem(
        await anon.post(`/api/v1/public/activities/${s.token}/registrations`, registrant("09121111111")),
        404,
        "public_registration_closed",
      );
      expect((await openLink(manager, id)).token).toBe(s.token);
      expectProblem(await anon.get(`/api/v1/public/activities/${"x".repeat(43)}`), 404, "public_registration_closed");

      const cancelled = await manager.req(
        "PUT",
        `/api/v1/activities/${id}`,
        activity({ capacity: 5, status: "cancelled" }),
      );
      expect(cancelled.status, cancelled.text).toBe(200);
      expectProblem(await anon.get(`/api/v1/public/activities/${s.token}`), 400, "activity_closed");
      expectProblem(
        await anon.post(`/api/v1/public/activities/${s.token}/registrations`, registrant("09121111111")),
        400,
        "activity_closed",
      );
    });

    it("checks the answers against the questions, each field in the caller's language, and stores nothing on an error", async () => {
      const { cluster, manager } = await setup(env());
      const id = await create(manager, cluster.id, activity({ capacity: 5 }));
      const s = await openLink(manager, id, [
        { id: "field", label: "رشته کاری", kind: "choice", options: ["دوخت", "طراحی"], required: true },
        { id: "years", label: "سابقه (سال)", kind: "number", required: true },
        { label: "انتظار شما", kind: "text", required: false },
      ]);
      expect(s.questions.map((q) => q.kind)).toEqual(["choice", "number", "text"]);
      const anon = new Visitor(env());
      const post = (body: unknown) => anon.post<Problem>(`/api/v1/public/activities/${s.token}/registrations`, body);

      const missing = await post(registrant("09122222222"));
      expectProblem(missing, 400, "answer_required");
      expect(missing.body.errors?.map((e) => e.path).sort()).toEqual(["body.answers.field", "body.answers.years"]);
      expect(missing.body.errors?.[0]?.message).toBe("پاسخ این پرسش لازم است.");

      anon.lang = "en";
      const wrong = await post(registrant("09122222222", { answers: { field: "رنگرزی", years: "سه", other: "x" } }));
      expect(wrong.status).toBe(400);
      const messages = Object.fromEntries((wrong.body.errors ?? []).map((e) => [e.path, e.message]));
      expect(messages).toEqual({
        "body.answers.other": "This question is not on the form.",
        "body.answers.field": "Choose one of this question's options.",
        "body.answers.years": "The answer to this question must be a number.",
      });
      const badMobile = await post(registrant("12345", { answers: { field: "دوخت", years: "3" } }));
      expect(badMobile.status).toBe(400);
      expect(badMobile.body.errors?.map((e) => e.path)).toEqual(["body.mobile"]);
      const none = await manager.get<{ total: number }>(`/api/v1/activities/${id}/registrations`);
      expect(none.body.total).toBe(0);

      // Persian digits are numbers; the answers reach the manager's list.
      const ok = await post(registrant("09122222222", { answers: { field: "طراحی", years: "۱۲" } }));
      expect(ok.status, ok.text).toBe(201);
      const list = await manager.get<{ items: Registration[] }>(`/api/v1/activities/${id}/registrations`);
      expect(list.body.items[0]!.answers).toEqual({ field: "طراحی", years: "12" });
    });

    it("public registrations fill the seats then wait, a mobile once; the status page, cancel passing the seat on, and an offer taken", async () => {
      const { cluster, manager, member, person } = await setup(env());
      const id = await create(manager, cluster.id, activity({ capacity: 1 }));
      const s = await openLink(manager, id);
      const anon = new Visitor(env());
      const post = (body: unknown) =>
        anon.post<{ status: string; statusToken: string }>(`/api/v1/public/activities/${s.token}/registrations`, body);

      const a = await post(registrant("09123333301"));
      expect(a.status, a.text).toBe(201);
      expect(a.body.status).toBe("accepted");
      expect(a.body.statusToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const b = await post(registrant("۰۹۱۲۳۳۳۳۳۰۲", { email: "guest02@mail.ir" }));
      expect(b.body.status).toBe("waitlisted");
      const c = await post(registrant("09123333303", { email: null }));
      expect(c.body.status).toBe("waitlisted");
      expectProblem(await post(registrant("09123333302")), 409, "already_registered");
      // The same mobile registered by the office (a free name) is the same person too.
      const office = await register(manager, id, [{ name: "ثبت دفتر", mobile: "09123333304" }]);
      expect(office.status, office.text).toBe(201);
      expectProblem(await post(registrant("09123333304")), 409, "already_registered");
      const full = await anon.get<{ seatsLeft: number; waitingList: boolean }>(`/api/v1/public/activities/${s.token}`);
      expect(full.body).toMatchObject({ seatsLeft: 0, waitingList: true });

      // Confirmed by mail to the registrant, with the status page's link.
      const confirmed = await mailsTo(env(), "guest01@mail.ir");
      expect(confirmed).toHaveLength(1);
      // An absolute link (PUBLIC_URL or the server's own address), as the applications module mails them.
      expect(confirmed[0]!.body).toMatch(new RegExp(`https?://[^\\s/]+/registration#${a.body.statusToken}`));

      const status = (t: string) => anon.get<StatusPage>(`/api/v1/public/registrations/${t}`);
      const sa = await status(a.body.statusToken);
      expect(sa.status, sa.text).toBe(200);
      expect(sa.body).toMatchObject({ activityTitle: "دوره مدلسازی لباس", status: "accepted", position: null });
      expect(sa.body.ticket?.qrSvg).toContain("<svg");
      expect((await status(b.body.statusToken)).body).toMatchObject({
        status: "waitlisted",
        position: 1,
        ticket: null,
      });
      expect((await status(c.body.statusToken)).body).toMatchObject({ status: "waitlisted", position: 2 });
      expectProblem(await status("y".repeat(43)), 404, "registration_status_unknown");
      expect((await status("short")).status).toBe(400);

      // The waiting second leaves: the third moves up a place.
      const left = await anon.post<StatusPage>(`/api/v1/public/registrations/${b.body.statusToken}/cancel`);
      expect(left.status, left.text).toBe(200);
      expect(left.body.status).toBe("cancelled");
      expect((await status(c.body.statusToken)).body.position).toBe(1);
      expectProblem(
        await anon.post(`/api/v1/public/registrations/${b.body.statusToken}/cancel`),
        409,
        "registration_not_live",
      );
      expectProblem(
        await anon.post(`/api/v1/public/registrations/${c.body.statusToken}/accept-offer`),
        409,
        "registration_not_offered",
      );

      // The first gives the seat back: offered to the third (no e-mail of their own, no registering user: no mail).
      const gave = await anon.post<StatusPage>(`/api/v1/public/registrations/${a.body.statusToken}/cancel`);
      expect(gave.body.status).toBe("cancelled");
      const offered = await status(c.body.statusToken);
      expect(offered.body.status).toBe("offered");
      expect(offered.body.offeredUntil).not.toBeNull();
      const took = await anon.post<StatusPage>(`/api/v1/public/registrations/${c.body.statusToken}/accept-offer`);
      expect(took.status, took.text).toBe(200);
      expect(took.body.status).toBe("accepted");
      expect(took.body.ticket?.code).toBeTruthy();

      // The public writes are audited without an actor.
      const audits = await env()
        .database.db.selectFrom("audit_log")
        .select(["action", "actor_id"])
        .where("action", "in", ["activities.registration.cancel", "activities.registration.accept_offer"])
        .where("cluster_id", "=", cluster.id)
        .execute();
      expect(audits.length).toBe(3);
      expect(audits.every((x) => x.actor_id === null)).toBe(true);
      // The member's own registrations still see the seats held: none left.
      const p = await person("دیرآمده");
      expect((await register(member, id, [{ personId: p }])).body.items[0]!.status).toBe("waitlisted");
    });

    it("the public form takes ten registrations per address in ten minutes", async () => {
      const { cluster, manager } = await setup(env());
      const id = await create(manager, cluster.id, activity({ capacity: 50 }));
      const s = await openLink(manager, id);
      const anon = new Visitor(env());
      for (let i = 0; i < 10; i++) {
        const r = await anon.post(
          `/api/v1/public/activities/${s.token}/registrations`,
          registrant(`091244444${10 + i}`),
        );
        expect(r.status, r.text).toBe(201);
      }
      expectProblem(
        await anon.post(`/api/v1/public/activities/${s.token}/registrations`, registrant("09124444499")),
        429,
        "rate_limited",
      );
      const other = await new Visitor(env()).post(
        `/api/v1/public/activities/${s.token}/registrations`,
        registrant("09124444499"),
      );
      expect(other.status, other.text).toBe(201);
    });
  },
  // The per-address limit of the public form counts the client's address from X-Forwarded-For, as behind the proxy.
  { TRUST_PROXY: "true" },
);
