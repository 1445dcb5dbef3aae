import type { Kysely } from "kysely";
import type { MigrationContext } from "./index";

/** Approval of a cluster is dated twice: by the provincial committee and by the national organisation. */
export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await db.schema.alterTable("cluster_transitions").addColumn("approvals", "text").execute();
}
