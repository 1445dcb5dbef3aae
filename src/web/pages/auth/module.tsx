import type messages from "../../locales/fa/auth.json";
import { defineWebModule } from "../../modules/module";

/** Signing in (the /login page, outside the frame) and a person's own account. */
export const authWeb = defineWebModule<typeof messages>()({
  name: "auth",
  routes: [{ path: "account", page: () => import("./AccountPage") }],
});
