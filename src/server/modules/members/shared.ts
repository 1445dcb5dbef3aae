/**
 * What the members module's services share, and what others (the demo
 * loader, imports, applications, the test harness) call to create an
 * enterprise the one way: its actor row, its enterprise row and its home
 * cluster's membership, in the caller's transaction.
 */
import { randomUUID } from "node:crypto";
import type { Insertable, Kysely } from "kysely";
import type { MembershipStatus, PublishableField } from "../../../core/members";
import { compactFa, normalizeFa, sortKeyFa } from "../../../core/normalize";
import type { Scope } from "../../../core/permissions";
import type { EnterpriseUpdate, Membership } from "../../../core/schemas/members";
import type { DB, EnterprisesTable } from "../../db/schema";
import { AppError } from "../../errors";
import { found } from "../../services/load";
import type { ActorsTable, ClusterActorsTable } from "./migrations/tables";

/** The text an actor is found by: its name and the given terms (products, skills, city), compacted. */
export function actorSearchText(name: string, terms: readonly (string | null | undefined)[]): string {
  return compactFa([name, ...terms].filter((t) => t).join(" "));
}

export interface NewEnterprise {
  id?: string;
  /** The home cluster and its province (the scope of the enterprise's member grants). */
  clusterId: string;
  clusterProvinceCode: string;
  name: string;
  /** Where the enterprise is; the home cluster's province when not given. */
  provinceCode?: string | null;
  city?: string | null;
  status?: MembershipStatus;
  /** ISO date the membership began. */
  joinedOn?: string | null;
  searchTerms?: readonly string[];
  nationalId?: string | null;
  now: string;
  by: string | null;
}

/**
 * The three rows a new enterprise is: its actor, its enterprise row and its
 * home cluster's membership, every column given (a multi-row insert needs
 * the same columns in every row). insertEnterprise writes them; the importer
 * fills in what a row gives and writes a batch's in a few statements.
 */
export function newEnterpriseRows(e: NewEnterprise) {
  const id = e.id ?? randomUUID();
  const actor = {
    id,
    kind: "enterprise" as const,
    name: e.name,
    name_norm: normalizeFa(e.name),
    name_sort: sortKeyFa(e.name),
    search_norm: actorSearchText(e.name, [...(e.searchTerms ?? []), e.city]),
    province_code: e.provinceCode === undefined ? e.clusterProvinceCode : e.provinceCode,
    city: e.city ?? null,
    city_norm: e.city ? normalizeFa(e.city) : null,
    address: null as string | null,
    postal_code: null as string | null,
    phone: null as string | null,
    mobile: null as string | null,
    email: null as string | null,
    website: null as string | null,
    notes: null as string | null,
    fts_rowid: null,
    created_at: e.now,
    updated_at: e.now,
    created_by: e.by,
  } satisfies Insertable<ActorsTable>;
  const enterprise = {
    id,
    cluster_id: e.clusterId,
    province_code: e.clusterProvinceCode,
    national_id: e.nationalId ?? null,
    legal_form: null as string | null,
    employees_industrial: null as number | null,
    employees_guild: null as number | null,
    capacity: null as number | null,
    capacity_unit: null as string | null,
    certificates: null as string | null,
    export_experience: null as number | null,
    export_markets: null as string | null,
    contact_person: null as string | null,
    created_at: e.now,
    updated_at: e.now,
  } satisfies Insertable<EnterprisesTable>;
  const membership = {
    cluster_id: e.clusterId,
    actor_id: id,
    kind: "enterprise" as const,
    status: e.status ?? "member",
    joined_on: e.status === "applicant" ? null : (e.joinedOn ?? e.now.slice(0, 10)),
    left_on: null,
    created_at: e.now,
    updated_at: e.now,
  } satisfies Insertable<ClusterActorsTable>;
  return { id, actor, enterprise, membership };
}

/** Inserts an enterprise with its home membership; returns its id. Run inside the write's transaction. */
export async function insertEnterprise(trx: Kysely<DB>, e: NewEnterprise): Promise<string> {
  const rows = newEnterpriseRows(e);
  await trx.insertInto("actors").values(rows.actor).execute();
  await trx.insertInto("enterprises").values(rows.enterprise).execute();
  await trx.insertInto("cluster_actors").values(rows.membership).execute();
  return rows.id;
}

