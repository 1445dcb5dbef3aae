import type messages from "../../locales/fa/network.json";
import { defineWebModule } from "../../modules/module";

export const networkWeb = defineWebModule<typeof messages>()({
  name: "network",
});
