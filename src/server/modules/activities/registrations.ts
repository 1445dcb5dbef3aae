/**
 * Registrations for an activity or one of its sessions: the cluster's
 * managers register anyone, a member enterprise's users their own staff,
 * several at once. Seats are counted on the activity (or the session) by a
 * conditional update in the same transaction as every status change, so the
 * count is never passed: beyond it people go to the waiting list, and two
 * requests for the last seat give it once on both engines. A freed seat is
 * offered to the next on the list for the activity's offer hours (in the app
 * and by mail), and a job passes it on when the offer expires. Moderated
 * activities keep new registrations pending until a manager decides. Every
 * write runs in one transaction with its audit rows.
 */
import { randomUUID } from "node:crypto";
import { type Kysely, type Selectable, sql } from "kysely";
import type { z } from "zod";
import { isoToJalali, isoToJalaliFa } from "../../../core/jalali";
import { type Actor, can, SYSTEM_ACTOR } from "../../../core/permissions";
import type {
  RegistrationBatchOut,
  RegistrationInput,
  RegistrationListQuery,
  RegistrationOut,
  RegistrationsOut,
} from "../../../core/schemas/activities";
import { type Deps, nowIso } from "../../context";
import type { DB } from "../../db/schema";
import { AppError, badRequest, conflict, fieldError, forbidden } from "../../errors";
import type { Lang } from "../../i18n";
import { enqueue } from "../../jobs/queue";
import { authorizeRecord, found } from "../../services/load";
import { paginate } from "../../services/paginate";
import { isUniqueViolation } from "../applications/shared";
import { auditOnCluster as audit, writeAudit } from "../audit/service";
import { notify, queueMail } from "../notifications/service";
import { personVisible } from "./activities";
import { newCheckinCode } from "./checkin-code";
import { offerExpiryJob } from "./jobs";
import type { ActivitiesTable, ActivityRegistrationsTable } from "./migrations/tables";

type RegistrationDto = z.infer<typeof RegistrationOut>;
type RegRow = Selectable<ActivityRegistrationsTable>;
type ActivityRow = Selectable<ActivitiesTable>;
type ClusterScope = { provinceCode: string; clusterId: string };

/** Registrations that are still alive: they hold a seat, wait for one or wait for a decision. */
const LIVE = ["pending", "accepted", "waitlisted", "offered"] as const;
/** Statuses that hold a seat of the counter. */
const HOLDS_SEAT = new Set(["accepted", "offered"]);

function toRegistration(r: RegRow): RegistrationDto {
  return {
    id: r.id,
    activityId: r.activity_id,
    sessionId: r.session_id,
    personId: r.person_id,
    name: r.name,
    mobile: r.mobile,
    enterpriseId: r.enterprise_id,
    status: r.status as RegistrationDto["status"],
    reason: r.reason,
    offeredUntil: r.offered_until,
    position: r.position === null ? null : Number(r.position),
    email: r.email,
    answers: r.answers === null ? null : (JSON.parse(r.answers) as Record<string, string>),
    createdAt: r.created_at,
  };
}

export const scopeOf = (r: ActivityRow): ClusterScope => ({ provinceCode: r.province_code, clusterId: r.cluster_id });

type AuditTarget = Parameters<typeof audit>[3];
/** The audit row of a registration's change, by a signed-in actor or (null) the registrant on the public pages. */
function auditAs(trx: Kysely<DB>, a: Actor | null, scope: ClusterScope, target: AuditTarget, summary: object) {
  if (a) return audit(trx, a, scope, target, { ...summary });
  return writeAudit(trx, null, {
    action: target.action,
    targetType: target.type,
    targetId: target.id,
    provinceCode: scope.provinceCode,
    clusterId: scope.clusterId,
    summary: { ...summary, public: true },
  });
}

/** The enterprises whose users the actor is, in the cluster. */
function ownEnterprises(a: Actor, clusterId: string): Set<string> {
  return new Set(
    a.grants.flatMap((g) =>
      g.role === "member" && g.clusterId === clusterId && g.enterpriseId ? [g.enterpriseId] : [],
    ),
  );
}

async function reachActivity(db: Kysely<DB>, actor: Actor | null, id: string, manage = false) {
  const row = found(await db.selectFrom("activities").selectAll().where("id", "=", id).executeTakeFirst());
  const scope = scopeOf(row);
  const a = authorizeRecord(actor, scope, "activities.read", manage ? "activities.manage" : undefined);
  return { a, row, scope, manager: can(a, "activities.manage", scope) };
}