// ----------------------------------------------------------------- enterprise profiles

/** The profile fields of an enterprise as the API (and the importer) give them; undefined leaves a field as it is. */
export type EnterpriseProfilePatch = EnterpriseUpdate;

/** An enterprise's profile as stored, in the API's field names (before/after of an update's audit). */
export type EnterpriseProfile = {
  [K in Exclude<keyof EnterpriseUpdate, "products" | "name" | "published" | "publishedFields">]-?: NonNullable<
    EnterpriseUpdate[K]
  > | null;
} & {
  name: string;
  products: { name: string; productGroup: string | null }[];
  published: boolean;
  publishedFields: PublishableField[];
};

const parseJsonList = <T = string>(s: string | null | undefined): T[] => (s ? (JSON.parse(s) as T[]) : []);

/** The enterprise's actor and enterprise rows joined, as profile reads need them. */
export function enterpriseRowQuery(db: Kysely<DB>) {
  return db
    .selectFrom("enterprises")
    .innerJoin("actors", "actors.id", "enterprises.id")
    .select([
      "enterprises.id",
      "enterprises.cluster_id",
      "enterprises.province_code as home_province_code",
      "enterprises.national_id",
      "enterprises.legal_form",
      "enterprises.employees_industrial",
      "enterprises.employees_guild",
      "enterprises.capacity",
      "enterprises.capacity_unit",
      "enterprises.certificates",
      "enterprises.export_experience",
      "enterprises.export_markets",
      "enterprises.contact_person",
      "enterprises.created_at",
      "actors.updated_at",
      "actors.name",
      "actors.province_code",
      "actors.city",
      "actors.address",
      "actors.postal_code",
      "actors.phone",
      "actors.mobile",
      "actors.email",
      "actors.website",
      "actors.notes",
      "actors.published",
      "actors.published_fields",
    ]);
}
export type EnterpriseRow = NonNullable<Awaited<ReturnType<ReturnType<typeof enterpriseRowQuery>["executeTakeFirst"]>>>;

/** The products of these enterprises, in their order. */
export async function productsOf(
  db: Kysely<DB>,
  ids: readonly string[],
): Promise<Map<string, { id: string; name: string; productGroup: string | null }[]>> {
  const out = new Map<string, { id: string; name: string; productGroup: string | null }[]>();
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500);
    const rows = await db
      .selectFrom("enterprise_products")
      .select(["id", "enterprise_id", "name", "product_group"])
      .where("enterprise_id", "in", part)
      .orderBy("enterprise_id")
      .orderBy("position")
      .execute();
    for (const r of rows) {
      const list = out.get(r.enterprise_id) ?? [];
      list.push({ id: r.id, name: r.name, productGroup: r.product_group });
      out.set(r.enterprise_id, list);
    }
  }
  return out;
}

export function profileOf(
  r: EnterpriseRow,
  products: { name: string; productGroup: string | null }[],
): EnterpriseProfile {
  return {
    name: r.name,
    nationalId: r.national_id,
    legalForm: r.legal_form as EnterpriseProfile["legalForm"],
    employeesIndustrial: r.employees_industrial,
    employeesGuild: r.employees_guild,
    products: products.map((p) => ({ name: p.name, productGroup: p.productGroup })),
    capacity: r.capacity,
    capacityUnit: r.capacity_unit,
    certificates: r.certificates,
    exportExperience: r.export_experience === null ? null : r.export_experience === 1,
    exportMarkets: r.export_markets,
    contactPerson: r.contact_person,
    provinceCode: r.province_code,
    city: r.city,
    address: r.address,
    postalCode: r.postal_code,
    phone: r.phone,
    mobile: r.mobile,
    email: r.email,
    website: r.website,
    notes: r.notes,
    published: r.published === 1,
    publishedFields: parseJsonList<PublishableField>(r.published_fields),
  };
}

/**
 * The rules an enterprise's identity keeps, checked before a write: a
 * company national ID belongs to one enterprise (409 national_id_taken on
 * the field; the unique index backs it), and one cluster does not hold the
 * same enterprise twice — the same normalised name in the same city
 * (409 enterprise_duplicate on the name).
 */
