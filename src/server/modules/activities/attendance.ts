/**
 * Check-in at an activity: a session's list of accepted registrations with
 * who has come, searched by name (normalised Persian) or mobile digits; a
 * person checked in from the list or by the code scanned from their ticket's
 * QR, with the hours attended (by default the session's length, or the
 * training's hours shared by its sessions); a check-in's hours changed or
 * undone; walk-ins added at the door by the manager, flagged, past the
 * capacity. Every attendance row written or removed moves the beneficiary
 * figures in the same transaction (beneficiaries.ts), and is audited.
 *
 * The ticket of a registration is its private check-in code and that
 * code's QR, for the manager and the users of the person's enterprise.
 */
import { randomUUID } from "node:crypto";
import { type Kysely, type Selectable, sql, type Transaction } from "kysely";
import QRCode from "qrcode";
import type { z } from "zod";
import { compactFa, toAsciiDigits } from "../../../core/normalize";
import { type Actor, can } from "../../../core/permissions";
import type {
  CheckInInput,
  CheckInListOut,
  CheckInListQuery,
  CheckInRow,
  CheckInUpdateInput,
  TicketOut,
  WalkInInput,
} from "../../../core/schemas/activities";
import { type Deps, nowIso } from "../../context";
import type { DB } from "../../db/schema";
import { badRequest, conflict, fieldError, forbidden } from "../../errors";
import { authorizeRecord, found } from "../../services/load";
import { isUniqueViolation } from "../applications/shared";
import { auditOnCluster as audit } from "../audit/service";
import { personVisible } from "./activities";
import { applyAttendanceToBeneficiaries } from "./beneficiaries";
import { newCheckinCode } from "./checkin-code";
import type { ActivitiesTable, ActivitySessionsTable } from "./migrations/tables";

export type CheckInRowDto = z.infer<typeof CheckInRow>;
export type TicketDto = z.infer<typeof TicketOut>;
type ActivityRow = Selectable<ActivitiesTable>;
type SessionRow = Selectable<ActivitySessionsTable>;

export { newCheckinCode } from "./checkin-code";

const LIVE = ["pending", "accepted", "waitlisted", "offered"] as const;

const scopeOf = (r: ActivityRow) => ({ provinceCode: r.province_code, clusterId: r.cluster_id });

/** The activity (404 when missing or unreadable; 403 without activities.manage when `manage`). */
async function reachActivity(db: Kysely<DB>, actor: Actor | null, id: string, manage: boolean) {
  const row = found(await db.selectFrom("activities").selectAll().where("id", "=", id).executeTakeFirst());
  const scope = scopeOf(row);
  const a = authorizeRecord(actor, scope, "activities.read", manage ? "activities.manage" : undefined);
  return { a, row, scope };
}

/**
 * The session a check-in is for: one of the activity's when it has sessions
 * (400 `unknown_session` for another's or none), none when it has not.
 */
async function sessionFor(
  db: Kysely<DB>,
  activityId: string,
  sessionId: string | null | undefined,
  path: string,
): Promise<{ session: SessionRow | null; sessionCount: number }> {
  const sessions = await db.selectFrom("activity_sessions").selectAll().where("activity_id", "=", activityId).execute();
  if (sessionId) {
    const session = sessions.find((s) => s.id === sessionId);
    if (!session) throw fieldError("unknown_session", path);
    return { session, sessionCount: sessions.length };
  }
  if (sessions.length > 0) throw fieldError("unknown_session", path);
  return { session: null, sessionCount: 0 };
}

