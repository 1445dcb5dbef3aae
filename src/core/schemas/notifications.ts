/** In-app notifications and the e-mail outbox (modules/notifications). */
import { z } from "zod";
import { Paging, pageOf, QueryBool } from "./common";

export const NotificationOut = z.object({
  id: z.string(),
  kind: z.string(),
  /** What the kind's text is worded with, in the reader's language. */
  params: z.record(z.string(), z.string()),
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
/** GET /notifications: a page of the caller's notifications and how many are unread in all. */
export const NotificationsOut = pageOf(NotificationOut).extend({ unread: z.number() });

export const NotificationListQuery = z.strictObject({ unread: QueryBool.optional(), ...Paging });

export const OUTBOX_STATUSES = ["kept", "pending", "sent", "failed"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export const OutboxItemOut = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  body: z.string(),
  /** kept: no SMTP configured; pending: queued or retrying (error holds the last failure). */
  status: z.enum(OUTBOX_STATUSES),
  error: z.string().nullable(),
  attempts: z.number(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type OutboxItem = z.infer<typeof OutboxItemOut>;

export const OutboxListQuery = z.strictObject({ ...Paging });
