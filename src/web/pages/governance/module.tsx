import GroupsOutlined from "@mui/icons-material/GroupsOutlined";
import { GOVERNANCE_ROLES } from "../../../core/governance";
import { tDynamic } from "../../app/i18n";
import type messages from "../../locales/fa/governance.json";
import { defineWebModule } from "../../modules/module";

const isGovernanceRole = (v: string) => (GOVERNANCE_ROLES as readonly string[]).includes(v);

export const governanceWeb = defineWebModule<typeof messages>()({
  name: "governance",
  // The seat form reuses the registry's field labels and contract dates.
  uses: ["clusters"],
  routes: [{ path: "committee", page: () => import("./CommitteePage"), action: "governance.manage" }],
  nav: [
    {
      id: "committee",
      to: "/committee",
      label: "nav.committee",
      icon: <GroupsOutlined />,
      action: "governance.manage",
      order: 35,
    },
  ],
  clusterSections: [
    {
      id: "council",
      order: 20,
      visible: (c) => c.can.readGovernance,
      component: () => import("./CouncilSection"),
    },
  ],
  // Governance events carry the body; their role is a seat (chair, secretary…), not an account role.
  auditValues: (key, value, event) => {
    if (typeof event.body !== "string") return undefined;
    if (key === "role" && isGovernanceRole(value)) return tDynamic(`governanceRoles.${value}`);
    if (key === "body") return tDynamic(`governance.bodies.${value}`, { defaultValue: value });
    return undefined;
  },
});
