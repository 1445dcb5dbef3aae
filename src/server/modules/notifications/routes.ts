import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { IdParams, NoContent, pageOf } from "../../../core/schemas/common";
import {
  NotificationListQuery,
  NotificationsOut,
  OutboxItemOut,
  OutboxListQuery,
} from "../../../core/schemas/notifications";
import { actorOf } from "../../app";
import { listNotifications, listOutbox, markRead, resendMail } from "./service";

export const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/notifications",
    {
      schema: {
        tags: ["notifications"],
        operationId: "listMyNotifications",
        summary: "My notifications, newest first",
        description:
          "Any signed-in caller: their own notifications (a kind with parameters to word it in the reader's language, and an optional link in the web app), optionally only unread ones, with the total and the unread count.",
        querystring: NotificationListQuery,
        response: { 200: NotificationsOut },
      },
    },
    async (req) => listNotifications(app.deps, actorOf(req), req.query),
  );

  app.post(
    "/notifications/read-all",
    {
      schema: {
        tags: ["notifications"],
        operationId: "markAllMyNotificationsRead",
        summary: "Mark all my notifications read",
        description: "Marks every unread notification of the signed-in caller read (204).",
        response: { 204: NoContent("All marked read") },
      },
    },
    async (req, reply) => {
      await markRead(app.deps, actorOf(req), "all");
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/notifications/:id/read",
    {
      schema: {
        tags: ["notifications"],
        operationId: "markMyNotificationRead",
        summary: "Mark one notification read",
        description:
          "Marks one of the signed-in caller's notifications read (204; already read is fine). Someone else's notification answers 404.",
        params: IdParams,
        response: { 204: NoContent("Marked read") },
      },
    },
    async (req, reply) => {
      await markRead(app.deps, actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/outbox",
    {
      schema: {
        tags: ["notifications"],
        operationId: "listOutbox",
        summary: "Outgoing e-mail (kept here when SMTP is not configured)",
        description:
          "For province admins (mail about their province) and national admins (all); others get 403. Returns the e-mails the platform sent or queued, newest first, with their delivery status and last error.",
        querystring: OutboxListQuery,
        response: { 200: pageOf(OutboxItemOut) },
      },
    },
    async (req) => listOutbox(app.deps, actorOf(req), req.query),
  );

  app.post(
    "/outbox/:id/resend",
    {
      schema: {
        tags: ["notifications"],
        operationId: "resendMail",
        summary: "Send a failed or kept e-mail again",
        description:
          "Queues the message for delivery again (a new mail.send job), for province admins of the message's province and national admins. 400 mail_not_resendable unless it failed or was kept; 400 smtp_not_configured without SMTP.",
        params: IdParams,
        response: { 204: NoContent("Queued for delivery") },
      },
    },
    async (req, reply) => {
      await resendMail(app.deps, actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
};
