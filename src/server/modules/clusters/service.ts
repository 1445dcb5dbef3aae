/**
 * The cluster registry (bare records for now) and the enterprises inside
 * clusters. Reads are scoped: a user sees only clusters their grants reach.
 */
import type { Kysely } from "kysely";
import { normalizeFa } from "../../../core/normalize";
import { type Actor, scopeFilter } from "../../../core/permissions";
import type { CLUSTER_STATES } from "../../../core/schemas";
import { authorize, authorizeAnywhere } from "../../auth/authorize";
import type { Deps } from "../../context";
import { containsNormalized } from "../../db/dialect";
import type { DB } from "../../db/schema";
import { notFound } from "../../errors";

export interface ClusterDto {
  id: string;
  nameFa: string;
  nameEn: string | null;
  provinceCode: string;
  provinceNameFa: string;
  provinceNameEn: string;
  state: (typeof CLUSTER_STATES)[number];
}

function clusterQuery(db: Kysely<DB>) {
  return db
    .selectFrom("clusters")
    .innerJoin("provinces", "provinces.code", "clusters.province_code")
    .where("clusters.archived_at", "is", null);
}

const clusterColumns = [
  "clusters.id",
  "clusters.name_fa",
  "clusters.name_en",
  "clusters.province_code",
  "provinces.name_fa as province_name_fa",
  "provinces.name_en as province_name_en",
  "clusters.state",
] as const;

type ClusterSel = {
  id: string;
  name_fa: string;
  name_en: string | null;
  province_code: string;
  province_name_fa: string;
  province_name_en: string;
  state: string;
};

function toClusterDto(r: ClusterSel): ClusterDto {
  return {
    id: r.id,
    nameFa: r.name_fa,
    nameEn: r.name_en,
    provinceCode: r.province_code,
    provinceNameFa: r.province_name_fa,
    provinceNameEn: r.province_name_en,
    state: r.state as ClusterDto["state"],
  };
}

export interface ListClustersQuery {
  q?: string;
  provinceCode?: string;
  sort: "name" | "province" | "state";
  order: "asc" | "desc";
  limit: number;
  offset: number;
}

export async function listClusters(deps: Deps, actor: Actor | null, q: ListClustersQuery) {
  const a = authorizeAnywhere(actor, "cluster.read");
  const scope = scopeFilter(a, "cluster.read");
  let base = clusterQuery(deps.database.db);
  if (scope) {
    base = base.where((eb) =>
      eb.or([
        eb("clusters.province_code", "in", scope.provinceCodes.length ? scope.provinceCodes : ["-"]),
        eb("clusters.id", "in", scope.clusterIds.length ? scope.clusterIds : ["-"]),
      ]),
    );
  }
  if (q.provinceCode) base = base.where("clusters.province_code", "=", q.provinceCode);
  if (q.q) base = base.where(containsNormalized("clusters.name_norm", normalizeFa(q.q)));
  const sortCol =
    q.sort === "province" ? "provinces.name_norm" : q.sort === "state" ? "clusters.state" : "clusters.name_norm";
  const [rows, total] = await Promise.all([
    base
      .select([...clusterColumns])
      .orderBy(sortCol, q.order)
      .orderBy("clusters.name_norm")
      .orderBy("clusters.id")
      .limit(q.limit)
      .offset(q.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toClusterDto), total: Number(total.n) };
}

/** A cluster's scope (for permission checks by other modules), or 404. */
export async function clusterScope(db: Kysely<DB>, id: string) {
  const c = await db.selectFrom("clusters").select(["id", "province_code"]).where("id", "=", id).executeTakeFirst();
  if (!c) throw notFound();
  return { provinceCode: c.province_code, clusterId: c.id };
}

export async function getCluster(deps: Deps, actor: Actor | null, id: string): Promise<ClusterDto> {
  const db = deps.database.db;
  authorize(actor, "cluster.read", await clusterScope(db, id), true);
  const r = await clusterQuery(db)
    .select([...clusterColumns])
    .where("clusters.id", "=", id)
    .executeTakeFirst();
  if (!r) throw notFound();
  return toClusterDto(r);
}

export async function listEnterprises(
  deps: Deps,
  actor: Actor | null,
  q: { clusterId?: string; q?: string; limit: number; offset: number },
) {
  const a = authorizeAnywhere(actor, "enterprise.read");
  const scope = scopeFilter(a, "enterprise.read");
  let base = deps.database.db.selectFrom("enterprises").innerJoin("clusters", "clusters.id", "enterprises.cluster_id");
  if (scope) {
    base = base.where((eb) =>
      eb.or([
        eb("enterprises.province_code", "in", scope.provinceCodes.length ? scope.provinceCodes : ["-"]),
        eb("enterprises.cluster_id", "in", scope.clusterIds.length ? scope.clusterIds : ["-"]),
        eb("enterprises.id", "in", scope.enterpriseIds.length ? scope.enterpriseIds : ["-"]),
      ]),
    );
  }
  if (q.clusterId) base = base.where("enterprises.cluster_id", "=", q.clusterId);
  if (q.q) base = base.where(containsNormalized("enterprises.name_norm", normalizeFa(q.q)));
  const [rows, total] = await Promise.all([
    base
      .select([
        "enterprises.id",
        "enterprises.name",
        "enterprises.cluster_id",
        "clusters.name_fa as cluster_name",
        "enterprises.province_code",
      ])
      .orderBy("enterprises.name_norm")
      .orderBy("enterprises.id")
      .limit(q.limit)
      .offset(q.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      clusterId: r.cluster_id,
      clusterName: r.cluster_name,
      provinceCode: r.province_code,
    })),
    total: Number(total.n),
  };
}
