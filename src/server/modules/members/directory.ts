/**
 * The directory: one list over enterprises, people and institutions, with a
 * Persian search, filters and server paging, kept to the actors the caller
 * may read. Saved views and the export read the same query.
 *
 * Visibility: an actor is in the caller's reach for its kind's read action
 * (enterprise.read, person.read, institution.read) when it has a membership
 * in a cluster in that reach (people also through their enterprise's
 * memberships); member-level grants reach their own enterprise and its staff.
 * National admins see every actor.
 */
import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from "kysely";
import { type ActorKind, sizeClassOf } from "../../../core/members";
import { compactFa } from "../../../core/normalize";
import { type Action, type Actor, can, scopeFilter } from "../../../core/permissions";
import type { DirectoryFilter, DirectoryItem, DirectoryQueryInput } from "../../../core/schemas/members";
import { authorizeAnywhere } from "../../auth/authorize";
import type { Deps } from "../../context";
import type { DB } from "../../db/schema";
import { notFound } from "../../errors";
import { paginate } from "../../services/paginate";
import { paginateSearch, type SearchPage } from "../../services/search";
import { loadView } from "./views";

export const READ_ACTION: Record<ActorKind, Action> = {
  enterprise: "enterprise.read",
  person: "person.read",
  institution: "institution.read",
};

export const ACTORS_TEXT_INDEX = {
  key: "actors.id",
  column: "actors.search_norm",
  fts: { table: "actors_fts", rowid: "actors.fts_rowid" },
};

type EB = ExpressionBuilder<DB, "actors">;

/** Actors with a membership (of the given status) in one of these clusters or in a cluster of these provinces. */
function memberOf(eb: EB, where: { clusterIds?: string[]; provinceCodes?: string[]; status?: string }) {
  let direct = eb.selectFrom("cluster_actors").select("cluster_actors.actor_id");
  if (where.status) direct = direct.where("cluster_actors.status", "=", where.status as never);
  const clusterClause = (e: ExpressionBuilder<DB, "cluster_actors">) => {
    const parts: Expression<SqlBool>[] = [];
    if (where.clusterIds?.length) parts.push(e("cluster_actors.cluster_id", "in", where.clusterIds));
    if (where.provinceCodes?.length) {
      parts.push(
        e(
          "cluster_actors.cluster_id",
          "in",
          e.selectFrom("clusters").select("clusters.id").where("clusters.province_code", "in", where.provinceCodes),
        ),
      );
    }
    return parts.length === 1 ? parts[0]! : e.or(parts);
  };
  return direct.where(clusterClause);
}

/** A membership of the row's actor in a cluster of the reach: by the actor's index, then the cluster by key. */
function reachMembership(eb: EB, where: { clusterIds: string[]; provinceCodes: string[] }) {
  return eb
    .selectFrom("cluster_actors")
    .innerJoin("clusters", "clusters.id", "cluster_actors.cluster_id")
    .select("cluster_actors.actor_id")
    .whereRef("cluster_actors.actor_id", "=", "actors.id")
    .where((e) => {
      const parts: Expression<SqlBool>[] = [];
      if (where.clusterIds.length) parts.push(e("clusters.id", "in", where.clusterIds));
      if (where.provinceCodes.length) parts.push(e("clusters.province_code", "in", where.provinceCodes));
      return parts.length === 1 ? parts[0]! : e.or(parts);
    });
}

/** People who work for an enterprise that is a member of one of these clusters (staff inherit the membership). */
function staffOfMembers(eb: EB, where: { clusterIds?: string[]; provinceCodes?: string[] }) {
  return eb
    .selectFrom("people")
    .select("people.id")
    .where("people.enterprise_id", "in", memberOf(eb, { ...where, status: "member" }));
}

