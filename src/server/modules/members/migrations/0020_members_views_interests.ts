import type { Kysely } from "kysely";
import type { MigrationContext } from "../../../db/migrations/index";

/**
 * Saved views of a cluster's directory (the designer database: people with
 * the designer skill in a cluster), and the partner search's "express
 * interest" messages, one per sender and target per day (the unique index
 * makes the rule hold under concurrent requests too).
 */
export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await db.schema
    .createTable("saved_views")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("cluster_id", "text", (c) => c.notNull().references("clusters.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("name_sort", "text", (c) => c.notNull())
    // JSON of the directory filters (DirectoryFilters without clusterId).
    .addColumn("filters", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("saved_views_cluster_idx")
    .on("saved_views")
    .columns(["cluster_id", "name_sort"])
    .execute();

  await db.schema
    .createTable("partner_interests")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("from_user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("to_actor_id", "text", (c) => c.notNull().references("actors.id"))
    .addColumn("message", "text", (c) => c.notNull())
    // The sender's day (ISO date, Tehran time) the rule "once a day" counts by.
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("partner_interests_once_a_day_uq")
    .on("partner_interests")
    .columns(["from_user_id", "to_actor_id", "day"])
    .unique()
    .execute();
  await db.schema
    .createIndex("partner_interests_to_idx")
    .on("partner_interests")
    .columns(["to_actor_id", "created_at"])
    .execute();
}
