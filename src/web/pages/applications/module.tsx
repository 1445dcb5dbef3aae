import type messages from "../../locales/fa/applications.json";
import { defineWebModule } from "../../modules/module";

export const applicationsWeb = defineWebModule<typeof messages>()({
  name: "applications",
});
