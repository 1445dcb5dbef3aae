/**
 * Saved views of a cluster's directory: a named filter anyone who may read
 * the cluster's people opens by its link (the designer database: people
 * with the designer skill in the cluster), and exports. Its author, or whoever
 * keeps the cluster's people, deletes it.
 */
import { randomUUID } from "node:crypto";
import { sortKeyFa } from "../../../core/normalize";
import { type Actor, can, type Scope } from "../../../core/permissions";
import type { Page } from "../../../core/schemas/common";
import { DirectoryFilters, type SavedView, type SavedViewCreate } from "../../../core/schemas/members";
import type { Deps } from "../../context";
import { forbidden } from "../../errors";
import { loadAuthorized } from "../../services/load";
import { writeAudit } from "../audit/service";
import { clusterScope, loadCluster } from "./memberships";

function viewQuery(deps: Deps) {
  return deps.database.db
    .selectFrom("saved_views")
    .innerJoin("clusters", "clusters.id", "saved_views.cluster_id")
    .leftJoin("users", "users.id", "saved_views.created_by")
    .select([
      "saved_views.id",
      "saved_views.cluster_id",
      "saved_views.name",
      "saved_views.filters",
      "saved_views.created_by",
      "saved_views.created_at",
      "clusters.name_fa as cluster_name",
      "clusters.province_code",
      "users.name as created_by_name",
    ]);
}
type ViewRow = NonNullable<Awaited<ReturnType<ReturnType<typeof viewQuery>["executeTakeFirst"]>>>;

const scopeOf = (r: { cluster_id: string; province_code: string }): Scope => ({
  provinceCode: r.province_code,
  clusterId: r.cluster_id,
});

function toView(r: ViewRow, actor: Actor): SavedView {
  // Stored by createSavedView from the validated input; parsed again so a view saved by an older version still reads.
  const parsed = DirectoryFilters.safeParse({ ...JSON.parse(r.filters), clusterId: r.cluster_id });
  return {
    id: r.id,
    clusterId: r.cluster_id,
    clusterName: r.cluster_name,
    name: r.name,
    filters: parsed.success ? parsed.data : { clusterId: r.cluster_id },
    createdBy: r.created_by,
    createdByName: r.created_by_name,
    createdAt: r.created_at,
    canDelete: r.created_by === actor.userId || can(actor, "person.manage", scopeOf(r)),
  };
}

/** One view, for whoever may read people in its cluster (404 otherwise). */
export async function loadView(deps: Deps, actor: Actor | null, id: string): Promise<SavedView> {
  const { row, actor: a } = await loadAuthorized(
    actor,
    viewQuery(deps).where("saved_views.id", "=", id).executeTakeFirst(),
    scopeOf,
    "person.read",
  );
  return toView(row, a);
}

/** GET /clusters/{id}/views. */
export async function listViews(deps: Deps, actor: Actor | null, clusterId: string): Promise<Page<SavedView>> {
  const { actor: a } = await loadAuthorized(
    actor,
    loadCluster(deps.database.db, clusterId),
    clusterScope,
    "person.read",
  );
  const rows = await viewQuery(deps)
    .where("saved_views.cluster_id", "=", clusterId)
    .orderBy("saved_views.name_sort")
    .orderBy("saved_views.id")
    .limit(500)
    .execute();
  return { items: rows.map((r) => toView(r, a)), total: rows.length };
}

/** POST /clusters/{id}/views: whoever may read the cluster's people may save a view of them. */
export async function createView(
  deps: Deps,
  actor: Actor | null,
  clusterId: string,
  input: SavedViewCreate,
): Promise<SavedView> {
  const { row: c, actor: a } = await loadAuthorized(
    actor,
    loadCluster(deps.database.db, clusterId),
    clusterScope,
    "cluster.read",
    "person.read",
  );
  const id = randomUUID();
  const now = new Date().toISOString();
  const filters = Object.fromEntries(Object.entries(input.filters).filter(([, v]) => v !== undefined));
  await deps.database.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("saved_views")
      .values({
        id,
        cluster_id: clusterId,
        name: input.name,
        name_sort: sortKeyFa(input.name),
        filters: JSON.stringify(filters),
        created_by: a.userId === "system" ? null : a.userId,
        created_at: now,
      })
      .execute();
    await writeAudit(trx, a, {
      action: "saved_view.create",
      targetType: "saved_view",
      targetId: id,
      provinceCode: c.province_code,
      clusterId,
      summary: { name: input.name, filters },
    });
  });
  return loadView(deps, a, id);
}

/** DELETE /views/{id}: its author, or who keeps the cluster's people. */
export async function deleteView(deps: Deps, actor: Actor | null, id: string): Promise<void> {
  const view = await loadView(deps, actor, id);
  if (!view.canDelete) throw forbidden();
  const a = actor as Actor;
  const c = await loadCluster(deps.database.db, view.clusterId);
  await deps.database.db.transaction().execute(async (trx) => {
    await trx.deleteFrom("saved_views").where("id", "=", id).execute();
    await writeAudit(trx, a, {
      action: "saved_view.delete",
      targetType: "saved_view",
      targetId: id,
      provinceCode: c?.province_code ?? null,
      clusterId: view.clusterId,
      summary: { name: view.name, filters: view.filters },
    });
  });
}
