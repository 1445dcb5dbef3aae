import type messages from "../../locales/fa/auth.json";
import { defineWebModule } from "../../modules/module";

/** A person's own account; signing in is its own page (login.html, ./login), outside the app. */
export const authWeb = defineWebModule<typeof messages>()({
  name: "auth",
  routes: [{ path: "account", page: () => import("./AccountPage") }],
});
