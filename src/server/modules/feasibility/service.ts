/**
 * Feasibility and prioritisation, the province's own work: the weighted
 * criteria a province defines, feasibility studies of candidate clusters
 * scored on them and ranked side by side, and the decision which goes first.
 * Everything here is guarded by feasibility.manage on the province; out of
 * scope answers 404.
 */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { todayIso } from "../../../core/jalali";
import { normalizeFa } from "../../../core/normalize";
import type { Actor } from "../../../core/permissions";
import type { CLUSTER_STATES } from "../../../core/schemas";
import { authorize } from "../../auth/authorize";
import { type Deps, nowIso, type RequestCtx } from "../../context";
import type { DB } from "../../db/schema";
import { badRequest, notFound } from "../../errors";
import { writeAudit } from "../audit/service";

type ClusterState = (typeof CLUSTER_STATES)[number];

export interface CriterionDto {
  id: string;
  name: string;
  weight: number;
  position: number;
}

export interface StudyScoreDto {
  criterionId: string;
  criterionName: string;
  weight: number;
  score: number;
  /** The criterion was removed from the province's list after this study scored it. */
  archived: boolean;
}

export interface StudyDto {
  id: string;
  provinceCode: string;
  clusterId: string;
  clusterName: string;
  clusterState: ClusterState;
  studyDate: string;
  author: string;
  summary: string | null;
  scores: StudyScoreDto[];
  weightedScore: number;
  complete: boolean;
  rank: number;
  createdAt: string;
}

export interface DecisionDto {
  id: string;
  provinceCode: string;
  decidedOn: string;
  chosenClusterId: string;
  chosenClusterName: string;
  chosenClusterState: ClusterState;
  reason: string;
  createdBy: string | null;
  createdByName: string | null;
  createdAt: string;
}

/** Authorises feasibility work in a province that exists; 404 otherwise. */
async function inProvince(db: Kysely<DB>, actor: Actor | null, code: string): Promise<Actor> {
  const a = authorize(actor, "feasibility.manage", { provinceCode: code }, true);
  const p = await db.selectFrom("provinces").select("code").where("code", "=", code).executeTakeFirst();
  if (!p) throw notFound();
  return a;
}

function activeCriteria(db: Kysely<DB>, code: string) {
  return db
    .selectFrom("feasibility_criteria")
    .selectAll()
    .where("province_code", "=", code)
    .where("archived_at", "is", null)
    .orderBy("position")
    .orderBy("id")
    .execute();
}

const toCriterionDto = (r: { id: string; name: string; weight: number; position: number }): CriterionDto => ({
  id: r.id,
  name: r.name,
  weight: Number(r.weight),
  position: Number(r.position),
});

const sumWeights = (rows: { weight: number }[]) => rows.reduce((s, r) => s + Number(r.weight), 0);

// ------------------------------------------------------------------ criteria

export async function listCriteria(deps: Deps, actor: Actor | null, code: string) {
  const db = deps.database.db;
  await inProvince(db, actor, code);
  const rows = await activeCriteria(db, code);
  return { items: rows.map(toCriterionDto), total: rows.length, weightTotal: sumWeights(rows) };
}

function assertDistinctNames(names: string[]) {
  const seen = new Set<string>();
  for (const n of names) {
    const k = normalizeFa(n);
    if (seen.has(k)) throw badRequest("duplicate_criterion");
    seen.add(k);
  }
}

/** Appends one criterion; the weights need not total 100 until a study is scored. */
export async function createCriterion(
  deps: Deps,
  ctx: RequestCtx,
  code: string,
  input: { name: string; weight: number },
): Promise<CriterionDto> {
  return deps.database.db.transaction().execute(async (trx) => {
    const a = await inProvince(trx, ctx.actor, code);
    const rows = await activeCriteria(trx, code);
    const name = input.name.trim();
    assertDistinctNames([...rows.map((r) => r.name), name]);
    const row = {
      id: randomUUID(),
      province_code: code,
      name,
      weight: input.weight,
      position: rows.reduce((m, r) => Math.max(m, Number(r.position)), 0) + 1,
      archived_at: null,
    };
    await trx.insertInto("feasibility_criteria").values(row).execute();
    await writeAudit(trx, a, {
      action: "feasibility.criterion.create",
      targetType: "feasibility_criterion",
      targetId: row.id,
      provinceCode: code,
      summary: { name, weight: input.weight },
    });
    return toCriterionDto(row);
  });
}

