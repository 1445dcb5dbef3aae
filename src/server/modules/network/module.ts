import { defineModule } from "../module";
import * as m0016 from "./migrations/0016_network_relationships";
import * as m0019 from "./migrations/0019_network_snapshots";
import * as m0022 from "./migrations/0022_network_fingerprint_indexes";
import { networkRoutes } from "./routes";
import { snapshotJob } from "./snapshots";

export const networkModule = defineModule({
  name: "network",
  apiTags: [
    {
      name: "network",
      description:
        "Relationships between a cluster's actors (who supplies, buys from, subcontracts for, cooperates with whom) and the cluster's network: its picture and figures (density, central actors, communities) on a date and how they changed between two. For the cluster's managers and council and the province's admins.",
    },
  ],
  routes: networkRoutes,
  errorCodes: ["actor_not_in_cluster", "relationship_self"],
  auditActions: ["relationship.create", "relationship.update", "relationship.end", "relationship.delete"],
  jobs: [snapshotJob],
  migrations: {
    "0016_network_relationships": m0016,
    "0019_network_snapshots": m0019,
    "0022_network_fingerprint_indexes": m0022,
  },
  benchData: () => import(new URL("./bench-data.ts", import.meta.url).href) as Promise<typeof import("./bench-data")>,
  benchScenarios: () =>
    import(new URL("./bench-scenarios.ts", import.meta.url).href) as Promise<typeof import("./bench-scenarios")>,
});
