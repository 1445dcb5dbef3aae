import MailOutline from "@mui/icons-material/MailOutline";
import type messages from "../../locales/fa/notifications.json";
import { defineWebModule } from "../../modules/module";

/** The e-mail outbox (the notifications bell is part of the frame). */
export const notificationsWeb = defineWebModule<typeof messages>()({
  name: "notifications",
  routes: [{ path: "outbox", page: () => import("./OutboxPage"), action: "outbox.read" }],
  nav: [{ id: "outbox", to: "/outbox", label: "nav.outbox", icon: <MailOutline />, action: "outbox.read", order: 90 }],
});
