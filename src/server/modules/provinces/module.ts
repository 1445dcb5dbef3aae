import { defineModule } from "../module";
import { provinceRoutes } from "./routes";

export const provincesModule = defineModule({ name: "provinces", routes: provinceRoutes, errorCodes: [] });
