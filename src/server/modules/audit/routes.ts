import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Id, IsoDate, Paging } from "../../../core/schemas";
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
        querystring: z.strictObject({
          userId: Id.optional(),
          action: z.string().max(100).optional(),
          from: IsoDate.optional(),
          to: IsoDate.optional(),
          ...Paging,
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                at: z.string(),
                actorId: z.string().nullable(),
                actorName: z.string().nullable(),
                via: z.string(),
                action: z.string(),
                targetType: z.string(),
                targetId: z.string().nullable(),
                summary: z.string(),
                /** The cluster the event belongs to, named so readers need no look-up. */
                clusterId: z.string().nullable(),
                clusterName: z.string().nullable(),
              }),
            ),
            total: z.number(),
          }),
        },
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
        response: { 200: z.object({ items: z.array(z.string()) }) },
      },
    },
    async (req) => ({ items: await listAuditActions(app.deps, actorOf(req)) }),
  );
};
