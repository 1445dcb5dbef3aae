import { defineModule } from "../module";
import { sendMailJob } from "./jobs";
import { notificationRoutes } from "./routes";

export const notificationsModule = defineModule({
  name: "notifications",
  apiTags: [
    {
      name: "notifications",
      description: "The signed-in user's in-app notifications, and the outgoing e-mail log for administrators.",
    },
  ],
  routes: notificationRoutes,
  errorCodes: ["smtp_not_configured", "mail_not_resendable"],
  auditActions: ["outbox.resend"],
  jobs: [sendMailJob],
});
