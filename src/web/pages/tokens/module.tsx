import VpnKeyOutlined from "@mui/icons-material/VpnKeyOutlined";
import type messages from "../../locales/fa/tokens.json";
import { defineWebModule } from "../../modules/module";

export const tokensWeb = defineWebModule<typeof messages>()({
  name: "tokens",
  routes: [{ path: "tokens", page: () => import("./TokensPage"), action: "token.manage" }],
  nav: [
    { id: "tokens", to: "/tokens", label: "nav.tokens", icon: <VpnKeyOutlined />, action: "token.manage", order: 85 },
  ],
});
