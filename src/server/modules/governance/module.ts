import { defineModule } from "../module";
import { expireSeatsJob } from "./jobs";
import { governanceRoutes } from "./routes";

export const governanceModule = defineModule({
  name: "governance",
  routes: governanceRoutes,
  errorCodes: [],
  jobs: [expireSeatsJob],
});
