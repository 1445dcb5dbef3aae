import { defineModule } from "../module";
import { authRoutes } from "./routes";

export const authModule = defineModule({
  name: "auth",
  apiTags: [
    {
      name: "auth",
      description:
        "Signing in and out, the signed-in user's session and abilities, and their own password and language.",
    },
  ],
  routes: authRoutes,
  errorCodes: [
    "invalid_credentials",
    "too_many_attempts",
    "wrong_current_password",
    "weak_password",
    "invalid_token",
    "token_suspended",
  ],
  auditActions: ["auth.login", "auth.login_failed", "auth.logout"],
});
