/**
 * The diagnostic study (مطالعه شناختی) of a cluster: its parts by level, the
 * pressure points with their category, severity and evidence, the SWOT, the
 * vision, the strategies and the pressure points each answers, and the
 * measured figures saved as the cluster's baseline.
 */

import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { z } from "zod";
import type { Actor } from "../../../core/permissions";
import { SWOT_KINDS, type SwotKind } from "../../../core/planning";
import type {
  BaselineInput,
  PressurePointInput,
  PressurePointUpdateInput,
  StrategyInput,
  StrategyUpdateInput,
  StudyOut,
  StudyPartInput,
  StudyPartUpdateInput,
  StudySummaryInput,
} from "../../../core/schemas/planning";
import { trimmedOrNull } from "../../../core/text";
import { type Deps, nowIso } from "../../context";
import type { DB } from "../../db/schema";
import { badRequest, conflict } from "../../errors";
import { diffFields, hasChanges } from "../../services/diff";
import { found } from "../../services/load";
import { abilities, audit, type ClusterRef, ensureOfCluster, reachCluster } from "./shared";

export type StudyDto = z.infer<typeof StudyOut>;

const emptySwot = (): Record<SwotKind, string[]> => ({ strengths: [], weaknesses: [], opportunities: [], threats: [] });

export async function getStudy(deps: Deps, actor: Actor | null, clusterId: string): Promise<StudyDto> {
  const db = deps.database.db;
  const { a, cluster } = await reachCluster(db, actor, clusterId);
  const [study, parts, points, strategies, links, baseline] = await Promise.all([
    db.selectFrom("planning_studies").selectAll().where("cluster_id", "=", clusterId).executeTakeFirst(),
    db
      .selectFrom("planning_study_parts")
      .selectAll()
      .where("cluster_id", "=", clusterId)
      .orderBy("created_at")
      .orderBy("id")
      .execute(),
    db
      .selectFrom("planning_pressure_points")
      .selectAll()
      .where("cluster_id", "=", clusterId)
      .orderBy("created_at")
      .orderBy("id")
      .execute(),
    db
      .selectFrom("planning_strategies")
      .selectAll()
      .where("cluster_id", "=", clusterId)
      .orderBy("created_at")
      .orderBy("id")
      .execute(),
    db.selectFrom("planning_strategy_points").selectAll().where("cluster_id", "=", clusterId).execute(),
    db.selectFrom("planning_baselines").selectAll().where("cluster_id", "=", clusterId).orderBy("indicator").execute(),
  ]);
  const swot = study ? { ...emptySwot(), ...(JSON.parse(study.swot) as Record<SwotKind, string[]>) } : emptySwot();
  return {
    clusterId,
    clusterName: cluster.name,
    provinceCode: cluster.scope.provinceCode,
    vision: study?.vision ?? null,
    swot: Object.fromEntries(SWOT_KINDS.map((k) => [k, swot[k]])) as Record<SwotKind, string[]>,
    parts: parts.map((p) => ({
      id: p.id,
      level: p.level as StudyDto["parts"][number]["level"],
      title: p.title,
      findings: p.findings,
      sources: p.sources,
    })),
    pressurePoints: points.map((p) => ({
      id: p.id,
      title: p.title,
      category: p.category as StudyDto["pressurePoints"][number]["category"],
      severity: Number(p.severity),
      evidence: p.evidence,
      strategyIds: links.filter((l) => l.pressure_point_id === p.id).map((l) => l.strategy_id),
    })),
    strategies: strategies.map((s) => ({
      id: s.id,
      title: s.title,
      description: s.description,
      pressurePointIds: links.filter((l) => l.strategy_id === s.id).map((l) => l.pressure_point_id),
    })),
    baseline: baseline.map((b) => ({
      indicator: b.indicator as StudyDto["baseline"][number]["indicator"],
      value: Number(b.value),
      measuredOn: b.measured_on,
      source: b.source,
    })),
    updatedAt: study?.updated_at ?? null,
    can: abilities(a, cluster.scope),
  };
}

/** Runs a study write in a transaction for a caller who may edit, and marks the study changed. */
async function studyWrite<T>(
  deps: Deps,
  actor: Actor | null,
  clusterId: string,
  fn: (trx: Kysely<DB>, a: Actor, cluster: ClusterRef) => Promise<T>,
): Promise<T> {
  return deps.database.db.transaction().execute(async (trx) => {
    const { a, cluster } = await reachCluster(trx, actor, clusterId, "planning.edit");
    const out = await fn(trx, a, cluster);
    await touchStudy(trx, clusterId);
    return out;
  });
}

