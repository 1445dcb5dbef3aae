import PeopleOutline from "@mui/icons-material/PeopleOutline";
import type messages from "../../locales/fa/users.json";
import { defineWebModule } from "../../modules/module";

export const usersWeb = defineWebModule<typeof messages>()({
  name: "users",
  routes: [
    { path: "users", page: () => import("./UsersPage"), action: "user.read" },
    { path: "users/:id", page: () => import("./UserDetailPage"), action: "user.read" },
  ],
  nav: [{ id: "users", to: "/users", label: "nav.users", icon: <PeopleOutline />, action: "user.read", order: 70 }],
});
