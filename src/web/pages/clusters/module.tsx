import AccountTreeOutlined from "@mui/icons-material/AccountTreeOutlined";
import DashboardOutlined from "@mui/icons-material/DashboardOutlined";
import { CLUSTER_STATES } from "../../../core/lifecycle";
import { tDynamic } from "../../app/i18n";
import type messages from "../../locales/fa/clusters.json";
import { defineWebModule } from "../../modules/module";

const STATE_KEYS = new Set(["from", "to", "fromState", "toState", "state", "resumeState"]);
const isState = (v: string) => (CLUSTER_STATES as readonly string[]).includes(v);

/** The cluster registry: the list, the overview map, a cluster's page, its life cycle and contracts. */
export const clustersWeb = defineWebModule<typeof messages>()({
  name: "clusters",
  // A cluster's history reads its events with the audit log's field names.
  uses: ["audit"],
  routes: [
    { path: "clusters", page: () => import("./ClustersPage"), action: "cluster.read" },
    { path: "clusters/:id", page: () => import("./ClusterDetailPage"), action: "cluster.read" },
    { path: "overview", page: () => import("./OverviewPage"), action: "cluster.read" },
  ],
  nav: [
    {
      id: "overview",
      to: "/overview",
      label: "nav.overview",
      icon: <DashboardOutlined />,
      action: "cluster.read",
      order: 10,
    },
    {
      id: "clusters",
      to: "/clusters",
      label: "nav.clusters",
      icon: <AccountTreeOutlined />,
      action: "cluster.read",
      order: 20,
    },
  ],
  homeCards: [
    { id: "cluster-agenda", order: 10, wide: true, action: "cluster.read", component: () => import("./AgendaCard") },
    { id: "clusters", order: 20, wide: true, action: "cluster.read", component: () => import("./ClustersCard") },
  ],
  auditValues: (key, value) => {
    if (STATE_KEYS.has(key) && isState(value)) return tDynamic(`states.${value}`);
    if (key === "kind") return tDynamic(`contracts.kinds.${value}`, { defaultValue: value });
    return undefined;
  },
});