async function touchStudy(trx: Kysely<DB>, clusterId: string, set?: { vision: string | null; swot: string }) {
  const now = nowIso();
  const existing = await trx
    .selectFrom("planning_studies")
    .select("cluster_id")
    .where("cluster_id", "=", clusterId)
    .executeTakeFirst();
  if (existing) {
    await trx
      .updateTable("planning_studies")
      .set({ updated_at: now, ...set })
      .where("cluster_id", "=", clusterId)
      .execute();
  } else {
    await trx
      .insertInto("planning_studies")
      .values({
        cluster_id: clusterId,
        vision: set?.vision ?? null,
        swot: set?.swot ?? JSON.stringify(emptySwot()),
        updated_at: now,
      })
      .execute();
  }
}

export async function saveStudySummary(
  deps: Deps,
  actor: Actor | null,
  clusterId: string,
  input: z.infer<typeof StudySummaryInput>,
): Promise<StudyDto> {
  await studyWrite(deps, actor, clusterId, async (trx, a, cluster) => {
    const before = await trx
      .selectFrom("planning_studies")
      .select(["vision", "swot"])
      .where("cluster_id", "=", clusterId)
      .executeTakeFirst();
    const next = { vision: trimmedOrNull(input.vision), swot: JSON.stringify(input.swot) };
    await touchStudy(trx, clusterId, next);
    const changes = diffFields(
      { vision: before?.vision ?? null, swot: before ? JSON.parse(before.swot) : emptySwot() },
      { vision: next.vision, swot: input.swot },
    );
    await audit(
      trx,
      a,
      cluster.scope,
      { action: "planning.study.update", type: "cluster", id: clusterId },
      { changes },
    );
  });
  return getStudy(deps, actor, clusterId);
}

export async function saveBaseline(
  deps: Deps,
  actor: Actor | null,
  clusterId: string,
  input: z.infer<typeof BaselineInput>,
): Promise<StudyDto> {
  const seen = new Set<string>();
  for (const f of input.figures) {
    if (seen.has(f.indicator)) throw badRequest("duplicate_indicator");
    seen.add(f.indicator);
  }
  await studyWrite(deps, actor, clusterId, async (trx, a, cluster) => {
    await trx.deleteFrom("planning_baselines").where("cluster_id", "=", clusterId).execute();
    if (input.figures.length > 0) {
      await trx
        .insertInto("planning_baselines")
        .values(
          input.figures.map((f) => ({
            cluster_id: clusterId,
            indicator: f.indicator,
            value: f.value,
            measured_on: f.measuredOn,
            source: trimmedOrNull(f.source),
          })),
        )
        .execute();
    }
    await audit(
      trx,
      a,
      cluster.scope,
      { action: "planning.baseline.save", type: "cluster", id: clusterId },
      {
        figures: input.figures.map((f) => `${f.indicator}=${f.value}`),
      },
    );
  });
  return getStudy(deps, actor, clusterId);
}

// ----------------------------------------------------------------- parts

export async function addStudyPart(
  deps: Deps,
  actor: Actor | null,
  clusterId: string,
  input: z.infer<typeof StudyPartInput>,
): Promise<StudyDto> {
  await studyWrite(deps, actor, clusterId, async (trx, a, cluster) => {
    const row = {
      id: randomUUID(),
      cluster_id: clusterId,
      level: input.level,
      title: input.title,
      findings: input.findings,
      sources: trimmedOrNull(input.sources),
      created_at: nowIso(),
    };
    await trx.insertInto("planning_study_parts").values(row).execute();
    await audit(
      trx,
      a,
      cluster.scope,
      { action: "planning.part.add", type: "study_part", id: row.id },
      {
        level: row.level,
        title: row.title,
      },
    );
  });
  return getStudy(deps, actor, clusterId);
}

const partOf = (trx: Kysely<DB>, clusterId: string, id: string) =>
  trx
    .selectFrom("planning_study_parts")
    .selectAll()
    .where("cluster_id", "=", clusterId)
    .where("id", "=", id)
    .executeTakeFirst();

