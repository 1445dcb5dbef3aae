import PendingActionsOutlined from "@mui/icons-material/PendingActionsOutlined";
import type messages from "../../locales/fa/jobs.json";
import { defineWebModule } from "../../modules/module";

export const jobsWeb = defineWebModule<typeof messages>()({
  name: "jobs",
  routes: [{ path: "jobs", page: () => import("./JobsPage"), action: "job.manage" }],
  nav: [
    { id: "jobs", to: "/jobs", label: "nav.jobs", icon: <PendingActionsOutlined />, action: "job.manage", order: 95 },
  ],
});
