/**
 * The planning chain (modules/planning): a cluster's diagnostic study
 * (parts by level, pressure points, SWOT, vision, strategies, baseline),
 * its yearly action plans with their programmes, targets and milestones,
 * the council's meetings that approve them and the approved versions.
 */
import { z } from "zod";
import {
  BASELINE_INDICATORS,
  DECISION_KINDS,
  PLAN_STATUSES,
  PRESSURE_CATEGORIES,
  PROGRAMME_STATUSES,
  PROJECT_YEARS,
  QUORUM_KINDS,
  STUDY_LEVELS,
  SWOT_KINDS,
} from "../planning";
import { Id, IsoDate, Paging, ProvinceCode, pageOf, QueryBool, queryInt } from "./common";

const Title = z.string().trim().min(1).max(300);
const LongText = z.string().trim().max(10_000);
const ShortText = z.string().trim().max(300);
/** Rials: a whole, non-negative amount below 10^15 (exact in JSON numbers). */
export const Rials = z.number().int().min(0).max(999_999_999_999_999);

/** /plans/:id/programmes/:programmeId */
export const ProgrammeParams = z.strictObject({ id: Id, programmeId: Id });
/** /clusters/:id/study/…/:itemId */
export const StudyItemParams = z.strictObject({ id: Id, itemId: Id });

// ----------------------------------------------------------------- study

export const StudyLevelSchema = z.enum(STUDY_LEVELS);
export const PressureCategorySchema = z.enum(PRESSURE_CATEGORIES);
export const Severity = z.number().int().min(1).max(3);

export const StudyPartInput = z.strictObject({
  level: StudyLevelSchema,
  title: Title,
  findings: LongText,
  sources: LongText.nullish(),
});
export const StudyPartUpdateInput = StudyPartInput.partial();

export const PressurePointInput = z.strictObject({
  title: Title,
  category: PressureCategorySchema,
  severity: Severity,
  evidence: LongText.nullish(),
});
export const PressurePointUpdateInput = PressurePointInput.partial();

export const StrategyInput = z.strictObject({
  title: Title,
  description: LongText.nullish(),
  /** The pressure points it answers, of the same cluster. */
  pressurePointIds: z.array(Id).max(100).default([]),
});
export const StrategyUpdateInput = z.strictObject({
  title: Title.optional(),
  description: LongText.nullish(),
  pressurePointIds: z.array(Id).max(100).optional(),
});

const SwotItems = z.array(z.string().trim().min(1).max(500)).max(50);
export const SwotSchema = z.strictObject(
  Object.fromEntries(SWOT_KINDS.map((k) => [k, SwotItems])) as Record<(typeof SWOT_KINDS)[number], typeof SwotItems>,
);

/** PUT /clusters/:id/study: the vision and the SWOT. */
export const StudySummaryInput = z.strictObject({ vision: LongText.nullish(), swot: SwotSchema });

export const BaselineIndicatorSchema = z.enum(BASELINE_INDICATORS);
export const BaselineFigure = z.strictObject({
  indicator: BaselineIndicatorSchema,
  value: z.number().min(0).max(1e15),
  measuredOn: IsoDate,
  source: ShortText.nullish(),
});
/** PUT /clusters/:id/study/baseline: the whole baseline; each indicator once. */
export const BaselineInput = z.strictObject({ figures: z.array(BaselineFigure).max(BASELINE_INDICATORS.length) });

export const StudyPartOut = z.object({
  id: z.string(),
  level: StudyLevelSchema,
  title: z.string(),
  findings: z.string(),
  sources: z.string().nullable(),
});
export const PressurePointOut = z.object({
  id: z.string(),
  title: z.string(),
  category: PressureCategorySchema,
  severity: z.number(),
  evidence: z.string().nullable(),
  strategyIds: z.array(z.string()),
});
export const StrategyOut = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  pressurePointIds: z.array(z.string()),
});
export const BaselineFigureOut = z.object({
  indicator: BaselineIndicatorSchema,
  value: z.number(),
  measuredOn: z.string(),
  source: z.string().nullable(),
});

export const PlanningAbilitiesOut = z.object({
  edit: z.boolean(),
  comment: z.boolean(),
  council: z.boolean(),
});

