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
  benchData: () => import(new URL("./bench-data.ts", import.meta.url).href) as Promise<typeof import("./bench-data")>,
  benchScenarios: () =>
    import(new URL("./bench-scenarios.ts", import.meta.url).href) as Promise<typeof import("./bench-scenarios")>,
});