/** The registration and its activity; the caller must manage it or be a user of the person's enterprise. */
async function reachRegistration(db: Kysely<DB>, actor: Actor | null, id: string, manage = false) {
  const reg = found(await db.selectFrom("activity_registrations").selectAll().where("id", "=", id).executeTakeFirst());
  const { a, row, scope, manager } = await reachActivity(db, actor, reg.activity_id, manage);
  if (!manager && !(reg.enterprise_id && ownEnterprises(a, row.cluster_id).has(reg.enterprise_id))) throw forbidden();
  return { a, reg, row, scope };
}

// ----------------------------------------------------------------- seats

type SeatTarget = { activityId: string; sessionId: string | null };

/** Takes a seat if one is left (capacity null: no limit). The conditional update is the lock. */
async function takeSeat(trx: Kysely<DB>, t: SeatTarget): Promise<boolean> {
  const r = t.sessionId
    ? await trx
        .updateTable("activity_sessions")
        .set((eb) => ({ seats_taken: eb("seats_taken", "+", 1) }))
        .where("id", "=", t.sessionId)
        .where((eb) => eb.or([eb("capacity", "is", null), eb("seats_taken", "<", eb.ref("capacity"))]))
        .executeTakeFirst()
    : await trx
        .updateTable("activities")
        .set((eb) => ({ seats_taken: eb("seats_taken", "+", 1) }))
        .where("id", "=", t.activityId)
        .where((eb) => eb.or([eb("capacity", "is", null), eb("seats_taken", "<", eb.ref("capacity"))]))
        .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

async function freeSeat(trx: Kysely<DB>, t: SeatTarget): Promise<void> {
  if (t.sessionId) {
    await trx
      .updateTable("activity_sessions")
      .set((eb) => ({ seats_taken: eb("seats_taken", "-", 1) }))
      .where("id", "=", t.sessionId)
      .where("seats_taken", ">", 0)
      .execute();
  } else {
    await trx
      .updateTable("activities")
      .set((eb) => ({ seats_taken: eb("seats_taken", "-", 1) }))
      .where("id", "=", t.activityId)
      .where("seats_taken", ">", 0)
      .execute();
  }
}

/** The next place on the waiting list (the counter's row is locked until commit). */
async function nextPosition(trx: Kysely<DB>, t: SeatTarget): Promise<number> {
  if (t.sessionId) {
    await trx
      .updateTable("activity_sessions")
      .set((eb) => ({ waitlist_seq: eb("waitlist_seq", "+", 1) }))
      .where("id", "=", t.sessionId)
      .execute();
    const s = await trx
      .selectFrom("activity_sessions")
      .select("waitlist_seq")
      .where("id", "=", t.sessionId)
      .executeTakeFirstOrThrow();
    return Number(s.waitlist_seq);
  }
  await trx
    .updateTable("activities")
    .set((eb) => ({ waitlist_seq: eb("waitlist_seq", "+", 1) }))
    .where("id", "=", t.activityId)
    .execute();
  const a = await trx
    .selectFrom("activities")
    .select("waitlist_seq")
    .where("id", "=", t.activityId)
    .executeTakeFirstOrThrow();
  return Number(a.waitlist_seq);
}

const seatOf = (r: RegRow): SeatTarget => ({ activityId: r.activity_id, sessionId: r.session_id });

/**
 * A seat was given up: offered to the first on the waiting list for the
 * activity's offer hours (in the app and by mail to whoever registered
 * them, and a job to pass it on when the offer runs out), or freed when
 * nobody waits. The seat stays counted while it is offered.
 */
async function passSeatOn(
  trx: Kysely<DB>,
  deps: Deps,
  a: Actor | null,
  activity: ActivityRow,
  seat: SeatTarget,
  now: Date,
): Promise<RegRow | null> {
  for (let attempt = 0; attempt < 5; attempt++) {
    let q = trx
      .selectFrom("activity_registrations")
      .selectAll()
      .where("activity_id", "=", seat.activityId)
      .where("status", "=", "waitlisted");
    q = seat.sessionId ? q.where("session_id", "=", seat.sessionId) : q.where("session_id", "is", null);
    const next = await q.orderBy("position").orderBy("created_at").orderBy("id").limit(1).executeTakeFirst();
    if (!next) break;
    const until = new Date(now.getTime() + Number(activity.offer_hours) * 3600_000).toISOString();
    const moved = await trx
      .updateTable("activity_registrations")
      .set({ status: "offered", offered_until: until, updated_at: now.toISOString() })
      .where("id", "=", next.id)
      .where("status", "=", "waitlisted")
      .executeTakeFirst();
    // Another write took this one first: the next in line.
    if (Number(moved.numUpdatedRows) !== 1) continue;
    await enqueue(
      trx,
      offerExpiryJob,
      { registrationId: next.id },
      {
        runAfter: new Date(until),
        uniqueKey: `activities.offer:${next.id}:${until}`,
        provinceCode: activity.province_code,
      },
    );
    await tellOffered(trx, deps, activity, next, until);
    await auditAs(
      trx,
      a,
      scopeOf(activity),
      { action: "activities.registration.offer", type: "activity_registration", id: next.id },
      { activityId: activity.id, name: next.name, offeredUntil: until },
    );
    return { ...next, status: "offered", offered_until: until };
  }
  await freeSeat(trx, seat);
  return null;
}

/** What the mails and notifications of a registration need of it. */
type Told = Pick<RegRow, "id" | "name" | "person_id" | "registered_by" | "email" | "lang" | "status_token">;

/** The status page of a public registrant (the token in the fragment, never sent to a server). */
export const registrationStatusLink = (origin: string, token: string) => `${origin}/registration#${token}`;

/**
 * The site's address for links in these mails, as siteOrigin() of the
 * applications module gives it: PUBLIC_URL, else the address the server is
 * set to listen on, never a request's Host header. Taken from the config
 * rather than a request because offers are also mailed by the expiry job.
 */
export function mailOrigin(deps: Deps): string {
  const { publicUrl, host, port } = deps.config;
  if (publicUrl) return publicUrl;
  const h = host === "0.0.0.0" || host === "::" ? "localhost" : host.includes(":") ? `[${host}]` : host;
  return `http://${h}:${port}`;
}

/**
 * Whom to tell about a registration: the user who registered the person, in
 * the app, and by mail the person's own address when the directory or the
 * public form has one, else that user. Public registrants' links go to their
 * status page, the others' to the activity in the app.
 */
async function recipientsOf(trx: Kysely<DB>, deps: Deps, activity: ActivityRow, reg: Told) {
  const user = reg.registered_by
    ? await trx
        .selectFrom("users")
        .select(["id", "email", "locale", "active"])
        .where("id", "=", reg.registered_by)
        .executeTakeFirst()
    : undefined;
  const live = user && Number(user.active) === 1 ? user : null;
  const own = reg.person_id
    ? ((await trx.selectFrom("actors").select("email").where("id", "=", reg.person_id).executeTakeFirst())?.email ??
      null)
    : reg.email;
  const lang: Lang = (live ? live.locale : reg.lang) === "en" ? "en" : "fa";
  const origin = mailOrigin(deps);
  const appLink = `/activities/${activity.id}`;
  return {
    user: live,
    appLink,
    mail: own || live?.email ? { to: (own || live?.email) as string, lang } : null,
    mailLink: reg.status_token ? registrationStatusLink(origin, reg.status_token) : `${origin}${appLink}`,
  };
}

/** The offer in the app (to whoever registered the person) and by mail (to the person when known). */
async function tellOffered(trx: Kysely<DB>, deps: Deps, activity: ActivityRow, reg: Told, until: string) {
  const to = await recipientsOf(trx, deps, activity, reg);
  const params = { activity: activity.title, name: reg.name, until: until.slice(0, 16).replace("T", " ") };
  if (to.user) await notify(trx, to.user.id, "activity_seat_offered", params, to.appLink);
  if (to.mail) {
    await queueMail(trx, deps, {
      to: to.mail.to,
      lang: to.mail.lang,
      template: "activity_seat_offered",
      params: { ...params, link: to.mailLink },
      provinceCode: activity.province_code,
    });
  }
}

/** An activity's days and place as a mail says them, in the mail's language. */
function whenAndWhere(activity: ActivityRow, lang: Lang) {
  const day = (iso: string) => (lang === "fa" ? isoToJalaliFa(iso) : (isoToJalali(iso) ?? iso));
  const dates =
    activity.start_date === activity.end_date
      ? day(activity.start_date)
      : `${day(activity.start_date)} – ${day(activity.end_date)}`;
  const where = [activity.place, Number(activity.online) === 1 ? activity.online_link : null].filter(Boolean);
  return { dates, where: where.length > 0 ? where.join(" · ") : "—" };
}

/**
 * The registration is accepted (registered on a free seat, accepted by the
 * manager, an offer taken): in the app to whoever registered the person, by
 * mail with the days, the place or link and the status page's link.
 */
async function tellConfirmed(trx: Kysely<DB>, deps: Deps, activity: ActivityRow, reg: Told) {
  const to = await recipientsOf(trx, deps, activity, reg);
  const params = { activity: activity.title, name: reg.name };
  if (to.user) await notify(trx, to.user.id, "activity_registration_confirmed", params, to.appLink);
  if (to.mail) {
    await queueMail(trx, deps, {
      to: to.mail.to,
      lang: to.mail.lang,
      template: "activity_registration_confirmed",
      params: { ...params, ...whenAndWhere(activity, to.mail.lang), link: to.mailLink },
      provinceCode: activity.province_code,
    });
  }
}

/**
 * Seats that are free while people wait (the capacity of the activity or a
 * session was raised) are offered in waiting order, one per seat, as a seat
 * given back is: each is taken for the offer, and passSeatOn frees it again
 * when nobody is left waiting. Nothing for an activity no longer planned.
 */
export async function offerFreeSeats(trx: Kysely<DB>, deps: Deps, a: Actor, activityId: string): Promise<number> {
  const activity = await trx.selectFrom("activities").selectAll().where("id", "=", activityId).executeTakeFirst();
  if (activity?.status !== "planned") return 0;
  const sessions = await trx
    .selectFrom("activity_sessions")
    .select("id")
    .where("activity_id", "=", activityId)
    .execute();
  const now = new Date();
  let offers = 0;
  for (const sessionId of [null, ...sessions.map((x) => x.id)]) {
    const seat = { activityId, sessionId };
    while (await takeSeat(trx, seat)) {
      if (!(await passSeatOn(trx, deps, a, activity, seat, now))) break;
      offers++;
    }
  }
  return offers;
}

/** The place of a waiting registration in its line (1: next), counted on the (activity, status, position) index. */
export async function waitingPlace(db: Kysely<DB>, reg: RegRow): Promise<number | null> {
  if (reg.status !== "waitlisted" || reg.position === null) return null;
  let q = db
    .selectFrom("activity_registrations")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("activity_id", "=", reg.activity_id)
    .where("status", "=", "waitlisted")
    .where("position", "<", reg.position);
  q = reg.session_id ? q.where("session_id", "=", reg.session_id) : q.where("session_id", "is", null);
  return Number((await q.executeTakeFirstOrThrow()).n) + 1;
}

// ----------------------------------------------------------------- reads

export async function listRegistrations(
  deps: Deps,
  actor: Actor | null,
  activityId: string,
  q: z.infer<typeof RegistrationListQuery>,
): Promise<z.infer<typeof RegistrationsOut>> {
  const db = deps.database.db;
  const { a, row, manager } = await reachActivity(db, actor, activityId);
  // A member enterprise's users see their own staff's registrations only (on the enterprise index); others of the cluster none.
  const own = manager ? null : [...ownEnterprises(a, row.cluster_id)];
  if (own && own.length === 0) throw forbidden();
  let base = db.selectFrom("activity_registrations").where("activity_id", "=", activityId);
  if (own) base = base.where("enterprise_id", "in", own);
  if (q.status) base = base.where("status", "=", q.status);
  if (q.sessionId) base = base.where("session_id", "=", q.sessionId);
  const { rows, total } = await paginate(base, q, (b) =>
    // Waiting places after the seats of the same moment, the same on both engines (their nulls sort differently).
    b.selectAll().orderBy("created_at").orderBy(sql`coalesce(position, 0)`).orderBy("id"),
  );
  return { items: rows.map(toRegistration), total };
}

async function loadRegistration(db: Kysely<DB>, id: string): Promise<RegistrationDto> {
  return toRegistration(
    await db.selectFrom("activity_registrations").selectAll().where("id", "=", id).executeTakeFirstOrThrow(),
  );
}

// ----------------------------------------------------------------- writes

/** A new registration: who, and what the public form adds. */
export type NewRegistration = {
  personId: string | null;
  name: string;
  mobile: string | null;
  enterpriseId: string | null;
  email?: string | null;
  enterpriseName?: string | null;
  answers?: string | null;
  lang?: Lang | null;
  statusToken?: string | null;
};

/**
 * Places one registration of a live activity: pending on a moderated
 * activity, else a seat while one is left (confirmed at once), else the next
 * place on the waiting list. The caller has checked the person is not
 * registered yet; the unique indexes refuse a duplicate that raced it.
 */
export async function placeRegistration(
  trx: Kysely<DB>,
  deps: Deps,
  a: Actor,
  row: ActivityRow,
  sessionId: string | null,
  e: NewRegistration,
  now: string,
): Promise<{ id: string; status: string; position: number | null }> {
  const activityId = row.id;
  const seat = { activityId, sessionId };
  let status: string;
  let position: number | null = null;
  if (Number(row.moderated) === 1) status = "pending";
  else if (await takeSeat(trx, seat)) status = "accepted";
  else {
    status = "waitlisted";
    position = await nextPosition(trx, seat);
  }
  const id = randomUUID();
  const told = {
    id,
    name: e.name,
    person_id: e.personId,
    registered_by: a.via === "system" ? null : a.userId,
    email: e.email ?? null,
    lang: e.lang ?? null,
    status_token: e.statusToken ?? null,
  };
  try {
    await trx
      .insertInto("activity_registrations")
      .values({
        id,
        activity_id: activityId,
        cluster_id: row.cluster_id,
        session_id: sessionId,
        person_id: e.personId,
        name: e.name,
        mobile: e.mobile,
        enterprise_id: e.enterpriseId,
        status,
        reason: null,
        offered_until: null,
        position,
        registered_by: a.via === "system" ? null : a.userId,
        created_at: now,
        updated_at: now,
        checkin_code: newCheckinCode(),
        email: told.email,
        enterprise_name: e.enterpriseName ?? null,
        answers: e.answers ?? null,
        lang: told.lang,
        status_token: told.status_token,
      })
      .execute();
  } catch (err) {
    // Registered by another request at the same moment.
    if (isUniqueViolation(err)) throw conflict("already_registered");
    throw err;
  }
  if (status === "accepted") await tellConfirmed(trx, deps, row, told);
  return { id, status, position };
}

/**
 * Registers people for the activity (or one session): a manager anyone of
 * the directory they can see or a free name and mobile, a member's user the
 * staff of their own enterprise. Each takes a seat while one is left, and
 * goes to the waiting list after; on a moderated activity each is pending.
 * The whole batch is refused when one of them is already registered.
 */
export async function register(
  deps: Deps,
  actor: Actor | null,
  activityId: string,
  input: z.infer<typeof RegistrationInput>,
): Promise<z.infer<typeof RegistrationBatchOut>> {
  const ids = await deps.database.db.transaction().execute(async (trx) => {
    const { a, row, scope, manager } = await reachActivity(trx, actor, activityId);
    const own = ownEnterprises(a, row.cluster_id);
    if (!manager && own.size === 0) throw forbidden();
    if (row.status !== "planned") throw badRequest("activity_closed");
    const sessionId = input.sessionId ?? null;
    if (sessionId) {
      const s = await trx
        .selectFrom("activity_sessions")
        .select("id")
        .where("id", "=", sessionId)
        .where("activity_id", "=", activityId)
        .executeTakeFirst();
      if (!s) throw fieldError("unknown_session", "sessionId");
    }

    // Who they are: the directory's people (their name and enterprise), or free names.
    const personIds = input.people.flatMap((p) => ("personId" in p ? [p.personId] : []));
    const people = new Map(
      personIds.length === 0
        ? []
        : (
            await trx
              .selectFrom("people")
              .innerJoin("actors", "actors.id", "people.id")
              .select(["people.id", "people.enterprise_id", "actors.name", "actors.mobile"])
              .where("people.id", "in", [...new Set(personIds)])
              .execute()
          ).map((p) => [p.id, p]),
    );
    const seen = new Set<string>();
    const entries: { personId: string | null; name: string; mobile: string | null; enterpriseId: string | null }[] = [];
    for (const [i, p] of input.people.entries()) {
      if ("personId" in p) {
        const person = people.get(p.personId);
        const mine = !!person?.enterprise_id && own.has(person.enterprise_id);
        if (!person || (!mine && !(manager && (await personVisible(trx, a, p.personId))))) {
          throw fieldError("unknown_person", `people.${i}.personId`);
        }
        if (seen.has(p.personId)) throw fieldError("already_registered", `people.${i}.personId`);
        seen.add(p.personId);
        entries.push({
          personId: p.personId,
          name: person.name,
          mobile: person.mobile,
          enterpriseId: person.enterprise_id,
        });
      } else {
        // Walk-ins and public names: the cluster's office only.
        if (!manager) throw forbidden();
        if (seen.has(`m:${p.mobile}`)) throw fieldError("already_registered", `people.${i}.mobile`);
        seen.add(`m:${p.mobile}`);
        entries.push({ personId: null, name: p.name, mobile: p.mobile, enterpriseId: null });
      }
    }
    const taken = await trx
      .selectFrom("activity_registrations")
      .select(["person_id", "mobile"])
      .where("activity_id", "=", activityId)
      .where("status", "in", [...LIVE])
      .where((eb) =>
        eb.or([
          ...(personIds.length > 0 ? [eb("person_id", "in", personIds)] : []),
          ...entries.flatMap((e) =>
            e.personId === null && e.mobile ? [eb.and([eb("person_id", "is", null), eb("mobile", "=", e.mobile)])] : [],
          ),
        ]),
      )
      .execute();
    if (taken.length > 0) {
      const i = entries.findIndex((e) =>
        taken.some((t) => (e.personId ? t.person_id === e.personId : !t.person_id && t.mobile === e.mobile)),
      );
      throw new AppError(409, "already_registered", {}, [{ path: `body.people.${Math.max(i, 0)}` }]);
    }

    const now = nowIso();
    const out: string[] = [];
    for (const e of entries) {
      const { id, status, position } = await placeRegistration(trx, deps, a, row, sessionId, e, now);
      await audit(
        trx,
        a,
        scope,
        { action: "activities.registration.create", type: "activity_registration", id },
        { activityId, sessionId, name: e.name, personId: e.personId, status, position },
      );
      out.push(id);
    }
    return out;
  });
  const db = deps.database.db;
  const rows = await db.selectFrom("activity_registrations").selectAll().where("id", "in", ids).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { items: ids.map((id) => toRegistration(byId.get(id) as RegRow)) };
}

/**
 * Cancels a live registration (the person leaves the activity or the
 * waiting list). A seat it held is offered to the next on the list.
 */
export async function cancelRegistration(
  deps: Deps,
  actor: Actor | null,
  id: string,
  reason: string | null,
): Promise<RegistrationDto> {
  await deps.database.db.transaction().execute(async (trx) => {
    const { a, reg, row } = await reachRegistration(trx, actor, id);
    await withdraw(trx, deps, a, reg, row, reason);
  });
  return loadRegistration(deps.database.db, id);
}

/**
 * The cancellation itself, by the caller who may (a null actor: the
 * registrant on the status page): the seat it held goes to the next waiting.
 */
export async function withdraw(
  trx: Kysely<DB>,
  deps: Deps,
  a: Actor | null,
  reg: RegRow,
  row: ActivityRow,
  reason: string | null,
): Promise<void> {
  const id = reg.id;
  if (!(LIVE as readonly string[]).includes(reg.status)) throw conflict("registration_not_live");
  const now = new Date();
  const done = await trx
    .updateTable("activity_registrations")
    .set({ status: "cancelled", reason: reason?.trim() || null, offered_until: null, updated_at: now.toISOString() })
    .where("id", "=", id)
    .where("status", "=", reg.status)
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) !== 1) throw conflict("registration_not_live");
  const offered = HOLDS_SEAT.has(reg.status) ? await passSeatOn(trx, deps, a, row, seatOf(reg), now) : null;
  await auditAs(
    trx,
    a,
    scopeOf(row),
    { action: "activities.registration.cancel", type: "activity_registration", id },
    { activityId: reg.activity_id, name: reg.name, was: reg.status, offeredTo: offered?.id ?? null },
  );
}

