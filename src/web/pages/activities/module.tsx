import EventNoteOutlined from "@mui/icons-material/EventNoteOutlined";
import { ACTIVITY_KINDS, ACTIVITY_STATUSES } from "../../../core/activities";
import { tDynamic } from "../../app/i18n";
import type messages from "../../locales/fa/activities.json";
import { defineWebModule } from "../../modules/module";

const inList = (list: readonly string[], v: string) => list.includes(v);

/**
 * Activities (DOMAIN: "Activities"): the list in reach, a cluster's Jalali
 * month calendar, an activity's page with its registrations and waiting
 * list, the form for every kind; on the cluster page the coming
 * activities, on the home page the fortnight's activities (the office) and
 * what the member's enterprise signed up for and may still.
 */
export const activitiesWeb = defineWebModule<typeof messages>()({
  name: "activities",
  // Who pays for an activity: the cost shares are named as the plans' are.
  uses: ["planning"],
  routes: [
    { path: "activities", page: () => import("./ActivitiesPage"), action: "activities.read" },
    { path: "activities/:id", page: () => import("./ActivityPage"), action: "activities.read" },
    { path: "activities/:id/check-in", page: () => import("./CheckInPage"), action: "activities.manage" },
    {
      path: "provinces/:code/beneficiaries",
      page: () => import("./BeneficiariesProvincePage"),
      action: "activities.figures.province",
    },
    { path: "clusters/:id/calendar", page: () => import("./CalendarPage"), action: "activities.read" },
  ],
  nav: [
    {
      id: "activities",
      to: "/activities",
      label: "nav.activities",
      icon: <EventNoteOutlined />,
      action: "activities.read",
      order: 34,
    },
  ],
  clusterSections: [
    {
      id: "activities",
      order: 34,
      wide: true,
      component: () => import("./ActivitiesSection"),
    },
    { id: "activities-beneficiaries", order: 35, component: () => import("./BeneficiariesSection") },
  ],
  homeCards: [
    {
      id: "activities-fortnight",
      order: 34,
      wide: true,
      action: "activities.manage",
      component: () => import("./FortnightCard"),
    },
    { id: "activities-mine", order: 35, action: "activities.read", component: () => import("./EnterpriseCard") },
    { id: "check-ins-today", order: 36, action: "activities.manage", component: () => import("./CheckInCard") },
    { id: "certificates-due", order: 37, action: "activities.manage", component: () => import("./CertificatesCard") },
  ],
  auditValues: (key, value) => {
    if (key === "kind" && inList(ACTIVITY_KINDS, value)) return tDynamic(`activityKinds.${value}`);
    if (key === "status" && inList(ACTIVITY_STATUSES, value)) return tDynamic(`activityStatuses.${value}`);
    return undefined;
  },
});
