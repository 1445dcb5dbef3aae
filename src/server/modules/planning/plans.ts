/**
 * Action plans (برنامه عملیاتی): one per project year of a cluster, with its
 * programmes, their cost shares, targets and milestones. A plan is written
 * while draft (or returned), frozen while submitted, and approved at a
 * council meeting (council.ts), which keeps the approved content as an
 * immutable numbered version. Changing an approved plan opens a revision:
 * the plan is a draft again, compared against its last approved version,
 * and needs approval again. Spend, actual dates, milestones and target
 * measurements are implementation, not content: they are written in any
 * status and no version keeps them.
 */

import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { z } from "zod";
import { addDaysIso, todayIso } from "../../../core/jalali";
import type { Actor } from "../../../core/permissions";
import {
  type CostShares,
  comparePlans,
  INTERVENTION_AREAS,
  type PlanSnapshot,
  type PlanStatus,
  type ProgrammeSnapshot,
  programmeProgress,
  sumShares,
} from "../../../core/planning";
import type {
  CommentInput,
  CompareQuery,
  PlanInput,
  PlanListQuery,
  PlanOut,
  PlansOut,
  PlanUpdateInput,
  ProgrammeInput,
  ProgrammeUpdateInput,
  ProgressInput,
  VersionOut,
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
import { activitiesOfProgrammes } from "../activities/activities";
import { notify, queueMail } from "../notifications/service";
import type { PlanningPlansTable } from "./migrations/tables";
import { abilities, audit, ensureOfCluster, reachCluster } from "./shared";

export type PlanDto = z.infer<typeof PlanOut>;
type PlanRow = PlanningPlansTable;
type Scope = { provinceCode: string; clusterId: string };

const scopeOfPlan = (p: PlanRow): Scope => ({ provinceCode: p.province_code, clusterId: p.cluster_id });

/** The plan (404 when missing or unreadable; 403 without `write`). */
export async function reachPlan(
  db: Kysely<DB>,
  actor: Actor | null,
  planId: string,
  write?: "planning.edit" | "planning.comment" | "planning.council",
): Promise<{ a: Actor; plan: PlanRow; scope: Scope }> {
  const plan = found(await db.selectFrom("planning_plans").selectAll().where("id", "=", planId).executeTakeFirst());
  const scope = scopeOfPlan(plan);
  return { a: authorizeRecord(actor, scope, "planning.read", write), plan, scope };
}

const EDITABLE: readonly PlanStatus[] = ["draft", "returned"];

/**
 * Claims the plan for a content change: refused unless it is a draft or
 * returned. The conditional update takes the row's lock on PostgreSQL, so a
 * submission or an approval racing the change waits for it or wins first.
 */
async function claimEditable(trx: Kysely<DB>, planId: string): Promise<void> {
  const r = await trx
    .updateTable("planning_plans")
    .set({ updated_at: nowIso() })
    .where("id", "=", planId)
    .where("status", "in", EDITABLE)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) throw conflict("plan_locked");
}

type PlanContext = { a: Actor; plan: PlanRow; scope: Scope };

/**
 * A write on a plan: in one transaction, for a caller with `write` on it,
 * after claiming it for a content change when `content` (refused unless a
 * draft or returned); answers the plan as it is then.
 */
async function planWrite(
  deps: Deps,
  actor: Actor | null,
  planId: string,
  opts: { write?: "planning.edit" | "planning.comment"; content: boolean },
  fn: (trx: Kysely<DB>, ctx: PlanContext) => Promise<void>,
): Promise<PlanDto> {
  await deps.database.db.transaction().execute(async (trx) => {
    const ctx = await reachPlan(trx, actor, planId, opts.write ?? "planning.edit");
    if (opts.content) await claimEditable(trx, planId);
    await fn(trx, ctx);
  });
  return getPlan(deps, actor, planId);
}

/** The plan's programme count and budget, kept beside it for lists. */
export async function refreshTotals(trx: Kysely<DB>, planId: string): Promise<void> {
  const t = await trx
    .selectFrom("planning_programmes")
    .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.sum<number>("budget_rials").as("budget")])
    .where("plan_id", "=", planId)
    .executeTakeFirstOrThrow();
  await trx
    .updateTable("planning_plans")
    .set({ programme_count: Number(t.n), budget_rials: Number(t.budget ?? 0) })
    .where("id", "=", planId)
    .execute();
}

/** A plan's year is one year at most (a day's slack for leap years). */
function checkPeriod(start: string, end: string) {
  if (end < start) throw badRequest("end_before_start");
  if (end > addDaysIso(start, 366)) throw badRequest("plan_period_too_long");
}

