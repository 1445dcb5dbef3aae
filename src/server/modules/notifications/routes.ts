import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Id, Paging } from "../../../core/schemas";
import { actorOf } from "../../app";
import { listNotifications, listOutbox, markRead } from "./service";

export const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/notifications",
    {
      schema: {
        tags: ["notifications"],
        summary: "My notifications, newest first",
        querystring: z.strictObject({ unread: z.enum(["true", "false"]).optional(), ...Paging }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                kind: z.string(),
                params: z.record(z.string(), z.string()),
                link: z.string().nullable(),
                createdAt: z.string(),
                readAt: z.string().nullable(),
              }),
            ),
            total: z.number(),
            unread: z.number(),
          }),
        },
      },
    },
    async (req) => listNotifications(app.deps, actorOf(req), { ...req.query, unread: req.query.unread === "true" }),
  );

  app.post(
    "/notifications/read-all",
    { schema: { tags: ["notifications"], summary: "Mark all my notifications read" } },
    async (req, reply) => {
      await markRead(app.deps, actorOf(req), "all");
      return reply.code(204).send();
    },
  );

  app.post(
    "/notifications/:id/read",
    { schema: { tags: ["notifications"], summary: "Mark one notification read", params: z.strictObject({ id: Id }) } },
    async (req, reply) => {
      await markRead(app.deps, actorOf(req), req.params.id);
      return reply.code(204).send();
    },
  );

  app.get(
    "/outbox",
    {
      schema: {
        tags: ["notifications"],
        summary: "Outgoing e-mail (kept here when SMTP is not configured)",
        querystring: z.strictObject({ ...Paging }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                to: z.string(),
                subject: z.string(),
                body: z.string(),
                status: z.string(),
                error: z.string().nullable(),
                createdAt: z.string(),
                sentAt: z.string().nullable(),
              }),
            ),
            total: z.number(),
          }),
        },
      },
    },
    async (req) => listOutbox(app.deps, actorOf(req), req.query),
  );
};
