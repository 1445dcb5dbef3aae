import { defineModule } from "../module";
import { feasibilityRoutes } from "./routes";

export const feasibilityModule = defineModule({
  name: "feasibility",
  apiTags: [
    {
      name: "feasibility",
      description:
        "A province's feasibility work: weighted criteria, studies that score clusters against them, and prioritisation decisions. For the province's admins and national admins.",
    },
  ],
  routes: feasibilityRoutes,
  errorCodes: [
    "weights_must_total_100",
    "duplicate_criterion",
    "unknown_criterion",
    "scores_incomplete",
    "no_study_for_cluster",
  ],
  auditActions: [
    "feasibility.criterion.create",
    "feasibility.criteria.replace",
    "feasibility.study.create",
    "feasibility.study.update",
    "feasibility.study.delete",
    "feasibility.decision.create",
    "feasibility.decision.delete",
  ],
  benchData: () => import(new URL("./bench-data.ts", import.meta.url).href) as Promise<typeof import("./bench-data")>,
});
