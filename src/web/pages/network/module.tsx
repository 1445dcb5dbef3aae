import type messages from "../../locales/fa/network.json";
import { defineWebModule } from "../../modules/module";

export const networkWeb = defineWebModule<typeof messages>()({
  name: "network",
  // The network page and the cluster page's section: the picture (sigma and
  // graphology) loads with the page only, in its own chunk.
  routes: [{ path: "clusters/:id/network", page: () => import("./NetworkPage"), action: "network.read" }],
  clusterSections: [{ id: "network", order: 40, component: () => import("./NetworkSection") }],
});
