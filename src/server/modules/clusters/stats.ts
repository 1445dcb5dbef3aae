/**
 * The whole picture: registry counts per province and state, with the same
 * scope and filters as the list.
 */
import { PROJECT_STATES } from "../../../core/lifecycle";
import { type Actor, scopeFilter } from "../../../core/permissions";
import { authorizeAnywhere } from "../../auth/authorize";
import type { Deps } from "../../context";
import { applyFilters, baseQuery, type ListClustersQuery } from "./shared";

export interface ClusterStats {
  byProvince: { provinceCode: string; nameFa: string; nameEn: string; total: number; counts: Record<string, number> }[];
  totals: Record<string, number>;
  total: number;
  groups: { identified: number; underDevelopment: number; handedOver: number; stopped: number };
}

export async function clusterStats(
  deps: Deps,
  actor: Actor | null,
  q: Omit<ListClustersQuery, "sort" | "order" | "limit" | "offset">,
): Promise<ClusterStats> {
  const a = authorizeAnywhere(actor, "cluster.read");
  const db = deps.database.db;
  const rows = await applyFilters(baseQuery(db), a, q)
    .select(["clusters.province_code", "clusters.state", (eb) => eb.fn.countAll<number>().as("n")])
    .groupBy(["clusters.province_code", "clusters.state"])
    .execute();
  const provinces = await db.selectFrom("provinces").selectAll().orderBy("code").execute();
  const totals: Record<string, number> = {};
  const byCode = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const n = Number(r.n);
    totals[r.state] = (totals[r.state] ?? 0) + n;
    const counts = byCode.get(r.province_code) ?? {};
    counts[r.state] = n;
    byCode.set(r.province_code, counts);
  }
  // Provinces in reach are listed even without clusters (this is no row filter: inScope does those).
  const scope = scopeFilter(a, "cluster.read");
  const visible = scope
    ? provinces.filter((p) => scope.provinceCodes.includes(p.code) || byCode.has(p.code))
    : provinces;
  const sum = (states: string[]) => states.reduce((s, k) => s + (totals[k] ?? 0), 0);
  return {
    byProvince: visible.map((p) => {
      const counts = byCode.get(p.code) ?? {};
      return {
        provinceCode: p.code,
        nameFa: p.name_fa,
        nameEn: p.name_en,
        counts,
        total: Object.values(counts).reduce((s, n) => s + n, 0),
      };
    }),
    totals,
    total: sum(Object.keys(totals)),
    groups: {
      identified: sum(["identified", "feasibility", "approved"]),
      underDevelopment: sum([...PROJECT_STATES]),
      handedOver: sum(["handed_over", "network"]),
      stopped: sum(["on_hold", "cancelled"]),
    },
  };
}
