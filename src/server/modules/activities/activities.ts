/**
 * A cluster's activities and their sessions: recorded, changed as a whole
 * (the sessions list replaces the activity's, ids kept), copied as a
 * template on new dates, removed; listed in the caller's reach and shown a
 * Jalali month at a time. Every write runs in one transaction with its audit
 * row. activitiesOfProgrammes() is what the action plan's roll-up reads.
 */

import { randomUUID } from "node:crypto";
import { type Kysely, type Selectable, sql } from "kysely";
import type { z } from "zod";
import {
  type ActivityKind,
  type ActivityStatus,
  jalaliMonthRange,
  shiftedCopy,
  withinDates,
} from "../../../core/activities";
import { todayIso } from "../../../core/jalali";
import { type Actor, can, type Scope } from "../../../core/permissions";
import { sumShares } from "../../../core/planning";
import type {
  ActivitiesOut,
  ActivityCopyInput,
  ActivityInputT,
  ActivityListQuery,
  ActivityOut,
  CalendarOut,
  SessionOut,
} from "../../../core/schemas/activities";
import { trimmedOrNull } from "../../../core/text";
import { requireActor } from "../../auth/authorize";
import { type Deps, nowIso } from "../../context";
import type { DB } from "../../db/schema";
import { badRequest, fieldError } from "../../errors";
import { diffFields, hasChanges } from "../../services/diff";
import { authorizeRecord, found } from "../../services/load";
import { paginate } from "../../services/paginate";
import { inScope } from "../../services/scope";
import { auditOnCluster as audit } from "../audit/service";
import { membershipsOf, scopesOf } from "../members/shared";
import {
  applyExhibitorsToBeneficiaries,
  beneficiaryScopeOf,
  rederiveActivityBeneficiaries,
  removeActivityBeneficiaries,
} from "./beneficiaries";
import { detachActivityFiles, filesOfActivity, removeStoredFiles } from "./files";
import type { ActivitiesTable, ActivitySessionsTable } from "./migrations/tables";
import { offerFreeSeats } from "./registrations";

export type ActivityDto = z.infer<typeof ActivityOut>;
type ActivityRow = Selectable<ActivitiesTable>;
type SessionRow = Selectable<ActivitySessionsTable>;
type ClusterScope = { provinceCode: string; clusterId: string };

const scopeOf = (r: ActivityRow): ClusterScope => ({ provinceCode: r.province_code, clusterId: r.cluster_id });

/** The cluster (404 when missing or unreadable; 403 without activities.manage when `manage`). */
async function reachCluster(db: Kysely<DB>, actor: Actor | null, clusterId: string, manage = false) {
  const c = found(
    await db.selectFrom("clusters").select(["id", "province_code"]).where("id", "=", clusterId).executeTakeFirst(),
  );
  const scope = { provinceCode: c.province_code, clusterId: c.id };
  return {
    a: authorizeRecord(actor, scope, "activities.read", manage ? "activities.manage" : undefined),
    scope,
  };
}

/** The activity (404 when missing or unreadable; 403 without activities.manage when `manage`). */
async function reachActivity(db: Kysely<DB>, actor: Actor | null, id: string, manage = false) {
  const row = found(await db.selectFrom("activities").selectAll().where("id", "=", id).executeTakeFirst());
  const scope = scopeOf(row);
  return {
    a: authorizeRecord(actor, scope, "activities.read", manage ? "activities.manage" : undefined),
    row,
    scope,
  };
}

// ----------------------------------------------------------------- rules

type Details = ActivityInputT["details"];

/**
 * The rules an activity keeps: its dates in order, its sessions inside them,
 * shares adding up to its cost, its programme, trainer and exhibitors known.
 */
