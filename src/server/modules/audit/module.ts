import { defineModule } from "../module";
import { auditRoutes } from "./routes";

export const auditModule = defineModule({
  name: "audit",
  apiTags: [
    {
      name: "audit",
      description:
        "The audit log of every write: who, when, through what (session, API token or the system) and what changed, within the reader's scope.",
    },
  ],
  routes: auditRoutes,
  errorCodes: [],
});