export async function assertEnterpriseUnique(
  trx: Kysely<DB>,
  e: { id?: string; name: string; city: string | null; nationalId: string | null; clusterIds: readonly string[] },
): Promise<void> {
  if (e.nationalId) {
    let q = trx.selectFrom("enterprises").select("id").where("national_id", "=", e.nationalId);
    if (e.id) q = q.where("id", "<>", e.id);
    if (await q.executeTakeFirst()) throw new AppError(409, "national_id_taken", {}, [{ path: "body.nationalId" }]);
  }
  if (e.clusterIds.length === 0) return;
  const cityNorm = e.city ? normalizeFa(e.city) : null;
  let dup = trx
    .selectFrom("actors")
    .innerJoin("cluster_actors", "cluster_actors.actor_id", "actors.id")
    .select("actors.id")
    .where("actors.kind", "=", "enterprise")
    .where("actors.name_norm", "=", normalizeFa(e.name))
    .where("actors.city_norm", cityNorm === null ? "is" : "=", cityNorm)
    .where("cluster_actors.cluster_id", "in", [...e.clusterIds]);
  if (e.id) dup = dup.where("actors.id", "<>", e.id);
  if (await dup.executeTakeFirst()) throw new AppError(409, "enterprise_duplicate", {}, [{ path: "body.name" }]);
}

/**
 * Writes the given profile fields of an enterprise inside the caller's
 * transaction — the one way to change a profile (the API's update and the
 * importer's re-import): the actor row (name in its three forms, place,
 * contacts, publishing), the enterprise row, the product list (replaced when
 * given) and search_norm rebuilt from the name, products and city so search
 * stays in step. Checks the identity rules (assertEnterpriseUnique) over
 * the enterprise's clusters. Returns the profile before and after, for the
 * caller's audit row (diffFields). Throws 404 when there is no such enterprise.
 */
export async function updateEnterpriseProfile(
  trx: Kysely<DB>,
  id: string,
  patch: EnterpriseProfilePatch,
  at: { now: string },
): Promise<{ before: EnterpriseProfile; after: EnterpriseProfile }> {
  const row = found(await enterpriseRowQuery(trx).where("enterprises.id", "=", id).executeTakeFirst());
  const before = profileOf(row, (await productsOf(trx, [id])).get(id) ?? []);
  const after: EnterpriseProfile = { ...before };
  for (const [k, v] of Object.entries(patch)) {
    if (v !== undefined) (after as Record<string, unknown>)[k] = v;
  }
  if (patch.products)
    after.products = patch.products.map((p) => ({ name: p.name, productGroup: p.productGroup ?? null }));
  if (after.published && !patch.publishedFields && !before.published) after.publishedFields = before.publishedFields;

  if (after.name !== before.name || after.city !== before.city || after.nationalId !== before.nationalId) {
    const clusters = await trx.selectFrom("cluster_actors").select("cluster_id").where("actor_id", "=", id).execute();
    await assertEnterpriseUnique(trx, {
      id,
      name: after.name,
      city: after.city,
      nationalId: after.nationalId,
      clusterIds: clusters.map((c) => c.cluster_id),
    });
  }
  await trx
    .updateTable("actors")
    .set({
      name: after.name,
      name_norm: normalizeFa(after.name),
      name_sort: sortKeyFa(after.name),
      search_norm: actorSearchText(after.name, [...after.products.map((p) => p.name), after.city]),
      province_code: after.provinceCode,
      city: after.city,
      city_norm: after.city ? normalizeFa(after.city) : null,
      address: after.address,
      postal_code: after.postalCode,
      phone: after.phone,
      mobile: after.mobile,
      email: after.email,
      website: after.website,
      notes: after.notes,
      published: after.published ? 1 : 0,
      published_fields: JSON.stringify(after.publishedFields ?? []),
      updated_at: at.now,
    })
    .where("id", "=", id)
    .execute();
  await trx
    .updateTable("enterprises")
    .set({
      national_id: after.nationalId,
      legal_form: after.legalForm,
      employees_industrial: after.employeesIndustrial,
      employees_guild: after.employeesGuild,
      capacity: after.capacity,
      capacity_unit: after.capacityUnit,
      certificates: after.certificates,
      export_experience: after.exportExperience === null ? null : after.exportExperience ? 1 : 0,
      export_markets: after.exportMarkets,
      contact_person: after.contactPerson,
      updated_at: at.now,
    })
    .where("id", "=", id)
    .execute();
  if (patch.products) {
    await trx.deleteFrom("enterprise_products").where("enterprise_id", "=", id).execute();
    if (after.products.length) {
      await trx
        .insertInto("enterprise_products")
        .values(
          after.products.map((p, i) => ({
            id: randomUUID(),
            enterprise_id: id,
            name: p.name,
            name_norm: normalizeFa(p.name),
            product_group: p.productGroup,
            position: i,
          })),
        )
        .execute();
    }
  }
  return { before, after };
}

