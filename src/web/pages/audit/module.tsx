import HistoryOutlined from "@mui/icons-material/HistoryOutlined";
import { ALL_NAMESPACES } from "../../app/i18n";
import type messages from "../../locales/fa/audit.json";
import { defineWebModule } from "../../modules/module";

export const auditWeb = defineWebModule<typeof messages>()({
  name: "audit",
  // The log names every module's events and fields.
  uses: ALL_NAMESPACES,
  routes: [{ path: "audit", page: () => import("./AuditPage"), action: "audit.read" }],
  nav: [{ id: "audit", to: "/audit", label: "nav.audit", icon: <HistoryOutlined />, action: "audit.read", order: 80 }],
});
