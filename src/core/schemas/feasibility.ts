/**
 * Feasibility and prioritisation (modules/feasibility): a province's weighted
 * criteria, the studies of its candidate clusters scored on them, and the
 * decision which goes first.
 */
import { z } from "zod";
import { ClusterState } from "./clusters";
import { Id, IsoDate, ProvinceCode, pageOf } from "./common";

/** /provinces/:code/feasibility/…/:id: a study or a decision of the province. */
export const FeasibilityItemParams = z.strictObject({ code: ProvinceCode, id: Id });

// ----------------------------------------------------------------- criteria

export const CriterionName = z.string().trim().min(1).max(200);
/** A criterion's share of the weighted score; the province's weights total 100 before studies are scored. */
export const Weight = z.number().int().min(1).max(100);

export const CriterionInput = z.strictObject({ name: CriterionName, weight: Weight });
/** PUT …/criteria: the whole list; an item with an id keeps that criterion, one without is added. */
export const CriteriaInput = z.strictObject({
  items: z
    .array(z.strictObject({ id: Id.optional(), name: CriterionName, weight: Weight }))
    .min(1)
    .max(50),
});

export const CriterionOut = z.object({ id: z.string(), name: z.string(), weight: z.number(), position: z.number() });
/** The current criteria in order, and their weights' total. */
export const CriteriaOut = pageOf(CriterionOut).extend({ weightTotal: z.number() });

// ----------------------------------------------------------------- studies

/** One criterion's score in a study, 0 (worst) to 10. */
export const Score = z.number().int().min(0).max(10);
const Author = z.string().trim().min(1).max(200);
const Summary = z.string().max(5000);
/** Every current criterion scored once (the service checks which criteria those are). */
export const Scores = z
  .array(z.strictObject({ criterionId: Id, score: Score }))
  .min(1)
  .max(50);

export const StudyInput = z.strictObject({
  clusterId: Id,
  studyDate: IsoDate,
  author: Author,
  summary: Summary.nullish(),
  scores: Scores,
});
/** PATCH …/studies/:id: given scores replace all of the study's scores. */
export const StudyUpdateInput = z.strictObject({
  studyDate: IsoDate.optional(),
  author: Author.optional(),
  summary: Summary.nullish(),
  scores: Scores.optional(),
});

export const StudyScoreOut = z.object({
  criterionId: z.string(),
  criterionName: z.string(),
  weight: z.number(),
  score: z.number(),
  /** The criterion was removed from the province's list after this study scored it. */
  archived: z.boolean(),
});

export const StudyOut = z.object({
  id: z.string(),
  provinceCode: z.string(),
  clusterId: z.string(),
  clusterName: z.string(),
  clusterState: ClusterState,
  studyDate: z.string(),
  author: z.string(),
  summary: z.string().nullable(),
  scores: z.array(StudyScoreOut),
  /** Σ(weight × score) / Σ(weight) × 10 over the current criteria it scored: 0–100, one decimal. */
  weightedScore: z.number(),
  /** It scored every current criterion. */
  complete: z.boolean(),
  /** Its place among the province's studies, best first. */
  rank: z.number(),
  createdAt: z.string(),
});
export const StudiesOut = pageOf(StudyOut);

// ----------------------------------------------------------------- decisions

export const DecisionInput = z.strictObject({
  decidedOn: IsoDate,
  chosenClusterId: Id,
  reason: z.string().trim().min(1).max(2000),
});

export const DecisionOut = z.object({
  id: z.string(),
  provinceCode: z.string(),
  decidedOn: z.string(),
  chosenClusterId: z.string(),
  chosenClusterName: z.string(),
  chosenClusterState: ClusterState,
  reason: z.string(),
  createdBy: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
});
export const DecisionsOut = pageOf(DecisionOut);