// ----------------------------------------------------------------- lists

function planBriefs(db: Kysely<DB>) {
  return db
    .selectFrom("planning_plans")
    .innerJoin("clusters", "clusters.id", "planning_plans.cluster_id")
    .selectAll("planning_plans")
    .select("clusters.name_fa as cluster_name");
}

type BriefRow = PlanRow & { cluster_name: string };

function toBrief(r: BriefRow) {
  return {
    id: r.id,
    clusterId: r.cluster_id,
    clusterName: r.cluster_name,
    provinceCode: r.province_code,
    projectYear: Number(r.project_year),
    title: r.title,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    status: r.status as PlanStatus,
    approvedVersion: r.approved_version === null ? null : Number(r.approved_version),
    programmes: Number(r.programme_count),
    budgetRials: Number(r.budget_rials),
    submittedAt: r.submitted_at,
    updatedAt: r.updated_at,
  };
}

/** A cluster's plans, by project year. */
export async function listClusterPlans(
  deps: Deps,
  actor: Actor | null,
  clusterId: string,
): Promise<z.infer<typeof PlansOut>> {
  const db = deps.database.db;
  await reachCluster(db, actor, clusterId);
  const rows = await planBriefs(db)
    .where("planning_plans.cluster_id", "=", clusterId)
    .orderBy("planning_plans.project_year")
    .execute();
  return { items: rows.map(toBrief), total: rows.length };
}

/**
 * Plans the caller may read, in one status (a province's plans awaiting
 * approval: `status=submitted`, oldest submission first), paged.
 */
export async function listPlans(
  deps: Deps,
  actor: Actor | null,
  q: z.infer<typeof PlanListQuery>,
): Promise<z.infer<typeof PlansOut>> {
  const a = requireActor(actor);
  let base = inScope(deps.database.db.selectFrom("planning_plans"), a, "planning.read", {
    province: "planning_plans.province_code",
    cluster: "planning_plans.cluster_id",
  });
  if (q.status) base = base.where("planning_plans.status", "=", q.status);
  if (q.provinceCode) base = base.where("planning_plans.province_code", "=", q.provinceCode);
  if (q.clusterId) base = base.where("planning_plans.cluster_id", "=", q.clusterId);
  const { rows, total } = await paginate(base, q, (b) =>
    b
      .innerJoin("clusters", "clusters.id", "planning_plans.cluster_id")
      .selectAll("planning_plans")
      .select("clusters.name_fa as cluster_name")
      .orderBy("planning_plans.submitted_at")
      .orderBy("planning_plans.id"),
  );
  return { items: rows.map(toBrief), total };
}

// ----------------------------------------------------------------- one plan

type ProgrammeRow = DB["planning_programmes"];

/** The plan's programmes with their links, targets and milestones: five reads, whatever the count. */
async function programmesOf(db: Kysely<DB>, planId: string) {
  const programmes = await db
    .selectFrom("planning_programmes")
    .selectAll()
    .where("plan_id", "=", planId)
    .orderBy("position")
    .orderBy("id")
    .execute();
  const ids = programmes.map((p) => p.id);
  if (ids.length === 0) return { programmes, points: [], targets: [], milestones: [] };
  const [points, targets, milestones] = await Promise.all([
    db.selectFrom("planning_programme_points").selectAll().where("programme_id", "in", ids).execute(),
    // In the order of their (programme_id, position) indexes: read without a sort.
    db
      .selectFrom("planning_targets")
      .selectAll()
      .where("programme_id", "in", ids)
      .orderBy("programme_id")
      .orderBy("position")
      .execute(),
    db
      .selectFrom("planning_milestones")
      .selectAll()
      .where("programme_id", "in", ids)
      .orderBy("programme_id")
      .orderBy("position")
      .execute(),
  ]);
  return { programmes, points, targets, milestones };
}

type Loaded = Awaited<ReturnType<typeof programmesOf>>;

const sharesOf = (p: ProgrammeRow): CostShares => ({
  national: Number(p.share_national),
  province: Number(p.share_province),
  members: Number(p.share_members),
  others: Number(p.share_others),
});

const nullableNumber = (v: number | null) => (v === null ? null : Number(v));