// ----------------------------------------------------------------- memberships and scopes

/** The memberships of these actors, with their clusters' names and provinces, home first then by cluster name. */
export async function membershipsOf(db: Kysely<DB>, actorIds: readonly string[]): Promise<Map<string, Membership[]>> {
  const out = new Map<string, Membership[]>();
  if (actorIds.length === 0) return out;
  const rows = await db
    .selectFrom("cluster_actors")
    .innerJoin("clusters", "clusters.id", "cluster_actors.cluster_id")
    .leftJoin("enterprises", (j) =>
      j.onRef("enterprises.id", "=", "cluster_actors.actor_id").onRef("enterprises.cluster_id", "=", "clusters.id"),
    )
    .select([
      "cluster_actors.cluster_id",
      "cluster_actors.actor_id",
      "cluster_actors.kind",
      "cluster_actors.status",
      "cluster_actors.joined_on",
      "cluster_actors.left_on",
      "clusters.name_fa",
      "clusters.name_sort",
      "clusters.province_code",
      "enterprises.id as home_of",
    ])
    .where("cluster_actors.actor_id", "in", [...actorIds])
    .execute();
  rows.sort((a, b) => Number(!!b.home_of) - Number(!!a.home_of) || a.name_sort.localeCompare(b.name_sort));
  for (const r of rows) {
    const list = out.get(r.actor_id) ?? [];
    list.push({
      clusterId: r.cluster_id,
      clusterName: r.name_fa,
      clusterProvinceCode: r.province_code,
      actorId: r.actor_id,
      kind: r.kind,
      status: r.status,
      joinedOn: r.joined_on,
      leftOn: r.left_on,
      home: !!r.home_of,
    });
    out.set(r.actor_id, list);
  }
  return out;
}

/** The scopes a record in these clusters has (each membership's cluster and province), for authorizeAny. */
export function scopesOf(memberships: readonly Membership[], enterpriseId: string | null): Scope[] {
  return memberships.map((m) => ({ provinceCode: m.clusterProvinceCode, clusterId: m.clusterId, enterpriseId }));
}

/**
 * The clusters a person takes part in: their own rows in cluster_actors
 * (any status but left) and the clusters their enterprise is a member of —
 * staff inherit their enterprise's membership. Registrations and joint
 * actions ask this. Returns the clusters with the person's standing in each:
 * `direct` when the person is linked themself.
 */
export async function clustersOfPerson(
  db: Kysely<DB>,
  personId: string,
): Promise<{ clusterId: string; provinceCode: string; direct: boolean }[]> {
  const person = await db.selectFrom("people").select("enterprise_id").where("id", "=", personId).executeTakeFirst();
  if (!person) return [];
  const ids = person.enterprise_id ? [personId, person.enterprise_id] : [personId];
  const rows = await db
    .selectFrom("cluster_actors")
    .innerJoin("clusters", "clusters.id", "cluster_actors.cluster_id")
    .select(["cluster_actors.cluster_id", "cluster_actors.actor_id", "cluster_actors.status", "clusters.province_code"])
    .where("cluster_actors.actor_id", "in", ids)
    .execute();
  const out = new Map<string, { clusterId: string; provinceCode: string; direct: boolean }>();
  for (const r of rows) {
    const direct = r.actor_id === personId;
    if (direct ? r.status === "left" : r.status !== "member") continue;
    const had = out.get(r.cluster_id);
    out.set(r.cluster_id, { clusterId: r.cluster_id, provinceCode: r.province_code, direct: direct || !!had?.direct });
  }
  return [...out.values()];
}