async function checkActivity(
  trx: Kysely<DB>,
  actor: Actor,
  scope: ClusterScope,
  input: ActivityInputT,
  ownSessionIds: ReadonlySet<string>,
): Promise<void> {
  if (input.endDate < input.startDate) throw badRequest("end_before_start");
  input.sessions.forEach((s, i) => {
    if (!withinDates(s.startsOn, input)) throw fieldError("session_outside_activity", `sessions.${i}.startsOn`);
    if (s.startTime && s.endTime && s.endTime < s.startTime)
      throw fieldError("end_before_start", `sessions.${i}.endTime`);
    if (s.id && !ownSessionIds.has(s.id)) throw fieldError("unknown_session", `sessions.${i}.id`);
  });
  const ids = input.sessions.flatMap((s) => (s.id ? [s.id] : []));
  if (new Set(ids).size !== ids.length) throw badRequest("unknown_session");
  if (sumShares(input.shares) !== input.costRials) throw fieldError("activity_shares_mismatch", "shares");
  if (input.programmeId) {
    const p = await trx
      .selectFrom("planning_programmes")
      .select("id")
      .where("id", "=", input.programmeId)
      .where("cluster_id", "=", scope.clusterId)
      .executeTakeFirst();
    if (!p) throw fieldError("unknown_programme", "programmeId");
  }
  if (input.kind === "training" && input.details.trainerId) {
    if (!(await personVisible(trx, actor, input.details.trainerId))) {
      throw fieldError("unknown_trainer", "details.trainerId");
    }
  }
  if (input.kind === "exhibition") {
    const unique = [...new Set(input.details.enterpriseIds)];
    if (unique.length > 0) {
      const rows = await trx
        .selectFrom("cluster_actors")
        .select("actor_id")
        .where("cluster_id", "=", scope.clusterId)
        .where("kind", "=", "enterprise")
        .where("status", "=", "member")
        .where("actor_id", "in", unique)
        .execute();
      if (rows.length !== unique.length) throw fieldError("unknown_exhibitor", "details.enterpriseIds");
    }
  }
}

/** Whether the person is in the directory and the caller may read them (through any of their clusters'). */
export async function personVisible(db: Kysely<DB>, actor: Actor, personId: string): Promise<boolean> {
  const p = await db.selectFrom("people").select("enterprise_id").where("id", "=", personId).executeTakeFirst();
  if (!p) return false;
  const ids = p.enterprise_id ? [personId, p.enterprise_id] : [personId];
  const all = await membershipsOf(db, ids);
  const scopes: Scope[] = [
    ...scopesOf(all.get(personId) ?? [], p.enterprise_id),
    ...scopesOf(all.get(p.enterprise_id ?? "") ?? [], p.enterprise_id),
  ];
  return scopes.some((s) => can(actor, "person.read", s)) || can(actor, "person.read", {});
}

/** The kind's fields as stored: only those of its kind, exhibitors once each. */
function detailsOf(input: ActivityInputT): Details {
  if (input.kind === "exhibition") {
    return {
      ...input.details,
      areaM2: input.details.areaM2 ?? null,
      enterpriseIds: [...new Set(input.details.enterpriseIds)],
    };
  }
  if (input.kind === "training") return { ...input.details, trainerId: input.details.trainerId ?? null };
  return input.details;
}

function activityColumns(input: ActivityInputT) {
  return {
    kind: input.kind,
    title: input.title,
    description: trimmedOrNull(input.description),
    online: input.online ? 1 : 0,
    place: trimmedOrNull(input.place),
    online_link: input.onlineLink ?? null,
    start_date: input.startDate,
    end_date: input.endDate,
    programme_id: input.programmeId ?? null,
    organiser: trimmedOrNull(input.organiser),
    capacity: input.capacity ?? null,
    cost_rials: input.costRials,
    share_national: input.shares.national,
    share_province: input.shares.province,
    share_members: input.shares.members,
    share_others: input.shares.others,
    details: JSON.stringify(detailsOf(input)),
    status: input.status,
    moderated: input.moderated ? 1 : 0,
    offer_hours: input.offerHours,
  };
}

type SessionFields = ActivityInputT["sessions"][number];

/** Replaces the activity's sessions with the list: given ids are kept, the others removed. */
async function writeSessions(
  trx: Kysely<DB>,
  activityId: string,
  clusterId: string,
  sessions: readonly SessionFields[],
) {
  // A kept session keeps its seats and waiting list.
  const kept = new Map(
    (
      await trx
        .selectFrom("activity_sessions")
        .select(["id", "seats_taken", "waitlist_seq"])
        .where("activity_id", "=", activityId)
        .execute()
    ).map((s) => [s.id, s]),
  );
  await trx.deleteFrom("activity_sessions").where("activity_id", "=", activityId).execute();
  if (sessions.length === 0) return;
  await trx
    .insertInto("activity_sessions")
    .values(
      sessions.map((s, i) => ({
        id: s.id ?? randomUUID(),
        activity_id: activityId,
        cluster_id: clusterId,
        starts_on: s.startsOn,
        start_time: s.startTime ?? null,
        end_time: s.endTime ?? null,
        place: trimmedOrNull(s.place),
        capacity: s.capacity ?? null,
        position: i,
        seats_taken: Number((s.id && kept.get(s.id)?.seats_taken) ?? 0),
        waitlist_seq: Number((s.id && kept.get(s.id)?.waitlist_seq) ?? 0),
      })),
    )
    .execute();
}

