import { defineModule } from "../module";
import { healthRoutes } from "./routes";

export const healthModule = defineModule({
  name: "health",
  apiTags: [
    {
      name: "health",
      description: "Whether the server and its database answer; for load balancers and monitors, no sign-in needed.",
    },
  ],
  rootRoutes: healthRoutes,
  errorCodes: [],
});
