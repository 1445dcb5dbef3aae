/**
 * The planning chain of a cluster as one view: pressure point → strategy →
 * programme (with its activities) → targets, across all its plans, with
 * what hangs loose flagged. Eight reads, each one index range, whatever the
 * number of programmes.
 */
import type { z } from "zod";
import { todayIso } from "../../../core/jalali";
import type { Actor } from "../../../core/permissions";
import { midpointIso, programmeProgress } from "../../../core/planning";
import type { ChainOut } from "../../../core/schemas/planning";
import type { Deps } from "../../context";
import { activitiesOfProgrammes } from "../activities/activities";
import { reachCluster } from "./shared";

export type ChainDto = z.infer<typeof ChainOut>;

const groupBy = <T, K>(rows: readonly T[], key: (r: T) => K) => {
  const m = new Map<K, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
};

export async function getChain(deps: Deps, actor: Actor | null, clusterId: string): Promise<ChainDto> {
  const db = deps.database.db;
  await reachCluster(db, actor, clusterId);
  const [points, strategies, strategyLinks, programmes, programmeLinks, targets, milestones] = await Promise.all([
    db
      .selectFrom("planning_pressure_points")
      .where("cluster_id", "=", clusterId)
      .select(["id", "title", "category", "severity"])
      .orderBy("created_at")
      .orderBy("id")
      .execute(),
    db
      .selectFrom("planning_strategies")
      .where("cluster_id", "=", clusterId)
      .select(["id", "title"])
      .orderBy("created_at")
      .orderBy("id")
      .execute(),
    db
      .selectFrom("planning_strategy_points")
      .select(["strategy_id", "pressure_point_id"])
      .where("cluster_id", "=", clusterId)
      .execute(),
    db
      .selectFrom("planning_programmes")
      .innerJoin("planning_plans", "planning_plans.id", "planning_programmes.plan_id")
      .select([
        "planning_programmes.id",
        "planning_programmes.plan_id",
        "planning_programmes.title",
        "planning_programmes.strategy_id",
        "planning_programmes.start_date",
        "planning_programmes.end_date",
        "planning_plans.project_year",
        "planning_plans.period_start",
        "planning_plans.period_end",
      ])
      .where("planning_programmes.cluster_id", "=", clusterId)
      // Also on the plans' side, so PostgreSQL reads the cluster's plans by (cluster_id, project_year), not all of them.
      .where("planning_plans.cluster_id", "=", clusterId)
      .orderBy("planning_plans.project_year")
      .orderBy("planning_programmes.position")
      .orderBy("planning_programmes.id")
      .execute(),
    db
      .selectFrom("planning_programme_points")
      .select(["programme_id", "pressure_point_id"])
      .where("cluster_id", "=", clusterId)
      .execute(),
    db
      .selectFrom("planning_targets")
      .select(["id", "programme_id", "indicator", "measured"])
      .where("cluster_id", "=", clusterId)
      .orderBy("position")
      .execute(),
    db
      .selectFrom("planning_milestones")
      .select(["programme_id", "done_on"])
      .where("cluster_id", "=", clusterId)
      .execute(),
  ]);

  const today = todayIso();
  const activities = await activitiesOfProgrammes(
    db,
    programmes.map((p) => p.id),
  );
  const pointsOfStrategy = groupBy(strategyLinks, (l) => l.strategy_id);
  const strategiesOfPoint = groupBy(strategyLinks, (l) => l.pressure_point_id);
  const programmesOfStrategy = groupBy(programmes, (p) => p.strategy_id);
  const programmesOfPoint = groupBy(programmeLinks, (l) => l.pressure_point_id);
  const targetsOf = groupBy(targets, (t) => t.programme_id);
  const milestonesOf = groupBy(milestones, (m) => m.programme_id);

  const programmeOut = programmes.map((p) => {
    const ms = milestonesOf.get(p.id) ?? [];
    const acts = activities.get(p.id) ?? { total: 0, done: 0 };
    const progress = programmeProgress(
      { startDate: p.start_date, endDate: p.end_date },
      ms.map((m) => ({ doneOn: m.done_on })),
      today,
      acts,
    );
    // Loose: no activity at all and no milestone done, past the middle of its year.
    const nothingDone = acts.total === 0 && !ms.some((m) => m.done_on !== null);
    const ended = today > p.end_date;
    return {
      id: p.id,
      planId: p.plan_id,
      projectYear: Number(p.project_year),
      title: p.title,
      strategyId: p.strategy_id,
      percent: progress.percent,
      status: progress.status,
      milestones: ms.length,
      activities: acts.total,
      loose: nothingDone && today > midpointIso(p.period_start, p.period_end),
      targets: (targetsOf.get(p.id) ?? []).map((t) => ({
        id: t.id,
        indicator: t.indicator,
        measured: t.measured !== null,
        loose: t.measured === null && ended,
      })),
    };
  });

  const strategyOut = strategies.map((s) => {
    const serving = (programmesOfStrategy.get(s.id) ?? []).map((p) => p.id);
    return {
      id: s.id,
      title: s.title,
      pressurePointIds: (pointsOfStrategy.get(s.id) ?? []).map((l) => l.pressure_point_id),
      programmeIds: serving,
      loose: serving.length === 0,
    };
  });
  const strategyProgrammes = new Map(strategyOut.map((s) => [s.id, s.programmeIds]));

  const pointOut = points.map((p) => {
    const strategyIds = (strategiesOfPoint.get(p.id) ?? []).map((l) => l.strategy_id);
    const answering = new Set([
      ...(programmesOfPoint.get(p.id) ?? []).map((l) => l.programme_id),
      ...strategyIds.flatMap((s) => strategyProgrammes.get(s) ?? []),
    ]);
    return {
      id: p.id,
      title: p.title,
      category: p.category as ChainDto["pressurePoints"][number]["category"],
      severity: Number(p.severity),
      strategyIds,
      programmeIds: [...answering],
      loose: answering.size === 0,
    };
  });

  return {
    pressurePoints: pointOut,
    strategies: strategyOut,
    programmes: programmeOut,
    loose: {
      pressurePoints: pointOut.filter((p) => p.loose).length,
      strategies: strategyOut.filter((s) => s.loose).length,
      programmes: programmeOut.filter((p) => p.loose).length,
      targets: programmeOut.reduce((n, p) => n + p.targets.filter((t) => t.loose).length, 0),
    },
  };
}
