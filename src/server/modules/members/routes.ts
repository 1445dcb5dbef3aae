import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { pageOf } from "../../../core/schemas/common";
import { EnterpriseListQuery, EnterpriseOut } from "../../../core/schemas/members";
import { actorOf } from "../../app";
import { listEnterprises } from "./enterprises";

export const memberRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/enterprises",
    {
      schema: {
        tags: ["enterprises"],
        operationId: "listEnterprises",
        summary: "Enterprises in the caller's scope",
        description:
          "Any role that may read enterprises: the enterprises of the clusters they may read (members only their own), optionally of one cluster or matching a name, with their cluster and province, and the total.",
        querystring: EnterpriseListQuery,
        response: { 200: pageOf(EnterpriseOut) },
      },
    },
    async (req) => listEnterprises(app.deps, actorOf(req), req.query),
  );
};
