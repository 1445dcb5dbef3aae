import { defineModule } from "../module";
import { userRoutes } from "./routes";

export const usersModule = defineModule({
  name: "users",
  routes: userRoutes,
  errorCodes: [
    "email_taken",
    "grant_required",
    "invalid_grant_scope",
    "unknown_province",
    "unknown_cluster",
    "unknown_enterprise",
    "cannot_change_self",
    "grant_exists",
    "unknown_user",
  ],
  auditActions: [
    "user.create",
    "user.update",
    "user.activate",
    "user.deactivate",
    "user.password_reset",
    "user.password_change",
    "user.password_change_failed",
    "user.locale",
    "grant.add",
    "grant.revoke",
  ],
  mailTemplates: ["welcome", "password_reset", "invited"],
});
