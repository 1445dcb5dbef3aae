import type { Kysely } from "kysely";
import type { DB } from "../../db/schema";
import { found } from "../../services/load";
import { defineModule } from "../module";
import { meetingScope } from "./council";
import * as m0025 from "./migrations/0025_planning";
import { planningRoutes } from "./routes";

async function studyPartScope(db: Kysely<DB>, id: string) {
  const p = found(
    await db
      .selectFrom("planning_study_parts")
      .innerJoin("clusters", "clusters.id", "planning_study_parts.cluster_id")
      .select(["clusters.id", "clusters.province_code"])
      .where("planning_study_parts.id", "=", id)
      .executeTakeFirst(),
  );
  return { provinceCode: p.province_code, clusterId: p.id };
}

export const planningModule = defineModule({
  name: "planning",
  apiTags: [
    {
      name: "planning",
      description:
        "A cluster's diagnostic study (parts by level, pressure points, SWOT, vision, strategies, baseline), its yearly action plans with programmes, cost shares, targets and milestones, the steering council's meetings that approve them, and the approved versions, compared and printed.",
    },
  ],
  routes: planningRoutes,
  errorCodes: [
    "duplicate_indicator",
    "part_has_attachments",
    "pressure_point_in_use",
    "strategy_in_use",
    "unknown_pressure_point",
    "unknown_strategy",
    "unknown_area",
    "area_exists",
    "plan_year_taken",
    "plan_period_too_long",
    "plan_locked",
    "plan_empty",
    "plan_not_submitted",
    "plan_not_approved",
    "programme_outside_year",
    "shares_mismatch",
    "unknown_milestone",
    "unknown_target",
    "quorum_count_required",
    "meeting_in_future",
    "meeting_already_recorded",
    "meeting_not_recorded",
    "meeting_before_submission",
    "unknown_attendee",
    "votes_exceed_attendees",
    "decision_plan_required",
    "unknown_plan",
    "no_quorum",
    "motion_not_carried",
  ],
  auditActions: [
    "planning.study.update",
    "planning.baseline.save",
    "planning.part.add",
    "planning.part.update",
    "planning.part.remove",
    "planning.point.add",
    "planning.point.update",
    "planning.point.remove",
    "planning.strategy.add",
    "planning.strategy.update",
    "planning.strategy.remove",
    "planning.area.add",
    "planning.area.archive",
    "planning.plan.create",
    "planning.plan.update",
    "planning.plan.submit",
    "planning.plan.revise",
    "planning.plan.comment",
    "planning.plan.approve",
    "planning.plan.return",
    "planning.programme.add",
    "planning.programme.update",
    "planning.programme.remove",
    "planning.programme.progress",
    "planning.quorum.update",
    "planning.meeting.schedule",
    "planning.meeting.update",
    "planning.meeting.record",
  ],
  mailTemplates: ["plan_submitted"],
  attachmentOwners: {
    // Sources of a study part: reports, surveys, photographs.
    study_part: { scope: studyPartScope, read: "planning.read", write: "planning.edit" },
    // The signed minutes, presentations.
    council_meeting: { scope: meetingScope, read: "planning.read", write: "planning.council" },
  },
  migrations: { "0025_planning": m0025 },
  benchData: () => import(new URL("./bench-data.ts", import.meta.url).href) as Promise<typeof import("./bench-data")>,
  benchScenarios: () =>
    import(new URL("./bench-scenarios.ts", import.meta.url).href) as Promise<typeof import("./bench-scenarios")>,
});
