import type { Kysely } from "kysely";
import type { MigrationContext } from "../../../db/migrations/index";

/**
 * The planning chain: a cluster's diagnostic study (its vision and SWOT, its
 * parts by level, pressure points, strategies and the links between them,
 * and the baseline figures the indicators read), a province's own
 * intervention areas, the yearly action plans with their programmes,
 * targets and milestones, the approved versions (immutable JSON snapshots),
 * council members' comments, and the council's quorum rule, meetings,
 * attendance and decisions.
 *
 * Child rows carry their cluster (and plans their province) so a cluster's
 * chain and a province's queue are read from one index each, without joins
 * through the plan.
 */
export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await db.schema
    .createTable("planning_studies")
    .addColumn("cluster_id", "text", (c) => c.primaryKey().references("clusters.id"))
    .addColumn("vision", "text")
    // JSON {strengths, weaknesses, opportunities, threats}: arrays of strings.
    .addColumn("swot", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("planning_study_parts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("cluster_id", "text", (c) => c.notNull().references("clusters.id"))
    .addColumn("level", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("findings", "text", (c) => c.notNull())
    .addColumn("sources", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("planning_study_parts_cluster_idx")
    .on("planning_study_parts")
    .columns(["cluster_id", "created_at"])
    .execute();

  await db.schema
    .createTable("planning_pressure_points")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("cluster_id", "text", (c) => c.notNull().references("clusters.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("severity", "integer", (c) => c.notNull())
    .addColumn("evidence", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("planning_pressure_points_cluster_idx")
    .on("planning_pressure_points")
    .columns(["cluster_id", "created_at"])
    .execute();

  await db.schema
    .createTable("planning_strategies")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("cluster_id", "text", (c) => c.notNull().references("clusters.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("planning_strategies_cluster_idx")
    .on("planning_strategies")
    .columns(["cluster_id", "created_at"])
    .execute();

  await db.schema
    .createTable("planning_strategy_points")
    .addColumn("strategy_id", "text", (c) => c.notNull().references("planning_strategies.id"))
    .addColumn("pressure_point_id", "text", (c) => c.notNull().references("planning_pressure_points.id"))
    .addColumn("cluster_id", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("planning_strategy_points_pk", ["strategy_id", "pressure_point_id"])
    .execute();
  await db.schema
    .createIndex("planning_strategy_points_cluster_idx")
    .on("planning_strategy_points")
    .columns(["cluster_id", "pressure_point_id"])
    .execute();

  await db.schema
    .createTable("planning_baselines")
    .addColumn("cluster_id", "text", (c) => c.notNull().references("clusters.id"))
    .addColumn("indicator", "text", (c) => c.notNull())
    .addColumn("value", "double precision", (c) => c.notNull())
    .addColumn("measured_on", "text", (c) => c.notNull())
    .addColumn("source", "text")
    .addPrimaryKeyConstraint("planning_baselines_pk", ["cluster_id", "indicator"])
    .execute();

  await db.schema
    .createTable("planning_areas")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("province_code", "text", (c) => c.notNull().references("provinces.code"))
    .addColumn("name_fa", "text", (c) => c.notNull())
    .addColumn("name_en", "text")
    .addColumn("archived_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("planning_areas_province_idx")
    .on("planning_areas")
    .columns(["province_code", "archived_at"])
    .execute();

  await db.schema
    .createTable("planning_plans")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("cluster_id", "text", (c) => c.notNull().references("clusters.id"))
    .addColumn("province_code", "text", (c) => c.notNull().references("provinces.code"))
    .addColumn("project_year", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("period_start", "text", (c) => c.notNull())
    .addColumn("period_end", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    // The last approved version's number; set with a status other than approved, a revision is open.
    .addColumn("approved_version", "integer")
    .addColumn("return_comment", "text")
    .addColumn("submitted_at", "text")
    // Kept with every programme write, so a plan's list shows them without a sum over programmes.
    .addColumn("programme_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("budget_rials", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("planning_plans_year_uq", ["cluster_id", "project_year"])
    .execute();
  // The province's (or the country's) queue of plans in one status, oldest submission first.
  await db.schema
    .createIndex("planning_plans_queue_idx")
    .on("planning_plans")
    .columns(["province_code", "status", "submitted_at", "id"])
    .execute();
  await db.schema
    .createIndex("planning_plans_status_idx")
    .on("planning_plans")
    .columns(["status", "submitted_at", "id"])
    .execute();

  await db.schema
    .createTable("planning_programmes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("plan_id", "text", (c) => c.notNull().references("planning_plans.id"))
    .addColumn("cluster_id", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("area", "text", (c) => c.notNull())
    .addColumn("strategy_id", "text", (c) => c.references("planning_strategies.id"))
    .addColumn("objective", "text")
    .addColumn("responsible", "text")
    .addColumn("start_date", "text", (c) => c.notNull())
    .addColumn("end_date", "text", (c) => c.notNull())
    .addColumn("budget_rials", "bigint", (c) => c.notNull())
    .addColumn("share_national", "bigint", (c) => c.notNull())
    .addColumn("share_province", "bigint", (c) => c.notNull())
    .addColumn("share_members", "bigint", (c) => c.notNull())
    .addColumn("share_others", "bigint", (c) => c.notNull())
    .addColumn("spent_rials", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("actual_start", "text")
    .addColumn("actual_end", "text")
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("planning_programmes_plan_idx")
    .on("planning_programmes")
    .columns(["plan_id", "position"])
    .execute();
  await db.schema
    .createIndex("planning_programmes_cluster_idx")
    .on("planning_programmes")
    .columns(["cluster_id"])
    .execute();

  await db.schema
    .createTable("planning_programme_points")
    .addColumn("programme_id", "text", (c) => c.notNull().references("planning_programmes.id"))
    .addColumn("pressure_point_id", "text", (c) => c.notNull().references("planning_pressure_points.id"))
    .addColumn("cluster_id", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("planning_programme_points_pk", ["programme_id", "pressure_point_id"])
    .execute();
  await db.schema
    .createIndex("planning_programme_points_cluster_idx")
    .on("planning_programme_points")
    .columns(["cluster_id", "pressure_point_id"])
    .execute();

  await db.schema
    .createTable("planning_targets")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("programme_id", "text", (c) => c.notNull().references("planning_programmes.id"))
    .addColumn("cluster_id", "text", (c) => c.notNull())
    .addColumn("indicator", "text", (c) => c.notNull())
    .addColumn("baseline", "double precision")
    .addColumn("target", "double precision", (c) => c.notNull())
    .addColumn("unit", "text", (c) => c.notNull())
    .addColumn("verification", "text")
    .addColumn("measured", "double precision")
    .addColumn("measured_on", "text")
    .addColumn("position", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("planning_targets_programme_idx")
    .on("planning_targets")
    .columns(["programme_id", "position"])
    .execute();
  await db.schema.createIndex("planning_targets_cluster_idx").on("planning_targets").columns(["cluster_id"]).execute();

  await db.schema
    .createTable("planning_milestones")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("programme_id", "text", (c) => c.notNull().references("planning_programmes.id"))
    .addColumn("cluster_id", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("planned_date", "text", (c) => c.notNull())
    .addColumn("done_on", "text")
    .addColumn("position", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("planning_milestones_programme_idx")
    .on("planning_milestones")
    .columns(["programme_id", "position"])
    .execute();
  await db.schema
    .createIndex("planning_milestones_cluster_idx")
    .on("planning_milestones")
    .columns(["cluster_id"])
    .execute();

  await db.schema
    .createTable("planning_meetings")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("cluster_id", "text", (c) => c.notNull().references("clusters.id"))
    .addColumn("province_code", "text", (c) => c.notNull().references("provinces.code"))
    .addColumn("held_on", "text", (c) => c.notNull())
    .addColumn("place", "text")
    .addColumn("online", "integer", (c) => c.notNull())
    // JSON array of agenda items.
    .addColumn("agenda", "text", (c) => c.notNull())
    // scheduled, then held once its attendance and decisions are recorded.
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("minutes", "text")
    .addColumn("seats", "integer")
    .addColumn("quorum_needed", "integer")
    .addColumn("quorate", "integer")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("recorded_at", "text")
    .execute();
  await db.schema
    .createIndex("planning_meetings_cluster_idx")
    .on("planning_meetings")
    .columns(["cluster_id", "held_on", "id"])
    .execute();
  await db.schema
    .createIndex("planning_meetings_upcoming_idx")
    .on("planning_meetings")
    .columns(["province_code", "status", "held_on", "id"])
    .execute();

  await db.schema
    .createTable("planning_meeting_attendees")
    .addColumn("meeting_id", "text", (c) => c.notNull().references("planning_meetings.id"))
    .addColumn("member_id", "text", (c) => c.notNull().references("governance_members.id"))
    // As they were named at the meeting: the minutes do not change when a seat does.
    .addColumn("person_name", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("planning_meeting_attendees_pk", ["meeting_id", "member_id"])
    .execute();

  await db.schema
    .createTable("planning_decisions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("meeting_id", "text", (c) => c.notNull().references("planning_meetings.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("plan_id", "text", (c) => c.references("planning_plans.id"))
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("votes_for", "integer", (c) => c.notNull())
    .addColumn("votes_against", "integer", (c) => c.notNull())
    .addColumn("votes_abstain", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("planning_decisions_meeting_idx")
    .on("planning_decisions")
    .columns(["meeting_id", "position"])
    .execute();

  await db.schema
    .createTable("planning_versions")
    .addColumn("plan_id", "text", (c) => c.notNull().references("planning_plans.id"))
    .addColumn("version_no", "integer", (c) => c.notNull())
    .addColumn("approved_on", "text", (c) => c.notNull())
    .addColumn("meeting_id", "text", (c) => c.references("planning_meetings.id"))
    .addColumn("programme_count", "integer", (c) => c.notNull())
    .addColumn("budget_rials", "bigint", (c) => c.notNull())
    // JSON PlanSnapshot (src/core/planning.ts); never updated.
    .addColumn("snapshot", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("planning_versions_pk", ["plan_id", "version_no"])
    .execute();

  await db.schema
    .createTable("planning_comments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("plan_id", "text", (c) => c.notNull().references("planning_plans.id"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("planning_comments_plan_idx")
    .on("planning_comments")
    .columns(["plan_id", "created_at"])
    .execute();

  await db.schema
    .createTable("planning_council_rules")
    .addColumn("cluster_id", "text", (c) => c.primaryKey().references("clusters.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("count", "integer")
    .execute();
}
