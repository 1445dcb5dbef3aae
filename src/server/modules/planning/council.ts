/**
 * The steering council's meetings (governance holds its seats): the quorum
 * rule each council sets, meetings scheduled ahead and then recorded once
 * held — attendance from the seats current on that day, the quorum check,
 * the agenda, decisions with their votes and the minutes. A decision to
 * approve or return a submitted plan takes effect in the same transaction.
 */

import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { z } from "zod";
import { todayIso } from "../../../core/jalali";
import type { Actor } from "../../../core/permissions";
import { type QuorumKind, quorumMet, quorumNeeded } from "../../../core/planning";
import type {
  MeetingInput,
  MeetingListQuery,
  MeetingOut,
  MeetingRecordInput,
  MeetingsOut,
  MeetingUpdateInput,
  QuorumRuleOut,
  QuorumRuleSchema,
} from "../../../core/schemas/planning";
import { trimmedOrNull } from "../../../core/text";
import { requireActor } from "../../auth/authorize";
import { type Deps, nowIso } from "../../context";
import type { DB } from "../../db/schema";
import { badRequest, conflict } from "../../errors";
import { diffFields, hasChanges } from "../../services/diff";
import { authorizeRecord, found } from "../../services/load";
import { paginate } from "../../services/paginate";
import { inScope } from "../../services/scope";
import type { PlanningMeetingsTable } from "./migrations/tables";
import { approvePlanInTx, returnPlanInTx } from "./plans";
import { audit, reachCluster } from "./shared";

export type MeetingDto = z.infer<typeof MeetingOut>;
type Rule = { kind: QuorumKind; count: number | null };
const DEFAULT_RULE: Rule = { kind: "majority", count: null };

async function ruleOf(db: Kysely<DB>, clusterId: string): Promise<Rule> {
  const r = await db
    .selectFrom("planning_council_rules")
    .select(["kind", "count"])
    .where("cluster_id", "=", clusterId)
    .executeTakeFirst();
  return r ? { kind: r.kind as QuorumKind, count: r.count === null ? null : Number(r.count) } : DEFAULT_RULE;
}

/** The council's seats current on a day. */
function seatsOn(db: Kysely<DB>, clusterId: string, day: string) {
  return db
    .selectFrom("governance_members")
    .select(["id", "person_name", "role"])
    .where("body", "=", "steering_council")
    .where("cluster_id", "=", clusterId)
    .where("from_date", "<=", day)
    .where((eb) => eb.or([eb("to_date", "is", null), eb("to_date", ">=", day)]));
}

/** The rule, and the seats and quorum on a day (today by default: a past meeting's form asks for its day). */
export async function getRule(
  deps: Deps,
  actor: Actor | null,
  clusterId: string,
  on: string = todayIso(),
): Promise<z.infer<typeof QuorumRuleOut>> {
  const db = deps.database.db;
  await reachCluster(db, actor, clusterId);
  const [rule, seats] = await Promise.all([ruleOf(db, clusterId), seatsOn(db, clusterId, on).execute()]);
  return { ...rule, seats: seats.length, needed: quorumNeeded(rule, seats.length) };
}

export async function setRule(
  deps: Deps,
  actor: Actor | null,
  clusterId: string,
  input: z.infer<typeof QuorumRuleSchema>,
): Promise<z.infer<typeof QuorumRuleOut>> {
  await deps.database.db.transaction().execute(async (trx) => {
    const { a, cluster } = await reachCluster(trx, actor, clusterId, "planning.council");
    const before = await ruleOf(trx, clusterId);
    const next = { kind: input.kind, count: input.kind === "min_count" ? (input.count ?? null) : null };
    const changes = diffFields(before, next);
    if (!hasChanges(changes)) return;
    await trx.deleteFrom("planning_council_rules").where("cluster_id", "=", clusterId).execute();
    await trx
      .insertInto("planning_council_rules")
      .values({ cluster_id: clusterId, ...next })
      .execute();
    await audit(
      trx,
      a,
      cluster.scope,
      { action: "planning.quorum.update", type: "cluster", id: clusterId },
      { changes },
    );
  });
  return getRule(deps, actor, clusterId);
}

