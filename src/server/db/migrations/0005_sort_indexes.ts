import type { Kysely } from "kysely";
import type { MigrationContext } from "./index";

/** Lists are sorted by the Persian sort key; an index lets a page be read in order without sorting the table. */
export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await db.schema.createIndex("clusters_name_sort_idx").on("clusters").columns(["name_sort", "id"]).execute();
  await db.schema.createIndex("users_name_sort_idx").on("users").columns(["name_sort", "id"]).execute();
  await db.schema.createIndex("enterprises_name_sort_idx").on("enterprises").columns(["name_sort", "id"]).execute();
}
