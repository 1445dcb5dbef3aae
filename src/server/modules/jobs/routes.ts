import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { IdParams, pageOf } from "../../../core/schemas/common";
import { JobListQuery, JobOut } from "../../../core/schemas/jobs";
import { actorOf } from "../../app";
import { listJobs, retryJob } from "./service";

const tags = ["jobs"];

export const jobRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/jobs",
    {
      schema: {
        tags,
        operationId: "listJobs",
        summary: "Background jobs",
        description:
          "The durable job queue (mail delivery, scheduled sweeps), newest first, filtered by state and kind. National admins only; a failed job shows its last error.",
        querystring: JobListQuery,
        response: { 200: pageOf(JobOut) },
      },
    },
    async (req) => listJobs(app.deps, actorOf(req), req.query),
  );

  app.post(
    "/jobs/:id/retry",
    {
      schema: {
        tags,
        operationId: "retryJob",
        summary: "Run a failed job again",
        description:
          "Puts a failed job back in the queue with a fresh set of attempts (a failed mail goes back to pending). National admins only; 400 job_not_retryable unless the job failed.",
        params: IdParams,
        response: { 200: JobOut },
      },
    },
    async (req) => retryJob(app.deps, actorOf(req), req.params.id),
  );
};
