import type { Kysely } from "kysely";
import type { MigrationContext } from "./index";

/**
 * The durable job queue: one row per job, claimed by lease so that any number
 * of server processes on one database run each job once at a time.
 * unique_key makes a recurring job's run for one period a single row however
 * many instances schedule it.
 */
export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await db.schema
    .createTable("jobs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("run_after", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("max_attempts", "integer", (c) => c.notNull())
    .addColumn("lease_owner", "text")
    .addColumn("lease_expires_at", "text")
    .addColumn("last_error", "text")
    .addColumn("unique_key", "text")
    .addColumn("province_code", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("finished_at", "text")
    .execute();
  await db.schema.createIndex("jobs_due_idx").on("jobs").columns(["state", "run_after"]).execute();
  await db.schema.createIndex("jobs_unique_key_uq").on("jobs").column("unique_key").unique().execute();
  await db.schema.createIndex("jobs_kind_state_idx").on("jobs").columns(["kind", "state", "created_at"]).execute();
  await db.schema
    .alterTable("outbox")
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
}
