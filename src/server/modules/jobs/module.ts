import { defineModule } from "../module";
import { jobRoutes } from "./routes";

export const jobsModule = defineModule({
  name: "jobs",
  routes: jobRoutes,
  errorCodes: ["job_not_retryable"],
  auditActions: ["job.retry"],
});
