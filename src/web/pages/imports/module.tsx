import type messages from "../../locales/fa/imports.json";
import { defineWebModule } from "../../modules/module";

export const importsWeb = defineWebModule<typeof messages>()({
  name: "imports",
});