export async function updateStudyPart(
  deps: Deps,
  actor: Actor | null,
  clusterId: string,
  id: string,
  input: z.infer<typeof StudyPartUpdateInput>,
): Promise<StudyDto> {
  await studyWrite(deps, actor, clusterId, async (trx, a, cluster) => {
    const p = found(await partOf(trx, clusterId, id));
    const next = {
      level: input.level ?? p.level,
      title: input.title ?? p.title,
      findings: input.findings ?? p.findings,
      sources: input.sources !== undefined ? trimmedOrNull(input.sources) : p.sources,
    };
    const changes = diffFields({ level: p.level, title: p.title, findings: p.findings, sources: p.sources }, next);
    if (!hasChanges(changes)) return;
    await trx.updateTable("planning_study_parts").set(next).where("id", "=", id).execute();
    await audit(
      trx,
      a,
      cluster.scope,
      { action: "planning.part.update", type: "study_part", id },
      {
        title: next.title,
        changes,
      },
    );
  });
  return getStudy(deps, actor, clusterId);
}

export async function removeStudyPart(deps: Deps, actor: Actor | null, clusterId: string, id: string) {
  await studyWrite(deps, actor, clusterId, async (trx, a, cluster) => {
    const p = found(await partOf(trx, clusterId, id));
    // Files are evidence: a part that holds some is not removed with them.
    const file = await trx
      .selectFrom("attachments")
      .select("id")
      .where("owner_type", "=", "study_part")
      .where("owner_id", "=", id)
      .limit(1)
      .executeTakeFirst();
    if (file) throw conflict("part_has_attachments");
    await trx.deleteFrom("planning_study_parts").where("id", "=", id).execute();
    await audit(
      trx,
      a,
      cluster.scope,
      { action: "planning.part.remove", type: "study_part", id },
      {
        level: p.level,
        title: p.title,
      },
    );
  });
}

// ----------------------------------------------------------------- pressure points

export async function addPressurePoint(
  deps: Deps,
  actor: Actor | null,
  clusterId: string,
  input: z.infer<typeof PressurePointInput>,
): Promise<StudyDto> {
  await studyWrite(deps, actor, clusterId, async (trx, a, cluster) => {
    const row = {
      id: randomUUID(),
      cluster_id: clusterId,
      title: input.title,
      category: input.category,
      severity: input.severity,
      evidence: trimmedOrNull(input.evidence),
      created_at: nowIso(),
    };
    await trx.insertInto("planning_pressure_points").values(row).execute();
    await audit(
      trx,
      a,
      cluster.scope,
      { action: "planning.point.add", type: "pressure_point", id: row.id },
      {
        title: row.title,
        category: row.category,
        severity: row.severity,
      },
    );
  });
  return getStudy(deps, actor, clusterId);
}

const pointOf = (trx: Kysely<DB>, clusterId: string, id: string) =>
  trx
    .selectFrom("planning_pressure_points")
    .selectAll()
    .where("cluster_id", "=", clusterId)
    .where("id", "=", id)
    .executeTakeFirst();

export async function updatePressurePoint(
  deps: Deps,
  actor: Actor | null,
  clusterId: string,
  id: string,
  input: z.infer<typeof PressurePointUpdateInput>,
): Promise<StudyDto> {
  await studyWrite(deps, actor, clusterId, async (trx, a, cluster) => {
    const p = found(await pointOf(trx, clusterId, id));
    const next = {
      title: input.title ?? p.title,
      category: input.category ?? p.category,
      severity: input.severity ?? Number(p.severity),
      evidence: input.evidence !== undefined ? trimmedOrNull(input.evidence) : p.evidence,
    };
    const changes = diffFields(
      { title: p.title, category: p.category, severity: Number(p.severity), evidence: p.evidence },
      next,
    );
    if (!hasChanges(changes)) return;
    await trx.updateTable("planning_pressure_points").set(next).where("id", "=", id).execute();
    await audit(
      trx,
      a,
      cluster.scope,
      { action: "planning.point.update", type: "pressure_point", id },
      {
        title: next.title,
        changes,
      },
    );
  });
  return getStudy(deps, actor, clusterId);
}

/** A pressure point a strategy or a programme answers stays until they let go of it. */
export async function removePressurePoint(deps: Deps, actor: Actor | null, clusterId: string, id: string) {
  await studyWrite(deps, actor, clusterId, async (trx, a, cluster) => {
    const p = found(await pointOf(trx, clusterId, id));
    const used = await trx
      .selectFrom("planning_programme_points")
      .select("programme_id")
      .where("cluster_id", "=", clusterId)
      .where("pressure_point_id", "=", id)
      .limit(1)
      .executeTakeFirst();
    if (used) throw conflict("pressure_point_in_use");
    await trx
      .deleteFrom("planning_strategy_points")
      .where("cluster_id", "=", clusterId)
      .where("pressure_point_id", "=", id)
      .execute();
    await trx.deleteFrom("planning_pressure_points").where("id", "=", id).execute();
    await audit(
      trx,
      a,
      cluster.scope,
      { action: "planning.point.remove", type: "pressure_point", id },
      {
        title: p.title,
        category: p.category,
      },
    );
  });
}