/**
 * Replaces the province's whole list in one go: listed ids are kept (renamed,
 * re-weighted, re-ordered), new items are added, and the rest are removed —
 * archived when a study scored them, deleted otherwise. Weights must total 100.
 */
export async function replaceCriteria(
  deps: Deps,
  ctx: RequestCtx,
  code: string,
  items: { id?: string; name: string; weight: number }[],
) {
  const db = deps.database.db;
  await db.transaction().execute(async (trx) => {
    const a = await inProvince(trx, ctx.actor, code);
    if (items.reduce((s, i) => s + i.weight, 0) !== 100) throw badRequest("weights_must_total_100");
    const current = await activeCriteria(trx, code);
    const byId = new Map(current.map((r) => [r.id, r]));
    const keptIds = new Set<string>();
    for (const i of items) {
      if (!i.id) continue;
      if (!byId.has(i.id)) throw badRequest("unknown_criterion");
      if (keptIds.has(i.id)) throw badRequest("duplicate_criterion");
      keptIds.add(i.id);
    }
    assertDistinctNames(items.map((i) => i.name.trim()));

    const removed = current.filter((r) => !keptIds.has(r.id));
    if (removed.length) {
      const removedIds = removed.map((r) => r.id);
      const scored = await trx
        .selectFrom("feasibility_scores")
        .select("criterion_id")
        .distinct()
        .where("criterion_id", "in", removedIds)
        .execute();
      const scoredIds = scored.map((s) => s.criterion_id);
      const unscored = removedIds.filter((id) => !scoredIds.includes(id));
      if (scoredIds.length) {
        await trx
          .updateTable("feasibility_criteria")
          .set({ archived_at: nowIso() })
          .where("id", "in", scoredIds)
          .execute();
      }
      if (unscored.length) await trx.deleteFrom("feasibility_criteria").where("id", "in", unscored).execute();
    }
    const after: { id: string; name: string; weight: number }[] = [];
    for (const [idx, i] of items.entries()) {
      const name = i.name.trim();
      if (i.id) {
        await trx
          .updateTable("feasibility_criteria")
          .set({ name, weight: i.weight, position: idx + 1 })
          .where("id", "=", i.id)
          .execute();
        after.push({ id: i.id, name, weight: i.weight });
      } else {
        const id = randomUUID();
        await trx
          .insertInto("feasibility_criteria")
          .values({ id, province_code: code, name, weight: i.weight, position: idx + 1, archived_at: null })
          .execute();
        after.push({ id, name, weight: i.weight });
      }
    }
    await writeAudit(trx, a, {
      action: "feasibility.criteria.replace",
      targetType: "province",
      targetId: code,
      provinceCode: code,
      summary: {
        before: current.map((r) => ({ id: r.id, name: r.name, weight: Number(r.weight) })),
        after,
      },
    });
  });
  return listCriteria(deps, ctx.actor, code);
}

// ------------------------------------------------------------------- studies

/**
 * Every study of a province, scored and ranked. The weighted score is
 * Σ(weight × score) / Σ(weight) × 10 over the province's current criteria
 * the study scored (0..100, one decimal); with weights totalling 100 and all
 * criteria scored that is Σ(weight × score) / 10. Scores on removed criteria
 * are shown but do not count; a study missing a current criterion is not
 * `complete`.
 */