/** The training's hours as recorded in its details (null for other kinds). */
export function trainingHours(activity: Pick<ActivityRow, "kind" | "details">): number | null {
  if (activity.kind !== "training") return null;
  const d = JSON.parse(activity.details) as { hours?: unknown };
  return typeof d.hours === "number" ? d.hours : null;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Hours a check-in counts unless the manager says otherwise: the session's
 * length from its times, else the training's hours shared by its sessions,
 * else nothing (a tour or a fair counts presence, not hours).
 */
export function defaultHours(activity: ActivityRow, session: SessionRow | null, sessionCount: number): number {
  if (session?.start_time && session.end_time) {
    const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
    const length = (minutes(session.end_time) - minutes(session.start_time)) / 60;
    if (length > 0) return round2(length);
  }
  const hours = trainingHours(activity);
  if (hours === null) return 0;
  return round2(sessionCount > 0 ? hours / sessionCount : hours);
}

/** The check-in rows of the given registrations, in the session, in the order given. */
async function checkInRows(db: Kysely<DB>, registrationIds: string[], sessionId: string | null) {
  if (registrationIds.length === 0) return [];
  const rows = await db
    .selectFrom("activity_registrations as r")
    .leftJoin("activity_attendances as at", (j) =>
      j
        .onRef("at.registration_id", "=", "r.id")
        .on((eb) => (sessionId ? eb("at.session_id", "=", sessionId) : eb("at.session_id", "is", null))),
    )
    .leftJoin("actors as e", "e.id", "r.enterprise_id")
    .select([
      "r.id",
      "r.name",
      "r.mobile",
      "r.walk_in",
      "e.name as enterprise_name",
      "at.id as attendance_id",
      "at.hours",
      "at.walk_in as attendance_walk_in",
      "at.checked_in_at",
    ])
    .where("r.id", "in", registrationIds)
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return registrationIds.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const row: CheckInRowDto = {
      registrationId: r.id,
      name: r.name,
      mobile: r.mobile,
      enterpriseName: r.enterprise_name ?? null,
      checkedIn: r.attendance_id !== null,
      hours: r.hours === null ? null : Number(r.hours),
      walkIn: Number(r.walk_in) === 1 || Number(r.attendance_walk_in ?? 0) === 1,
      checkedInAt: r.checked_in_at ?? null,
    };
    return [row];
  });
}

async function checkInRow(db: Kysely<DB>, registrationId: string, sessionId: string | null) {
  const [row] = await checkInRows(db, [registrationId], sessionId);
  return found(row);
}

/** Accepted registrations of the activity that a session's list holds: the whole activity's and the session's. */
function listBase(db: Kysely<DB>, activityId: string, sessionId: string | null) {
  let base = db
    .selectFrom("activity_registrations as r")
    .where("r.activity_id", "=", activityId)
    .where("r.status", "=", "accepted");
  if (sessionId) base = base.where((eb) => eb.or([eb("r.session_id", "is", null), eb("r.session_id", "=", sessionId)]));
  return base;
}

/** Whether a name or mobile matches the search: the name in normalised Persian without spaces, the mobile by digits. */
function matcher(q: string) {
  const name = compactFa(q);
  const digits = toAsciiDigits(q).replace(/\D/g, "");
  return (r: { name: string; mobile: string | null }) =>
    (name.length > 0 && compactFa(r.name).includes(name)) || (digits.length > 0 && !!r.mobile?.includes(digits));
}

