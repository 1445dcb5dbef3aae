import { defineModule } from "../module";
import { provinceRoutes } from "./routes";

export const provincesModule = defineModule({
  name: "provinces",
  apiTags: [{ name: "reference", description: "Reference data any signed-in caller may read: Iran's provinces." }],
  routes: provinceRoutes,
  errorCodes: [],
});
