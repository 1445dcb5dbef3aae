import { defineModule } from "../module";
import { auditRoutes } from "./routes";

export const auditModule = defineModule({ name: "audit", routes: auditRoutes, errorCodes: [] });
