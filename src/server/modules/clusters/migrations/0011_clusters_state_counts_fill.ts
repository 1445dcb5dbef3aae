import { type Kysely, sql } from "kysely";
import type { MigrationContext } from "../../../db/migrations/index";

/** Data only: the counts of the clusters registered before 0010's triggers. */
export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await sql`delete from cluster_state_counts`.execute(db);
  await sql`
    insert into cluster_state_counts (province_code, state, n)
    select province_code, state, count(*) from clusters where archived_at is null
    group by province_code, state`.execute(db);
}
