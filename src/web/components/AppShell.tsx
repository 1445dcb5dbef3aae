import HomeOutlined from "@mui/icons-material/HomeOutlined";
import MenuIcon from "@mui/icons-material/Menu";
import AppBar from "@mui/material/AppBar";
import Box from "@mui/material/Box";
import Divider from "@mui/material/Divider";
import Drawer from "@mui/material/Drawer";
import IconButton from "@mui/material/IconButton";
import List from "@mui/material/List";
import ListItem from "@mui/material/ListItem";
import ListItemButton from "@mui/material/ListItemButton";
import ListItemIcon from "@mui/material/ListItemIcon";
import ListItemText from "@mui/material/ListItemText";
import { useTheme } from "@mui/material/styles";
import Toolbar from "@mui/material/Toolbar";
import Typography from "@mui/material/Typography";
import useMediaQuery from "@mui/material/useMediaQuery";
import { Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useLocation } from "react-router";
import { useAuth } from "../app/auth";
import { tDynamic } from "../app/i18n";
import { MODULE_NAV, type ModuleNavEntry } from "../modules";
import { LanguageSwitch } from "./LanguageSwitch";
import { Loading } from "./Loading";
import { NotificationsBell } from "./NotificationsBell";
import { UserMenu } from "./UserMenu";

const DRAWER_WIDTH = 248;

/** The home entry is the frame's; every other entry comes from a module manifest. */
const HOME: ModuleNavEntry = {
  id: "home",
  to: "/",
  label: "nav.home",
  icon: <HomeOutlined />,
  order: 0,
  module: "common",
};

function isActive(pathname: string, to: string): boolean {
  return to === "/" ? pathname === "/" : pathname === to || pathname.startsWith(`${to}/`);
}

/** The signed-in frame: app bar, navigation drawer (temporary under 900px), content. */
export function AppShell() {
  const { can } = useAuth();
  const items = [HOME, ...MODULE_NAV.filter((n) => !n.action || can(n.action))];
  // The entries' labels are in their modules' strings: wait for those (suspends once).
  const modules = [...new Set(items.map((n) => n.module).filter((m) => m !== "common"))];
  const { t } = useTranslation(["common", ...modules] as unknown as "common");
  const theme = useTheme();
  const wide = useMediaQuery(theme.breakpoints.up("md"));
  const { pathname } = useLocation();
  const [mobileOpen, setMobileOpen] = useState(false);

  const nav = (
    <Box component="nav" aria-label={t("nav.label")}>
      <Toolbar />
      <Divider />
      <List>
        {items.map((n) => {
          const active = isActive(pathname, n.to);
          // <ul> holds only <li>: each link sits in its list item.
          return (
            <ListItem key={n.id} disablePadding>
              <ListItemButton
                component={Link}
                to={n.to}
                selected={active}
                aria-current={active ? "page" : undefined}
                onClick={() => setMobileOpen(false)}
                data-testid={`nav-${n.id}`}
                sx={{ mx: 1, borderRadius: 1 }}
              >
                <ListItemIcon sx={{ minWidth: 40 }}>{n.icon}</ListItemIcon>
                <ListItemText primary={tDynamic(n.label)} />
              </ListItemButton>
            </ListItem>
          );
        })}
      </List>
    </Box>
  );

  return (
    <Box sx={{ display: "flex", minHeight: "100vh" }}>
      <AppBar position="fixed" sx={{ zIndex: (th) => th.zIndex.drawer + 1 }}>
        <Toolbar sx={{ gap: { xs: 0.5, sm: 1 }, px: { xs: 1, sm: 2 } }}>
          {!wide && (
            <IconButton
              color="inherit"
              onClick={() => setMobileOpen(true)}
              aria-label={t("nav.open")}
              data-testid="nav-open"
            >
              <MenuIcon />
            </IconButton>
          )}
          <Typography
            variant="h6"
            component={Link}
            to="/"
            noWrap
            sx={{ color: "inherit", textDecoration: "none", fontWeight: 700, flexGrow: 1, minWidth: 0 }}
          >
            {t("app.name")}
          </Typography>
          <LanguageSwitch />
          <NotificationsBell />
          <UserMenu />
        </Toolbar>
      </AppBar>

      {wide ? (
        <Drawer
          variant="permanent"
          sx={{ width: DRAWER_WIDTH, flexShrink: 0, "& .MuiDrawer-paper": { width: DRAWER_WIDTH } }}
          open
        >
          {nav}
        </Drawer>
      ) : (
        <Drawer
          variant="temporary"
          open={mobileOpen}
          onClose={() => setMobileOpen(false)}
          ModalProps={{ keepMounted: true }}
          slotProps={{ paper: { "aria-label": t("nav.label") } }}
          sx={{ "& .MuiDrawer-paper": { width: DRAWER_WIDTH, maxWidth: "85vw" } }}
        >
          {nav}
        </Drawer>
      )}

      <Box component="main" sx={{ flexGrow: 1, minWidth: 0, p: { xs: 1.5, sm: 3 } }}>
        <Toolbar />
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </Box>
    </Box>
  );
}
