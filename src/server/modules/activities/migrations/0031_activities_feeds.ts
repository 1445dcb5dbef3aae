import type { Kysely } from "kysely";
import type { MigrationContext } from "../../../db/migrations/index";

/**
 * Private calendar feeds: one per user and cluster, its token's SHA-256
 * stored (like API tokens), so a leaked database holds no working feed
 * address. Asking again replaces the row: the old address stops answering.
 * The feed answers only while its user is active and may still read the
 * cluster's activities, checked on every fetch, so no grant change has to
 * reach back here.
 */
export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await db.schema
    .createTable("activity_feeds")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("cluster_id", "text", (c) => c.notNull().references("clusters.id"))
    .addColumn("token_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  // A feed fetch finds its row by the token's hash.
  await db.schema.createIndex("activity_feeds_token_uq").on("activity_feeds").column("token_hash").unique().execute();
  // One feed per user and cluster: rotating replaces it.
  await db.schema
    .createIndex("activity_feeds_user_cluster_uq")
    .on("activity_feeds")
    .columns(["user_id", "cluster_id"])
    .unique()
    .execute();
}