/** Takes an offered seat while the offer lasts (400 `offer_expired` after). */
export async function acceptOffer(deps: Deps, actor: Actor | null, id: string): Promise<RegistrationDto> {
  await deps.database.db.transaction().execute(async (trx) => {
    const { a, reg, row } = await reachRegistration(trx, actor, id);
    await takeOffer(trx, deps, a, reg, row);
  });
  return loadRegistration(deps.database.db, id);
}

/** Taking the offered seat itself (a null actor: the registrant on the status page), confirmed as any acceptance. */
export async function takeOffer(
  trx: Kysely<DB>,
  deps: Deps,
  a: Actor | null,
  reg: RegRow,
  row: ActivityRow,
): Promise<void> {
  const id = reg.id;
  if (reg.status !== "offered") throw conflict("registration_not_offered");
  const now = nowIso();
  if (!reg.offered_until || reg.offered_until <= now) throw badRequest("offer_expired");
  const done = await trx
    .updateTable("activity_registrations")
    .set({ status: "accepted", offered_until: null, position: null, updated_at: now })
    .where("id", "=", id)
    .where("status", "=", "offered")
    .where("offered_until", ">", now)
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) !== 1) throw badRequest("offer_expired");
  await tellConfirmed(trx, deps, row, reg);
  await auditAs(
    trx,
    a,
    scopeOf(row),
    { action: "activities.registration.accept_offer", type: "activity_registration", id },
    { activityId: reg.activity_id, name: reg.name },
  );
}

