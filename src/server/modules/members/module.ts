import { defineModule } from "../module";
import * as m0013 from "./migrations/0013_members_actors";
import * as m0014 from "./migrations/0014_members_backfill";
import * as m0015 from "./migrations/0015_members_enterprise_columns";
import * as m0020 from "./migrations/0020_members_views_interests";
import * as m0021 from "./migrations/0021_members_actors_updated_index";
import * as m0023 from "./migrations/0023_members_membership_name_sort";
import * as m0024 from "./migrations/0024_members_actors_fts_rowid_index";
import { memberRoutes } from "./routes";

export const membersModule = defineModule({
  name: "members",
  apiTags: [
    {
      name: "enterprises",
      description:
        "The enterprises (member businesses) of clusters, as far as the caller may see them: profiles, memberships of clusters, products.",
    },
    {
      name: "members",
      description:
        "Who takes part in a cluster: memberships and their status, people (designers, trainers, staff) and institutions (suppliers, unions, banks, …).",
    },
    {
      name: "directory",
      description:
        "One Persian search across enterprises, people and institutions with filters and server paging, its saved views (e.g. a cluster's designer database) and its Excel export.",
    },
    {
      name: "partners",
      description:
        "The partner search across every cluster over the profiles enterprises chose to publish, and «express interest», which notifies the other side.",
    },
  ],
  routes: memberRoutes,
  errorCodes: [
    "company_national_id_invalid",
    "national_id_invalid",
    "mobile_invalid",
    "phone_invalid",
    "postal_code_invalid",
    "url_invalid",
    "person_needs_cluster",
    "national_id_taken",
    "enterprise_duplicate",
    "membership_exists",
    "actor_not_found",
    "enterprise_not_found",
    "cluster_not_found",
    "interest_already_sent",
    "interest_own_enterprise",
  ],
  auditActions: [
    "enterprise.create",
    "enterprise.update",
    "membership.create",
    "membership.update",
    "person.create",
    "person.update",
    "institution.create",
    "institution.update",
    "saved_view.create",
    "saved_view.delete",
    "partner.interest",
  ],
  migrations: {
    "0013_members_actors": m0013,
    "0014_members_backfill": m0014,
    "0015_members_enterprise_columns": m0015,
    "0020_members_views_interests": m0020,
    "0021_members_actors_updated_index": m0021,
    "0023_members_membership_name_sort": m0023,
    "0024_members_actors_fts_rowid_index": m0024,
  },
  plannerStatistics: ["actors", "cluster_actors", "people", "enterprises", "enterprise_products", "person_skills"],
  benchData: () => import(new URL("./bench-data.ts", import.meta.url).href) as Promise<typeof import("./bench-data")>,
  benchScenarios: () =>
    import(new URL("./bench-scenarios.ts", import.meta.url).href) as Promise<typeof import("./bench-scenarios")>,
});
