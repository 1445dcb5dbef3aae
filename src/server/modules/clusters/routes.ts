import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  ClusterAgendaOut,
  ClusterCreateInput,
  ClusterDetailOut,
  ClusterExportQuery,
  ClusterFilterQuery,
  ClusterListQuery,
  ClusterPageOut,
  ClusterStatsOut,
  ClusterUpdateInput,
  ContractInput,
  ContractUpdateInput,
  TransitionInput,
} from "../../../core/schemas/clusters";
import { FileDownload, IdParams } from "../../../core/schemas/common";
import { actorOf } from "../../app";
import { withAbilities } from "./abilities";
import { clusterAgenda } from "./agenda";
import { addContract, updateContract } from "./contracts";
import { exportClustersXlsx } from "./export";
import { createCluster, getCluster, listClusters, transitionCluster, updateCluster } from "./registry";
import { clusterStats } from "./stats";

const tags = ["clusters"];

export const clusterRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/clusters",
    {
      schema: {
        tags,
        operationId: "listClusters",
        summary: "The cluster registry in the caller's scope, filtered",
        description:
          "Any role that may read clusters: national admins see all, province admins their province, cluster roles and members their own clusters. Returns a sorted page of clusters matching the filters (Persian search ignores letter forms, ZWNJ and spacing), the total, and `nextCursor`. A page is asked for by `offset`, or by `cursor` (the previous page's `nextCursor`, with the same sort and filters): a cursor page starts after the previous page's last row, in every sort (ties broken by name, then id), as fast deep in the list as at its start.",
        querystring: ClusterListQuery,
        response: { 200: ClusterPageOut },
      },
    },
    async (req) => listClusters(app.deps, actorOf(req), req.query),
  );

  app.get(
    "/clusters/stats",
    {
      schema: {
        tags,
        operationId: "getClusterStats",
        summary: "Clusters per state per province (for the table, the tile map and the national page)",
        description:
          "For the same callers and filters as `listClusters`: counts of the clusters they may read per life-cycle state, per province and in total, and in four groups (identified, under development, handed over, stopped).",
        querystring: ClusterFilterQuery,
        response: { 200: ClusterStatsOut },
      },
    },
    async (req) => clusterStats(app.deps, actorOf(req), req.query),
  );

  app.get(
    "/clusters/agenda",
    {
      schema: {
        tags,
        operationId: "getClusterAgenda",
        summary: "What needs doing next in the caller's clusters (the home page's registry card)",
        description:
          "For the same callers as `listClusters`, over the clusters in their reach whose project runs: contracts ending within 60 days or ended without a newer one of the same kind, milestones past their planned date with no actual date, and each project's year with its agent contract's end. Each list is its first 5 rows, most urgent first, and its total.",
        response: { 200: ClusterAgendaOut },
      },
    },
    async (req) => clusterAgenda(app.deps, actorOf(req)),
  );

  app.get(
    "/clusters/export.xlsx",
    {
      schema: {
        tags,
        operationId: "exportClusters",
        summary: "The filtered registry as an Excel workbook (RTL sheet, Jalali dates beside ISO dates)",
        description:
          "For the same callers, filters and sort as `listClusters`, without paging: every matching cluster as one row of an .xlsx download. Column headings and state names are in `lang` (default: the request's language).",
        querystring: ClusterExportQuery,
        response: {
          200: FileDownload(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "The workbook (khooshe-clusters.xlsx)",
          ),
        },
      },
    },
    async (req, reply) => {
      const buf = await exportClustersXlsx(app.deps, actorOf(req), req.query.lang ?? req.lang, req.query);
      return reply
        .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header("content-disposition", `attachment; filename="khooshe-clusters.xlsx"`)
        .send(buf);
    },
  );

  app.post(
    "/clusters",
    {
      schema: {
        tags,
        operationId: "createCluster",
        summary: "Register a cluster",
        description:
          "For province admins (in their province) and national admins; others get 403. Registers the cluster in state `identified` and returns it (201). A name already used in the province (compared ignoring letter forms, ZWNJ and spacing) answers 409 `cluster_name_taken`; dates may not be in the future.",
        body: ClusterCreateInput,
        response: { 201: ClusterDetailOut },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await withAbilities(actorOf(req), createCluster(app.deps, actorOf(req), req.body))),
  );

  app.get(
    "/clusters/:id",
    {
      schema: {
        tags,
        operationId: "getCluster",
        summary: "One cluster with its history and contracts",
        description:
          "Returns the cluster's registry record, its life-cycle history and its contracts with their milestones, to anyone who may read it. A cluster outside the caller's scope answers 404, as an unknown one does.",
        params: IdParams,
        response: { 200: ClusterDetailOut },
      },
    },
    async (req) => withAbilities(actorOf(req), getCluster(app.deps, actorOf(req), req.params.id)),
  );

  app.get(
    "/clusters/:id/record.pdf",
    {
      schema: {
        tags,
        operationId: "getClusterRecordPdf",
        summary: "The cluster's registry record (شناسنامه خوشه) as a PDF",
        description:
          "For anyone who may read the cluster (404 out of scope, as for an unknown one). An A4 PDF in Persian, right to left, on the provincial Industrial Estates Company's letterhead: names, province, state and since when, place, sector, ISIC codes, product groups, the enterprise and job figures with their sources and dates, the life-cycle timeline, the contracts with their milestones and the date it was made; Jalali dates, Persian digits, numbered pages. Sent as an attachment with a Persian file name (RFC 5987 `filename*`), never cached.",
        params: IdParams,
        response: {
          200: FileDownload("application/pdf", "The record as a PDF file (A4, Persian)"),
        },
      },
    },
    async (req, reply) => {
      // Loaded on first use: the Typst binding and its fonts stay out of processes that never render.
      const { clusterRecordPdf } = await import("./record");
      const doc = await clusterRecordPdf(app.deps, actorOf(req), req.params.id);
      return reply
        .type("application/pdf")
        .header("content-disposition", doc.disposition)
        .header("cache-control", "private, no-store")
        .send(doc.pdf);
    },
  );

  app.patch(
    "/clusters/:id",
    {
      schema: {
        tags,
        operationId: "updateCluster",
        summary: "Edit a cluster's registry record",
        description:
          "For province admins of its province, its cluster managers and national admins (403 for other readers, 404 out of scope). Changes the given fields only and returns the cluster; a name taken in the province answers 409 `cluster_name_taken`.",
        params: IdParams,
        body: ClusterUpdateInput,
        response: { 200: ClusterDetailOut },
      },
    },
    async (req) => withAbilities(actorOf(req), updateCluster(app.deps, actorOf(req), req.params.id, req.body)),
  );

  app.post(
    "/clusters/:id/transitions",
    {
      schema: {
        tags,
        operationId: "transitionCluster",
        summary: "Move a cluster to another life-cycle state (dated; going back needs a reason)",
        description:
          "For those who may edit the cluster. Records the step and returns the cluster (201). A step the life cycle does not allow answers 400 `transition_not_allowed`; going back without a reason 400 `reason_required`; a date before the previous step 400 `date_before_previous_step`; `agent_contracted` without an agent's contract 400 `contract_required`.",
        params: IdParams,
        body: TransitionInput,
        response: { 201: ClusterDetailOut },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await withAbilities(actorOf(req), transitionCluster(app.deps, actorOf(req), req.params.id, req.body))),
  );

  app.post(
    "/clusters/:id/contracts",
    {
      schema: {
        tags,
        operationId: "addClusterContract",
        summary: "Record the development agent's or technical supervisor's contract",
        description:
          "For province admins of the cluster's province and national admins (403 for other readers). Records the contract with its milestones (the end date defaults from the kind) and returns the cluster (201); an end before the start answers 400 `end_before_start`.",
        params: IdParams,
        body: ContractInput,
        response: { 201: ClusterDetailOut },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await withAbilities(actorOf(req), addContract(app.deps, actorOf(req), req.params.id, req.body))),
  );

  app.patch(
    "/contracts/:id",
    {
      schema: {
        tags,
        operationId: "updateContract",
        summary: "Edit a contract (milestones, when given, replace the list)",
        description:
          "For the same callers as `addClusterContract`. Changes the given fields of the contract and returns its cluster; a contract outside the caller's scope answers 404.",
        params: IdParams,
        body: ContractUpdateInput,
        response: { 200: ClusterDetailOut },
      },
    },
    async (req) => withAbilities(actorOf(req), updateContract(app.deps, actorOf(req), req.params.id, req.body)),
  );
};
