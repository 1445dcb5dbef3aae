import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ClusterState, Id, IsoDate, ProvinceCode } from "../../../core/schemas";
import { actorOf, ctxOf } from "../../app";
import {
  createCriterion,
  createDecision,
  createStudy,
  deleteDecision,
  deleteStudy,
  getStudy,
  listCriteria,
  listDecisions,
  listStudies,
  replaceCriteria,
  updateStudy,
} from "./service";

const tags = ["feasibility"];
const ProvinceParams = z.strictObject({ code: ProvinceCode });
const ItemParams = z.strictObject({ code: ProvinceCode, id: Id });

const CriterionName = z.string().trim().min(1).max(200);
const Weight = z.number().int().min(1).max(100);
const Score = z.number().int().min(0).max(10);
const Author = z.string().trim().min(1).max(200);
const Summary = z.string().max(5000);
const Scores = z
  .array(z.strictObject({ criterionId: Id, score: Score }))
  .min(1)
  .max(50);

const CriterionOut = z.object({ id: z.string(), name: z.string(), weight: z.number(), position: z.number() });
const CriteriaOut = z.object({ items: z.array(CriterionOut), total: z.number(), weightTotal: z.number() });

const StudyOut = z.object({
  id: z.string(),
  provinceCode: z.string(),
  clusterId: z.string(),
  clusterName: z.string(),
  clusterState: ClusterState,
  studyDate: z.string(),
  author: z.string(),
  summary: z.string().nullable(),
  scores: z.array(
    z.object({
      criterionId: z.string(),
      criterionName: z.string(),
      weight: z.number(),
      score: z.number(),
      archived: z.boolean(),
    }),
  ),
  weightedScore: z.number(),
  complete: z.boolean(),
  rank: z.number(),
  createdAt: z.string(),
});

const DecisionOut = z.object({
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

export const feasibilityRoutes: FastifyPluginAsyncZod = async (app) => {
  const base = "/provinces/:code/feasibility";

  app.get(
    `${base}/criteria`,
    {
      schema: {
        tags,
        summary: "The province's weighted feasibility criteria (current ones, in order)",
        params: ProvinceParams,
        response: { 200: CriteriaOut },
      },
    },
    async (req) => listCriteria(app.deps, actorOf(req), req.params.code),
  );

  app.post(
    `${base}/criteria`,
    {
      schema: {
        tags,
        summary: "Append one criterion (weights must total 100 before studies are scored)",
        params: ProvinceParams,
        body: z.strictObject({ name: CriterionName, weight: Weight }),
        response: { 201: CriterionOut },
      },
    },
    async (req, reply) => reply.code(201).send(await createCriterion(app.deps, ctxOf(req), req.params.code, req.body)),
  );

  app.put(
    `${base}/criteria`,
    {
      schema: {
        tags,
        summary: "Replace the whole list; weights must total 100; removed criteria that were scored are archived",
        params: ProvinceParams,
        body: z.strictObject({
          items: z
            .array(z.strictObject({ id: Id.optional(), name: CriterionName, weight: Weight }))
            .min(1)
            .max(50),
        }),
        response: { 200: CriteriaOut },
      },
    },
    async (req) => replaceCriteria(app.deps, ctxOf(req), req.params.code, req.body.items),
  );

  app.get(
    `${base}/studies`,
    {
      schema: {
        tags,
        summary: "The province's feasibility studies, ranked by weighted score",
        params: ProvinceParams,
        response: { 200: z.object({ items: z.array(StudyOut), total: z.number() }) },
      },
    },
    async (req) => listStudies(app.deps, actorOf(req), req.params.code),
  );

  app.post(
    `${base}/studies`,
    {
      schema: {
        tags,
        summary: "Record a feasibility study of a cluster in the province, scoring every criterion once",
        params: ProvinceParams,
        body: z.strictObject({
          clusterId: Id,
          studyDate: IsoDate,
          author: Author,
          summary: Summary.nullish(),
          scores: Scores,
        }),
        response: { 201: StudyOut },
      },
    },
    async (req, reply) => reply.code(201).send(await createStudy(app.deps, ctxOf(req), req.params.code, req.body)),
  );

  app.get(
    `${base}/studies/:id`,
    { schema: { tags, summary: "One study, with its rank", params: ItemParams, response: { 200: StudyOut } } },
    async (req) => getStudy(app.deps, actorOf(req), req.params.code, req.params.id),
  );

  app.patch(
    `${base}/studies/:id`,
    {
      schema: {
        tags,
        summary: "Change a study; given scores replace all its scores",
        params: ItemParams,
        body: z.strictObject({
          studyDate: IsoDate.optional(),
          author: Author.optional(),
          summary: Summary.nullish(),
          scores: Scores.optional(),
        }),
        response: { 200: StudyOut },
      },
    },
    async (req) => updateStudy(app.deps, ctxOf(req), req.params.code, req.params.id, req.body),
  );

  app.delete(
    `${base}/studies/:id`,
    { schema: { tags, summary: "Delete a study", params: ItemParams } },
    async (req, reply) => {
      await deleteStudy(app.deps, ctxOf(req), req.params.code, req.params.id);
      return reply.code(204).send();
    },
  );

  app.get(
    `${base}/decisions`,
    {
      schema: {
        tags,
        summary: "Prioritisation decisions, newest first",
        params: ProvinceParams,
        response: { 200: z.object({ items: z.array(DecisionOut), total: z.number() }) },
      },
    },
    async (req) => listDecisions(app.deps, actorOf(req), req.params.code),
  );

  app.post(
    `${base}/decisions`,
    {
      schema: {
        tags,
        summary: "Record which studied cluster goes first, and why",
        params: ProvinceParams,
        body: z.strictObject({
          decidedOn: IsoDate,
          chosenClusterId: Id,
          reason: z.string().trim().min(1).max(2000),
        }),
        response: { 201: DecisionOut },
      },
    },
    async (req, reply) => reply.code(201).send(await createDecision(app.deps, ctxOf(req), req.params.code, req.body)),
  );

  app.delete(
    `${base}/decisions/:id`,
    { schema: { tags, summary: "Delete a decision recorded by mistake", params: ItemParams } },
    async (req, reply) => {
      await deleteDecision(app.deps, ctxOf(req), req.params.code, req.params.id);
      return reply.code(204).send();
    },
  );
};
