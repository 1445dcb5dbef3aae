import { defineModule } from "../module";
import * as m0013 from "./migrations/0013_members_actors";
import * as m0014 from "./migrations/0014_members_backfill";
import * as m0015 from "./migrations/0015_members_enterprise_columns";
import { memberRoutes } from "./routes";

export const membersModule = defineModule({
  name: "members",
  apiTags: [
    {
      name: "enterprises",
      description:
        "The enterprises (member businesses) of clusters, as far as the caller may see them: profiles, memberships of clusters, products.",
    },
  ],
  routes: memberRoutes,
  errorCodes: [],
  migrations: {
    "0013_members_actors": m0013,
    "0014_members_backfill": m0014,
    "0015_members_enterprise_columns": m0015,
  },
});