async function rankedStudies(db: Kysely<DB>, code: string): Promise<StudyDto[]> {
  const studies = await db
    .selectFrom("feasibility_studies")
    .innerJoin("clusters", "clusters.id", "feasibility_studies.cluster_id")
    .selectAll("feasibility_studies")
    .select([
      "clusters.name_fa as cluster_name",
      "clusters.name_norm as cluster_norm",
      "clusters.state as cluster_state",
    ])
    .where("feasibility_studies.province_code", "=", code)
    .execute();
  if (studies.length === 0) return [];
  const scores = await db
    .selectFrom("feasibility_scores")
    .innerJoin("feasibility_criteria", "feasibility_criteria.id", "feasibility_scores.criterion_id")
    .select([
      "feasibility_scores.study_id",
      "feasibility_scores.criterion_id",
      "feasibility_scores.score",
      "feasibility_criteria.name",
      "feasibility_criteria.weight",
      "feasibility_criteria.position",
      "feasibility_criteria.archived_at",
    ])
    .where(
      "feasibility_scores.study_id",
      "in",
      studies.map((s) => s.id),
    )
    .execute();
  const activeCount = (await activeCriteria(db, code)).length;
  const byStudy = new Map<string, typeof scores>();
  for (const s of scores) {
    const list = byStudy.get(s.study_id) ?? [];
    list.push(s);
    byStudy.set(s.study_id, list);
  }
  const out = studies.map((s) => {
    const list = byStudy.get(s.id) ?? [];
    // Active criteria first, by position; removed ones after.
    list.sort((x, y) => Number(x.archived_at !== null) - Number(y.archived_at !== null) || x.position - y.position);
    const counted = list.filter((x) => x.archived_at === null);
    const num = counted.reduce((acc, x) => acc + Number(x.weight) * Number(x.score), 0);
    const den = sumWeights(counted);
    return {
      dto: {
        id: s.id,
        provinceCode: s.province_code,
        clusterId: s.cluster_id,
        clusterName: s.cluster_name,
        clusterState: s.cluster_state as ClusterState,
        studyDate: s.study_date,
        author: s.author,
        summary: s.summary,
        scores: list.map((x) => ({
          criterionId: x.criterion_id,
          criterionName: x.name,
          weight: Number(x.weight),
          score: Number(x.score),
          archived: x.archived_at !== null,
        })),
        weightedScore: den > 0 ? Math.round((num * 100) / den) / 10 : 0,
        complete: activeCount > 0 && counted.length === activeCount,
        rank: 0,
        createdAt: s.created_at,
      } satisfies StudyDto,
      norm: s.cluster_norm,
    };
  });
  out.sort(
    (x, y) =>
      y.dto.weightedScore - x.dto.weightedScore ||
      (x.dto.studyDate < y.dto.studyDate ? 1 : x.dto.studyDate > y.dto.studyDate ? -1 : 0) ||
      (x.norm < y.norm ? -1 : x.norm > y.norm ? 1 : 0) ||
      (x.dto.id < y.dto.id ? -1 : 1),
  );
  return out.map((o, i) => ({ ...o.dto, rank: i + 1 }));
}

export async function listStudies(deps: Deps, actor: Actor | null, code: string) {
  const db = deps.database.db;
  await inProvince(db, actor, code);
  const items = await rankedStudies(db, code);
  return { items, total: items.length };
}

export async function getStudy(deps: Deps, actor: Actor | null, code: string, id: string): Promise<StudyDto> {
  const db = deps.database.db;
  await inProvince(db, actor, code);
  const s = (await rankedStudies(db, code)).find((x) => x.id === id);
  if (!s) throw notFound();
  return s;
}

function notInFuture(date: string) {
  if (date > todayIso()) throw badRequest("date_in_future");
}

/**
 * Checks that the scores cover every current criterion exactly once, and
 * that the current weights total 100 (a province still setting weights
 * cannot score yet).
 */
async function checkScores(trx: Kysely<DB>, code: string, scores: { criterionId: string; score: number }[]) {
  const active = await activeCriteria(trx, code);
  if (sumWeights(active) !== 100) throw badRequest("weights_must_total_100");
  const ids = new Set(active.map((c) => c.id));
  const seen = new Set<string>();
  for (const s of scores) {
    if (!ids.has(s.criterionId)) throw badRequest("unknown_criterion");
    if (seen.has(s.criterionId)) throw badRequest("scores_incomplete");
    seen.add(s.criterionId);
  }
  if (seen.size !== ids.size) throw badRequest("scores_incomplete");
}

export interface StudyInput {
  clusterId: string;
  studyDate: string;
  author: string;
  summary?: string | null;
  scores: { criterionId: string; score: number }[];
}

const cleanSummary = (s: string | null | undefined) => {
  const v = s?.trim();
  return v ? v : null;
};

