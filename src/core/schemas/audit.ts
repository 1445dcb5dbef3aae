/** The audit log as readers see it (modules/audit). */
import { z } from "zod";
import { Id, IsoDate, Paging } from "./common";

/** GET /audit: by who, which action, and Iran calendar days from–to (inclusive). */
export const AuditListQuery = z.strictObject({
  userId: Id.optional(),
  action: z.string().max(100).optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  ...Paging,
});

export const AuditEntryOut = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  via: z.string(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  /** The write's summary as JSON text (a creation's fields, an update's { changes }). */
  summary: z.string(),
  /** The cluster the event belongs to, named so readers need no look-up. */
  clusterId: z.string().nullable(),
  clusterName: z.string().nullable(),
});

/** GET /audit/actions: the actions found in the part of the log the caller may read. */
export const AuditActionsOut = z.object({ items: z.array(z.string()) });
