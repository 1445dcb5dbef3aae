import type { Kysely } from "kysely";
import type { MigrationContext } from "../../../db/migrations/index";

/**
 * Beneficiaries of activities and the satisfaction survey (issue 11).
 *
 * A dashboard's figures are read from aggregate rows, never from the
 * attendances (3,000,000 registrations at national scale):
 * - `activity_beneficiary_registrations`: the registrations counted, with the
 *   person's key (directory person, else normalised mobile, else name) and
 *   role snapshotted when first attended;
 * - `activity_beneficiaries`: each person or enterprise of an activity and
 *   what backs it (counted registrations, being an exhibitor);
 * - `activity_beneficiary_marks`: that a subject is counted in an aggregate
 *   (level, scope, Jalali year, kind or '*', role or '*'), with how many
 *   activities back the mark;
 * - `activity_beneficiary_counts`: the aggregate's unique people and
 *   enterprises (moved by one when a mark appears or goes) and its survey's
 *   responses and score sum (the average without a scan);
 * - `activity_surveys`: one answer per registration, changeable.
 */
export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await db.schema
    .createTable("activity_beneficiary_registrations")
    .addColumn("registration_id", "text", (c) => c.primaryKey())
    .addColumn("activity_id", "text", (c) => c.notNull().references("activities.id"))
    .addColumn("person_key", "text", (c) => c.notNull())
    .addColumn("enterprise_id", "text")
    .addColumn("role", "text", (c) => c.notNull())
    .execute();
  // An activity's counted registrations, withdrawn when it is removed.
  await db.schema
    .createIndex("activity_beneficiary_registrations_activity_idx")
    .on("activity_beneficiary_registrations")
    .columns(["activity_id"])
    .execute();

  await db.schema
    .createTable("activity_beneficiaries")
    .addColumn("activity_id", "text", (c) => c.notNull().references("activities.id"))
    // person or enterprise.
    .addColumn("subject_kind", "text", (c) => c.notNull())
    .addColumn("subject_id", "text", (c) => c.notNull())
    // The person's role when first counted; null for an enterprise.
    .addColumn("role", "text")
    .addColumn("attendances", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("exhibitor", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("activity_beneficiaries_pk", ["activity_id", "subject_kind", "subject_id"])
    .execute();

  await db.schema
    .createTable("activity_beneficiary_marks")
    // activity, programme, cluster or province.
    .addColumn("level", "text", (c) => c.notNull())
    .addColumn("scope_id", "text", (c) => c.notNull())
    // The Jalali year; 0 for a programme over all its years.
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("subject_kind", "text", (c) => c.notNull())
    .addColumn("subject_id", "text", (c) => c.notNull())
    .addColumn("activity_kind", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("backing", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("activity_beneficiary_marks_pk", [
      "level",
      "scope_id",
      "year",
      "subject_kind",
      "subject_id",
      "activity_kind",
      "role",
    ])
    .execute();

  await db.schema
    .createTable("activity_beneficiary_counts")
    .addColumn("level", "text", (c) => c.notNull())
    .addColumn("scope_id", "text", (c) => c.notNull())
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("activity_kind", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("people", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("enterprises", "integer", (c) => c.notNull().defaultTo(0))
    // Kept on the rows of every kind and every role only.
    .addColumn("survey_responses", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("survey_score_sum", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("activity_beneficiary_counts_pk", ["level", "scope_id", "year", "activity_kind", "role"])
    .execute();

  await db.schema
    .createTable("activity_surveys")
    .addColumn("registration_id", "text", (c) => c.primaryKey().references("activity_registrations.id"))
    .addColumn("activity_id", "text", (c) => c.notNull().references("activities.id"))
    .addColumn("cluster_id", "text", (c) => c.notNull())
    // 1 to 5.
    .addColumn("score", "integer", (c) => c.notNull())
    .addColumn("comment", "text")
    .addColumn("answered_at", "text", (c) => c.notNull())
    // The user who entered it; null for the public form.
    .addColumn("answered_by", "text")
    .execute();
  // An activity's answers, newest first.
  await db.schema
    .createIndex("activity_surveys_activity_idx")
    .on("activity_surveys")
    .columns(["activity_id", "answered_at"])
    .execute();
}