/** The reach clause for one kind of actor, or null when the caller reaches every actor of that kind. */
function reachOf(eb: EB, actor: Actor, kind: ActorKind): Expression<SqlBool> | null {
  const reach = scopeFilter(actor, READ_ACTION[kind]);
  if (!reach) return null;
  const parts: Expression<SqlBool>[] = [];
  const clusters = { clusterIds: reach.clusterIds, provinceCodes: reach.provinceCodes };
  if (reach.clusterIds.length || reach.provinceCodes.length) {
    // Correlated (EXISTS on cluster_actors' actor index), not IN: a province's reach holds tens of
    // thousands of actors, and the list should walk the name or text index and test each row,
    // not collect the whole reach and sort it (province list 289 ms → see the report).
    parts.push(eb.exists(reachMembership(eb, clusters)));
    if (kind === "person") {
      parts.push(eb.exists(staffOfMembers(eb, clusters).whereRef("people.id", "=", "actors.id")));
    }
  }
  if (reach.enterpriseIds.length) {
    if (kind === "enterprise") parts.push(eb("actors.id", "in", reach.enterpriseIds));
    if (kind === "person") {
      parts.push(
        eb(
          "actors.id",
          "in",
          eb.selectFrom("people").select("people.id").where("people.enterprise_id", "in", reach.enterpriseIds),
        ),
      );
    }
  }
  if (parts.length === 0) return sql<SqlBool>`1 = 0`;
  return parts.length === 1 ? parts[0]! : eb.or(parts);
}

/** The kinds a filter set allows: the kind given, or the one a kind-specific filter implies; [] when they contradict. */
function kindsOf(f: DirectoryFilter): ActorKind[] {
  const implied = new Set<ActorKind>();
  if (f.skill) implied.add("person");
  if (f.institutionKind) implied.add("institution");
  if (f.productGroup) implied.add("enterprise");
  if (f.kind) implied.add(f.kind);
  if (implied.size > 1) return [];
  return implied.size === 1 ? [...implied] : ["enterprise", "person", "institution"];
}

/**
 * The directory's filtered, scoped query over actors (no selection, no
 * order). A clusterId the caller may not read is a 404. Inside a cluster
 * whose kind the caller may read as a whole (its manager, council, the
 * province), the cluster filter alone is the scope, so a member list is one
 * read of cluster_actors' index.
 */
export async function directoryBase(db: Kysely<DB>, actor: Actor, f: DirectoryFilter) {
  const kinds = kindsOf(f);
  let cluster: { id: string; province_code: string } | undefined;
  if (f.clusterId) {
    cluster = await db
      .selectFrom("clusters")
      .select(["id", "province_code"])
      .where("id", "=", f.clusterId)
      .executeTakeFirst();
    if (!cluster || !can(actor, "cluster.read", { provinceCode: cluster.province_code, clusterId: cluster.id })) {
      throw notFound();
    }
  }
  let q = db.selectFrom("actors");
  if (kinds.length === 0) return q.where(sql<SqlBool>`1 = 0`);
  if (kinds.length === 1) q = q.where("actors.kind", "=", kinds[0]!);
  if (f.provinceCode) q = q.where("actors.province_code", "=", f.provinceCode);
  if (f.skill) {
    const skill = f.skill;
    q = q.where("actors.id", "in", (eb) =>
      eb.selectFrom("person_skills").select("person_skills.person_id").where("person_skills.skill", "=", skill),
    );
  }
  if (f.institutionKind) {
    const ik = f.institutionKind;
    q = q.where("actors.id", "in", (eb) =>
      eb.selectFrom("institutions").select("institutions.id").where("institutions.institution_kind", "=", ik),
    );
  }
  if (f.productGroup) {
    const group = f.productGroup;
    q = q.where("actors.id", "in", (eb) =>
      eb
        .selectFrom("enterprise_products")
        .select("enterprise_products.enterprise_id")
        .where("enterprise_products.product_group", "=", group),
    );
  }
  if (cluster) {
    const clusterIds = [cluster.id];
    // Staff inherit only a membership that holds (member); a status filter other than member leaves them out.
    const withStaff = kinds.includes("person") && (!f.status || f.status === "member");
    q = q.where((eb) => {
      const direct = eb("actors.id", "in", memberOf(eb, { clusterIds, status: f.status }));
      return withStaff ? eb.or([direct, eb("actors.id", "in", staffOfMembers(eb, { clusterIds }))]) : direct;
    });
  } else if (f.status) {
    const status = f.status;
    q = q.where("actors.id", "in", (eb) =>
      eb.selectFrom("cluster_actors").select("cluster_actors.actor_id").where("cluster_actors.status", "=", status),
    );
  }
  const scope = cluster ? { provinceCode: cluster.province_code, clusterId: cluster.id } : null;
  const reached = (k: ActorKind) => scope && can(actor, READ_ACTION[k], scope);
  q = q.where((eb) => {
    const parts: Expression<SqlBool>[] = [];
    for (const k of kinds) {
      const clause = reached(k) ? null : reachOf(eb, actor, k);
      if (kinds.length === 1) parts.push(clause ?? sql<SqlBool>`1 = 1`);
      else parts.push(clause ? eb.and([eb("actors.kind", "=", k), clause]) : eb("actors.kind", "=", k));
    }
    return parts.length === 1 ? parts[0]! : eb.or(parts);
  });
  return q;
}

