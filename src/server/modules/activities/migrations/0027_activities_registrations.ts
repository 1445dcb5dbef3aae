import { type Kysely, sql } from "kysely";
import type { MigrationContext } from "../../../db/migrations/index";

/**
 * Registrations for activities: a person of the members' directory or a
 * free name and mobile (public or walk-in), for the whole activity or one of
 * its sessions, with the waiting list and its offers.
 *
 * Seats are counted on the activity (whole-activity registrations) and on
 * the session (a session's): `seats_taken` moves in the same transaction as
 * every status change, by a conditional update (`seats_taken < capacity`),
 * so two requests for the last seat give it once on both engines (SQLite's
 * transactions are IMMEDIATE; PostgreSQL takes the row's lock). `waitlist_seq`
 * numbers the waiting list the same way. Settings: `moderated` (new
 * registrations pending) and `offer_hours` (how long a freed seat is offered).
 */
export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  for (const [table, settings] of [
    ["activities", true],
    ["activity_sessions", false],
  ] as const) {
    await db.schema
      .alterTable(table)
      .addColumn("seats_taken", "integer", (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .alterTable(table)
      .addColumn("waitlist_seq", "integer", (c) => c.notNull().defaultTo(0))
      .execute();
    if (settings) {
      await db.schema
        .alterTable(table)
        .addColumn("moderated", "integer", (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .alterTable(table)
        .addColumn("offer_hours", "integer", (c) => c.notNull().defaultTo(48))
        .execute();
    }
  }

  await db.schema
    .createTable("activity_registrations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("activity_id", "text", (c) => c.notNull().references("activities.id"))
    .addColumn("cluster_id", "text", (c) => c.notNull())
    // Null: the whole activity. No reference: an activity's sessions are rewritten by id on a change.
    .addColumn("session_id", "text")
    .addColumn("person_id", "text", (c) => c.references("people.id"))
    // The person's name when registered, or the free name of a public or walk-in registration.
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("mobile", "text")
    .addColumn("enterprise_id", "text")
    // pending, accepted, waitlisted, offered, rejected or cancelled.
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("reason", "text")
    .addColumn("offered_until", "text")
    // The place on the waiting list (its activity's or session's waitlist_seq when it joined).
    .addColumn("position", "integer")
    .addColumn("registered_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  // An activity's participants and its waiting list in order.
  await db.schema
    .createIndex("activity_registrations_activity_idx")
    .on("activity_registrations")
    .columns(["activity_id", "status", "position", "created_at"])
    .execute();
  // What an enterprise is registered for.
  await db.schema
    .createIndex("activity_registrations_enterprise_idx")
    .on("activity_registrations")
    .columns(["enterprise_id", "activity_id"])
    .execute();
  // A person once per activity while the registration lives.
  await db.schema
    .createIndex("activity_registrations_person_uq")
    .on("activity_registrations")
    .columns(["activity_id", "person_id"])
    .unique()
    .where(sql<boolean>`status in ('pending', 'accepted', 'waitlisted', 'offered') and person_id is not null`)
    .execute();
  // A free registration once per mobile and activity.
  await db.schema
    .createIndex("activity_registrations_mobile_uq")
    .on("activity_registrations")
    .columns(["activity_id", "mobile"])
    .unique()
    .where(
      sql<boolean>`status in ('pending', 'accepted', 'waitlisted', 'offered') and person_id is null and mobile is not null`,
    )
    .execute();
}
