import MapOutlined from "@mui/icons-material/MapOutlined";
import type messages from "../../locales/fa/provinces.json";
import { defineWebModule } from "../../modules/module";

export const provincesWeb = defineWebModule<typeof messages>()({
  name: "provinces",
  routes: [{ path: "provinces", page: () => import("./ProvincesPage") }],
  nav: [{ id: "provinces", to: "/provinces", label: "nav.provinces", icon: <MapOutlined />, order: 60 }],
});
