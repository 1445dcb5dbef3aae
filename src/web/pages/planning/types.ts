/**
 * The planning module's API shapes in the browser: z.infer of the server's
 * own schemas (src/core/schemas/planning.ts), imported as types only, so no
 * zod code reaches the bundle through this file.
 */
import type { z } from "zod";
import type {
  AreaOut,
  ChainOut,
  ComparisonOut,
  MeetingOut,
  MeetingsOut,
  PlanBrief,
  PlanOut,
  ProgrammeOut,
  QuorumRuleOut,
  StudyOut,
} from "../../../core/schemas/planning";

export type Study = z.infer<typeof StudyOut>;
export type PressurePoint = Study["pressurePoints"][number];
export type Strategy = Study["strategies"][number];
export type StudyPart = Study["parts"][number];
export type Chain = z.infer<typeof ChainOut>;
export type Area = z.infer<typeof AreaOut>;
export type PlanListItem = z.infer<typeof PlanBrief>;
export type Plan = z.infer<typeof PlanOut>;
export type Programme = z.infer<typeof ProgrammeOut>;
export type Comparison = z.infer<typeof ComparisonOut>;
export type Meeting = z.infer<typeof MeetingOut>;
export type MeetingListItem = z.infer<typeof MeetingsOut>["items"][number];
export type QuorumRule = z.infer<typeof QuorumRuleOut>;
