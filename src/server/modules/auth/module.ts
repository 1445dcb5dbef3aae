import { defineModule } from "../module";
import { authRoutes } from "./routes";

export const authModule = defineModule({
  name: "auth",
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