// ----------------------------------------------------------------- meetings

type MeetingRow = PlanningMeetingsTable & { cluster_name: string };

function meetingsQuery(db: Kysely<DB>) {
  return db
    .selectFrom("planning_meetings")
    .innerJoin("clusters", "clusters.id", "planning_meetings.cluster_id")
    .selectAll("planning_meetings")
    .select("clusters.name_fa as cluster_name");
}

function toBrief(r: MeetingRow) {
  return {
    id: r.id,
    clusterId: r.cluster_id,
    clusterName: r.cluster_name,
    provinceCode: r.province_code,
    heldOn: r.held_on,
    place: r.place,
    online: Boolean(Number(r.online)),
    agenda: JSON.parse(r.agenda) as string[],
    status: r.status as "scheduled" | "held",
    seats: r.seats === null ? null : Number(r.seats),
    quorumNeeded: r.quorum_needed === null ? null : Number(r.quorum_needed),
    quorate: r.quorate === null ? null : Boolean(Number(r.quorate)),
  };
}

async function reachMeeting(db: Kysely<DB>, actor: Actor | null, id: string, write?: "planning.council") {
  const m = found(await meetingsQuery(db).where("planning_meetings.id", "=", id).executeTakeFirst());
  const scope = { provinceCode: m.province_code, clusterId: m.cluster_id };
  return { a: authorizeRecord(actor, scope, "planning.read", write), m, scope };
}

export async function getMeeting(deps: Deps, actor: Actor | null, id: string): Promise<MeetingDto> {
  const db = deps.database.db;
  const { m } = await reachMeeting(db, actor, id);
  const [attendees, decisions] = await Promise.all([
    db
      .selectFrom("planning_meeting_attendees")
      .selectAll()
      .where("meeting_id", "=", id)
      .orderBy("person_name")
      .execute(),
    db
      .selectFrom("planning_decisions")
      .leftJoin("planning_plans", "planning_plans.id", "planning_decisions.plan_id")
      .selectAll("planning_decisions")
      .select("planning_plans.title as plan_title")
      .where("planning_decisions.meeting_id", "=", id)
      .orderBy("planning_decisions.position")
      .execute(),
  ]);
  return {
    ...toBrief(m),
    minutes: m.minutes,
    attendees: attendees.map((x) => ({ memberId: x.member_id, personName: x.person_name, role: x.role })),
    decisions: decisions.map((d) => ({
      id: d.id,
      kind: d.kind as MeetingDto["decisions"][number]["kind"],
      planId: d.plan_id,
      planTitle: d.plan_title ?? null,
      text: d.text,
      votesFor: Number(d.votes_for),
      votesAgainst: Number(d.votes_against),
      votesAbstain: Number(d.votes_abstain),
    })),
  };
}

/**
 * Meetings the caller may read: a cluster's (latest first), or with
 * `upcoming=true` the scheduled ones from today on, soonest first (a
 * council member's home card).
 */
export async function listMeetings(
  deps: Deps,
  actor: Actor | null,
  q: z.infer<typeof MeetingListQuery>,
): Promise<z.infer<typeof MeetingsOut>> {
  const a = requireActor(actor);
  let base = inScope(deps.database.db.selectFrom("planning_meetings"), a, "planning.read", {
    province: "planning_meetings.province_code",
    cluster: "planning_meetings.cluster_id",
  });
  if (q.clusterId) base = base.where("planning_meetings.cluster_id", "=", q.clusterId);
  if (q.upcoming) {
    base = base
      .where("planning_meetings.status", "=", "scheduled")
      .where("planning_meetings.held_on", ">=", todayIso());
  }
  const { rows, total } = await paginate(base, q, (b) => {
    const r = b
      .innerJoin("clusters", "clusters.id", "planning_meetings.cluster_id")
      .selectAll("planning_meetings")
      .select("clusters.name_fa as cluster_name");
    return q.upcoming
      ? r.orderBy("planning_meetings.held_on").orderBy("planning_meetings.id")
      : r.orderBy("planning_meetings.held_on", "desc").orderBy("planning_meetings.id", "desc");
  });
  return { items: rows.map(toBrief), total };
}

