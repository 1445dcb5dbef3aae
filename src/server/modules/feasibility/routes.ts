import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { NoContent, ProvinceParams } from "../../../core/schemas/common";
import {
  CriteriaInput,
  CriteriaOut,
  CriterionInput,
  CriterionOut,
  DecisionInput,
  DecisionOut,
  DecisionsOut,
  FeasibilityItemParams,
  StudiesOut,
  StudyInput,
  StudyOut,
  StudyUpdateInput,
} from "../../../core/schemas/feasibility";
import { actorOf } from "../../app";
import { createCriterion, listCriteria, replaceCriteria } from "./criteria";
import { createDecision, deleteDecision, listDecisions } from "./decisions";
import { createStudy, deleteStudy, getStudy, listStudies, updateStudy } from "./studies";

const tags = ["feasibility"];

export const feasibilityRoutes: FastifyPluginAsyncZod = async (app) => {
  const base = "/provinces/:code/feasibility";

  app.get(
    `${base}/criteria`,
    {
      schema: {
        tags,
        operationId: "listFeasibilityCriteria",
        summary: "The province's weighted feasibility criteria (current ones, in order)",
        description:
          "For province admins of the province and national admins; anyone else gets 404. Returns the current criteria in order with their weights and the weights' total (studies can be scored once it is 100).",
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
        operationId: "addFeasibilityCriterion",
        summary: "Append one criterion (weights must total 100 before studies are scored)",
        description:
          "For province admins of the province and national admins; anyone else gets 404. Appends the criterion at the end of the list and returns it (201); a name already in the list answers 400 `duplicate_criterion`.",
        params: ProvinceParams,
        body: CriterionInput,
        response: { 201: CriterionOut },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await createCriterion(app.deps, actorOf(req), req.params.code, req.body)),
  );

  app.put(
    `${base}/criteria`,
    {
      schema: {
        tags,
        operationId: "replaceFeasibilityCriteria",
        summary: "Replace the whole list; weights must total 100; removed criteria that were scored are archived",
        description:
          "For province admins of the province and national admins; anyone else gets 404. Items with an `id` keep that criterion (renamed or reweighted), items without one are added; returns the new list. Weights not totalling 100 answer 400 `weights_must_total_100`, an id not in the list 400 `unknown_criterion`.",
        params: ProvinceParams,
        body: CriteriaInput,
        response: { 200: CriteriaOut },
      },
    },
    async (req) => replaceCriteria(app.deps, actorOf(req), req.params.code, req.body.items),
  );

  app.get(
    `${base}/studies`,
    {
      schema: {
        tags,
        operationId: "listFeasibilityStudies",
        summary: "The province's feasibility studies, ranked by weighted score",
        description:
          "For province admins of the province and national admins; anyone else gets 404. Returns every study with its scores, weighted score and rank, best first.",
        params: ProvinceParams,
        response: { 200: StudiesOut },
      },
    },
    async (req) => listStudies(app.deps, actorOf(req), req.params.code),
  );

  app.post(
    `${base}/studies`,
    {
      schema: {
        tags,
        operationId: "createFeasibilityStudy",
        summary: "Record a feasibility study of a cluster in the province, scoring every criterion once",
        description:
          "For province admins of the province and national admins; anyone else gets 404. Returns the study with its rank (201). The criteria must total 100 (400 `weights_must_total_100`) and each be scored exactly once (400 `scores_incomplete`); a cluster outside the province answers 400 `unknown_cluster`, a future date 400 `date_in_future`.",
        params: ProvinceParams,
        body: StudyInput,
        response: { 201: StudyOut },
      },
    },
    async (req, reply) => reply.code(201).send(await createStudy(app.deps, actorOf(req), req.params.code, req.body)),
  );

  app.get(
    `${base}/studies/:id`,
    {
      schema: {
        tags,
        operationId: "getFeasibilityStudy",
        summary: "One study, with its rank",
        description:
          "For province admins of the province and national admins; anyone else gets 404. Returns the study with its scores, weighted score and rank in the province.",
        params: FeasibilityItemParams,
        response: { 200: StudyOut },
      },
    },
    async (req) => getStudy(app.deps, actorOf(req), req.params.code, req.params.id),
  );

  app.patch(
    `${base}/studies/:id`,
    {
      schema: {
        tags,
        operationId: "updateFeasibilityStudy",
        summary: "Change a study; given scores replace all its scores",
        description:
          "For province admins of the province and national admins; anyone else gets 404. Changes the given fields and returns the study; scores, when given, must score every current criterion once (400 `scores_incomplete`).",
        params: FeasibilityItemParams,
        body: StudyUpdateInput,
        response: { 200: StudyOut },
      },
    },
    async (req) => updateStudy(app.deps, actorOf(req), req.params.code, req.params.id, req.body),
  );

  app.delete(
    `${base}/studies/:id`,
    {
      schema: {
        tags,
        operationId: "deleteFeasibilityStudy",
        summary: "Delete a study",
        description:
          "For province admins of the province and national admins; anyone else gets 404. Deletes the study and its scores (204); the audit log keeps their content.",
        params: FeasibilityItemParams,
        response: { 204: NoContent("Deleted") },
      },
    },
    async (req, reply) => {
      await deleteStudy(app.deps, actorOf(req), req.params.code, req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    `${base}/decisions`,
    {
      schema: {
        tags,
        operationId: "listPrioritisationDecisions",
        summary: "Prioritisation decisions, newest first",
        description:
          "For province admins of the province and national admins; anyone else gets 404. Returns the province's decisions, newest first, with the chosen cluster and who recorded it.",
        params: ProvinceParams,
        response: { 200: DecisionsOut },
      },
    },
    async (req) => listDecisions(app.deps, actorOf(req), req.params.code),
  );

  app.post(
    `${base}/decisions`,
    {
      schema: {
        tags,
        operationId: "createPrioritisationDecision",
        summary: "Record which studied cluster goes first, and why",
        description:
          "For province admins of the province and national admins; anyone else gets 404. Records the decision and returns it (201); a cluster without a study in the province answers 400 `no_study_for_cluster`.",
        params: ProvinceParams,
        body: DecisionInput,
        response: { 201: DecisionOut },
      },
    },
    async (req, reply) => reply.code(201).send(await createDecision(app.deps, actorOf(req), req.params.code, req.body)),
  );

  app.delete(
    `${base}/decisions/:id`,
    {
      schema: {
        tags,
        operationId: "deletePrioritisationDecision",
        summary: "Delete a decision recorded by mistake",
        description:
          "For province admins of the province and national admins; anyone else gets 404. Deletes the decision (204); the audit log keeps its content.",
        params: FeasibilityItemParams,
        response: { 204: NoContent("Deleted") },
      },
    },
    async (req, reply) => {
      await deleteDecision(app.deps, actorOf(req), req.params.code, req.params.id);
      return reply.code(204).send(null);
    },
  );
};