/** A session's check-in list (managers): paged, searched, with its counts. */
export async function checkInList(
  deps: Deps,
  actor: Actor | null,
  activityId: string,
  query: z.infer<typeof CheckInListQuery>,
): Promise<z.infer<typeof CheckInListOut>> {
  const db = deps.database.db;
  await reachActivity(db, actor, activityId, true);
  const { session } = await sessionFor(db, activityId, query.session, "session");
  const sessionId = session?.id ?? null;
  const base = listBase(db, activityId, sessionId);
  const offset = (query.page - 1) * query.pageSize;

  let ids: string[];
  let total: number;
  const q = query.q?.trim();
  if (q) {
    // Names are stored as typed; the search compares them normalised. One activity's accepted
    // registrations (at most its capacity, thousands for a conference) are read through the
    // activity's index and matched here, the same on both engines.
    const match = matcher(q);
    const all = await base
      .select(["r.id", "r.name", "r.mobile"])
      .orderBy("r.created_at")
      .orderBy("r.name")
      .orderBy("r.id")
      .execute();
    const hits = all.filter(match);
    total = hits.length;
    ids = hits.slice(offset, offset + query.pageSize).map((r) => r.id);
  } else {
    const [page, count] = await Promise.all([
      base
        .select("r.id")
        .orderBy("r.created_at")
        .orderBy("r.name")
        .orderBy("r.id")
        .limit(query.pageSize)
        .offset(offset)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    ]);
    ids = page.map((r) => r.id);
    total = Number(count.n);
  }
  const registered = q
    ? Number((await base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n)
    : total;
  const attended = await db
    .selectFrom("activity_attendances")
    .select((eb) => [
      eb.fn.countAll<number>().as("n"),
      eb.fn.sum<number>(sql`case when walk_in = 1 then 1 else 0 end`).as("walk_ins"),
    ])
    .where("activity_id", "=", activityId)
    .where((eb) => (sessionId ? eb("session_id", "=", sessionId) : eb("session_id", "is", null)))
    .executeTakeFirstOrThrow();
  return {
    items: await checkInRows(db, ids, sessionId),
    total,
    page: query.page,
    pageSize: query.pageSize,
    counts: { registered, checkedIn: Number(attended.n), walkIns: Number(attended.walk_ins ?? 0) },
  };
}

/**
 * Records one attendance row (nothing when the registration is checked in
 * for the session already) and moves the beneficiary figures with it.
 * ON CONFLICT DO NOTHING: a second scan at the same moment waits for the
 * first and leaves its row (on PostgreSQL a failed insert would abort the
 * transaction). Returns whether a row was written.
 */
async function insertAttendance(
  trx: Transaction<DB>,
  a: Actor,
  activity: ActivityRow,
  registrationId: string,
  sessionId: string | null,
  hours: number,
  walkIn: boolean,
): Promise<boolean> {
  const id = randomUUID();
  await trx
    .insertInto("activity_attendances")
    .values({
      id,
      activity_id: activity.id,
      cluster_id: activity.cluster_id,
      registration_id: registrationId,
      session_id: sessionId,
      hours,
      walk_in: walkIn ? 1 : 0,
      checked_in_at: nowIso(),
      checked_in_by: a.via === "system" ? null : a.userId,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const row = await trx.selectFrom("activity_attendances").select("id").where("id", "=", id).executeTakeFirst();
  if (!row) return false;
  await applyAttendanceToBeneficiaries(trx, { registrationId, attended: true });
  return true;
}

/**
 * Checks a registration in (by its id or its ticket's code) for a session:
 * it must be accepted in this activity, for the whole activity or that
 * session (else 400 `not_registered`). A second check-in answers the first.
 */
export async function checkIn(
  deps: Deps,
  actor: Actor | null,
  activityId: string,
  input: z.infer<typeof CheckInInput>,
): Promise<{ row: CheckInRowDto; created: boolean }> {
  return deps.database.db.transaction().execute(async (trx) => {
    const { a, row: activity, scope } = await reachActivity(trx, actor, activityId, true);
    if (activity.status === "cancelled") throw badRequest("activity_closed");
    const { session, sessionCount } = await sessionFor(trx, activityId, input.sessionId, "sessionId");
    const sessionId = session?.id ?? null;
    let q = trx
      .selectFrom("activity_registrations")
      .select(["id", "name", "status", "session_id", "walk_in"])
      .where("activity_id", "=", activityId);
    q = input.code ? q.where("checkin_code", "=", input.code) : q.where("id", "=", input.registrationId ?? "");
    const reg = await q.executeTakeFirst();
    if (reg?.status !== "accepted" || (reg.session_id !== null && reg.session_id !== sessionId)) {
      throw fieldError("not_registered", input.code ? "code" : "registrationId");
    }
    const hours = input.hours ?? defaultHours(activity, session, sessionCount);
    const created = await insertAttendance(trx, a, activity, reg.id, sessionId, hours, Number(reg.walk_in) === 1);
    if (created) {
      await audit(
        trx,
        a,
        scope,
        { action: "activities.attendance.check_in", type: "activity_registration", id: reg.id },
        { activityId, sessionId, name: reg.name, hours, by: input.code ? "code" : "list" },
      );
    }
    return { row: await checkInRow(trx, reg.id, sessionId), created };
  });
}

/** The registration of this activity (404 when it is another's). */
async function registrationIn(db: Kysely<DB>, activityId: string, registrationId: string) {
  return found(
    await db
      .selectFrom("activity_registrations")
      .select(["id", "name"])
      .where("id", "=", registrationId)
      .where("activity_id", "=", activityId)
      .executeTakeFirst(),
  );
}

/** Changes the hours of a check-in (400 `not_checked_in` when there is none for the session). */
export async function updateCheckIn(
  deps: Deps,
  actor: Actor | null,
  activityId: string,
  registrationId: string,
  input: z.infer<typeof CheckInUpdateInput>,
): Promise<CheckInRowDto> {
  return deps.database.db.transaction().execute(async (trx) => {
    const { a, scope } = await reachActivity(trx, actor, activityId, true);
    const { session } = await sessionFor(trx, activityId, input.sessionId, "sessionId");
    const sessionId = session?.id ?? null;
    const reg = await registrationIn(trx, activityId, registrationId);
    const before = await trx
      .selectFrom("activity_attendances")
      .select(["id", "hours"])
      .where("registration_id", "=", registrationId)
      .where((eb) => (sessionId ? eb("session_id", "=", sessionId) : eb("session_id", "is", null)))
      .executeTakeFirst();
    if (!before) throw badRequest("not_checked_in");
    await trx.updateTable("activity_attendances").set({ hours: input.hours }).where("id", "=", before.id).execute();
    await audit(
      trx,
      a,
      scope,
      { action: "activities.attendance.update", type: "activity_registration", id: registrationId },
      { activityId, sessionId, name: reg.name, hours: { from: Number(before.hours), to: input.hours } },
    );
    return checkInRow(trx, registrationId, sessionId);
  });
}

/** Undoes a check-in (nothing to undo: nothing changes). The beneficiary figures follow. */
export async function undoCheckIn(
  deps: Deps,
  actor: Actor | null,
  activityId: string,
  registrationId: string,
  session: string | undefined,
): Promise<void> {
  await deps.database.db.transaction().execute(async (trx) => {
    const { a, scope } = await reachActivity(trx, actor, activityId, true);
    const s = await sessionFor(trx, activityId, session, "session");
    const sessionId = s.session?.id ?? null;
    const reg = await registrationIn(trx, activityId, registrationId);
    const gone = await trx
      .deleteFrom("activity_attendances")
      .where("registration_id", "=", registrationId)
      .where((eb) => (sessionId ? eb("session_id", "=", sessionId) : eb("session_id", "is", null)))
      .returning(["hours"])
      .executeTakeFirst();
    if (!gone) return;
    const left = await trx
      .selectFrom("activity_attendances")
      .select("id")
      .where("registration_id", "=", registrationId)
      .limit(1)
      .executeTakeFirst();
    await applyAttendanceToBeneficiaries(trx, { registrationId, attended: !!left });
    await audit(
      trx,
      a,
      scope,
      { action: "activities.attendance.undo", type: "activity_registration", id: registrationId },
      { activityId, sessionId, name: reg.name, hours: Number(gone.hours) },
    );
  });
}

/**
 * Adds someone who came without registering (managers only): a person of
 * the directory the manager can see, or a free name and mobile (with their
 * enterprise, a member of the cluster). An accepted registration flagged as
 * a walk-in, past the capacity (the seat is counted, so the counter stays
 * true when it is cancelled), checked in at once. Someone registered and
 * still live is checked in from the list instead (409 `already_registered`).
 */
export async function walkIn(
  deps: Deps,
  actor: Actor | null,
  activityId: string,
  input: z.infer<typeof WalkInInput>,
): Promise<CheckInRowDto> {
  return deps.database.db.transaction().execute(async (trx) => {
    const { a, row: activity, scope } = await reachActivity(trx, actor, activityId, true);
    if (activity.status === "cancelled") throw badRequest("activity_closed");
    const { session, sessionCount } = await sessionFor(trx, activityId, input.sessionId, "sessionId");
    const sessionId = session?.id ?? null;

    let who: { personId: string | null; name: string; mobile: string | null; enterpriseId: string | null };
    if (input.personId) {
      const p = await trx
        .selectFrom("people")
        .innerJoin("actors", "actors.id", "people.id")
        .select(["people.id", "people.enterprise_id", "actors.name", "actors.mobile"])
        .where("people.id", "=", input.personId)
        .executeTakeFirst();
      if (!p || !(await personVisible(trx, a, p.id))) throw fieldError("unknown_person", "personId");
      who = { personId: p.id, name: p.name, mobile: p.mobile, enterpriseId: p.enterprise_id };
    } else {
      if (input.enterpriseId) {
        const e = await trx
          .selectFrom("cluster_actors")
          .select("actor_id")
          .where("cluster_id", "=", activity.cluster_id)
          .where("actor_id", "=", input.enterpriseId)
          .where("kind", "=", "enterprise")
          .where("status", "=", "member")
          .executeTakeFirst();
        if (!e) throw fieldError("unknown_enterprise", "enterpriseId");
      }
      who = {
        personId: null,
        name: input.name ?? "",
        mobile: input.mobile ?? null,
        enterpriseId: input.enterpriseId ?? null,
      };
    }
    const live = await trx
      .selectFrom("activity_registrations")
      .select("id")
      .where("activity_id", "=", activityId)
      .where("status", "in", [...LIVE])
      .where((eb) =>
        who.personId
          ? eb("person_id", "=", who.personId)
          : eb.and([eb("person_id", "is", null), eb("mobile", "=", who.mobile ?? "")]),
      )
      .executeTakeFirst();
    if (live) throw conflict("already_registered");

    const id = randomUUID();
    const now = nowIso();
    try {
      await trx
        .insertInto("activity_registrations")
        .values({
          id,
          activity_id: activityId,
          cluster_id: activity.cluster_id,
          session_id: sessionId,
          person_id: who.personId,
          name: who.name,
          mobile: who.mobile,
          enterprise_id: who.enterpriseId,
          status: "accepted",
          reason: null,
          offered_until: null,
          position: null,
          registered_by: a.via === "system" ? null : a.userId,
          created_at: now,
          updated_at: now,
          checkin_code: newCheckinCode(),
          walk_in: 1,
        })
        .execute();
    } catch (err) {
      // Added by another request at the same moment.
      if (isUniqueViolation(err)) throw conflict("already_registered");
      throw err;
    }
    // Past the capacity on purpose: the seat is counted so that a cancellation frees what it took.
    if (sessionId) {
      await trx
        .updateTable("activity_sessions")
        .set((eb) => ({ seats_taken: eb("seats_taken", "+", 1) }))
        .where("id", "=", sessionId)
        .execute();
    } else {
      await trx
        .updateTable("activities")
        .set((eb) => ({ seats_taken: eb("seats_taken", "+", 1) }))
        .where("id", "=", activityId)
        .execute();
    }
    const hours = input.hours ?? defaultHours(activity, session, sessionCount);
    await insertAttendance(trx, a, activity, id, sessionId, hours, true);
    await audit(
      trx,
      a,
      scope,
      { action: "activities.attendance.walk_in", type: "activity_registration", id },
      { activityId, sessionId, name: who.name, personId: who.personId, mobile: who.mobile, hours },
    );
    return checkInRow(trx, id, sessionId);
  });
}

// ----------------------------------------------------------------- tickets

/** A registration's ticket: its code, the code's QR as SVG, and what it is for. 404 when there is none. */
export async function ticketOf(db: Kysely<DB>, registrationId: string): Promise<TicketDto> {
  const r = found(
    await db
      .selectFrom("activity_registrations as r")
      .innerJoin("activities as act", "act.id", "r.activity_id")
      .leftJoin("activity_sessions as s", "s.id", "r.session_id")
      .select([
        "r.checkin_code",
        "r.name",
        "r.status",
        "act.title",
        "act.start_date",
        "act.end_date",
        "act.place",
        "s.starts_on",
        "s.place as session_place",
      ])
      .where("r.id", "=", registrationId)
      .executeTakeFirst(),
  );
  return {
    code: r.checkin_code,
    qrSvg: await QRCode.toString(r.checkin_code, { type: "svg", errorCorrectionLevel: "M", margin: 2 }),
    activityTitle: r.title,
    name: r.name,
    startDate: r.starts_on ?? r.start_date,
    endDate: r.starts_on ?? r.end_date,
    place: r.session_place ?? r.place,
    status: r.status as TicketDto["status"],
  };
}

/** GET /registrations/:id/ticket: for the cluster's managers and the users of the person's enterprise. */
export async function getTicket(deps: Deps, actor: Actor | null, registrationId: string): Promise<TicketDto> {
  const db = deps.database.db;
  const reg = found(
    await db
      .selectFrom("activity_registrations")
      .select(["activity_id", "enterprise_id"])
      .where("id", "=", registrationId)
      .executeTakeFirst(),
  );
  const { a, row, scope } = await reachActivity(db, actor, reg.activity_id, false);
  const own = a.grants.some(
    (g) =>
      g.role === "member" &&
      g.clusterId === row.cluster_id &&
      !!reg.enterprise_id &&
      g.enterpriseId === reg.enterprise_id,
  );
  if (!can(a, "activities.manage", scope) && !own) throw forbidden();
  return ticketOf(db, registrationId);
}
