/** The durable job queue's admin view (modules/jobs). */
import { z } from "zod";
import { Paging } from "./common";

export const JOB_STATES = ["queued", "running", "done", "failed"] as const;
export type JobState = (typeof JOB_STATES)[number];

export const JobOut = z.object({
  id: z.string(),
  kind: z.string(),
  state: z.enum(JOB_STATES),
  attempts: z.number(),
  maxAttempts: z.number(),
  runAfter: z.string(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type JobItem = z.infer<typeof JobOut>;

/** GET /jobs: by state and kind, newest first. */
export const JobListQuery = z.strictObject({
  state: z.enum(JOB_STATES).optional(),
  kind: z.string().trim().max(100).optional(),
  ...Paging,
});
