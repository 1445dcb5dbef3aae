import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { AuditActionsOut, AuditEntryOut, AuditListQuery } from "../../../core/schemas/audit";
import { pageOf } from "../../../core/schemas/common";
import { actorOf } from "../../app";
import { listAudit, listAuditActions } from "./service";

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/audit",
    {
      schema: {
        tags: ["audit"],
        operationId: "listAuditEvents",
        summary: "The audit log, newest first",
        description:
          "For province admins (events in their province) and national admins (all); others get 403. Filter by actor, action and Iran calendar dates (from/to inclusive, Tehran time); each event says who acted, through what and a summary of the change.",
        querystring: AuditListQuery,
        response: { 200: pageOf(AuditEntryOut) },
      },
    },
    async (req) => listAudit(app.deps, actorOf(req), req.query),
  );

  app.get(
    "/audit/actions",
    {
      schema: {
        tags: ["audit"],
        operationId: "listAuditActions",
        summary: "The actions that occur in the part of the audit log the caller may read",
        description:
          "For the same callers as `listAuditEvents`: the distinct action names (such as `cluster.update`) found in the events they may read, sorted, for an action filter.",
        response: { 200: AuditActionsOut },
      },
    },
    async (req) => ({ items: await listAuditActions(app.deps, actorOf(req)) }),
  );
};
