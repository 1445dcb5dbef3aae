import { randomBytes } from "node:crypto";
import { type Kysely, sql } from "kysely";
import type { MigrationContext } from "../../../db/migrations/index";

/**
 * Attendance, tickets and certificates.
 *
 * - `activity_attendances`: one row per registration and session (the whole
 *   activity's when it has no sessions: session_id null), with the hours
 *   attended and whether the person walked in unregistered. Unique by two
 *   partial indexes, because a unique index treats nulls as distinct on both
 *   engines. An activity's session list and its counts read one index.
 * - `activity_registrations.checkin_code`: the ticket's private token and the
 *   QR code's payload (24 base64url characters of 18 random bytes), unique;
 *   existing registrations get one here. `walk_in` flags registrations the
 *   manager added at the door.
 * - `activity_certificate_settings`: a training's attendance rule and its
 *   signatories (JSON).
 * - `activity_certificates`: one per registration, with a short verification
 *   code typed from the paper (10 Crockford base32 characters) and the
 *   holder's name and hours as printed.
 */
export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await db.schema
    .createTable("activity_attendances")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("activity_id", "text", (c) => c.notNull().references("activities.id"))
    .addColumn("cluster_id", "text", (c) => c.notNull())
    .addColumn("registration_id", "text", (c) => c.notNull().references("activity_registrations.id"))
    // Null: the activity has no sessions. No reference: sessions are rewritten by id on a change.
    .addColumn("session_id", "text")
    .addColumn("hours", "real", (c) => c.notNull())
    .addColumn("walk_in", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("checked_in_at", "text", (c) => c.notNull())
    .addColumn("checked_in_by", "text")
    .execute();
  // Once per registration and session, and once per registration for an activity without sessions.
  await db.schema
    .createIndex("activity_attendances_session_uq")
    .on("activity_attendances")
    .columns(["registration_id", "session_id"])
    .unique()
    .where(sql<boolean>`session_id is not null`)
    .execute();
  await db.schema
    .createIndex("activity_attendances_whole_uq")
    .on("activity_attendances")
    .columns(["registration_id"])
    .unique()
    .where(sql<boolean>`session_id is null`)
    .execute();
  // A session's check-in list and its counts (checked in, walk-ins).
  await db.schema
    .createIndex("activity_attendances_activity_idx")
    .on("activity_attendances")
    .columns(["activity_id", "session_id", "walk_in"])
    .execute();

  await db.schema.alterTable("activity_registrations").addColumn("checkin_code", "text").execute();
  await db.schema
    .alterTable("activity_registrations")
    .addColumn("walk_in", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  const typed = db as unknown as Kysely<{ activity_registrations: { id: string; checkin_code: string | null } }>;
  // Existing registrations in batches (random tokens cannot come from SQL the same way on both engines).
  for (;;) {
    const rows = await typed
      .selectFrom("activity_registrations")
      .select("id")
      .where("checkin_code", "is", null)
      .limit(500)
      .execute();
    if (rows.length === 0) break;
    for (const r of rows) {
      await typed
        .updateTable("activity_registrations")
        .set({ checkin_code: randomBytes(18).toString("base64url") })
        .where("id", "=", r.id)
        .execute();
    }
  }
  await db.schema
    .createIndex("activity_registrations_checkin_code_uq")
    .on("activity_registrations")
    .column("checkin_code")
    .unique()
    .execute();

  await db.schema
    .createTable("activity_certificate_settings")
    .addColumn("activity_id", "text", (c) => c.primaryKey().references("activities.id"))
    .addColumn("cluster_id", "text", (c) => c.notNull())
    .addColumn("min_attendance_percent", "integer", (c) => c.notNull())
    // JSON: [{ name, title }], one to three.
    .addColumn("signatories", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("activity_certificates")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("activity_id", "text", (c) => c.notNull().references("activities.id"))
    .addColumn("cluster_id", "text", (c) => c.notNull())
    .addColumn("registration_id", "text", (c) => c.notNull().unique().references("activity_registrations.id"))
    .addColumn("code", "text", (c) => c.notNull().unique())
    // As printed: the name and hours when it was issued.
    .addColumn("holder_name", "text", (c) => c.notNull())
    .addColumn("hours", "real", (c) => c.notNull())
    .addColumn("issued_at", "text", (c) => c.notNull())
    .addColumn("issued_by", "text")
    .addColumn("mailed_at", "text")
    .execute();
  // An activity's certificates; the cluster's not yet issued (home page) join through it.
  await db.schema
    .createIndex("activity_certificates_activity_idx")
    .on("activity_certificates")
    .columns(["activity_id", "issued_at"])
    .execute();
}
