import type { Kysely } from "kysely";
import type { MigrationContext } from "../../../db/migrations/index";

/**
 * A cluster's activities (trainings, tours, exhibitions, meetings, events,
 * studies, publications, consultancy) with their kind's details as JSON, cost
 * shares and the programme of the action plan they serve, and their sessions.
 *
 * Activities carry their province and sessions their cluster, so a cluster's
 * or a province's calendar and a programme's activities are read from one
 * index each.
 */
export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await db.schema
    .createTable("activities")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("cluster_id", "text", (c) => c.notNull().references("clusters.id"))
    .addColumn("province_code", "text", (c) => c.notNull().references("provinces.code"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text")
    .addColumn("online", "integer", (c) => c.notNull())
    .addColumn("place", "text")
    .addColumn("online_link", "text")
    .addColumn("start_date", "text", (c) => c.notNull())
    .addColumn("end_date", "text", (c) => c.notNull())
    .addColumn("programme_id", "text", (c) => c.references("planning_programmes.id"))
    .addColumn("organiser", "text")
    .addColumn("capacity", "integer")
    .addColumn("cost_rials", "bigint", (c) => c.notNull())
    .addColumn("share_national", "bigint", (c) => c.notNull())
    .addColumn("share_province", "bigint", (c) => c.notNull())
    .addColumn("share_members", "bigint", (c) => c.notNull())
    .addColumn("share_others", "bigint", (c) => c.notNull())
    // JSON: the kind's fields (ActivityInput's details), validated on the way in.
    .addColumn("details", "text", (c) => c.notNull())
    // planned, done or cancelled.
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  // A cluster's calendar month and list by date.
  await db.schema
    .createIndex("activities_cluster_date_idx")
    .on("activities")
    .columns(["cluster_id", "start_date", "id"])
    .execute();
  // A province's list by date.
  await db.schema
    .createIndex("activities_province_date_idx")
    .on("activities")
    .columns(["province_code", "start_date", "id"])
    .execute();
  // A programme's activities (the plan's roll-up and chain view).
  await db.schema
    .createIndex("activities_programme_idx")
    .on("activities")
    .columns(["programme_id", "status"])
    .execute();

  await db.schema
    .createTable("activity_sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("activity_id", "text", (c) => c.notNull().references("activities.id"))
    .addColumn("cluster_id", "text", (c) => c.notNull())
    .addColumn("starts_on", "text", (c) => c.notNull())
    .addColumn("start_time", "text")
    .addColumn("end_time", "text")
    .addColumn("place", "text")
    .addColumn("capacity", "integer")
    .addColumn("position", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("activity_sessions_activity_idx")
    .on("activity_sessions")
    .columns(["activity_id", "position"])
    .execute();
  // A cluster's sessions in a calendar month.
  await db.schema
    .createIndex("activity_sessions_cluster_day_idx")
    .on("activity_sessions")
    .columns(["cluster_id", "starts_on"])
    .execute();
}
