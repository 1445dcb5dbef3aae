import type messages from "../../locales/fa/members.json";
import { defineWebModule } from "../../modules/module";

export const membersWeb = defineWebModule<typeof messages>()({
  name: "members",
});
