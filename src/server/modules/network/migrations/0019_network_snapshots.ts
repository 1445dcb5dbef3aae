import type { Kysely } from "kysely";
import type { MigrationContext } from "../../../db/migrations/index";

/**
 * The network's figures and layout, computed in the background (betweenness
 * and ForceAtlas2 on a 3,000-actor network take seconds) and kept per
 * cluster and date: the network alive on that date. `fingerprint` is the
 * state of the cluster's links and members it was computed from; when it no
 * longer matches, the snapshot is stale and a new one is queued, while the
 * old one is still answered.
 *
 * Also the cluster's link list in its order (newest first), so a page of it
 * reads an index instead of sorting the cluster's links.
 */
export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await db.schema
    .createTable("network_snapshots")
    .addColumn("cluster_id", "text", (c) => c.notNull().references("clusters.id"))
    .addColumn("on_date", "text", (c) => c.notNull())
    .addColumn("fingerprint", "text", (c) => c.notNull())
    .addColumn("computed_at", "text", (c) => c.notNull())
    .addColumn("data", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("network_snapshots_pk", ["cluster_id", "on_date"])
    .execute();
  await db.schema
    .createIndex("relationships_cluster_list_idx")
    .on("relationships")
    .columns(["cluster_id", "created_at", "id"])
    .execute();
}