// ----------------------------------------------------------------- strategies

async function linkPoints(trx: Kysely<DB>, clusterId: string, strategyId: string, ids: readonly string[]) {
  await ensureOfCluster(trx, "planning_pressure_points", clusterId, ids, () => badRequest("unknown_pressure_point"));
  await trx.deleteFrom("planning_strategy_points").where("strategy_id", "=", strategyId).execute();
  const unique = [...new Set(ids)];
  if (unique.length > 0) {
    await trx
      .insertInto("planning_strategy_points")
      .values(unique.map((p) => ({ strategy_id: strategyId, pressure_point_id: p, cluster_id: clusterId })))
      .execute();
  }
}

export async function addStrategy(
  deps: Deps,
  actor: Actor | null,
  clusterId: string,
  input: z.infer<typeof StrategyInput>,
): Promise<StudyDto> {
  await studyWrite(deps, actor, clusterId, async (trx, a, cluster) => {
    const row = {
      id: randomUUID(),
      cluster_id: clusterId,
      title: input.title,
      description: trimmedOrNull(input.description),
      created_at: nowIso(),
    };
    await trx.insertInto("planning_strategies").values(row).execute();
    await linkPoints(trx, clusterId, row.id, input.pressurePointIds);
    await audit(
      trx,
      a,
      cluster.scope,
      { action: "planning.strategy.add", type: "strategy", id: row.id },
      {
        title: row.title,
        pressurePoints: input.pressurePointIds.length,
      },
    );
  });
  return getStudy(deps, actor, clusterId);
}

export async function updateStrategy(
  deps: Deps,
  actor: Actor | null,
  clusterId: string,
  id: string,
  input: z.infer<typeof StrategyUpdateInput>,
): Promise<StudyDto> {
  await studyWrite(deps, actor, clusterId, async (trx, a, cluster) => {
    const s = found(
      await trx
        .selectFrom("planning_strategies")
        .selectAll()
        .where("cluster_id", "=", clusterId)
        .where("id", "=", id)
        .executeTakeFirst(),
    );
    const next = {
      title: input.title ?? s.title,
      description: input.description !== undefined ? trimmedOrNull(input.description) : s.description,
    };
    const changes = diffFields({ title: s.title, description: s.description }, next);
    if (input.pressurePointIds) {
      const before = (
        await trx
          .selectFrom("planning_strategy_points")
          .select("pressure_point_id")
          .where("strategy_id", "=", id)
          .execute()
      ).map((r) => r.pressure_point_id);
      await linkPoints(trx, clusterId, id, input.pressurePointIds);
      const after = [...new Set(input.pressurePointIds)];
      if (before.length !== after.length || before.some((p) => !after.includes(p))) {
        changes.pressurePoints = { before: before.length, after: after.length };
      }
    }
    if (!hasChanges(changes)) return;
    await trx.updateTable("planning_strategies").set(next).where("id", "=", id).execute();
    await audit(
      trx,
      a,
      cluster.scope,
      { action: "planning.strategy.update", type: "strategy", id },
      {
        title: next.title,
        changes,
      },
    );
  });
  return getStudy(deps, actor, clusterId);
}

/** A strategy a programme serves stays until the programme lets go of it. */
export async function removeStrategy(deps: Deps, actor: Actor | null, clusterId: string, id: string) {
  await studyWrite(deps, actor, clusterId, async (trx, a, cluster) => {
    const s = found(
      await trx
        .selectFrom("planning_strategies")
        .selectAll()
        .where("cluster_id", "=", clusterId)
        .where("id", "=", id)
        .executeTakeFirst(),
    );
    const used = await trx
      .selectFrom("planning_programmes")
      .select("id")
      .where("strategy_id", "=", id)
      .limit(1)
      .executeTakeFirst();
    if (used) throw conflict("strategy_in_use");
    await trx.deleteFrom("planning_strategy_points").where("strategy_id", "=", id).execute();
    await trx.deleteFrom("planning_strategies").where("id", "=", id).execute();
    await audit(
      trx,
      a,
      cluster.scope,
      { action: "planning.strategy.remove", type: "strategy", id },
      { title: s.title },
    );
  });
}