export async function createStudy(deps: Deps, ctx: RequestCtx, code: string, input: StudyInput): Promise<StudyDto> {
  const db = deps.database.db;
  const id = await db.transaction().execute(async (trx) => {
    const a = await inProvince(trx, ctx.actor, code);
    const cluster = await trx
      .selectFrom("clusters")
      .select(["id", "name_fa"])
      .where("id", "=", input.clusterId)
      .where("province_code", "=", code)
      .where("archived_at", "is", null)
      .executeTakeFirst();
    if (!cluster) throw badRequest("unknown_cluster");
    notInFuture(input.studyDate);
    await checkScores(trx, code, input.scores);
    const studyId = randomUUID();
    await trx
      .insertInto("feasibility_studies")
      .values({
        id: studyId,
        cluster_id: cluster.id,
        province_code: code,
        study_date: input.studyDate,
        author: input.author.trim(),
        summary: cleanSummary(input.summary),
        created_by: a.userId,
        created_at: nowIso(),
      })
      .execute();
    await trx
      .insertInto("feasibility_scores")
      .values(input.scores.map((s) => ({ study_id: studyId, criterion_id: s.criterionId, score: s.score })))
      .execute();
    await writeAudit(trx, a, {
      action: "feasibility.study.create",
      targetType: "feasibility_study",
      targetId: studyId,
      provinceCode: code,
      clusterId: cluster.id,
      summary: {
        cluster: cluster.name_fa,
        studyDate: input.studyDate,
        author: input.author.trim(),
        scores: input.scores,
      },
    });
    return studyId;
  });
  return getStudy(deps, ctx.actor, code, id);
}

export interface StudyPatch {
  studyDate?: string;
  author?: string;
  summary?: string | null;
  scores?: { criterionId: string; score: number }[];
}

async function loadStudy(trx: Kysely<DB>, code: string, id: string) {
  const s = await trx
    .selectFrom("feasibility_studies")
    .selectAll()
    .where("id", "=", id)
    .where("province_code", "=", code)
    .executeTakeFirst();
  if (!s) throw notFound();
  return s;
}

/** Changes a study; given scores replace all of its scores and must be complete. */
export async function updateStudy(
  deps: Deps,
  ctx: RequestCtx,
  code: string,
  id: string,
  input: StudyPatch,
): Promise<StudyDto> {
  await deps.database.db.transaction().execute(async (trx) => {
    const a = await inProvince(trx, ctx.actor, code);
    const s = await loadStudy(trx, code, id);
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const set: { study_date?: string; author?: string; summary?: string | null } = {};
    if (input.studyDate !== undefined && input.studyDate !== s.study_date) {
      notInFuture(input.studyDate);
      set.study_date = input.studyDate;
      before.studyDate = s.study_date;
      after.studyDate = input.studyDate;
    }
    if (input.author !== undefined && input.author.trim() !== s.author) {
      set.author = input.author.trim();
      before.author = s.author;
      after.author = set.author;
    }
    if (input.summary !== undefined && cleanSummary(input.summary) !== s.summary) {
      set.summary = cleanSummary(input.summary);
      before.summary = s.summary;
      after.summary = set.summary;
    }
    if (input.scores !== undefined) {
      await checkScores(trx, code, input.scores);
      const old = await trx
        .selectFrom("feasibility_scores")
        .select(["criterion_id", "score"])
        .where("study_id", "=", id)
        .execute();
      const oldMap = new Map(old.map((o) => [o.criterion_id, Number(o.score)]));
      const changed =
        old.length !== input.scores.length || input.scores.some((n) => oldMap.get(n.criterionId) !== n.score);
      if (changed) {
        await trx.deleteFrom("feasibility_scores").where("study_id", "=", id).execute();
        await trx
          .insertInto("feasibility_scores")
          .values(input.scores.map((n) => ({ study_id: id, criterion_id: n.criterionId, score: n.score })))
          .execute();
        before.scores = old.map((o) => ({ criterionId: o.criterion_id, score: Number(o.score) }));
        after.scores = input.scores;
      }
    }
    if (Object.keys(after).length === 0) return;
    if (Object.keys(set).length) await trx.updateTable("feasibility_studies").set(set).where("id", "=", id).execute();
    await writeAudit(trx, a, {
      action: "feasibility.study.update",
      targetType: "feasibility_study",
      targetId: id,
      provinceCode: code,
      clusterId: s.cluster_id,
      summary: { before, after },
    });
  });
  return getStudy(deps, ctx.actor, code, id);
}

export async function deleteStudy(deps: Deps, ctx: RequestCtx, code: string, id: string): Promise<void> {
  await deps.database.db.transaction().execute(async (trx) => {
    const a = await inProvince(trx, ctx.actor, code);
    const s = await loadStudy(trx, code, id);
    const scores = await trx
      .selectFrom("feasibility_scores")
      .select(["criterion_id", "score"])
      .where("study_id", "=", id)
      .execute();
    await trx.deleteFrom("feasibility_scores").where("study_id", "=", id).execute();
    await trx.deleteFrom("feasibility_studies").where("id", "=", id).execute();
    await writeAudit(trx, a, {
      action: "feasibility.study.delete",
      targetType: "feasibility_study",
      targetId: id,
      provinceCode: code,
      clusterId: s.cluster_id,
      summary: {
        clusterId: s.cluster_id,
        studyDate: s.study_date,
        author: s.author,
        scores: scores.map((o) => ({ criterionId: o.criterion_id, score: Number(o.score) })),
      },
    });
  });
}

