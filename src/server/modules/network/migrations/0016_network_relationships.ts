import type { Kysely } from "kysely";
import type { MigrationContext } from "../../../db/migrations/index";

/**
 * Typed links between two actors, as the diagnostic study's interviews, a
 * survey or an observed joint action found them: the cluster's network of
 * social systems. A link belongs to the cluster whose network it was
 * recorded for; its dates say when it held (figures between two dates read
 * the links alive on each).
 */
export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await db.schema
    .createTable("relationships")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("cluster_id", "text", (c) => c.notNull().references("clusters.id"))
    .addColumn("from_actor_id", "text", (c) => c.notNull().references("actors.id"))
    .addColumn("to_actor_id", "text", (c) => c.notNull().references("actors.id"))
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("strength", "integer", (c) => c.notNull())
    .addColumn("start_on", "text")
    .addColumn("end_on", "text")
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("notes", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text")
    .execute();
  await db.schema
    .createIndex("relationships_cluster_idx")
    .on("relationships")
    .columns(["cluster_id", "type"])
    .execute();
  await db.schema.createIndex("relationships_from_idx").on("relationships").column("from_actor_id").execute();
  await db.schema.createIndex("relationships_to_idx").on("relationships").column("to_actor_id").execute();
}
