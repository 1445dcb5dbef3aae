import { defineModule } from "../module";
import * as m0009 from "./migrations/0009_clusters_list_index";
import * as m0010 from "./migrations/0010_clusters_state_counts";
import * as m0011 from "./migrations/0011_clusters_state_counts_fill";
import * as m0012 from "./migrations/0012_clusters_list_index_state_only";
import { clusterRoutes } from "./routes";
import { clusterScope, transitionScope } from "./shared";

export const clustersModule = defineModule({
  name: "clusters",
  apiTags: [
    {
      name: "clusters",
      description:
        "The cluster registry: registration, the registry record, life-cycle transitions, the development agent's and technical supervisor's contracts, statistics and the Excel export.",
    },
  ],
  routes: clusterRoutes,
  errorCodes: [
    "cluster_name_taken",
    "transition_not_allowed",
    "reason_required",
    "date_before_previous_step",
    "contract_required",
    "approvals_required",
    "approval_after_step",
  ],
  migrations: {
    "0009_clusters_list_index": m0009,
    "0010_clusters_state_counts": m0010,
    "0011_clusters_state_counts_fill": m0011,
    "0012_clusters_list_index_state_only": m0012,
  },
  auditActions: ["cluster.create", "cluster.update", "cluster.transition", "contract.create", "contract.update"],
  attachmentOwners: {
    cluster: { scope: clusterScope, read: "cluster.read", write: "cluster.update" },
    // Evidence for a life-cycle step: minutes, approval letters, contracts.
    transition: { scope: transitionScope, read: "cluster.read", write: "cluster.update" },
  },
  benchData: () => import(new URL("./bench-data.ts", import.meta.url).href) as Promise<typeof import("./bench-data")>,
  benchScenarios: () =>
    import(new URL("./bench-scenarios.ts", import.meta.url).href) as Promise<typeof import("./bench-scenarios")>,
});
