import { type Kysely, sql } from "kysely";
import type { MigrationContext } from "./index";

/** Data only: clusters registered before 0003 get their search key and state date. */
export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await sql`update clusters set search_norm = replace(name_norm, ' ', '') where search_norm is null`.execute(db);
  await sql`update clusters set state_since = substr(created_at, 1, 10) where state_since is null`.execute(db);
  await sql`update clusters set isic_codes = '[]' where isic_codes is null`.execute(db);
  await sql`update clusters set product_groups = '[]' where product_groups is null`.execute(db);
}