/**
 * A manager's decision on a pending registration: accepted takes a seat
 * (or the waiting list when none is left), rejected needs a reason.
 */
export async function decideRegistration(
  deps: Deps,
  actor: Actor | null,
  id: string,
  input: { decision: "accept" | "reject"; reason?: string | null },
): Promise<RegistrationDto> {
  await deps.database.db.transaction().execute(async (trx) => {
    const { a, reg, row, scope } = await reachRegistration(trx, actor, id, true);
    if (reg.status !== "pending") throw conflict("registration_not_pending");
    const reason = input.reason?.trim() || null;
    if (input.decision === "reject" && !reason) throw fieldError("reason_required", "reason");
    let status = "rejected";
    let position: number | null = null;
    if (input.decision === "accept") {
      if (await takeSeat(trx, seatOf(reg))) status = "accepted";
      else {
        status = "waitlisted";
        position = await nextPosition(trx, seatOf(reg));
      }
    }
    const done = await trx
      .updateTable("activity_registrations")
      .set({ status, reason, position, updated_at: nowIso() })
      .where("id", "=", id)
      .where("status", "=", "pending")
      .executeTakeFirst();
    // Decided by another request first: this one's seat goes back with the rollback.
    if (Number(done.numUpdatedRows) !== 1) throw conflict("registration_not_pending");
    if (status === "accepted") await tellConfirmed(trx, deps, row, reg);
    await audit(
      trx,
      a,
      scope,
      { action: "activities.registration.decide", type: "activity_registration", id },
      { activityId: reg.activity_id, name: reg.name, decision: input.decision, status, reason },
    );
  });
  return loadRegistration(deps.database.db, id);
}