export async function scheduleMeeting(
  deps: Deps,
  actor: Actor | null,
  clusterId: string,
  input: z.infer<typeof MeetingInput>,
): Promise<MeetingDto> {
  const id = await deps.database.db.transaction().execute(async (trx) => {
    const { a, cluster } = await reachCluster(trx, actor, clusterId, "planning.council");
    const row = {
      id: randomUUID(),
      cluster_id: clusterId,
      province_code: cluster.scope.provinceCode,
      held_on: input.heldOn,
      place: trimmedOrNull(input.place),
      online: input.online ? 1 : 0,
      agenda: JSON.stringify(input.agenda),
      status: "scheduled",
      minutes: null,
      seats: null,
      quorum_needed: null,
      quorate: null,
      created_at: nowIso(),
      recorded_at: null,
    };
    await trx.insertInto("planning_meetings").values(row).execute();
    await audit(
      trx,
      a,
      cluster.scope,
      { action: "planning.meeting.schedule", type: "council_meeting", id: row.id },
      {
        heldOn: row.held_on,
        place: row.place,
        online: input.online,
        agenda: input.agenda.length,
      },
    );
    return row.id;
  });
  return getMeeting(deps, actor, id);
}

export async function updateMeeting(
  deps: Deps,
  actor: Actor | null,
  id: string,
  input: z.infer<typeof MeetingUpdateInput>,
): Promise<MeetingDto> {
  await deps.database.db.transaction().execute(async (trx) => {
    const { a, m, scope } = await reachMeeting(trx, actor, id, "planning.council");
    if (m.status !== "scheduled") throw conflict("meeting_already_recorded");
    const before = {
      heldOn: m.held_on,
      place: m.place,
      online: Boolean(Number(m.online)),
      agenda: JSON.parse(m.agenda),
    };
    const next = {
      heldOn: input.heldOn ?? m.held_on,
      place: input.place !== undefined ? trimmedOrNull(input.place) : m.place,
      online: input.online ?? before.online,
      agenda: input.agenda ?? before.agenda,
    };
    const changes = diffFields(before, next);
    if (!hasChanges(changes)) return;
    await trx
      .updateTable("planning_meetings")
      .set({
        held_on: next.heldOn,
        place: next.place,
        online: next.online ? 1 : 0,
        agenda: JSON.stringify(next.agenda),
      })
      .where("id", "=", id)
      .execute();
    await audit(trx, a, scope, { action: "planning.meeting.update", type: "council_meeting", id }, { changes });
  });
  return getMeeting(deps, actor, id);
}

/**
 * Records a held meeting once: who of the seats current that day came, the
 * quorum by the council's rule, the decisions and the minutes. A plan
 * decision needs a quorate meeting, a submitted plan of the cluster and
 * votes no more than those present; approving needs more votes for than
 * against. Any refusal leaves the meeting and every plan as they were.
 */
