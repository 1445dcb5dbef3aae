import { defineModule } from "../module";
import { expireSeatsJob } from "./jobs";
import { governanceRoutes } from "./routes";

export const governanceModule = defineModule({
  name: "governance",
  routes: governanceRoutes,
  errorCodes: [],
  auditActions: [
    "governance.member.add",
    "governance.member.update",
    "governance.member.remove",
    "governance.member.expire",
  ],
  jobs: [expireSeatsJob],
});
