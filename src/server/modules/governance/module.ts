import { defineModule } from "../module";
import { expireSeatsJob } from "./jobs";
import { governanceRoutes } from "./routes";

export const governanceModule = defineModule({
  name: "governance",
  apiTags: [
    {
      name: "governance",
      description:
        "The provincial coordination committee and each cluster's steering council: members, their roles and terms. A linked council seat carries the council_member role.",
    },
  ],
  routes: governanceRoutes,
  errorCodes: [],
  auditActions: [
    "governance.member.add",
    "governance.member.update",
    "governance.member.remove",
    "governance.member.expire",
  ],
  jobs: [expireSeatsJob],
  benchData: () => import(new URL("./bench-data.ts", import.meta.url).href) as Promise<typeof import("./bench-data")>,
});
