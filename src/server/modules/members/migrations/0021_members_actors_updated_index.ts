import type { Kysely } from "kysely";
import type { MigrationContext } from "../../../db/migrations/index";

/**
 * The latest change of any actor, read from this index's last entry: the
 * network's drawing answers are cached until an actor (a name in them)
 * changes (network/snapshots.ts).
 */
export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await db.schema.createIndex("actors_updated_idx").on("actors").column("updated_at").execute();
}