export const StudyOut = z.object({
  clusterId: z.string(),
  clusterName: z.string(),
  provinceCode: z.string(),
  vision: z.string().nullable(),
  swot: z.object(
    Object.fromEntries(SWOT_KINDS.map((k) => [k, z.array(z.string())])) as Record<
      (typeof SWOT_KINDS)[number],
      z.ZodArray<z.ZodString>
    >,
  ),
  parts: z.array(StudyPartOut),
  pressurePoints: z.array(PressurePointOut),
  strategies: z.array(StrategyOut),
  baseline: z.array(BaselineFigureOut),
  updatedAt: z.string().nullable(),
  can: PlanningAbilitiesOut,
});

// ----------------------------------------------------------------- areas

/** A province's own intervention area, beside the built-in ones. */
export const AreaInput = z.strictObject({ nameFa: Title, nameEn: ShortText.nullish() });
export const AreaOut = z.object({ id: z.string(), nameFa: z.string(), nameEn: z.string().nullable() });
export const AreasOut = pageOf(AreaOut);

// ----------------------------------------------------------------- plans

export const PlanStatusSchema = z.enum(PLAN_STATUSES);
export const ProjectYear = z.union(PROJECT_YEARS.map((y) => z.literal(y)));

export const PlanInput = z.strictObject({
  projectYear: ProjectYear,
  title: Title,
  /** The plan's year: its programmes start and end inside it. */
  periodStart: IsoDate,
  periodEnd: IsoDate,
});
export const PlanUpdateInput = PlanInput.omit({ projectYear: true }).partial();

export const CostSharesSchema = z.strictObject({
  national: Rials,
  province: Rials,
  members: Rials,
  others: Rials,
});

export const TargetInput = z.strictObject({
  indicator: Title,
  baseline: z.number().min(0).max(1e15).nullish(),
  target: z.number().min(0).max(1e15),
  unit: z.string().trim().min(1).max(100),
  verification: ShortText.nullish(),
});

export const ProgrammeInput = z.strictObject({
  title: Title,
  /** A built-in intervention area or the id of one of the province's own. */
  area: z.string().trim().min(1).max(60),
  strategyId: Id.nullish(),
  pressurePointIds: z.array(Id).max(50).default([]),
  objective: LongText.nullish(),
  responsible: ShortText.nullish(),
  startDate: IsoDate,
  endDate: IsoDate,
  budgetRials: Rials,
  /** Must add up to budgetRials. */
  shares: CostSharesSchema,
  targets: z.array(TargetInput).max(20).default([]),
});
export const ProgrammeUpdateInput = z.strictObject({
  title: Title.optional(),
  area: z.string().trim().min(1).max(60).optional(),
  strategyId: Id.nullish(),
  pressurePointIds: z.array(Id).max(50).optional(),
  objective: LongText.nullish(),
  responsible: ShortText.nullish(),
  startDate: IsoDate.optional(),
  endDate: IsoDate.optional(),
  budgetRials: Rials.optional(),
  shares: CostSharesSchema.optional(),
  /** Replaces the programme's targets (their measurements go with them). */
  targets: z.array(TargetInput).max(20).optional(),
});

/** PUT /plans/:id/programmes/:programmeId/progress: what implementation reports; allowed on an approved plan. */
export const ProgressInput = z.strictObject({
  spentRials: Rials,
  actualStart: IsoDate.nullish(),
  actualEnd: IsoDate.nullish(),
  milestones: z
    .array(
      z.strictObject({
        id: Id.optional(),
        title: Title,
        plannedDate: IsoDate,
        doneOn: IsoDate.nullish(),
      }),
    )
    .max(50),
  measurements: z
    .array(
      z.strictObject({ targetId: Id, value: z.number().min(0).max(1e15).nullable(), measuredOn: IsoDate.nullish() }),
    )
    .max(20)
    .default([]),
});

