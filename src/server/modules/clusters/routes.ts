import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ClusterState, Id, Order, Paging, ProvinceCode, SearchText } from "../../../core/schemas";
import { actorOf } from "../../app";
import { getCluster, listClusters, listEnterprises } from "./service";

const ClusterOut = z.object({
  id: z.string(),
  nameFa: z.string(),
  nameEn: z.string().nullable(),
  provinceCode: z.string(),
  provinceNameFa: z.string(),
  provinceNameEn: z.string(),
  state: ClusterState,
});

export const clusterRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/clusters",
    {
      schema: {
        tags: ["clusters"],
        summary: "Clusters in the caller's scope",
        querystring: z.strictObject({
          q: SearchText.optional(),
          provinceCode: ProvinceCode.optional(),
          sort: z.enum(["name", "province", "state"]).default("name"),
          order: Order,
          ...Paging,
        }),
        response: { 200: z.object({ items: z.array(ClusterOut), total: z.number() }) },
      },
    },
    async (req) => listClusters(app.deps, actorOf(req), req.query),
  );

  app.get(
    "/clusters/:id",
    {
      schema: {
        tags: ["clusters"],
        summary: "One cluster",
        params: z.strictObject({ id: Id }),
        response: { 200: ClusterOut },
      },
    },
    async (req) => getCluster(app.deps, actorOf(req), req.params.id),
  );

  app.get(
    "/enterprises",
    {
      schema: {
        tags: ["enterprises"],
        summary: "Enterprises in the caller's scope",
        querystring: z.strictObject({ clusterId: Id.optional(), q: SearchText.optional(), ...Paging }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                name: z.string(),
                clusterId: z.string(),
                clusterName: z.string(),
                provinceCode: z.string(),
              }),
            ),
            total: z.number(),
          }),
        },
      },
    },
    async (req) => listEnterprises(app.deps, actorOf(req), req.query),
  );
};