// ----------------------------------------------------------------- reads

function toSession(s: SessionRow): z.infer<typeof SessionOut> {
  return {
    id: s.id,
    activityId: s.activity_id,
    startsOn: s.starts_on,
    startTime: s.start_time,
    endTime: s.end_time,
    place: s.place,
    capacity: s.capacity === null ? null : Number(s.capacity),
  };
}

type BriefRow = ActivityRow & { cluster_name: string };

function toBrief(r: BriefRow) {
  return {
    id: r.id,
    clusterId: r.cluster_id,
    clusterName: r.cluster_name,
    provinceCode: r.province_code,
    kind: r.kind as ActivityKind,
    title: r.title,
    online: Number(r.online) === 1,
    place: r.place,
    startDate: r.start_date,
    endDate: r.end_date,
    programmeId: r.programme_id,
    status: r.status as ActivityStatus,
    capacity: r.capacity === null ? null : Number(r.capacity),
  };
}

function briefs(db: Kysely<DB>) {
  return db
    .selectFrom("activities")
    .innerJoin("clusters", "clusters.id", "activities.cluster_id")
    .selectAll("activities")
    .select("clusters.name_fa as cluster_name");
}

async function sessionsOf(db: Kysely<DB>, activityId: string) {
  return db
    .selectFrom("activity_sessions")
    .selectAll()
    .where("activity_id", "=", activityId)
    .orderBy("activity_id")
    .orderBy("position")
    .execute();
}

export async function getActivity(deps: Deps, actor: Actor | null, id: string): Promise<ActivityDto> {
  const db = deps.database.db;
  const { a, row, scope } = await reachActivity(db, actor, id);
  const details = JSON.parse(row.details) as Record<string, unknown>;
  const trainerId = row.kind === "training" ? ((details.trainerId as string | null | undefined) ?? null) : null;
  const [cluster, sessions, programme, trainer, files] = await Promise.all([
    db.selectFrom("clusters").select("name_fa").where("id", "=", row.cluster_id).executeTakeFirstOrThrow(),
    sessionsOf(db, id),
    row.programme_id
      ? db.selectFrom("planning_programmes").select("title").where("id", "=", row.programme_id).executeTakeFirst()
      : undefined,
    trainerId ? db.selectFrom("actors").select("name").where("id", "=", trainerId).executeTakeFirst() : undefined,
    filesOfActivity(db, id),
  ]);
  return {
    ...toBrief({ ...row, cluster_name: cluster.name_fa }),
    description: row.description,
    onlineLink: row.online_link,
    programmeTitle: programme?.title ?? null,
    organiser: row.organiser,
    costRials: Number(row.cost_rials),
    shares: {
      national: Number(row.share_national),
      province: Number(row.share_province),
      members: Number(row.share_members),
      others: Number(row.share_others),
    },
    details: row.kind === "training" ? { ...details, trainerName: trainer?.name ?? null } : details,
    sessions: sessions.map(toSession),
    attachments: files,
    moderated: Number(row.moderated) === 1,
    offerHours: Number(row.offer_hours),
    seatsTaken: Number(row.seats_taken),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    can: { manage: can(a, "activities.manage", scope) },
  };
}

