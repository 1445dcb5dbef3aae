/**
 * The whole picture: registry counts per province and state, with the same
 * scope and filters as the list (from the counts the database keeps, where
 * the filters allow).
 */
import type { z } from "zod";
import { type ClusterStateName, PROJECT_STATES } from "../../../core/lifecycle";
import { type Actor, scopeFilter } from "../../../core/permissions";
import type { ClusterStatsOut } from "../../../core/schemas/clusters";
import { authorizeAnywhere } from "../../auth/authorize";
import type { Deps } from "../../context";
import { inScope } from "../../services/scope";
import { applyFilters, baseQuery, type ClusterFilters } from "./shared";

export type ClusterStats = z.infer<typeof ClusterStatsOut>;
type Counts = ClusterStats["totals"];

/**
 * The counts per province and state. Without the filters that look inside
 * records (search, sector, project year, contract ending) and for a reach of
 * whole provinces, they are cluster_state_counts, kept in step with the
 * registry by the database (migration 0010): a few hundred rows, not a scan.
 * Otherwise the matching clusters are grouped.
 */
async function countRows(deps: Deps, a: Actor, q: ClusterFilters) {
  const db = deps.database.db;
  const scope = scopeFilter(a, "cluster.read");
  const whole = !q.q && !q.sector && !q.year && !q.contractEnding && (!scope || scope.clusterIds.length === 0);
  if (!whole) {
    return applyFilters(baseQuery(db), a, q)
      .select(["clusters.province_code", "clusters.state", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy(["clusters.province_code", "clusters.state"])
      .execute();
  }
  let counts = inScope(
    db.selectFrom("cluster_state_counts").select(["province_code", "state", "n"]).where("n", ">", 0),
    a,
    "cluster.read",
    { province: "cluster_state_counts.province_code" },
  );
  if (q.provinceCode) counts = counts.where("province_code", "=", q.provinceCode);
  if (q.state) counts = counts.where("state", "=", q.state);
  return counts.execute();
}

export async function clusterStats(deps: Deps, actor: Actor | null, q: ClusterFilters): Promise<ClusterStats> {
  const a = authorizeAnywhere(actor, "cluster.read");
  const db = deps.database.db;
  const rows = await countRows(deps, a, q);
  const provinces = await db.selectFrom("provinces").selectAll().orderBy("code").execute();
  const totals: Counts = {};
  const byCode = new Map<string, Counts>();
  for (const r of rows) {
    const n = Number(r.n);
    const state = r.state as ClusterStateName;
    totals[state] = (totals[state] ?? 0) + n;
    const counts = byCode.get(r.province_code) ?? {};
    counts[state] = n;
    byCode.set(r.province_code, counts);
  }
  // Provinces in reach are listed even without clusters (this is no row filter: inScope does those).
  const scope = scopeFilter(a, "cluster.read");
  const visible = scope
    ? provinces.filter((p) => scope.provinceCodes.includes(p.code) || byCode.has(p.code))
    : provinces;
  const sum = (states: readonly ClusterStateName[]) => states.reduce((s, k) => s + (totals[k] ?? 0), 0);
  return {
    byProvince: visible.map((p) => {
      const counts = byCode.get(p.code) ?? {};
      return {
        provinceCode: p.code,
        nameFa: p.name_fa,
        nameEn: p.name_en,
        counts,
        total: Object.values(counts).reduce((s, n) => s + (n ?? 0), 0),
      };
    }),
    totals,
    total: sum(Object.keys(totals) as ClusterStateName[]),
    groups: {
      identified: sum(["identified", "feasibility", "approved"]),
      underDevelopment: sum(PROJECT_STATES),
      handedOver: sum(["handed_over", "network"]),
      stopped: sum(["on_hold", "cancelled"]),
    },
  };
}
