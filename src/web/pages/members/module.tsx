import Diversity3Outlined from "@mui/icons-material/Diversity3Outlined";
import TravelExploreOutlined from "@mui/icons-material/TravelExploreOutlined";
import { MEMBERSHIP_STATUSES } from "../../../core/members";
import { tDynamic } from "../../app/i18n";
import type messages from "../../locales/fa/members.json";
import { defineWebModule } from "../../modules/module";

const isStatus = (v: string) => (MEMBERSHIP_STATUSES as readonly string[]).includes(v);

/**
 * Members and stakeholders: one directory across enterprises, people and
 * institutions, their profiles, a cluster's members on its page, the
 * partner search across clusters and a member's own enterprise on their home page.
 */
export const membersWeb = defineWebModule<typeof messages>()({
  name: "members",
  routes: [
    { path: "members", page: () => import("./DirectoryPage"), action: "enterprise.read" },
    { path: "members/enterprises/:id", page: () => import("./EnterprisePage"), action: "enterprise.read" },
    { path: "members/people/:id", page: () => import("./PersonPage"), action: "person.read" },
    { path: "members/institutions/:id", page: () => import("./InstitutionPage"), action: "institution.read" },
    { path: "partners", page: () => import("./PartnersPage"), action: "partner.search" },
  ],
  nav: [
    {
      id: "members",
      to: "/members",
      label: "nav.members",
      icon: <Diversity3Outlined />,
      action: "enterprise.read",
      order: 22,
    },
    {
      id: "partners",
      to: "/partners",
      label: "nav.partners",
      icon: <TravelExploreOutlined />,
      action: "partner.search",
      order: 24,
    },
  ],
  clusterSections: [
    {
      id: "members",
      order: 10,
      wide: true,
      component: () => import("./ClusterMembersSection"),
    },
  ],
  homeCards: [
    { id: "my-enterprise", order: 5, action: "enterprise.update", component: () => import("./MyEnterpriseCard") },
  ],
  auditValues: (key, value) => {
    if ((key === "status" || key === "from" || key === "to") && isStatus(value))
      return tDynamic(`membershipStatuses.${value}`);
    return undefined;
  },
});