/** The plan's content as a version keeps it. */
function snapshotFrom(plan: PlanRow, loaded: Loaded): PlanSnapshot {
  return {
    title: plan.title,
    projectYear: Number(plan.project_year),
    periodStart: plan.period_start,
    periodEnd: plan.period_end,
    programmes: loaded.programmes.map(
      (p): ProgrammeSnapshot => ({
        id: p.id,
        title: p.title,
        area: p.area,
        strategyId: p.strategy_id,
        pressurePointIds: loaded.points
          .filter((l) => l.programme_id === p.id)
          .map((l) => l.pressure_point_id)
          .sort(),
        objective: p.objective,
        responsible: p.responsible,
        startDate: p.start_date,
        endDate: p.end_date,
        budgetRials: Number(p.budget_rials),
        shares: sharesOf(p),
        targets: loaded.targets
          .filter((t) => t.programme_id === p.id)
          .map((t) => ({
            indicator: t.indicator,
            baseline: nullableNumber(t.baseline),
            target: Number(t.target),
            unit: t.unit,
            verification: t.verification,
          })),
      }),
    ),
  };
}

export async function currentSnapshot(db: Kysely<DB>, plan: PlanRow): Promise<PlanSnapshot> {
  return snapshotFrom(plan, await programmesOf(db, plan.id));
}

async function versionSnapshot(db: Kysely<DB>, planId: string, versionNo: number): Promise<PlanSnapshot | null> {
  const v = await db
    .selectFrom("planning_versions")
    .select("snapshot")
    .where("plan_id", "=", planId)
    .where("version_no", "=", versionNo)
    .executeTakeFirst();
  return v ? (JSON.parse(v.snapshot) as PlanSnapshot) : null;
}

export async function getPlan(deps: Deps, actor: Actor | null, planId: string): Promise<PlanDto> {
  const db = deps.database.db;
  const { a, plan, scope } = await reachPlan(db, actor, planId);
  const [cluster, loaded, versions, comments, approved] = await Promise.all([
    db.selectFrom("clusters").select("name_fa").where("id", "=", plan.cluster_id).executeTakeFirstOrThrow(),
    programmesOf(db, planId),
    db
      .selectFrom("planning_versions")
      .select(["version_no", "approved_on", "meeting_id", "programme_count", "budget_rials"])
      .where("plan_id", "=", planId)
      .orderBy("version_no")
      .execute(),
    db
      .selectFrom("planning_comments")
      .innerJoin("users", "users.id", "planning_comments.user_id")
      .select([
        "planning_comments.id",
        "planning_comments.body",
        "planning_comments.created_at",
        "users.name as author_name",
      ])
      .where("planning_comments.plan_id", "=", planId)
      .orderBy("planning_comments.created_at")
      .orderBy("planning_comments.id")
      .execute(),
    plan.approved_version === null ? null : versionSnapshot(db, planId, Number(plan.approved_version)),
  ]);
  const today = todayIso();
  const activities = await activitiesOfProgrammes(
    db,
    loaded.programmes.map((p) => p.id),
  );
  const approvedDates = new Map((approved?.programmes ?? []).map((p) => [p.id, p]));
  const programmeList = loaded.programmes.map((p) => {
    const milestones = loaded.milestones.filter((m) => m.programme_id === p.id);
    const done = activities.get(p.id) ?? { total: 0, done: 0 };
    const progress = programmeProgress(
      { startDate: p.start_date, endDate: p.end_date },
      milestones.map((m) => ({ doneOn: m.done_on })),
      today,
      done,
    );
    const was = approvedDates.get(p.id);
    return {
      id: p.id,
      title: p.title,
      area: p.area,
      strategyId: p.strategy_id,
      pressurePointIds: loaded.points.filter((l) => l.programme_id === p.id).map((l) => l.pressure_point_id),
      objective: p.objective,
      responsible: p.responsible,
      startDate: p.start_date,
      endDate: p.end_date,
      budgetRials: Number(p.budget_rials),
      shares: sharesOf(p),
      spentRials: Number(p.spent_rials),
      actualStart: p.actual_start,
      actualEnd: p.actual_end,
      targets: loaded.targets
        .filter((t) => t.programme_id === p.id)
        .map((t) => ({
          id: t.id,
          indicator: t.indicator,
          baseline: nullableNumber(t.baseline),
          target: Number(t.target),
          unit: t.unit,
          verification: t.verification,
          measured: nullableNumber(t.measured),
          measuredOn: t.measured_on,
        })),
      milestones: milestones.map((m) => ({
        id: m.id,
        title: m.title,
        plannedDate: m.planned_date,
        doneOn: m.done_on,
      })),
      activities: done,
      percent: progress.percent,
      status: progress.status,
      approved: was ? { startDate: was.startDate, endDate: was.endDate } : null,
    };
  });
  const budget = programmeList.reduce((t, p) => t + p.budgetRials, 0);
  const percent =
    programmeList.length === 0
      ? 0
      : budget > 0
        ? Math.round(programmeList.reduce((t, p) => t + p.percent * p.budgetRials, 0) / budget)
        : Math.round(programmeList.reduce((t, p) => t + p.percent, 0) / programmeList.length);
  const can = abilities(a, scope);
  const status = plan.status as PlanStatus;
  return {
    ...toBrief({ ...plan, cluster_name: cluster.name_fa }),
    returnComment: plan.return_comment,
    spentRials: programmeList.reduce((t, p) => t + p.spentRials, 0),
    percent,
    programmeList,
    versions: versions.map((v) => ({
      versionNo: Number(v.version_no),
      approvedOn: v.approved_on,
      meetingId: v.meeting_id,
      programmes: Number(v.programme_count),
      budgetRials: Number(v.budget_rials),
    })),
    comments: comments.map((c) => ({
      id: c.id,
      authorName: c.author_name,
      body: c.body,
      createdAt: c.created_at,
    })),
    can: {
      ...can,
      edit: can.edit && EDITABLE.includes(status),
      comment: can.comment && status === "submitted",
      submit: can.edit && EDITABLE.includes(status) && programmeList.length > 0,
      revise: can.edit && status === "approved",
    },
  };
}

