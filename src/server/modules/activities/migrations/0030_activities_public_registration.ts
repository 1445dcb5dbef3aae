import type { Kysely } from "kysely";
import type { MigrationContext } from "../../../db/migrations/index";

/**
 * The public registration link of an activity and what its registrants give.
 *
 * An activity's link is open or closed (`public_open`), found by its random
 * token (`public_token`, kept when the link closes and opens again, so
 * printed posters keep working) and asks the questions of `public_questions`
 * (JSON: id, label, kind, options, required). A registration through it keeps
 * the person's e-mail and enterprise's name, the answers (JSON by question id), the language the
 * form was filled in (for the mails) and a random `status_token`, the private
 * key of the registrant's status page. Both tokens are unique; a plain index
 * finds a person's live registration by mobile whoever registered them.
 */
export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await db.schema
    .alterTable("activities")
    .addColumn("public_open", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable("activities").addColumn("public_token", "text").execute();
  await db.schema.alterTable("activities").addColumn("public_questions", "text").execute();
  await db.schema.createIndex("activities_public_token_uq").on("activities").column("public_token").unique().execute();

  for (const column of ["email", "enterprise_name", "answers", "lang", "status_token"]) {
    await db.schema.alterTable("activity_registrations").addColumn(column, "text").execute();
  }
  await db.schema
    .createIndex("activity_registrations_status_token_uq")
    .on("activity_registrations")
    .column("status_token")
    .unique()
    .execute();
  await db.schema
    .createIndex("activity_registrations_mobile_idx")
    .on("activity_registrations")
    .columns(["activity_id", "mobile"])
    .execute();
}