/** Activities the caller may read, filtered by cluster, province, kind, programme and dates (overlapping), by start date. */
export async function listActivities(
  deps: Deps,
  actor: Actor | null,
  q: z.infer<typeof ActivityListQuery>,
): Promise<z.infer<typeof ActivitiesOut>> {
  const a = requireActor(actor);
  let base = inScope(deps.database.db.selectFrom("activities"), a, "activities.read", {
    province: "activities.province_code",
    cluster: "activities.cluster_id",
  });
  if (q.clusterId) base = base.where("activities.cluster_id", "=", q.clusterId);
  if (q.provinceCode) base = base.where("activities.province_code", "=", q.provinceCode);
  if (q.kind) base = base.where("activities.kind", "=", q.kind);
  if (q.programmeId) base = base.where("activities.programme_id", "=", q.programmeId);
  if (q.from) base = base.where("activities.end_date", ">=", q.from);
  if (q.to) base = base.where("activities.start_date", "<=", q.to);
  if (q.open) base = base.where("activities.status", "=", "planned").where("activities.end_date", ">=", todayIso());
  if (q.registeredEnterprise) {
    const enterpriseId = q.registeredEnterprise;
    // Which activities an enterprise signed up for is its own business and its
    // clusters' offices': a member's user asks for their own enterprise (in the
    // clusters of that grant), anyone else only sees it in the clusters they manage.
    const ownIn = a.grants.flatMap((g) =>
      g.role === "member" && g.enterpriseId === enterpriseId && g.clusterId ? [g.clusterId] : [],
    );
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom("activity_registrations")
          .select("activity_registrations.id")
          .whereRef("activity_registrations.activity_id", "=", "activities.id")
          .where("activity_registrations.enterprise_id", "=", enterpriseId)
          .where("activity_registrations.status", "in", ["pending", "accepted", "waitlisted", "offered"]),
      ),
    );
    base =
      ownIn.length > 0
        ? base.where("activities.cluster_id", "in", ownIn)
        : inScope(base, a, "activities.manage", {
            province: "activities.province_code",
            cluster: "activities.cluster_id",
          });
  }
  const { rows, total } = await paginate(base, q, (b) =>
    b
      .innerJoin("clusters", "clusters.id", "activities.cluster_id")
      .selectAll("activities")
      .select("clusters.name_fa as cluster_name")
      .orderBy("activities.start_date")
      .orderBy("activities.id"),
  );
  // The waiting lists' lengths of this page only, one grouped read over the (activity, status) index.
  const ids = rows.map((r) => r.id);
  const waiting = new Map<string, number>();
  if (ids.length > 0) {
    const counts = await deps.database.db
      .selectFrom("activity_registrations")
      .select(["activity_id", (eb) => eb.fn.countAll<number | string>().as("n")])
      .where("activity_id", "in", ids)
      .where("status", "=", "waitlisted")
      .groupBy("activity_id")
      .execute();
    for (const c of counts) waiting.set(c.activity_id, Number(c.n));
  }
  return {
    items: rows.map((r) => ({ ...toBrief(r), seatsTaken: Number(r.seats_taken), waiting: waiting.get(r.id) ?? 0 })),
    total,
  };
}

/**
 * A cluster's Jalali month: the activities overlapping it and the sessions
 * held in it, one read each. `month` is the month's first day (ISO); any
 * other day answers 400 `not_month_start`.
 */
export async function getCalendar(
  deps: Deps,
  actor: Actor | null,
  clusterId: string,
  month: string,
): Promise<z.infer<typeof CalendarOut>> {
  const db = deps.database.db;
  await reachCluster(db, actor, clusterId);
  const range = jalaliMonthRange(month);
  if (!range) throw fieldError("not_month_start", "month");
  const [activities, sessions] = await Promise.all([
    briefs(db)
      .where("activities.cluster_id", "=", clusterId)
      .where("activities.start_date", "<=", range.to)
      .where("activities.end_date", ">=", range.from)
      .orderBy("activities.start_date")
      .orderBy("activities.id")
      .execute(),
    db
      .selectFrom("activity_sessions")
      .selectAll()
      .where("cluster_id", "=", clusterId)
      .where("starts_on", ">=", range.from)
      .where("starts_on", "<=", range.to)
      .orderBy("starts_on")
      // Sessions without a time first, on both engines (their nulls sort differently).
      .orderBy(sql`coalesce(start_time, '')`)
      .orderBy("id")
      .execute(),
  ]);
  return { ...range, activities: activities.map(toBrief), sessions: sessions.map(toSession) };
}

/**
 * The planning roll-up: per programme, its activities (cancelled ones left
 * out) and how many of them are done. Programmes without activities are
 * absent from the map. One grouped read over the programme index.
 */
export async function activitiesOfProgrammes(
  db: Kysely<DB>,
  programmeIds: readonly string[],
): Promise<Map<string, { total: number; done: number }>> {
  const out = new Map<string, { total: number; done: number }>();
  const unique = [...new Set(programmeIds)];
  if (unique.length === 0) return out;
  const rows = await db
    .selectFrom("activities")
    .select((eb) => [
      "programme_id",
      eb.fn.countAll<number>().as("total"),
      eb.fn.sum<number>(eb.case().when("status", "=", "done").then(1).else(0).end()).as("done"),
    ])
    .where("programme_id", "in", unique)
    .where("status", "!=", "cancelled")
    .groupBy("programme_id")
    .execute();
  for (const r of rows) {
    if (r.programme_id) out.set(r.programme_id, { total: Number(r.total), done: Number(r.done ?? 0) });
  }
  return out;
}