export const TargetOut = z.object({
  id: z.string(),
  indicator: z.string(),
  baseline: z.number().nullable(),
  target: z.number(),
  unit: z.string(),
  verification: z.string().nullable(),
  measured: z.number().nullable(),
  measuredOn: z.string().nullable(),
});
export const MilestoneOut = z.object({
  id: z.string(),
  title: z.string(),
  plannedDate: z.string(),
  doneOn: z.string().nullable(),
});
export const ProgrammeOut = z.object({
  id: z.string(),
  title: z.string(),
  area: z.string(),
  strategyId: z.string().nullable(),
  pressurePointIds: z.array(z.string()),
  objective: z.string().nullable(),
  responsible: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string(),
  budgetRials: z.number(),
  shares: z.object({ national: z.number(), province: z.number(), members: z.number(), others: z.number() }),
  spentRials: z.number(),
  actualStart: z.string().nullable(),
  actualEnd: z.string().nullable(),
  targets: z.array(TargetOut),
  milestones: z.array(MilestoneOut),
  /** Its activities (the activities module's; cancelled ones left out) and how many are done. */
  activities: z.object({ total: z.number(), done: z.number() }),
  percent: z.number(),
  status: z.enum(PROGRAMME_STATUSES),
  /** Its dates in the last approved version, when it was there (the timeline's bars behind). */
  approved: z.object({ startDate: z.string(), endDate: z.string() }).nullable(),
});

export const VersionBrief = z.object({
  versionNo: z.number(),
  approvedOn: z.string(),
  meetingId: z.string().nullable(),
  programmes: z.number(),
  budgetRials: z.number(),
});

export const PlanBrief = z.object({
  id: z.string(),
  clusterId: z.string(),
  clusterName: z.string(),
  provinceCode: z.string(),
  projectYear: z.number(),
  title: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  status: PlanStatusSchema,
  /** The last approved version's number; while it is set and the plan is not approved, a revision is open. */
  approvedVersion: z.number().nullable(),
  programmes: z.number(),
  budgetRials: z.number(),
  submittedAt: z.string().nullable(),
  updatedAt: z.string(),
});
export const PlansOut = pageOf(PlanBrief);

export const PlanListQuery = z.strictObject({
  status: PlanStatusSchema.optional(),
  provinceCode: ProvinceCode.optional(),
  clusterId: Id.optional(),
  ...Paging,
});

export const PlanCommentOut = z.object({
  id: z.string(),
  authorName: z.string(),
  body: z.string(),
  createdAt: z.string(),
});
export const CommentInput = z.strictObject({ body: z.string().trim().min(1).max(5000) });

export const PlanOut = PlanBrief.extend({
  returnComment: z.string().nullable(),
  spentRials: z.number(),
  /** Mean of the programmes' percentages, weighted by budget. */
  percent: z.number(),
  programmeList: z.array(ProgrammeOut),
  versions: z.array(VersionBrief),
  comments: z.array(PlanCommentOut),
  can: PlanningAbilitiesOut.extend({ submit: z.boolean(), revise: z.boolean() }),
});

export const PlanSnapshotOut = z.object({
  title: z.string(),
  projectYear: z.number(),
  periodStart: z.string(),
  periodEnd: z.string(),
  programmes: z.array(
    ProgrammeOut.pick({
      id: true,
      title: true,
      area: true,
      strategyId: true,
      pressurePointIds: true,
      objective: true,
      responsible: true,
      startDate: true,
      endDate: true,
      budgetRials: true,
      shares: true,
    }).extend({ targets: z.array(TargetInput.required()) }),
  ),
});
export const VersionOut = VersionBrief.extend({ snapshot: PlanSnapshotOut });
export const VersionParams = z.strictObject({ id: Id, versionNo: queryInt(1, 1000) });

/** A version number, or "current" for the plan as it is now. */
const VersionRef = z.union([z.literal("current"), queryInt(1, 1000)]);
export const CompareQuery = z.strictObject({ from: VersionRef, to: VersionRef.default("current") });

const FieldChangeOut = z.object({ field: z.string(), from: z.unknown(), to: z.unknown() });
const ProgrammeBriefOut = z.object({ id: z.string(), title: z.string(), budgetRials: z.number() });
export const ComparisonOut = z.object({
  planFields: z.array(FieldChangeOut),
  added: z.array(ProgrammeBriefOut),
  removed: z.array(ProgrammeBriefOut),
  changed: z.array(z.object({ id: z.string(), title: z.string(), fields: z.array(FieldChangeOut) })),
  budgetFrom: z.number(),
  budgetTo: z.number(),
  budgetDelta: z.number(),
});

export const PdfQuery = z.strictObject({ version: queryInt(1, 1000).optional() });

// ----------------------------------------------------------------- chain