// ----------------------------------------------------------------- plan writes

export async function createPlan(
  deps: Deps,
  actor: Actor | null,
  clusterId: string,
  input: z.infer<typeof PlanInput>,
): Promise<PlanDto> {
  checkPeriod(input.periodStart, input.periodEnd);
  const id = await deps.database.db.transaction().execute(async (trx) => {
    const { a, cluster } = await reachCluster(trx, actor, clusterId, "planning.edit");
    const taken = await trx
      .selectFrom("planning_plans")
      .select("id")
      .where("cluster_id", "=", clusterId)
      .where("project_year", "=", input.projectYear)
      .executeTakeFirst();
    if (taken) throw conflict("plan_year_taken");
    const now = nowIso();
    const row = {
      id: randomUUID(),
      cluster_id: clusterId,
      province_code: cluster.scope.provinceCode,
      project_year: input.projectYear,
      title: input.title,
      period_start: input.periodStart,
      period_end: input.periodEnd,
      status: "draft",
      approved_version: null,
      return_comment: null,
      submitted_at: null,
      programme_count: 0,
      budget_rials: 0,
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto("planning_plans").values(row).execute();
    await audit(
      trx,
      a,
      cluster.scope,
      { action: "planning.plan.create", type: "plan", id: row.id },
      {
        title: row.title,
        projectYear: row.project_year,
        periodStart: row.period_start,
        periodEnd: row.period_end,
      },
    );
    return row.id;
  });
  return getPlan(deps, actor, id);
}

export async function updatePlan(
  deps: Deps,
  actor: Actor | null,
  planId: string,
  input: z.infer<typeof PlanUpdateInput>,
): Promise<PlanDto> {
  return planWrite(deps, actor, planId, { content: true }, async (trx, { a, plan, scope }) => {
    const next = {
      title: input.title ?? plan.title,
      period_start: input.periodStart ?? plan.period_start,
      period_end: input.periodEnd ?? plan.period_end,
    };
    checkPeriod(next.period_start, next.period_end);
    const outside = await trx
      .selectFrom("planning_programmes")
      .select("id")
      .where("plan_id", "=", planId)
      .where((eb) => eb.or([eb("start_date", "<", next.period_start), eb("end_date", ">", next.period_end)]))
      .limit(1)
      .executeTakeFirst();
    if (outside) throw badRequest("programme_outside_year");
    const changes = diffFields(
      { title: plan.title, periodStart: plan.period_start, periodEnd: plan.period_end },
      { title: next.title, periodStart: next.period_start, periodEnd: next.period_end },
    );
    if (!hasChanges(changes)) return;
    await trx.updateTable("planning_plans").set(next).where("id", "=", planId).execute();
    await audit(
      trx,
      a,
      scope,
      { action: "planning.plan.update", type: "plan", id: planId },
      { title: next.title, changes },
    );
  });
}

// ----------------------------------------------------------------- programmes

type ProgrammeFields = Omit<z.infer<typeof ProgrammeInput>, "targets" | "pressurePointIds"> & {
  pressurePointIds: string[];
};

/**
 * The rules a programme keeps inside its plan: dates in the plan's year, shares adding up, its links in
 * the cluster. `keptArea` is the area it already has: one the province has since archived stays its area.
 */
async function checkProgramme(trx: Kysely<DB>, plan: PlanRow, p: ProgrammeFields, keptArea?: string): Promise<void> {
  if (p.endDate < p.startDate) throw badRequest("end_before_start");
  if (p.startDate < plan.period_start || p.endDate > plan.period_end) throw badRequest("programme_outside_year");
  if (sumShares(p.shares) !== p.budgetRials) throw badRequest("shares_mismatch");
  if (!(INTERVENTION_AREAS as readonly string[]).includes(p.area) && p.area !== keptArea) {
    const own = await trx
      .selectFrom("planning_areas")
      .select("id")
      .where("id", "=", p.area)
      .where("province_code", "=", plan.province_code)
      .where("archived_at", "is", null)
      .executeTakeFirst();
    if (!own) throw badRequest("unknown_area");
  }
  if (p.strategyId) {
    await ensureOfCluster(trx, "planning_strategies", plan.cluster_id, [p.strategyId], () =>
      badRequest("unknown_strategy"),
    );
  }
  await ensureOfCluster(trx, "planning_pressure_points", plan.cluster_id, p.pressurePointIds, () =>
    badRequest("unknown_pressure_point"),
  );
}

function programmeColumns(p: ProgrammeFields) {
  return {
    title: p.title,
    area: p.area,
    strategy_id: p.strategyId ?? null,
    objective: trimmedOrNull(p.objective),
    responsible: trimmedOrNull(p.responsible),
    start_date: p.startDate,
    end_date: p.endDate,
    budget_rials: p.budgetRials,
    share_national: p.shares.national,
    share_province: p.shares.province,
    share_members: p.shares.members,
    share_others: p.shares.others,
  };
}

async function writeLinks(trx: Kysely<DB>, plan: PlanRow, programmeId: string, pointIds: readonly string[]) {
  await trx.deleteFrom("planning_programme_points").where("programme_id", "=", programmeId).execute();
  const unique = [...new Set(pointIds)];
  if (unique.length > 0) {
    await trx
      .insertInto("planning_programme_points")
      .values(unique.map((id) => ({ programme_id: programmeId, pressure_point_id: id, cluster_id: plan.cluster_id })))
      .execute();
  }
}

async function writeTargets(
  trx: Kysely<DB>,
  plan: PlanRow,
  programmeId: string,
  targets: z.infer<typeof ProgrammeInput>["targets"],
) {
  await trx.deleteFrom("planning_targets").where("programme_id", "=", programmeId).execute();
  if (targets.length > 0) {
    await trx
      .insertInto("planning_targets")
      .values(
        targets.map((t, i) => ({
          id: randomUUID(),
          programme_id: programmeId,
          cluster_id: plan.cluster_id,
          indicator: t.indicator,
          baseline: t.baseline ?? null,
          target: t.target,
          unit: t.unit,
          verification: trimmedOrNull(t.verification),
          measured: null,
          measured_on: null,
          position: i,
        })),
      )
      .execute();
  }
}

export async function addProgramme(
  deps: Deps,
  actor: Actor | null,
  planId: string,
  input: z.infer<typeof ProgrammeInput>,
): Promise<PlanDto> {
  return planWrite(deps, actor, planId, { content: true }, async (trx, { a, plan, scope }) => {
    await checkProgramme(trx, plan, input);
    const last = await trx
      .selectFrom("planning_programmes")
      .select((eb) => eb.fn.max<number>("position").as("p"))
      .where("plan_id", "=", planId)
      .executeTakeFirst();
    const id = randomUUID();
    await trx
      .insertInto("planning_programmes")
      .values({
        id,
        plan_id: planId,
        cluster_id: plan.cluster_id,
        ...programmeColumns(input),
        spent_rials: 0,
        actual_start: null,
        actual_end: null,
        position: last?.p === null || last?.p === undefined ? 0 : Number(last.p) + 1,
        created_at: nowIso(),
      })
      .execute();
    await writeLinks(trx, plan, id, input.pressurePointIds);
    await writeTargets(trx, plan, id, input.targets);
    await refreshTotals(trx, planId);
    await audit(
      trx,
      a,
      scope,
      { action: "planning.programme.add", type: "programme", id },
      {
        plan: plan.title,
        title: input.title,
        area: input.area,
        budgetRials: input.budgetRials,
      },
    );
  });
}

async function programmeOf(trx: Kysely<DB>, planId: string, id: string) {
  return found(
    await trx
      .selectFrom("planning_programmes")
      .selectAll()
      .where("plan_id", "=", planId)
      .where("id", "=", id)
      .executeTakeFirst(),
  );
}

export async function updateProgramme(
  deps: Deps,
  actor: Actor | null,
  planId: string,
  id: string,
  input: z.infer<typeof ProgrammeUpdateInput>,
): Promise<PlanDto> {
  return planWrite(deps, actor, planId, { content: true }, async (trx, { a, plan, scope }) => {
    const p = await programmeOf(trx, planId, id);
    const before = snapshotFrom(plan, {
      programmes: [p],
      points: await trx.selectFrom("planning_programme_points").selectAll().where("programme_id", "=", id).execute(),
      targets: await trx
        .selectFrom("planning_targets")
        .selectAll()
        .where("programme_id", "=", id)
        .orderBy("position")
        .execute(),
      milestones: [],
    }).programmes[0]!;
    const next: ProgrammeFields = {
      title: input.title ?? p.title,
      area: input.area ?? p.area,
      strategyId: input.strategyId !== undefined ? input.strategyId : p.strategy_id,
      pressurePointIds: input.pressurePointIds ?? before.pressurePointIds,
      objective: input.objective !== undefined ? input.objective : p.objective,
      responsible: input.responsible !== undefined ? input.responsible : p.responsible,
      startDate: input.startDate ?? p.start_date,
      endDate: input.endDate ?? p.end_date,
      budgetRials: input.budgetRials ?? Number(p.budget_rials),
      shares: input.shares ?? sharesOf(p),
    };
    await checkProgramme(trx, plan, next, p.area);
    const cols = programmeColumns(next);
    const changes = diffFields(
      { ...before, pressurePointIds: [...before.pressurePointIds].sort() },
      {
        title: cols.title,
        area: cols.area,
        strategyId: cols.strategy_id,
        pressurePointIds: input.pressurePointIds ? [...new Set(input.pressurePointIds)].sort() : undefined,
        objective: cols.objective,
        responsible: cols.responsible,
        startDate: cols.start_date,
        endDate: cols.end_date,
        budgetRials: cols.budget_rials,
        shares: next.shares,
        targets: input.targets?.map((t) => ({
          indicator: t.indicator,
          baseline: t.baseline ?? null,
          target: t.target,
          unit: t.unit,
          verification: trimmedOrNull(t.verification),
        })),
      },
    );
    if (!hasChanges(changes)) return;
    await trx.updateTable("planning_programmes").set(cols).where("id", "=", id).execute();
    if (input.pressurePointIds) await writeLinks(trx, plan, id, input.pressurePointIds);
    if (input.targets) await writeTargets(trx, plan, id, input.targets);
    await refreshTotals(trx, planId);
    await audit(
      trx,
      a,
      scope,
      { action: "planning.programme.update", type: "programme", id },
      {
        plan: plan.title,
        title: cols.title,
        changes,
      },
    );
  });
}

export async function removeProgramme(deps: Deps, actor: Actor | null, planId: string, id: string): Promise<PlanDto> {
  return planWrite(deps, actor, planId, { content: true }, async (trx, { a, plan, scope }) => {
    const p = await programmeOf(trx, planId, id);
    await trx.deleteFrom("planning_programme_points").where("programme_id", "=", id).execute();
    await trx.deleteFrom("planning_targets").where("programme_id", "=", id).execute();
    await trx.deleteFrom("planning_milestones").where("programme_id", "=", id).execute();
    await trx.deleteFrom("planning_programmes").where("id", "=", id).execute();
    await refreshTotals(trx, planId);
    await audit(
      trx,
      a,
      scope,
      { action: "planning.programme.remove", type: "programme", id },
      {
        plan: plan.title,
        title: p.title,
        budgetRials: Number(p.budget_rials),
      },
    );
  });
}

/**
 * Implementation of a programme: spend, actual dates, milestones (kept by
 * id; others removed) and target measurements. Written in any status: an
 * approved plan is carried out without a revision.
 */
export async function saveProgress(
  deps: Deps,
  actor: Actor | null,
  planId: string,
  id: string,
  input: z.infer<typeof ProgressInput>,
): Promise<PlanDto> {
  if (input.actualStart && input.actualEnd && input.actualEnd < input.actualStart) {
    throw badRequest("end_before_start");
  }
  const today = todayIso();
  for (const m of input.milestones) if (m.doneOn && m.doneOn > today) throw badRequest("date_in_future");
  for (const m of input.measurements) if (m.measuredOn && m.measuredOn > today) throw badRequest("date_in_future");
  return planWrite(deps, actor, planId, { content: false }, async (trx, { a, plan, scope }) => {
    const p = await programmeOf(trx, planId, id);
    const existing = await trx.selectFrom("planning_milestones").selectAll().where("programme_id", "=", id).execute();
    const known = new Set(existing.map((m) => m.id));
    if (input.milestones.some((m) => m.id && !known.has(m.id))) throw badRequest("unknown_milestone");
    const targets = await trx.selectFrom("planning_targets").select("id").where("programme_id", "=", id).execute();
    const targetIds = new Set(targets.map((t) => t.id));
    if (input.measurements.some((m) => !targetIds.has(m.targetId))) throw badRequest("unknown_target");

    await trx
      .updateTable("planning_programmes")
      .set({
        spent_rials: input.spentRials,
        actual_start: input.actualStart ?? null,
        actual_end: input.actualEnd ?? null,
      })
      .where("id", "=", id)
      .execute();
    await trx.deleteFrom("planning_milestones").where("programme_id", "=", id).execute();
    if (input.milestones.length > 0) {
      await trx
        .insertInto("planning_milestones")
        .values(
          input.milestones.map((m, i) => ({
            id: m.id ?? randomUUID(),
            programme_id: id,
            cluster_id: plan.cluster_id,
            title: m.title,
            planned_date: m.plannedDate,
            done_on: m.doneOn ?? null,
            position: i,
          })),
        )
        .execute();
    }
    for (const m of input.measurements) {
      await trx
        .updateTable("planning_targets")
        .set({ measured: m.value, measured_on: m.value === null ? null : (m.measuredOn ?? today) })
        .where("id", "=", m.targetId)
        .execute();
    }
    await trx.updateTable("planning_plans").set({ updated_at: nowIso() }).where("id", "=", planId).execute();
    await audit(
      trx,
      a,
      scope,
      { action: "planning.programme.progress", type: "programme", id },
      {
        plan: plan.title,
        title: p.title,
        changes: diffFields({ spentRials: Number(p.spent_rials) }, { spentRials: input.spentRials }),
        milestones: input.milestones.length,
        milestonesDone: input.milestones.filter((m) => m.doneOn).length,
        measurements: input.measurements.length,
      },
    );
  });
}

// ----------------------------------------------------------------- workflow

/**
 * Sends a draft or returned plan to the council: its current members with
 * an account are told in the app and by mail.
 */
export async function submitPlan(deps: Deps, actor: Actor | null, planId: string): Promise<PlanDto> {
  return planWrite(deps, actor, planId, { content: false }, async (trx, { a, plan, scope }) => {
    if (Number(plan.programme_count) === 0) throw badRequest("plan_empty");
    const now = nowIso();
    const r = await trx
      .updateTable("planning_plans")
      .set({ status: "submitted", submitted_at: now, updated_at: now, return_comment: null })
      .where("id", "=", planId)
      .where("status", "in", EDITABLE)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw conflict("plan_locked");
    const cluster = await trx
      .selectFrom("clusters")
      .select("name_fa")
      .where("id", "=", plan.cluster_id)
      .executeTakeFirstOrThrow();
    const today = todayIso();
    const readers = await trx
      .selectFrom("governance_members")
      .innerJoin("users", "users.id", "governance_members.user_id")
      .select(["users.id", "users.email", "users.locale"])
      .where("governance_members.body", "=", "steering_council")
      .where("governance_members.cluster_id", "=", plan.cluster_id)
      .where("users.active", "=", 1)
      .where((eb) =>
        eb.or([eb("governance_members.to_date", "is", null), eb("governance_members.to_date", ">=", today)]),
      )
      .execute();
    const link = `/plans/${planId}`;
    const notified = new Set<string>();
    for (const u of readers) {
      if (notified.has(u.id)) continue;
      notified.add(u.id);
      const params = { plan: plan.title, cluster: cluster.name_fa };
      await notify(trx, u.id, "plan_submitted", params, link);
      await queueMail(trx, deps, {
        to: u.email,
        lang: u.locale === "en" ? "en" : "fa",
        template: "plan_submitted",
        params: { ...params, link: `${deps.config.publicUrl ?? ""}${link}` },
        provinceCode: plan.province_code,
      });
    }
    await audit(
      trx,
      a,
      scope,
      { action: "planning.plan.submit", type: "plan", id: planId },
      {
        title: plan.title,
        programmes: Number(plan.programme_count),
        budgetRials: Number(plan.budget_rials),
        notified: notified.size,
      },
    );
  });
}

/** Opens a revision of an approved plan: a draft again, compared against the approved version. */
export async function revisePlan(deps: Deps, actor: Actor | null, planId: string): Promise<PlanDto> {
  return planWrite(deps, actor, planId, { content: false }, async (trx, { a, plan, scope }) => {
    const r = await trx
      .updateTable("planning_plans")
      .set({ status: "draft", updated_at: nowIso() })
      .where("id", "=", planId)
      .where("status", "=", "approved")
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw conflict("plan_not_approved");
    await audit(
      trx,
      a,
      scope,
      { action: "planning.plan.revise", type: "plan", id: planId },
      {
        title: plan.title,
        versionNo: plan.approved_version,
      },
    );
  });
}

/**
 * Approves a submitted plan inside the council's transaction: its content
 * becomes the next numbered version, which nothing changes afterwards.
 */
export async function approvePlanInTx(
  trx: Kysely<DB>,
  plan: PlanRow,
  on: { date: string; meetingId: string },
): Promise<number> {
  const versionNo = (plan.approved_version === null ? 0 : Number(plan.approved_version)) + 1;
  const r = await trx
    .updateTable("planning_plans")
    .set({ status: "approved", approved_version: versionNo, updated_at: nowIso(), return_comment: null })
    .where("id", "=", plan.id)
    .where("status", "=", "submitted")
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) throw badRequest("plan_not_submitted");
  const snapshot = await currentSnapshot(trx, plan);
  await trx
    .insertInto("planning_versions")
    .values({
      plan_id: plan.id,
      version_no: versionNo,
      approved_on: on.date,
      meeting_id: on.meetingId,
      programme_count: snapshot.programmes.length,
      budget_rials: snapshot.programmes.reduce((t, p) => t + p.budgetRials, 0),
      snapshot: JSON.stringify(snapshot),
      created_at: nowIso(),
    })
    .execute();
  return versionNo;
}

