import { type Kysely, sql } from "kysely";
import type { MigrationContext } from "../../../db/migrations/index";

/**
 * Membership applications from the public form and the invitations of
 * member users they lead to.
 *
 * An application is read by the cluster's office (queue by cluster, status
 * and arrival) and by the applicant through a private link whose token is
 * stored only as its SHA-256. "One pending application per enterprise and
 * cluster" is kept by two partial unique indexes (compact name, company
 * national ID), so two submissions racing each other cannot both pass.
 *
 * An invitation is a one-time token (SHA-256 stored) that lets a member user
 * created without a usable password choose one; it expires.
 */
export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await db.schema
    .createTable("membership_applications")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("cluster_id", "text", (c) => c.notNull().references("clusters.id"))
    // The cluster's province, copied so the queue is scoped without a join.
    .addColumn("province_code", "text", (c) => c.notNull().references("provinces.code"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("enterprise_name", "text", (c) => c.notNull())
    // compactFa(enterprise_name): what "the same enterprise" compares.
    .addColumn("name_key", "text", (c) => c.notNull())
    .addColumn("national_id", "text")
    .addColumn("contact_person", "text", (c) => c.notNull())
    .addColumn("mobile", "text", (c) => c.notNull())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("city", "text", (c) => c.notNull())
    // JSON array of product names.
    .addColumn("products", "text", (c) => c.notNull())
    .addColumn("employees", "integer", (c) => c.notNull())
    .addColumn("message", "text")
    .addColumn("locale", "text", (c) => c.notNull())
    .addColumn("status_token_hash", "text", (c) => c.notNull().unique())
    .addColumn("enterprise_id", "text", (c) => c.references("enterprises.id"))
    .addColumn("reason", "text")
    .addColumn("decided_at", "text")
    .addColumn("decided_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  // The queue: a cluster's applications by status, newest first.
  await db.schema
    .createIndex("membership_applications_queue_idx")
    .on("membership_applications")
    .columns(["cluster_id", "status", "created_at", "id"])
    .execute();
  // A province admin's queue across the province.
  await db.schema
    .createIndex("membership_applications_province_idx")
    .on("membership_applications")
    .columns(["province_code", "status", "created_at", "id"])
    .execute();
  await db.schema
    .createIndex("membership_applications_pending_name_uq")
    .on("membership_applications")
    .columns(["cluster_id", "name_key"])
    .unique()
    .where(sql.ref("status"), "=", "pending")
    .execute();
  await db.schema
    .createIndex("membership_applications_pending_nid_uq")
    .on("membership_applications")
    .columns(["cluster_id", "national_id"])
    .unique()
    .where(sql<boolean>`status = 'pending' and national_id is not null`)
    .execute();

  await db.schema
    .createTable("member_invitations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("enterprise_id", "text", (c) => c.notNull().references("enterprises.id"))
    .addColumn("cluster_id", "text", (c) => c.notNull().references("clusters.id"))
    .addColumn("province_code", "text", (c) => c.notNull())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("accepted_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text")
    .execute();
  await db.schema.createIndex("member_invitations_user_idx").on("member_invitations").column("user_id").execute();
}