// ----------------------------------------------------------------- writes

const summaryOf = (input: { kind: string; title: string; startDate: string; endDate: string }) => ({
  kind: input.kind,
  title: input.title,
  startDate: input.startDate,
  endDate: input.endDate,
});

export async function createActivity(
  deps: Deps,
  actor: Actor | null,
  clusterId: string,
  input: ActivityInputT,
): Promise<ActivityDto> {
  const id = await deps.database.db.transaction().execute(async (trx) => {
    const { a, scope } = await reachCluster(trx, actor, clusterId, true);
    await checkActivity(trx, a, scope, input, new Set());
    const now = nowIso();
    const id = randomUUID();
    await trx
      .insertInto("activities")
      .values({
        id,
        cluster_id: clusterId,
        province_code: scope.provinceCode,
        ...activityColumns(input),
        created_at: now,
        updated_at: now,
      })
      .execute();
    await writeSessions(trx, id, clusterId, input.sessions);
    // An exhibition recorded as done counts its exhibitors among its beneficiaries at once.
    await applyExhibitorsToBeneficiaries(trx, id);
    await audit(
      trx,
      a,
      scope,
      { action: "activities.activity.create", type: "activity", id },
      { ...summaryOf(input), sessions: input.sessions.length, costRials: input.costRials },
    );
    return id;
  });
  return getActivity(deps, actor, id);
}

/** Replaces an activity: its fields, its kind's details and its sessions (given ids kept). */
export async function updateActivity(
  deps: Deps,
  actor: Actor | null,
  id: string,
  input: ActivityInputT,
): Promise<ActivityDto> {
  await deps.database.db.transaction().execute(async (trx) => {
    const { a, row, scope } = await reachActivity(trx, actor, id, true);
    const before = await sessionsOf(trx, id);
    await checkActivity(trx, a, scope, input, new Set(before.map((s) => s.id)));
    const cols = activityColumns(input);
    const changes = diffFields(
      {
        kind: row.kind,
        title: row.title,
        description: row.description,
        online: Number(row.online),
        place: row.place,
        onlineLink: row.online_link,
        startDate: row.start_date,
        endDate: row.end_date,
        programmeId: row.programme_id,
        organiser: row.organiser,
        capacity: row.capacity === null ? null : Number(row.capacity),
        costRials: Number(row.cost_rials),
        status: row.status,
        moderated: Number(row.moderated),
        offerHours: Number(row.offer_hours),
        details: JSON.parse(row.details) as unknown,
        sessions: before.map((s) => [s.id, s.starts_on, s.start_time, s.end_time, s.place, s.capacity]),
      },
      {
        kind: cols.kind,
        title: cols.title,
        description: cols.description,
        online: cols.online,
        place: cols.place,
        onlineLink: cols.online_link,
        startDate: cols.start_date,
        endDate: cols.end_date,
        programmeId: cols.programme_id,
        organiser: cols.organiser,
        capacity: cols.capacity,
        costRials: cols.cost_rials,
        status: cols.status,
        moderated: cols.moderated,
        offerHours: cols.offer_hours,
        details: JSON.parse(cols.details) as unknown,
        sessions: input.sessions.map((s) => [
          s.id ?? null,
          s.startsOn,
          s.startTime ?? null,
          s.endTime ?? null,
          trimmedOrNull(s.place),
          s.capacity ?? null,
        ]),
      },
    );
    const sharesChanged =
      Number(row.share_national) !== cols.share_national ||
      Number(row.share_province) !== cols.share_province ||
      Number(row.share_members) !== cols.share_members ||
      Number(row.share_others) !== cols.share_others;
    if (!hasChanges(changes) && !sharesChanged) return;
    await trx
      .updateTable("activities")
      .set({ ...cols, updated_at: nowIso() })
      .where("id", "=", id)
      .execute();
    await writeSessions(trx, id, row.cluster_id, input.sessions);
    // A new programme, kind or year moves the activity's beneficiaries to their aggregates; exhibitors follow its status.
    await rederiveActivityBeneficiaries(trx, id, beneficiaryScopeOf(row));
    await audit(
      trx,
      a,
      scope,
      { action: "activities.activity.update", type: "activity", id },
      { title: cols.title, changes, sharesChanged },
    );
    // A raised capacity (the activity's or a session's) offers its new seats to those waiting, in order.
    await offerFreeSeats(trx, deps, a, id);
  });
  return getActivity(deps, actor, id);
}