/** Returns a submitted plan to its office with the council's comment. */
export async function returnPlanInTx(trx: Kysely<DB>, plan: PlanRow, comment: string): Promise<void> {
  const r = await trx
    .updateTable("planning_plans")
    .set({ status: "returned", return_comment: comment, updated_at: nowIso() })
    .where("id", "=", plan.id)
    .where("status", "=", "submitted")
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) throw badRequest("plan_not_submitted");
}

export async function addComment(
  deps: Deps,
  actor: Actor | null,
  planId: string,
  input: z.infer<typeof CommentInput>,
): Promise<PlanDto> {
  return planWrite(
    deps,
    actor,
    planId,
    { content: false, write: "planning.comment" },
    async (trx, { a, plan, scope }) => {
      if (plan.status !== "submitted") throw conflict("plan_not_submitted");
      const id = randomUUID();
      await trx
        .insertInto("planning_comments")
        .values({ id, plan_id: planId, user_id: a.userId, body: input.body, created_at: nowIso() })
        .execute();
      await audit(
        trx,
        a,
        scope,
        { action: "planning.plan.comment", type: "plan", id: planId },
        {
          title: plan.title,
          commentId: id,
        },
      );
    },
  );
}

// ----------------------------------------------------------------- versions

export async function getVersion(
  deps: Deps,
  actor: Actor | null,
  planId: string,
  versionNo: number,
): Promise<z.infer<typeof VersionOut>> {
  const db = deps.database.db;
  await reachPlan(db, actor, planId);
  const v = found(
    await db
      .selectFrom("planning_versions")
      .selectAll()
      .where("plan_id", "=", planId)
      .where("version_no", "=", versionNo)
      .executeTakeFirst(),
  );
  return {
    versionNo: Number(v.version_no),
    approvedOn: v.approved_on,
    meetingId: v.meeting_id,
    programmes: Number(v.programme_count),
    budgetRials: Number(v.budget_rials),
    snapshot: JSON.parse(v.snapshot) as PlanSnapshot,
  };
}

/** Compares two versions of a plan (a number, or "current" for the plan as it is). */
export async function comparePlanVersions(
  deps: Deps,
  actor: Actor | null,
  planId: string,
  q: z.infer<typeof CompareQuery>,
) {
  const db = deps.database.db;
  const { plan } = await reachPlan(db, actor, planId);
  const load = async (ref: "current" | number) =>
    ref === "current" ? currentSnapshot(db, plan) : found(await versionSnapshot(db, planId, ref));
  const [a, b] = await Promise.all([load(q.from), load(q.to)]);
  return comparePlans(a, b);
}

/** The approved content to print: the given version, or the last approved one. */
export async function printableVersion(deps: Deps, actor: Actor | null, planId: string, versionNo?: number) {
  const db = deps.database.db;
  const { plan } = await reachPlan(db, actor, planId);
  const no = versionNo ?? (plan.approved_version === null ? null : Number(plan.approved_version));
  if (no === null) throw conflict("plan_not_approved");
  const version = await getVersion(deps, actor, planId, no);
  return { plan, version };
}
