import { defineModule } from "../module";
import { sendMailJob } from "./jobs";
import { notificationRoutes } from "./routes";

export const notificationsModule = defineModule({
  name: "notifications",
  routes: notificationRoutes,
  errorCodes: ["smtp_not_configured", "mail_not_resendable"],
  auditActions: ["outbox.resend"],
  jobs: [sendMailJob],
});
