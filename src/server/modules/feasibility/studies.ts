/**
 * Feasibility studies of a province's candidate clusters, scored on its
 * current criteria and ranked side by side.
 */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { z } from "zod";
import type { ClusterStateName } from "../../../core/lifecycle";
import type { Actor } from "../../../core/permissions";
import type { StudiesOut, StudyInput, StudyUpdateInput } from "../../../core/schemas/feasibility";
import { type Deps, nowIso } from "../../context";
import type { DB } from "../../db/schema";
import { badRequest, notFound } from "../../errors";
import { diffFields, hasChanges } from "../../services/diff";
import { found } from "../../services/load";
import { writeAudit } from "../audit/service";
import { activeCriteria, inProvince, notInFuture, type StudyDto, sumWeights } from "./shared";

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
        clusterState: s.cluster_state as ClusterStateName,
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

export async function listStudies(deps: Deps, actor: Actor | null, code: string): Promise<z.infer<typeof StudiesOut>> {
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

/**
 * Checks that the scores cover every current criterion exactly once, and
 * that the current weights total 100 (a province still setting weights
 * cannot score yet).
 */
async function checkScores(trx: Kysely<DB>, code: string, scores: z.infer<typeof StudyInput>["scores"]) {
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

const cleanSummary = (s: string | null | undefined) => {
  const v = s?.trim();
  return v ? v : null;
};

export async function createStudy(
  deps: Deps,
  actor: Actor | null,
  code: string,
  input: z.infer<typeof StudyInput>,
): Promise<StudyDto> {
  const db = deps.database.db;
  const id = await db.transaction().execute(async (trx) => {
    const a = await inProvince(trx, actor, code);
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
  return getStudy(deps, actor, code, id);
}

async function loadStudy(trx: Kysely<DB>, code: string, id: string) {
  return found(
    await trx
      .selectFrom("feasibility_studies")
      .selectAll()
      .where("id", "=", id)
      .where("province_code", "=", code)
      .executeTakeFirst(),
  );
}

/** Changes a study; given scores replace all of its scores and must be complete. */
export async function updateStudy(
  deps: Deps,
  actor: Actor | null,
  code: string,
  id: string,
  input: z.infer<typeof StudyUpdateInput>,
): Promise<StudyDto> {
  await deps.database.db.transaction().execute(async (trx) => {
    const a = await inProvince(trx, actor, code);
    const s = await loadStudy(trx, code, id);
    const changes = diffFields(
      { studyDate: s.study_date, author: s.author, summary: s.summary },
      {
        studyDate: input.studyDate,
        author: input.author?.trim(),
        summary: input.summary === undefined ? undefined : cleanSummary(input.summary),
      },
    );
    const set: { study_date?: string; author?: string; summary?: string | null } = {};
    if (changes.studyDate) {
      notInFuture(input.studyDate!);
      set.study_date = input.studyDate;
    }
    if (changes.author) set.author = changes.author.after as string;
    if (changes.summary) set.summary = changes.summary.after as string | null;
    if (input.scores !== undefined) {
      await checkScores(trx, code, input.scores);
      const old = await trx
        .selectFrom("feasibility_scores")
        .select(["criterion_id", "score"])
        .where("study_id", "=", id)
        .execute();
      const oldMap = new Map(old.map((o) => [o.criterion_id, Number(o.score)]));
      // Scores are a set: the same scores in another order are no change.
      const changed =
        old.length !== input.scores.length || input.scores.some((n) => oldMap.get(n.criterionId) !== n.score);
      if (changed) {
        await trx.deleteFrom("feasibility_scores").where("study_id", "=", id).execute();
        await trx
          .insertInto("feasibility_scores")
          .values(input.scores.map((n) => ({ study_id: id, criterion_id: n.criterionId, score: n.score })))
          .execute();
        changes.scores = {
          before: old.map((o) => ({ criterionId: o.criterion_id, score: Number(o.score) })),
          after: input.scores,
        };
      }
    }
    if (!hasChanges(changes)) return;
    if (Object.keys(set).length) await trx.updateTable("feasibility_studies").set(set).where("id", "=", id).execute();
    await writeAudit(trx, a, {
      action: "feasibility.study.update",
      targetType: "feasibility_study",
      targetId: id,
      provinceCode: code,
      clusterId: s.cluster_id,
      summary: { changes },
    });
  });
  return getStudy(deps, actor, code, id);
}

export async function deleteStudy(deps: Deps, actor: Actor | null, code: string, id: string): Promise<void> {
  await deps.database.db.transaction().execute(async (trx) => {
    const a = await inProvince(trx, actor, code);
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
