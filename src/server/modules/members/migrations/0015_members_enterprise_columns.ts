import type { Kysely } from "kysely";
import type { MigrationContext } from "../../../db/migrations/index";

/**
 * The enterprise's name now lives on its actor row (0013, filled by 0014):
 * the copies on `enterprises` go, so there is one place to change a name.
 * `cluster_id` and `province_code` stay: the home cluster and its province,
 * the scope a member user's grant carries (where the enterprise itself is
 * located is the actor's `province_code`). SQLite cannot drop a column that
 * is a foreign key, which `province_code` also is.
 */
export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await db.schema.dropIndex("enterprises_name_sort_idx").execute();
  for (const column of ["name", "name_norm", "name_sort"]) {
    await db.schema.alterTable("enterprises").dropColumn(column).execute();
  }
}
