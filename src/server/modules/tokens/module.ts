import { defineModule } from "../module";
import { tokenRoutes } from "./routes";

export const tokensModule = defineModule({
  name: "tokens",
  apiTags: [
    {
      name: "tokens",
      description:
        "API tokens for integrations: each carries one role grant, its secret is shown once, and it can be revoked.",
    },
  ],
  routes: tokenRoutes,
  errorCodes: ["expiry_not_future", "expiry_too_far"],
  auditActions: ["token.issue", "token.revoke"],
});
