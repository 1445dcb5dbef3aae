import AccountTreeOutlined from "@mui/icons-material/AccountTreeOutlined";
import DashboardOutlined from "@mui/icons-material/DashboardOutlined";
import FactCheckOutlined from "@mui/icons-material/FactCheckOutlined";
import GroupsOutlined from "@mui/icons-material/GroupsOutlined";
import HistoryOutlined from "@mui/icons-material/HistoryOutlined";
import HomeOutlined from "@mui/icons-material/HomeOutlined";
import MailOutline from "@mui/icons-material/MailOutline";
import MapOutlined from "@mui/icons-material/MapOutlined";
import MenuIcon from "@mui/icons-material/Menu";
import PendingActionsOutlined from "@mui/icons-material/PendingActionsOutlined";
import PeopleOutline from "@mui/icons-material/PeopleOutline";
import VpnKeyOutlined from "@mui/icons-material/VpnKeyOutlined";
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
import { type ReactNode, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useLocation } from "react-router";
import type { Action } from "../../core/permissions";
import { useAuth } from "../app/auth";
import { LanguageSwitch } from "./LanguageSwitch";
import { Loading } from "./Loading";
import { NotificationsBell } from "./NotificationsBell";
import { UserMenu } from "./UserMenu";

const DRAWER_WIDTH = 248;

interface NavItem {
  to: string;
  id: string;
  label:
    | "nav.home"
    | "nav.overview"
    | "nav.clusters"
    | "nav.feasibility"
    | "nav.committee"
    | "nav.users"
    | "nav.audit"
    | "nav.tokens"
    | "nav.outbox"
    | "nav.jobs"
    | "nav.provinces";
  icon: ReactNode;
  /** Shown only with this permission. */
  action?: Action;
}

const NAV: NavItem[] = [
  { to: "/", id: "home", label: "nav.home", icon: <HomeOutlined /> },
  { to: "/overview", id: "overview", label: "nav.overview", icon: <DashboardOutlined />, action: "cluster.read" },
  { to: "/clusters", id: "clusters", label: "nav.clusters", icon: <AccountTreeOutlined />, action: "cluster.read" },
  {
    to: "/feasibility",
    id: "feasibility",
    label: "nav.feasibility",
    icon: <FactCheckOutlined />,
    action: "feasibility.manage",
  },
  { to: "/committee", id: "committee", label: "nav.committee", icon: <GroupsOutlined />, action: "governance.manage" },
  { to: "/provinces", id: "provinces", label: "nav.provinces", icon: <MapOutlined /> },
  { to: "/users", id: "users", label: "nav.users", icon: <PeopleOutline />, action: "user.read" },
  { to: "/audit", id: "audit", label: "nav.audit", icon: <HistoryOutlined />, action: "audit.read" },
  { to: "/tokens", id: "tokens", label: "nav.tokens", icon: <VpnKeyOutlined />, action: "token.manage" },
  { to: "/outbox", id: "outbox", label: "nav.outbox", icon: <MailOutline />, action: "outbox.read" },
  { to: "/jobs", id: "jobs", label: "nav.jobs", icon: <PendingActionsOutlined />, action: "job.manage" },
];

function isActive(pathname: string, to: string): boolean {
  return to === "/" ? pathname === "/" : pathname === to || pathname.startsWith(`${to}/`);
}

/** The signed-in frame: app bar, navigation drawer (temporary under 900px), content. */
export function AppShell() {
  const { t } = useTranslation();
  const theme = useTheme();
  const wide = useMediaQuery(theme.breakpoints.up("md"));
  const { can } = useAuth();
  const { pathname } = useLocation();
  const [mobileOpen, setMobileOpen] = useState(false);

  const items = NAV.filter((n) => !n.action || can(n.action));

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
                <ListItemText primary={t(n.label)} />
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
