import { defineModule } from "../module";
import * as m0017 from "./migrations/0017_applications";
import { applicationRoutes } from "./routes";

export const applicationsModule = defineModule({
  name: "applications",
  apiTags: [
    {
      name: "applications",
      description:
        "Membership applications: the public form a business applies with and its private status link, the cluster office's queue and decisions, and the invitations of member users (a one-time link to choose a password).",
    },
  ],
  routes: applicationRoutes,
  errorCodes: [
    "cluster_not_accepting",
    "application_pending",
    "application_already_member",
    "application_decided",
    "application_status_unknown",
    "application_national_id_invalid",
    "application_mobile_invalid",
    "invitation_invalid",
    "invitation_expired",
  ],
  auditActions: [
    "application.submit",
    "application.approve",
    "application.reject",
    "member.invite",
    "member.invitation_accept",
  ],
  mailTemplates: [
    "application_received",
    "application_approved",
    "application_rejected",
    "member_invitation",
    "member_access",
  ],
  migrations: { "0017_applications": m0017 },
  benchData: () => import(new URL("./bench-data.ts", import.meta.url).href) as Promise<typeof import("./bench-data")>,
});
