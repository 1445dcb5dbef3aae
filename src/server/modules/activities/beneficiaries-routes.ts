import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  BeneficiaryFigures,
  BeneficiaryFiguresOfYear,
  ClusterBeneficiariesQuery,
  ProvinceBeneficiariesQuery,
  SurveyCodeParams,
  SurveyInput,
  SurveyListQuery,
  SurveyOut,
  SurveysOut,
} from "../../../core/schemas/activities";
import { IdParams, ProvinceParams } from "../../../core/schemas/common";
import { actorOf } from "../../app";
import {
  activityFigures,
  answerSurvey,
  answerSurveyByCode,
  clusterFigures,
  listSurveys,
  provinceFigures,
} from "./surveys";

const tags = ["activities"];
const FIGURES =
  "`people` and `enterprises` are unique: a person at three activities counts once; `byKind` is unique within each kind, `byRole` splits the people by their role in the cluster when they first attended (their skill, else their employer's institution kind, else `enterprise` staff, else `other`). A person is counted by the directory person, else by the mobile, else by the name; an enterprise by the registration's enterprise, and an exhibition's exhibitors once it is done. `survey` is the satisfaction survey's answers and average score (1–5, one decimal; null without answers). Read from aggregates kept with every check-in, so the answer costs the same for a province as for one activity.";
/** Typing a ticket's code off paper: enough for people, nothing for guessing 20+ random characters. */
const SURVEY_LIMIT = { max: 30, timeWindow: "1 minute" };

export const beneficiariesRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/activities/:id/beneficiaries",
    {
      schema: {
        tags,
        operationId: "getActivityBeneficiaries",
        summary: "An activity's unique beneficiaries, by kind and role, and its survey's average",
        description: `For the activity's readers (404 out of scope). ${FIGURES}`,
        params: IdParams,
        response: { 200: BeneficiaryFigures },
      },
    },
    async (req) => activityFigures(app.deps, actorOf(req), req.params.id),
  );

  app.get(
    "/clusters/:id/beneficiaries",
    {
      schema: {
        tags,
        operationId: "getClusterBeneficiaries",
        summary: "A cluster's or one of its programmes' unique beneficiaries in a Jalali year",
        description: `For the cluster's activity readers (404 out of scope). \`year\` is a Jalali year (default the current one); an activity counts in the year of its start date. With \`programme\` (one of the cluster's action plans' programmes, else 400 \`unknown_programme\`), the programme's figures: over all its years unless \`year\` is given (then \`year\` answers null). ${FIGURES}`,
        params: IdParams,
        querystring: ClusterBeneficiariesQuery,
        response: { 200: BeneficiaryFiguresOfYear },
      },
    },
    async (req) => clusterFigures(app.deps, actorOf(req), req.params.id, req.query),
  );

  app.get(
    "/provinces/:code/beneficiaries",
    {
      schema: {
        tags,
        operationId: "getProvinceBeneficiaries",
        summary: "A province's unique beneficiaries of its clusters' activities in a Jalali year",
        description: `For the province's admins and national admins (404 for others). \`year\` is a Jalali year (default the current one). A person at activities of two clusters of the province counts once. ${FIGURES}`,
        params: ProvinceParams,
        querystring: ProvinceBeneficiariesQuery,
        response: { 200: BeneficiaryFiguresOfYear },
      },
    },
    async (req) => provinceFigures(app.deps, actorOf(req), req.params.code, req.query),
  );

  app.put(
    "/registrations/:id/survey",
    {
      schema: {
        tags,
        operationId: "answerSurvey",
        summary: "Answer (or change) a registration's satisfaction survey",
        description:
          "For the users of the registration's member enterprise and the activity's managers entering paper forms (403 for other readers, 404 out of scope). `score` 1 to 5, `comment` optional. Only once the person has attended (400 `not_attended`). One answer per registration: answering again replaces it and the averages move by the difference. Returns the answer.",
        params: IdParams,
        body: SurveyInput,
        response: { 200: SurveyOut },
      },
    },
    async (req) => answerSurvey(app.deps, actorOf(req), req.params.id, req.body),
  );

  app.put(
    "/public/surveys/:code",
    {
      schema: {
        tags,
        operationId: "answerSurveyPublic",
        summary: "Answer the satisfaction survey with the ticket's code (public, no account)",
        description:
          "Anyone holding the registration's ticket code (its QR payload) may call it, thirty times per address a minute (429 `rate_limited`). Only once the person has attended (400 `not_attended`); an unknown code answers 404 `survey_code_unknown`. One answer per registration, changeable. Returns the answer.",
        params: SurveyCodeParams,
        body: SurveyInput,
        response: { 200: SurveyOut },
      },
      bodyLimit: 8 * 1024,
      config: { public: true, rateLimit: SURVEY_LIMIT },
    },
    async (req) => answerSurveyByCode(app.deps, req.params.code, req.body),
  );

  app.get(
    "/activities/:id/surveys",
    {
      schema: {
        tags,
        operationId: "listActivitySurveys",
        summary: "An activity's survey answers, newest first, with the average score",
        description:
          "For province admins of the province, the cluster's managers and national admins (403 for other readers, 404 out of scope). Paged by `page` and `pageSize`; `responses` and `average` (one decimal, null without answers) are the whole activity's.",
        params: IdParams,
        querystring: SurveyListQuery,
        response: { 200: SurveysOut },
      },
    },
    async (req) => listSurveys(app.deps, actorOf(req), req.params.id, req.query),
  );
};