export async function recordMeeting(
  deps: Deps,
  actor: Actor | null,
  id: string,
  input: z.infer<typeof MeetingRecordInput>,
): Promise<MeetingDto> {
  await deps.database.db.transaction().execute(async (trx) => {
    const { a, m, scope } = await reachMeeting(trx, actor, id, "planning.council");
    if (m.held_on > todayIso()) throw badRequest("meeting_in_future");
    // The conditional update claims the meeting: two recordings racing, one wins.
    const claimed = await trx
      .updateTable("planning_meetings")
      .set({ status: "held", recorded_at: nowIso() })
      .where("id", "=", id)
      .where("status", "=", "scheduled")
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) throw conflict("meeting_already_recorded");

    const seats = await seatsOn(trx, m.cluster_id, m.held_on).execute();
    const bySeat = new Map(seats.map((s) => [s.id, s]));
    const present = [...new Set(input.attendeeIds)];
    if (present.some((p) => !bySeat.has(p))) throw badRequest("unknown_attendee");
    const rule = await ruleOf(trx, m.cluster_id);
    const needed = quorumNeeded(rule, seats.length);
    const quorate = quorumMet(rule, present.length, seats.length);

    const effects: { planId: string; kind: string; versionNo?: number }[] = [];
    for (const [i, d] of input.decisions.entries()) {
      if (d.votesFor + d.votesAgainst + d.votesAbstain > present.length) throw badRequest("votes_exceed_attendees");
      let planId: string | null = null;
      if (d.kind !== "other") {
        if (!d.planId) throw badRequest("decision_plan_required");
        const plan = await trx
          .selectFrom("planning_plans")
          .selectAll()
          .where("id", "=", d.planId)
          .where("cluster_id", "=", m.cluster_id)
          .executeTakeFirst();
        if (!plan) throw badRequest("unknown_plan");
        // A council decides on what was before it: not at a meeting held before the plan was submitted.
        if (plan.submitted_at && m.held_on < todayIso(new Date(plan.submitted_at))) {
          throw badRequest("meeting_before_submission");
        }
        if (!quorate) throw badRequest("no_quorum", { present: present.length, needed });
        if (d.kind === "approve_plan") {
          if (d.votesFor <= d.votesAgainst) throw badRequest("motion_not_carried");
          const versionNo = await approvePlanInTx(trx, plan, { date: m.held_on, meetingId: id });
          effects.push({ planId: plan.id, kind: d.kind, versionNo });
          await audit(
            trx,
            a,
            scope,
            { action: "planning.plan.approve", type: "plan", id: plan.id },
            {
              title: plan.title,
              versionNo,
              heldOn: m.held_on,
              votesFor: d.votesFor,
              votesAgainst: d.votesAgainst,
              votesAbstain: d.votesAbstain,
            },
          );
        } else {
          await returnPlanInTx(trx, plan, d.text);
          effects.push({ planId: plan.id, kind: d.kind });
          await audit(
            trx,
            a,
            scope,
            { action: "planning.plan.return", type: "plan", id: plan.id },
            {
              title: plan.title,
              heldOn: m.held_on,
              comment: d.text,
            },
          );
        }
        planId = plan.id;
      }
      await trx
        .insertInto("planning_decisions")
        .values({
          id: randomUUID(),
          meeting_id: id,
          position: i,
          kind: d.kind,
          plan_id: planId,
          text: d.text,
          votes_for: d.votesFor,
          votes_against: d.votesAgainst,
          votes_abstain: d.votesAbstain,
        })
        .execute();
    }
    if (present.length > 0) {
      await trx
        .insertInto("planning_meeting_attendees")
        .values(
          present.map((p) => ({
            meeting_id: id,
            member_id: p,
            person_name: bySeat.get(p)!.person_name,
            role: bySeat.get(p)!.role,
          })),
        )
        .execute();
    }
    await trx
      .updateTable("planning_meetings")
      .set({
        minutes: trimmedOrNull(input.minutes),
        seats: seats.length,
        quorum_needed: needed,
        quorate: quorate ? 1 : 0,
      })
      .where("id", "=", id)
      .execute();
    await audit(
      trx,
      a,
      scope,
      { action: "planning.meeting.record", type: "council_meeting", id },
      {
        heldOn: m.held_on,
        present: present.length,
        seats: seats.length,
        needed,
        quorate,
        decisions: input.decisions.length,
        plans: effects,
      },
    );
  });
  return getMeeting(deps, actor, id);
}

/** The scope of a meeting, for its attachments (the minutes' signed scan, the presentations). */
export async function meetingScope(db: Kysely<DB>, id: string) {
  const m = found(
    await db
      .selectFrom("planning_meetings")
      .select(["province_code", "cluster_id"])
      .where("id", "=", id)
      .executeTakeFirst(),
  );
  return { provinceCode: m.province_code, clusterId: m.cluster_id };
}