// ----------------------------------------------------------------- decisions

function decisionQuery(db: Kysely<DB>) {
  return db
    .selectFrom("feasibility_decisions")
    .innerJoin("clusters", "clusters.id", "feasibility_decisions.chosen_cluster_id")
    .leftJoin("users", "users.id", "feasibility_decisions.created_by")
    .selectAll("feasibility_decisions")
    .select(["clusters.name_fa as cluster_name", "clusters.state as cluster_state", "users.name as user_name"]);
}

type DecisionSel = Awaited<ReturnType<ReturnType<typeof decisionQuery>["executeTakeFirstOrThrow"]>>;

function toDecisionDto(r: DecisionSel): DecisionDto {
  return {
    id: r.id,
    provinceCode: r.province_code,
    decidedOn: r.decided_on,
    chosenClusterId: r.chosen_cluster_id,
    chosenClusterName: r.cluster_name,
    chosenClusterState: r.cluster_state as ClusterState,
    reason: r.reason,
    createdBy: r.created_by,
    createdByName: r.user_name ?? null,
    createdAt: r.created_at,
  };
}

/** Decisions of a province, newest first. */
export async function listDecisions(deps: Deps, actor: Actor | null, code: string) {
  const db = deps.database.db;
  await inProvince(db, actor, code);
  const rows = await decisionQuery(db)
    .where("feasibility_decisions.province_code", "=", code)
    .orderBy("feasibility_decisions.decided_on", "desc")
    .orderBy("feasibility_decisions.created_at", "desc")
    .orderBy("feasibility_decisions.id", "desc")
    .execute();
  return { items: rows.map(toDecisionDto), total: rows.length };
}

export async function createDecision(
  deps: Deps,
  ctx: RequestCtx,
  code: string,
  input: { decidedOn: string; chosenClusterId: string; reason: string },
): Promise<DecisionDto> {
  const db = deps.database.db;
  const id = await db.transaction().execute(async (trx) => {
    const a = await inProvince(trx, ctx.actor, code);
    notInFuture(input.decidedOn);
    const study = await trx
      .selectFrom("feasibility_studies")
      .select("id")
      .where("province_code", "=", code)
      .where("cluster_id", "=", input.chosenClusterId)
      .executeTakeFirst();
    if (!study) throw badRequest("no_study_for_cluster");
    const decisionId = randomUUID();
    await trx
      .insertInto("feasibility_decisions")
      .values({
        id: decisionId,
        province_code: code,
        decided_on: input.decidedOn,
        chosen_cluster_id: input.chosenClusterId,
        reason: input.reason.trim(),
        created_by: a.userId,
        created_at: nowIso(),
      })
      .execute();
    await writeAudit(trx, a, {
      action: "feasibility.decision.create",
      targetType: "feasibility_decision",
      targetId: decisionId,
      provinceCode: code,
      clusterId: input.chosenClusterId,
      summary: { decidedOn: input.decidedOn, chosenClusterId: input.chosenClusterId, reason: input.reason.trim() },
    });
    return decisionId;
  });
  return toDecisionDto(await decisionQuery(db).where("feasibility_decisions.id", "=", id).executeTakeFirstOrThrow());
}

/** Removes a decision recorded by mistake (audited with its content). */
export async function deleteDecision(deps: Deps, ctx: RequestCtx, code: string, id: string): Promise<void> {
  await deps.database.db.transaction().execute(async (trx) => {
    const a = await inProvince(trx, ctx.actor, code);
    const d = await trx
      .selectFrom("feasibility_decisions")
      .selectAll()
      .where("id", "=", id)
      .where("province_code", "=", code)
      .executeTakeFirst();
    if (!d) throw notFound();
    await trx.deleteFrom("feasibility_decisions").where("id", "=", id).execute();
    await writeAudit(trx, a, {
      action: "feasibility.decision.delete",
      targetType: "feasibility_decision",
      targetId: id,
      provinceCode: code,
      clusterId: d.chosen_cluster_id,
      summary: { decidedOn: d.decided_on, chosenClusterId: d.chosen_cluster_id, reason: d.reason },
    });
  });
}
