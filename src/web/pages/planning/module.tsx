import AssignmentOutlined from "@mui/icons-material/AssignmentOutlined";
import { PRESSURE_CATEGORIES, STUDY_LEVELS } from "../../../core/planning";
import { tDynamic } from "../../app/i18n";
import type messages from "../../locales/fa/planning.json";
import { defineWebModule } from "../../modules/module";

const inList = (list: readonly string[], v: string) => list.includes(v);

/**
 * Planning (DOMAIN steps 5–6): a cluster's diagnostic study, its yearly
 * action plans and their programmes, the steering council's meetings that
 * approve them; the chain from pressure points to targets on the cluster
 * page, the plans awaiting the council and the next meetings on the home page.
 */
export const planningWeb = defineWebModule<typeof messages>()({
  name: "planning",
  // The council roster's seat names (governance roles); the chain's activities under each programme.
  uses: ["governance", "activities"],
  routes: [
    { path: "plans", page: () => import("./PlansPage"), action: "planning.read" },
    { path: "plans/:id", page: () => import("./PlanPage"), action: "planning.read" },
    { path: "clusters/:id/study", page: () => import("./StudyPage"), action: "planning.read" },
    { path: "council-meetings/:id", page: () => import("./MeetingPage"), action: "planning.read" },
  ],
  nav: [
    {
      id: "plans",
      to: "/plans",
      label: "nav.plans",
      icon: <AssignmentOutlined />,
      action: "planning.read",
      order: 32,
    },
  ],
  clusterSections: [
    {
      id: "planning",
      order: 30,
      wide: true,
      visible: (c) => c.can.readPlanning,
      component: () => import("./PlanningSection"),
    },
  ],
  homeCards: [
    { id: "plans-awaiting", order: 30, action: "planning.comment", component: () => import("./PlansCard") },
    { id: "meetings-upcoming", order: 32, action: "planning.read", component: () => import("./MeetingsCard") },
  ],
  auditValues: (key, value) => {
    if (key === "category" && inList(PRESSURE_CATEGORIES, value)) return tDynamic(`pressureCategories.${value}`);
    if (key === "level" && inList(STUDY_LEVELS, value)) return tDynamic(`studyLevels.${value}`);
    return undefined;
  },
});