type Base = Awaited<ReturnType<typeof directoryBase>>;

/** The row a directory page selects: the actor, and what its kind shows in a list (one-to-one joins by key). */
export function directoryRows(b: Base) {
  return b
    .leftJoin("people", "people.id", "actors.id")
    .leftJoin("institutions", "institutions.id", "actors.id")
    .leftJoin("enterprises", "enterprises.id", "actors.id")
    .select([
      "actors.id",
      "actors.kind",
      "actors.name",
      "actors.province_code",
      "actors.city",
      "actors.phone",
      "actors.mobile",
      "actors.email",
      "actors.website",
      "actors.address",
      "actors.postal_code",
      "actors.updated_at",
      "people.enterprise_id",
      "people.national_id as person_national_id",
      "people.job_title",
      "institutions.institution_kind",
      "enterprises.national_id as enterprise_national_id",
      "enterprises.employees_industrial",
      "enterprises.employees_guild",
    ])
    .orderBy("actors.name_sort")
    .orderBy("actors.id");
}
export type DirectoryRow = Awaited<ReturnType<ReturnType<typeof directoryRows>["execute"]>>[number];

/** Products (first five names) and skills of a page's actors, and their status in a cluster: three reads per page. */
export async function pageExtras(db: Kysely<DB>, rows: readonly DirectoryRow[], clusterId?: string) {
  const ids = rows.map((r) => r.id);
  const products = new Map<string, string[]>();
  const skills = new Map<string, string[]>();
  const status = new Map<string, string>();
  const employers = new Map<string, string>();
  if (ids.length === 0) return { products, skills, status, employers };
  const employerIds = [...new Set(rows.map((r) => r.enterprise_id).filter((e): e is string => !!e))];
  const enterpriseIds = rows.filter((r) => r.kind === "enterprise").map((r) => r.id);
  const personIds = rows.filter((r) => r.kind === "person").map((r) => r.id);
  const [p, s, m, e] = await Promise.all([
    enterpriseIds.length
      ? db
          .selectFrom("enterprise_products")
          .select(["enterprise_id", "name"])
          .where("enterprise_id", "in", enterpriseIds)
          .orderBy("enterprise_id")
          .orderBy("position")
          .execute()
      : [],
    personIds.length
      ? db
          .selectFrom("person_skills")
          .select(["person_id", "skill"])
          .where("person_id", "in", personIds)
          .orderBy("person_id")
          .orderBy("skill")
          .execute()
      : [],
    clusterId
      ? db
          .selectFrom("cluster_actors")
          .select(["actor_id", "status"])
          .where("cluster_id", "=", clusterId)
          .where("actor_id", "in", [...ids, ...employerIds])
          .execute()
      : [],
    employerIds.length ? db.selectFrom("actors").select(["id", "name"]).where("id", "in", employerIds).execute() : [],
  ]);
  for (const r of e) employers.set(r.id, r.name);
  for (const r of p) {
    const list = products.get(r.enterprise_id) ?? [];
    if (list.length < 5) list.push(r.name);
    products.set(r.enterprise_id, list);
  }
  for (const r of s) skills.set(r.person_id, [...(skills.get(r.person_id) ?? []), r.skill]);
  for (const r of m) status.set(r.actor_id, r.status);
  return { products, skills, status, employers };
}

export function toItem(r: DirectoryRow, extras: Awaited<ReturnType<typeof pageExtras>>): DirectoryItem {
  const employees =
    r.employees_industrial == null && r.employees_guild == null
      ? null
      : (r.employees_industrial ?? 0) + (r.employees_guild ?? 0);
  const status = extras.status.get(r.id) ?? (r.enterprise_id ? extras.status.get(r.enterprise_id) : undefined);
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    provinceCode: r.province_code,
    city: r.city,
    products: extras.products.get(r.id) ?? [],
    sizeClass: r.kind === "enterprise" ? sizeClassOf(employees) : null,
    skills: (extras.skills.get(r.id) ?? []) as DirectoryItem["skills"],
    enterpriseId: r.enterprise_id ?? null,
    enterpriseName: r.enterprise_id ? (extras.employers.get(r.enterprise_id) ?? null) : null,
    institutionKind: (r.institution_kind ?? null) as DirectoryItem["institutionKind"],
    status: (status ?? null) as DirectoryItem["status"],
  };
}

