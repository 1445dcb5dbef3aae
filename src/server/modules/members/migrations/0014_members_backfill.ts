import { type Kysely, sql } from "kysely";
import type { MigrationContext } from "../../../db/migrations/index";

/**
 * Data only: every enterprise registered before 0013 becomes an actor of
 * kind enterprise with its name, its province and its home cluster's
 * membership (member since it was registered).
 */
export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await sql`
    insert into actors (id, kind, name, name_norm, name_sort, search_norm, province_code, published_fields, published, created_at, updated_at)
    select id, 'enterprise', name, name_norm, name_sort, replace(name_norm, ' ', ''), province_code, '[]', 0, created_at, created_at
    from enterprises`.execute(db);
  await sql`update enterprises set updated_at = created_at`.execute(db);
  await sql`
    insert into cluster_actors (cluster_id, actor_id, kind, status, joined_on, created_at, updated_at)
    select cluster_id, id, 'enterprise', 'member', substr(created_at, 1, 10), created_at, created_at
    from enterprises`.execute(db);
}
