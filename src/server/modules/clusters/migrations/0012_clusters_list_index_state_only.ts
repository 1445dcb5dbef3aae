import { type Kysely, sql } from "kysely";
import type { MigrationContext } from "../../../db/migrations/index";

/**
 * 0009's index, for queries that filter by state only. Partial on
 * `archived_at is null` alone, SQLite also chose it for a registry search's
 * count (every non-archived cluster, read through the index and then the
 * table: 688 µs where a plain scan takes 421); `state is not null` is implied
 * by the list's `state = ?` and by nothing a search says.
 */
export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await db.schema.dropIndex("clusters_state_name_idx").execute();
  await db.schema
    .createIndex("clusters_state_name_idx")
    .on("clusters")
    .columns(["state", "name_sort", "id"])
    .where(sql<boolean>`archived_at is null and state is not null`)
    .execute();
}