const Loose = z.boolean().describe("Hangs loose in the chain (see the issue's list): shown flagged");
export const ChainOut = z.object({
  pressurePoints: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      category: PressureCategorySchema,
      severity: z.number(),
      strategyIds: z.array(z.string()),
      programmeIds: z.array(z.string()),
      /** No programme answers it (directly or through a strategy). */
      loose: Loose,
    }),
  ),
  strategies: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      pressurePointIds: z.array(z.string()),
      programmeIds: z.array(z.string()),
      /** No programme serves it. */
      loose: Loose,
    }),
  ),
  programmes: z.array(
    z.object({
      id: z.string(),
      planId: z.string(),
      projectYear: z.number(),
      title: z.string(),
      strategyId: z.string().nullable(),
      percent: z.number(),
      status: z.enum(PROGRAMME_STATUSES),
      milestones: z.number(),
      /** Its activities (cancelled ones left out). */
      activities: z.number(),
      /** No activity and no milestone done by the middle of its plan's year (once that day has passed). */
      loose: Loose,
      targets: z.array(z.object({ id: z.string(), indicator: z.string(), measured: z.boolean(), loose: Loose })),
    }),
  ),
  loose: z.object({ pressurePoints: z.number(), strategies: z.number(), programmes: z.number(), targets: z.number() }),
});

// ----------------------------------------------------------------- council

export const QuorumRuleSchema = z
  .strictObject({ kind: z.enum(QUORUM_KINDS), count: z.number().int().min(1).max(100).nullish() })
  .refine((r) => r.kind !== "min_count" || r.count != null, {
    params: { code: "quorum_count_required" },
    path: ["count"],
  });
/** GET …/council-rule?on=: the seats and quorum on that day (a meeting's), today by default. */
export const QuorumRuleQuery = z.strictObject({ on: IsoDate.optional() });
export const QuorumRuleOut = z.object({
  kind: z.enum(QUORUM_KINDS),
  count: z.number().nullable(),
  seats: z.number(),
  needed: z.number(),
});

const AgendaItems = z.array(z.string().trim().min(1).max(500)).max(50);
export const MeetingInput = z.strictObject({
  heldOn: IsoDate,
  place: ShortText.nullish(),
  online: z.boolean().default(false),
  agenda: AgendaItems.default([]),
});
export const MeetingUpdateInput = z.strictObject({
  heldOn: IsoDate.optional(),
  place: ShortText.nullish(),
  online: z.boolean().optional(),
  agenda: AgendaItems.optional(),
});

export const DecisionInput = z.strictObject({
  kind: z.enum(DECISION_KINDS),
  /** For approve_plan and return_plan: a submitted plan of the cluster. */
  planId: Id.nullish(),
  text: z.string().trim().min(1).max(2000),
  votesFor: z.number().int().min(0).max(100),
  votesAgainst: z.number().int().min(0).max(100),
  votesAbstain: z.number().int().min(0).max(100),
});
/** PUT /council-meetings/:id/record: who came, what was decided, the minutes. Once. */
export const MeetingRecordInput = z.strictObject({
  /** Council seats (governance members) of the cluster who were present. */
  attendeeIds: z.array(Id).max(100),
  decisions: z.array(DecisionInput).max(50),
  minutes: LongText.nullish(),
});

export const MeetingAttendeeOut = z.object({ memberId: z.string(), personName: z.string(), role: z.string() });
export const DecisionOut = DecisionInput.extend({
  id: z.string(),
  planId: z.string().nullable(),
  planTitle: z.string().nullable(),
});
export const MeetingOut = z.object({
  id: z.string(),
  clusterId: z.string(),
  clusterName: z.string(),
  provinceCode: z.string(),
  heldOn: z.string(),
  place: z.string().nullable(),
  online: z.boolean(),
  agenda: z.array(z.string()),
  status: z.enum(["scheduled", "held"]),
  minutes: z.string().nullable(),
  attendees: z.array(MeetingAttendeeOut),
  seats: z.number().nullable(),
  quorumNeeded: z.number().nullable(),
  quorate: z.boolean().nullable(),
  decisions: z.array(DecisionOut),
});
export const MeetingsOut = pageOf(MeetingOut.omit({ attendees: true, decisions: true, minutes: true }));
export const MeetingListQuery = z.strictObject({
  /** Scheduled meetings from today on, soonest first (the home card); otherwise all, latest first. */
  upcoming: QueryBool.optional(),
  clusterId: Id.optional(),
  ...Paging,
});
