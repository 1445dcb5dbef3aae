import HowToRegOutlined from "@mui/icons-material/HowToRegOutlined";
import { APPLICATION_STATUSES } from "../../../core/schemas/applications";
import { tDynamic } from "../../app/i18n";
import type messages from "../../locales/fa/applications.json";
import { defineWebModule } from "../../modules/module";

const isStatus = (v: string) => (APPLICATION_STATUSES as readonly string[]).includes(v);

/**
 * Membership applications: the cluster office's queue and an application's
 * page (approve or reject), the invitation of member users, and the card of
 * waiting applications on the reviewer's home page. The public form, status
 * and invitation pages are not part of the app (public.html).
 */
export const applicationsWeb = defineWebModule<typeof messages>()({
  name: "applications",
  routes: [
    { path: "applications", page: () => import("./ApplicationsPage"), action: "application.review" },
    { path: "applications/:id", page: () => import("./ApplicationPage"), action: "application.review" },
  ],
  nav: [
    {
      id: "applications",
      to: "/applications",
      label: "nav.applications",
      icon: <HowToRegOutlined />,
      action: "application.review",
      order: 23,
    },
  ],
  homeCards: [
    {
      id: "applications-waiting",
      order: 8,
      action: "application.review",
      component: () => import("./ApplicationsCard"),
    },
  ],
  auditValues: (key, value) => {
    if (key === "status" && isStatus(value)) return tDynamic(`applicationStatuses.${value}`);
    return undefined;
  },
});