/** A view's filters with the request's on top (a request's own filter narrows or replaces the view's). */
export async function effectiveFilters(
  deps: Deps,
  actor: Actor,
  q: DirectoryFilter & { viewId?: string },
): Promise<DirectoryFilter> {
  const { viewId, ...own } = q;
  if (!viewId) return own;
  const view = await loadView(deps, actor, viewId);
  const defined = Object.fromEntries(Object.entries(own).filter(([, v]) => v !== undefined));
  return { ...view.filters, ...defined, clusterId: view.clusterId };
}

/**
 * A plain member list — one cluster, one kind, perhaps a status, no other
 * filter, read by someone who reaches the whole cluster — is its memberships
 * of that kind: the page is read from cluster_actors' (cluster_id, kind,
 * name_sort, actor_id, status) index alone, whose name_sort the database
 * copies from the actor (0023), and the total from the (cluster_id, kind,
 * status) index.
 * For the 3,000-actor cluster a page was every member read by key and
 * sorted (41 ms) and the count ~17 ms. People are left out when members'
 * staff count too (they inherit a membership that has no row of its own).
 * Null when the list is not plain.
 */
async function plainMemberList(db: Kysely<DB>, actor: Actor, f: DirectoryFilter) {
  const kinds = kindsOf(f);
  const kind = kinds.length === 1 ? kinds[0]! : null;
  const staff = kind === "person" && (!f.status || f.status === "member");
  if (!f.clusterId || !kind || staff || f.q || f.provinceCode || f.skill || f.institutionKind || f.productGroup) {
    return null;
  }
  const cluster = await db
    .selectFrom("clusters")
    .select(["id", "province_code"])
    .where("id", "=", f.clusterId)
    .executeTakeFirst();
  if (!cluster || !can(actor, READ_ACTION[kind], { provinceCode: cluster.province_code, clusterId: cluster.id })) {
    return null;
  }
  let memberships = db.selectFrom("cluster_actors").where("cluster_id", "=", cluster.id).where("kind", "=", kind);
  if (f.status) memberships = memberships.where("status", "=", f.status);
  return memberships;
}

/** GET /directory. */
export async function searchDirectory(
  deps: Deps,
  actor: Actor | null,
  q: DirectoryQueryInput,
): Promise<{ items: DirectoryItem[]; total: number; totalCapped: boolean }> {
  const a = authorizeAnywhere(actor, "cluster.read");
  const db = deps.database.db;
  const { limit, offset, ...filters } = q;
  const f = await effectiveFilters(deps, a, filters);
  const base = await directoryBase(db, a, f);
  const needle = f.q ? compactFa(f.q) : "";
  let page: SearchPage<DirectoryRow>;
  if (needle) {
    page = await paginateSearch(deps.database, base, { limit, offset }, directoryRows, {
      index: ACTORS_TEXT_INDEX,
      normalizedQuery: needle,
      sortColumn: "actors.name_sort",
    });
  } else {
    const memberships = await plainMemberList(db, a, f);
    if (memberships === null) {
      const { rows, total } = await paginate(base, { limit, offset }, directoryRows);
      page = { rows, total, totalCapped: false };
    } else {
      const pageIds = memberships
        .select("cluster_actors.actor_id")
        .orderBy("cluster_actors.name_sort")
        .orderBy("cluster_actors.actor_id")
        .limit(limit)
        .offset(offset);
      const [rows, counted] = await Promise.all([
        directoryRows(db.selectFrom("actors").where("actors.id", "in", pageIds)).execute(),
        memberships.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
      ]);
      page = { rows, total: Number(counted.n), totalCapped: false };
    }
  }
  const extras = await pageExtras(db, page.rows, f.clusterId);
  return { items: page.rows.map((r) => toItem(r, extras)), total: page.total, totalCapped: page.totalCapped };
}
