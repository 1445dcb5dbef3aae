import { defineModule } from "../module";
import { jobRoutes } from "./routes";

export const jobsModule = defineModule({
  name: "jobs",
  apiTags: [
    {
      name: "jobs",
      description:
        "The durable background job queue (mail delivery, scheduled sweeps): its jobs and their failures, for national admins, who may run a failed job again.",
    },
  ],
  routes: jobRoutes,
  errorCodes: ["job_not_retryable"],
  auditActions: ["job.retry"],
});
