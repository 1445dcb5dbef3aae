import type { Kysely } from "kysely";
import type { MigrationContext } from "./index";

/**
 * Security fixes: why a token was revoked, the browsers a person has signed
 * in from (they pass an account lock with the right password), and the
 * indexes that scope user lists by the grants people hold and the audit's
 * action list by province.
 */
export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await db.schema.alterTable("api_tokens").addColumn("revoked_reason", "text").execute();
  await db.schema.createIndex("api_tokens_created_by_idx").on("api_tokens").column("created_by").execute();
  await db.schema
    .createTable("known_devices")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("device_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_seen_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("known_devices_pk", ["user_id", "device_hash"])
    .execute();
  await db.schema
    .createIndex("role_grants_province_idx")
    .on("role_grants")
    .columns(["province_code", "user_id"])
    .execute();
  await db.schema
    .createIndex("audit_log_province_action_idx")
    .on("audit_log")
    .columns(["province_code", "action"])
    .execute();
  await db.schema.createIndex("audit_log_action_idx").on("audit_log").column("action").execute();
}
