/**
 * Enterprises as pickers and short lists see them (GET /enterprises): of
 * the clusters the caller may read, members only their own.
 */
import type { z } from "zod";
import { normalizeFa } from "../../../core/normalize";
import type { Actor } from "../../../core/permissions";
import type { Page } from "../../../core/schemas/common";
import type { EnterpriseListQuery, EnterpriseOut } from "../../../core/schemas/members";
import { authorizeAnywhere } from "../../auth/authorize";
import type { Deps } from "../../context";
import { containsNormalized } from "../../db/dialect";
import { paginate } from "../../services/paginate";
import { inScope } from "../../services/scope";

export async function listEnterprises(
  deps: Deps,
  actor: Actor | null,
  q: z.infer<typeof EnterpriseListQuery>,
): Promise<Page<z.infer<typeof EnterpriseOut>>> {
  const a = authorizeAnywhere(actor, "enterprise.read");
  let base = inScope(
    deps.database.db
      .selectFrom("enterprises")
      .innerJoin("actors", "actors.id", "enterprises.id")
      .innerJoin("clusters", "clusters.id", "enterprises.cluster_id"),
    a,
    "enterprise.read",
    { province: "enterprises.province_code", cluster: "enterprises.cluster_id", enterprise: "enterprises.id" },
  );
  if (q.clusterId) base = base.where("enterprises.cluster_id", "=", q.clusterId);
  if (q.q) base = base.where(containsNormalized("actors.name_norm", normalizeFa(q.q)));
  const { rows, total } = await paginate(base, q, (b) =>
    b
      .select([
        "enterprises.id",
        "actors.name",
        "enterprises.cluster_id",
        "clusters.name_fa as cluster_name",
        "enterprises.province_code",
      ])
      .orderBy("actors.name_sort")
      .orderBy("enterprises.id"),
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      clusterId: r.cluster_id,
      clusterName: r.cluster_name,
      provinceCode: r.province_code,
    })),
    total,
  };
}
