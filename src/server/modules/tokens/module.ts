import { defineModule } from "../module";
import { tokenRoutes } from "./routes";

export const tokensModule = defineModule({
  name: "tokens",
  routes: tokenRoutes,
  errorCodes: ["expiry_not_future", "expiry_too_far"],
  auditActions: ["token.issue", "token.revoke"],
});