/** Removes an activity, its sessions and its registrations. */
export async function removeActivity(deps: Deps, actor: Actor | null, id: string): Promise<void> {
  const files = await deps.database.db.transaction().execute(async (trx) => {
    const { a, row, scope } = await reachActivity(trx, actor, id, true);
    // Its beneficiaries and survey answers leave the programme's, cluster's and province's figures first.
    await removeActivityBeneficiaries(trx, id);
    // Its check-ins, certificates and certificate rule go with the registrations they hang on.
    for (const table of ["activity_attendances", "activity_certificates", "activity_certificate_settings"] as const) {
      await trx.deleteFrom(table).where("activity_id", "=", id).execute();
    }
    const registrations = await trx
      .deleteFrom("activity_registrations")
      .where("activity_id", "=", id)
      .executeTakeFirst();
    const sessions = await trx.deleteFrom("activity_sessions").where("activity_id", "=", id).executeTakeFirst();
    // Its photos and documents: the rows now, the bytes once the removal is committed.
    const files = await detachActivityFiles(trx, id);
    await trx.deleteFrom("activities").where("id", "=", id).execute();
    await audit(
      trx,
      a,
      scope,
      { action: "activities.activity.remove", type: "activity", id },
      {
        ...summaryOf({ kind: row.kind, title: row.title, startDate: row.start_date, endDate: row.end_date }),
        sessions: Number(sessions.numDeletedRows),
        registrations: Number(registrations.numDeletedRows),
        attachments: files.length,
      },
    );
    return files;
  });
  await removeStoredFiles(deps, files);
}

/**
 * A template copy: the same fields and details on new dates, its sessions
 * moved by as many days as its start, planned again. The copy's rules are
 * checked as a new activity's (its programme, trainer and exhibitors now).
 */
export async function copyActivity(
  deps: Deps,
  actor: Actor | null,
  id: string,
  input: z.infer<typeof ActivityCopyInput>,
): Promise<ActivityDto> {
  const newId = await deps.database.db.transaction().execute(async (trx) => {
    const { a, row, scope } = await reachActivity(trx, actor, id, true);
    const sessions = await sessionsOf(trx, id);
    const shifted = shiftedCopy(
      {
        startDate: row.start_date,
        endDate: row.end_date,
        sessions: sessions.map((s) => ({
          startsOn: s.starts_on,
          startTime: s.start_time,
          endTime: s.end_time,
          place: s.place,
          capacity: s.capacity === null ? null : Number(s.capacity),
        })),
      },
      input.startDate,
      input.endDate,
    );
    const copy = {
      kind: row.kind,
      details: JSON.parse(row.details),
      title: input.title ?? row.title,
      description: row.description,
      online: Number(row.online) === 1,
      place: row.place,
      onlineLink: row.online_link,
      startDate: shifted.startDate,
      endDate: shifted.endDate,
      programmeId: row.programme_id,
      organiser: row.organiser,
      capacity: row.capacity === null ? null : Number(row.capacity),
      costRials: Number(row.cost_rials),
      shares: {
        national: Number(row.share_national),
        province: Number(row.share_province),
        members: Number(row.share_members),
        others: Number(row.share_others),
      },
      status: "planned",
      sessions: shifted.sessions,
      moderated: Number(row.moderated) === 1,
      offerHours: Number(row.offer_hours),
    } as ActivityInputT;
    await checkActivity(trx, a, scope, copy, new Set());
    const now = nowIso();
    const newId = randomUUID();
    await trx
      .insertInto("activities")
      .values({
        id: newId,
        cluster_id: row.cluster_id,
        province_code: row.province_code,
        ...activityColumns(copy),
        created_at: now,
        updated_at: now,
      })
      .execute();
    await writeSessions(trx, newId, row.cluster_id, copy.sessions);
    await audit(
      trx,
      a,
      scope,
      { action: "activities.activity.copy", type: "activity", id: newId },
      { ...summaryOf(copy), from: id, sessions: copy.sessions.length },
    );
    return newId;
  });
  return getActivity(deps, actor, newId);
}