/**
 * The offer expiry job's work: an offer whose time has passed (by `now`)
 * is cancelled and its seat passed to the next on the waiting list. An offer
 * taken, cancelled or not yet expired is left alone. Returns whether it expired.
 */
export async function expireOffer(deps: Deps, registrationId: string, now = new Date()): Promise<boolean> {
  return deps.database.db.transaction().execute(async (trx) => {
    const reg = await trx
      .selectFrom("activity_registrations")
      .selectAll()
      .where("id", "=", registrationId)
      .executeTakeFirst();
    if (reg?.status !== "offered" || !reg.offered_until || reg.offered_until > now.toISOString()) return false;
    const done = await trx
      .updateTable("activity_registrations")
      .set({ status: "cancelled", reason: "offer_expired", offered_until: null, updated_at: now.toISOString() })
      .where("id", "=", registrationId)
      .where("status", "=", "offered")
      .where("offered_until", "<=", now.toISOString())
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) return false;
    const activity = await trx
      .selectFrom("activities")
      .selectAll()
      .where("id", "=", reg.activity_id)
      .executeTakeFirstOrThrow();
    const next = await passSeatOn(trx, deps, SYSTEM_ACTOR, activity, seatOf(reg), now);
    await audit(
      trx,
      SYSTEM_ACTOR,
      scopeOf(activity),
      { action: "activities.registration.offer_expire", type: "activity_registration", id: registrationId },
      { activityId: activity.id, name: reg.name, offeredTo: next?.id ?? null },
    );
    return true;
  });
}
