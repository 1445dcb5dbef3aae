import FactCheckOutlined from "@mui/icons-material/FactCheckOutlined";
import type messages from "../../locales/fa/feasibility.json";
import { defineWebModule } from "../../modules/module";

export const feasibilityWeb = defineWebModule<typeof messages>()({
  name: "feasibility",
  // The study and decision forms reuse the registry's field labels.
  uses: ["clusters"],
  routes: [{ path: "feasibility", page: () => import("./FeasibilityPage"), action: "feasibility.manage" }],
  nav: [
    {
      id: "feasibility",
      to: "/feasibility",
      label: "nav.feasibility",
      icon: <FactCheckOutlined />,
      action: "feasibility.manage",
      order: 30,
    },
  ],
});
