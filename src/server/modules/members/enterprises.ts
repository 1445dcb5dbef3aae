/**
 * Enterprises: as pickers and short lists see them (GET /enterprises: of
 * the clusters the caller may read, members only their own), their profile
 * with memberships and products, its creation in a cluster and its edits.
 */
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { sizeClassOf } from "../../../core/members";
import { normalizeFa } from "../../../core/normalize";
import { type Action, type Actor, can } from "../../../core/permissions";
import type { Page } from "../../../core/schemas/common";
import type {
  EnterpriseCreate,
  EnterpriseDetail,
  EnterpriseListQuery,
  EnterpriseOut,
  EnterpriseUpdate,
} from "../../../core/schemas/members";
import { authorizeAnywhere } from "../../auth/authorize";
import type { Deps } from "../../context";
import { containsNormalized } from "../../db/dialect";
import { diffFields, hasChanges } from "../../services/diff";
import { authorizeAny, found, loadAuthorized } from "../../services/load";
import { paginate } from "../../services/paginate";
import { inScope } from "../../services/scope";
import { writeAudit } from "../audit/service";
import { clusterScope, loadCluster } from "./memberships";
import {
  assertEnterpriseUnique,
  enterpriseRowQuery,
  insertEnterprise,
  membershipsOf,
  productsOf,
  profileOf,
  scopesOf,
  updateEnterpriseProfile,
} from "./shared";

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

// ----------------------------------------------------------------- profile, memberships, writes

/** The detail of one enterprise as the caller may see it (404 outside their reach). */
export async function getEnterprise(deps: Deps, actor: Actor | null, id: string): Promise<EnterpriseDetail> {
  const db = deps.database.db;
  const row = found(await enterpriseRowQuery(db).where("enterprises.id", "=", id).executeTakeFirst());
  const memberships = (await membershipsOf(db, [id])).get(id) ?? [];
  const scopes = scopesOf(memberships, id);
  const a = authorizeAny(actor, scopes, "enterprise.read");
  const [products, staff] = await Promise.all([
    productsOf(db, [id]),
    db
      .selectFrom("people")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("enterprise_id", "=", id)
      .executeTakeFirstOrThrow(),
  ]);
  const p = profileOf(row, products.get(id) ?? []);
  const any = (action: Action) => scopes.some((s) => can(a, action, s));
  const employees =
    p.employeesIndustrial == null && p.employeesGuild == null
      ? null
      : (p.employeesIndustrial ?? 0) + (p.employeesGuild ?? 0);
  return {
    id,
    kind: "enterprise",
    ...p,
    sizeClass: sizeClassOf(employees),
    products: products.get(id) ?? [],
    homeClusterId: row.cluster_id,
    memberships,
    staffCount: Number(staff.n),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    can: {
      update: any("enterprise.update"),
      manageMemberships: any("membership.manage"),
      managePeople: any("person.manage"),
      readPersonal: any("personal.read") || any("person.manage"),
    },
  };
}

/**
 * POST /clusters/{id}/enterprises: a new enterprise in the cluster, whole or
 * not at all: its actor, enterprise and membership rows, its products and
 * the audit row in one transaction, after the identity rules.
 */
export async function createEnterprise(
  deps: Deps,
  actor: Actor | null,
  clusterId: string,
  input: EnterpriseCreate,
): Promise<EnterpriseDetail> {
  const db = deps.database.db;
  const { row: c, actor: a } = await loadAuthorized(
    actor,
    loadCluster(db, clusterId),
    clusterScope,
    "cluster.read",
    "enterprise.create",
  );
  const { status, joinedOn, ...profile } = input;
  const id = randomUUID();
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    await assertEnterpriseUnique(trx, {
      name: input.name,
      city: input.city ?? null,
      nationalId: input.nationalId ?? null,
      clusterIds: [clusterId],
    });
    await insertEnterprise(trx, {
      id,
      clusterId,
      clusterProvinceCode: c.province_code,
      name: input.name,
      provinceCode: input.provinceCode ?? c.province_code,
      city: input.city ?? null,
      status: status ?? "member",
      joinedOn: joinedOn ?? null,
      nationalId: input.nationalId ?? null,
      now,
      by: a.userId === "system" ? null : a.userId,
    });
    const { after } = await updateEnterpriseProfile(
      trx,
      id,
      { ...profile, provinceCode: input.provinceCode ?? c.province_code },
      { now },
    );
    await writeAudit(trx, a, {
      action: "enterprise.create",
      targetType: "enterprise",
      targetId: id,
      provinceCode: c.province_code,
      clusterId,
      summary: { name: after.name, nationalId: after.nationalId, status: status ?? "member" },
    });
  });
  return getEnterprise(deps, a, id);
}

/**
 * PATCH /enterprises/{id}: its member users edit their own profile, the
 * manager of any cluster it is in (and the province) edit it; anyone else
 * who may read it gets 403, anyone who may not 404.
 */
export async function updateEnterprise(
  deps: Deps,
  actor: Actor | null,
  id: string,
  input: EnterpriseUpdate,
): Promise<EnterpriseDetail> {
  const db = deps.database.db;
  const row = found(
    await db
      .selectFrom("enterprises")
      .select(["id", "cluster_id", "province_code"])
      .where("id", "=", id)
      .executeTakeFirst(),
  );
  const memberships = (await membershipsOf(db, [id])).get(id) ?? [];
  const a = authorizeAny(actor, scopesOf(memberships, id), "enterprise.read", "enterprise.update");
  await db.transaction().execute(async (trx) => {
    const { before, after } = await updateEnterpriseProfile(trx, id, input, { now: new Date().toISOString() });
    const changes = diffFields(before, after, Object.keys(input));
    if (!hasChanges(changes)) return;
    await writeAudit(trx, a, {
      action: "enterprise.update",
      targetType: "enterprise",
      targetId: id,
      provinceCode: row.province_code,
      clusterId: row.cluster_id,
      summary: { name: after.name, changes },
    });
  });
  return getEnterprise(deps, a, id);
}
