/** The planning module's tables (0025_planning), added to the database's type. */

export interface PlanningStudiesTable {
  cluster_id: string;
  vision: string | null;
  swot: string;
  updated_at: string;
}
export interface PlanningStudyPartsTable {
  id: string;
  cluster_id: string;
  level: string;
  title: string;
  findings: string;
  sources: string | null;
  created_at: string;
}
export interface PlanningPressurePointsTable {
  id: string;
  cluster_id: string;
  title: string;
  category: string;
  severity: number;
  evidence: string | null;
  created_at: string;
}
export interface PlanningStrategiesTable {
  id: string;
  cluster_id: string;
  title: string;
  description: string | null;
  created_at: string;
}
export interface PlanningStrategyPointsTable {
  strategy_id: string;
  pressure_point_id: string;
  cluster_id: string;
}
export interface PlanningBaselinesTable {
  cluster_id: string;
  indicator: string;
  value: number;
  measured_on: string;
  source: string | null;
}
export interface PlanningAreasTable {
  id: string;
  province_code: string;
  name_fa: string;
  name_en: string | null;
  archived_at: string | null;
  created_at: string;
}
export interface PlanningPlansTable {
  id: string;
  cluster_id: string;
  province_code: string;
  project_year: number;
  title: string;
  period_start: string;
  period_end: string;
  status: string;
  approved_version: number | null;
  return_comment: string | null;
  submitted_at: string | null;
  programme_count: number;
  budget_rials: number;
  created_at: string;
  updated_at: string;
}
export interface PlanningProgrammesTable {
  id: string;
  plan_id: string;
  cluster_id: string;
  title: string;
  area: string;
  strategy_id: string | null;
  objective: string | null;
  responsible: string | null;
  start_date: string;
  end_date: string;
  budget_rials: number;
  share_national: number;
  share_province: number;
  share_members: number;
  share_others: number;
  spent_rials: number;
  actual_start: string | null;
  actual_end: string | null;
  position: number;
  created_at: string;
}
export interface PlanningProgrammePointsTable {
  programme_id: string;
  pressure_point_id: string;
  cluster_id: string;
}
export interface PlanningTargetsTable {
  id: string;
  programme_id: string;
  cluster_id: string;
  indicator: string;
  baseline: number | null;
  target: number;
  unit: string;
  verification: string | null;
  measured: number | null;
  measured_on: string | null;
  position: number;
}
export interface PlanningMilestonesTable {
  id: string;
  programme_id: string;
  cluster_id: string;
  title: string;
  planned_date: string;
  done_on: string | null;
  position: number;
}
export interface PlanningMeetingsTable {
  id: string;
  cluster_id: string;
  province_code: string;
  held_on: string;
  place: string | null;
  online: number;
  agenda: string;
  status: string;
  minutes: string | null;
  seats: number | null;
  quorum_needed: number | null;
  quorate: number | null;
  created_at: string;
  recorded_at: string | null;
}
export interface PlanningMeetingAttendeesTable {
  meeting_id: string;
  member_id: string;
  person_name: string;
  role: string;
}
export interface PlanningDecisionsTable {
  id: string;
  meeting_id: string;
  position: number;
  kind: string;
  plan_id: string | null;
  text: string;
  votes_for: number;
  votes_against: number;
  votes_abstain: number;
}
export interface PlanningVersionsTable {
  plan_id: string;
  version_no: number;
  approved_on: string;
  meeting_id: string | null;
  programme_count: number;
  budget_rials: number;
  snapshot: string;
  created_at: string;
}
export interface PlanningCommentsTable {
  id: string;
  plan_id: string;
  user_id: string;
  body: string;
  created_at: string;
}
export interface PlanningCouncilRulesTable {
  cluster_id: string;
  kind: string;
  count: number | null;
}

declare module "../../../db/schema" {
  interface DB {
    planning_studies: PlanningStudiesTable;
    planning_study_parts: PlanningStudyPartsTable;
    planning_pressure_points: PlanningPressurePointsTable;
    planning_strategies: PlanningStrategiesTable;
    planning_strategy_points: PlanningStrategyPointsTable;
    planning_baselines: PlanningBaselinesTable;
    planning_areas: PlanningAreasTable;
    planning_plans: PlanningPlansTable;
    planning_programmes: PlanningProgrammesTable;
    planning_programme_points: PlanningProgrammePointsTable;
    planning_targets: PlanningTargetsTable;
    planning_milestones: PlanningMilestonesTable;
    planning_meetings: PlanningMeetingsTable;
    planning_meeting_attendees: PlanningMeetingAttendeesTable;
    planning_decisions: PlanningDecisionsTable;
    planning_versions: PlanningVersionsTable;
    planning_comments: PlanningCommentsTable;
    planning_council_rules: PlanningCouncilRulesTable;
  }
}
