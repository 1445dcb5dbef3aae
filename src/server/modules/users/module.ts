import { defineModule } from "../module";
import { userRoutes } from "./routes";

export const usersModule = defineModule({
  name: "users",
  apiTags: [
    {
      name: "users",
      description:
        "People and their role grants (each role at one province, cluster or enterprise), deactivation and password resets. Province admins manage their province; national admins everyone.",
    },
  ],
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
  benchData: () => import(new URL("./bench-data.ts", import.meta.url).href) as Promise<typeof import("./bench-data")>,
});
