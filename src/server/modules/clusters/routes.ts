import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { ClusterStateName } from "../../../core/lifecycle";
import {
  ClusterCreateInput,
  ClusterDetailOut,
  ClusterFilters,
  ClusterOut,
  ClusterSort,
  ClusterUpdateInput,
  ContractInput,
  ContractUpdateInput,
  Id,
  Locale,
  Order,
  Paging,
  SearchText,
  TransitionInput,
} from "../../../core/schemas";
import { actorOf } from "../../app";
import { exportClustersXlsx } from "./export";
import {
  addContract,
  clusterStats,
  createCluster,
  getCluster,
  listClusters,
  listEnterprises,
  transitionCluster,
  updateCluster,
  updateContract,
} from "./service";

const tags = ["clusters"];
const FilterQuery = z.strictObject({ ...ClusterFilters });
const ListQuery = z.strictObject({ ...ClusterFilters, sort: ClusterSort, order: Order, ...Paging });
const IdParams = z.strictObject({ id: Id });

function filtersOf(q: z.infer<typeof FilterQuery>) {
  return {
    ...q,
    state: q.state as ClusterStateName | undefined,
    year: q.year as 1 | 2 | 3 | undefined,
    contractEnding: q.contractEnding === "true",
  };
}

export const clusterRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/clusters",
    {
      schema: {
        tags,
        summary: "The cluster registry in the caller's scope, filtered",
        querystring: ListQuery,
        response: { 200: z.object({ items: z.array(ClusterOut), total: z.number() }) },
      },
    },
    async (req) => listClusters(app.deps, actorOf(req), { ...req.query, ...filtersOf(req.query) }),
  );

  app.get(
    "/clusters/stats",
    {
      schema: {
        tags,
        summary: "Clusters per state per province (for the table, the tile map and the national page)",
        querystring: FilterQuery,
        response: {
          200: z.object({
            byProvince: z.array(
              z.object({
                provinceCode: z.string(),
                nameFa: z.string(),
                nameEn: z.string(),
                total: z.number(),
                counts: z.record(z.string(), z.number()),
              }),
            ),
            totals: z.record(z.string(), z.number()),
            total: z.number(),
            groups: z.object({
              identified: z.number(),
              underDevelopment: z.number(),
              handedOver: z.number(),
              stopped: z.number(),
            }),
          }),
        },
      },
    },
    async (req) => clusterStats(app.deps, actorOf(req), filtersOf(req.query)),
  );

  app.get(
    "/clusters/export.xlsx",
    {
      schema: {
        tags,
        summary: "The filtered registry as an Excel workbook (RTL sheet, Jalali dates beside ISO dates)",
        // lang: a plain download link gets the sheet in the UI's language, whatever the browser sends.
        querystring: z.strictObject({ ...ClusterFilters, sort: ClusterSort, order: Order, lang: Locale.optional() }),
      },
    },
    async (req, reply) => {
      const buf = await exportClustersXlsx(app.deps, actorOf(req), req.query.lang ?? req.lang, {
        ...req.query,
        ...filtersOf(req.query),
      });
      return reply
        .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header("content-disposition", `attachment; filename="khooshe-clusters.xlsx"`)
        .send(buf);
    },
  );

  app.post(
    "/clusters",
    { schema: { tags, summary: "Register a cluster", body: ClusterCreateInput, response: { 201: ClusterDetailOut } } },
    async (req, reply) => reply.code(201).send(await createCluster(app.deps, actorOf(req), req.body)),
  );

  app.get(
    "/clusters/:id",
    {
      schema: {
        tags,
        summary: "One cluster with its history and contracts",
        params: IdParams,
        response: { 200: ClusterDetailOut },
      },
    },
    async (req) => getCluster(app.deps, actorOf(req), req.params.id),
  );

  app.patch(
    "/clusters/:id",
    {
      schema: {
        tags,
        summary: "Edit a cluster's registry record",
        params: IdParams,
        body: ClusterUpdateInput,
        response: { 200: ClusterDetailOut },
      },
    },
    async (req) => updateCluster(app.deps, actorOf(req), req.params.id, req.body),
  );

  app.post(
    "/clusters/:id/transitions",
    {
      schema: {
        tags,
        summary: "Move a cluster to another life-cycle state (dated; going back needs a reason)",
        params: IdParams,
        body: TransitionInput,
        response: { 201: ClusterDetailOut },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await transitionCluster(app.deps, actorOf(req), req.params.id, req.body)),
  );

  app.post(
    "/clusters/:id/contracts",
    {
      schema: {
        tags,
        summary: "Record the development agent's or technical supervisor's contract",
        params: IdParams,
        body: ContractInput,
        response: { 201: ClusterDetailOut },
      },
    },
    async (req, reply) => reply.code(201).send(await addContract(app.deps, actorOf(req), req.params.id, req.body)),
  );

  app.patch(
    "/contracts/:id",
    {
      schema: {
        tags,
        summary: "Edit a contract (milestones, when given, replace the list)",
        params: IdParams,
        body: ContractUpdateInput,
        response: { 200: ClusterDetailOut },
      },
    },
    async (req) => updateContract(app.deps, actorOf(req), req.params.id, req.body),
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
