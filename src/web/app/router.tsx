import { type ComponentType, lazy } from "react";
import { createBrowserRouter, type RouteObject } from "react-router";
import type { Action } from "../../core/permissions";
import { Guard, RequireAuth } from "../components/RequireAuth";

// The frame is split off too, so the sign-in page loads only what it needs.
const AppShell = lazy(() => import("../components/AppShell").then((m) => ({ default: m.AppShell })));
const LoginPage = lazy(() => import("../pages/login/LoginPage"));
const HomePage = lazy(() => import("../pages/home/HomePage"));
const UsersPage = lazy(() => import("../pages/users/UsersPage"));
const UserDetailPage = lazy(() => import("../pages/users/UserDetailPage"));
const AuditPage = lazy(() => import("../pages/audit/AuditPage"));
const TokensPage = lazy(() => import("../pages/tokens/TokensPage"));
const OutboxPage = lazy(() => import("../pages/outbox/OutboxPage"));
const JobsPage = lazy(() => import("../pages/jobs/JobsPage"));
const AccountPage = lazy(() => import("../pages/account/AccountPage"));
const ClustersPage = lazy(() => import("../pages/clusters/ClustersPage"));
const ClusterDetailPage = lazy(() => import("../pages/clusters/ClusterDetailPage"));
const OverviewPage = lazy(() => import("../pages/overview/OverviewPage"));
const FeasibilityPage = lazy(() => import("../pages/feasibility/FeasibilityPage"));
const CommitteePage = lazy(() => import("../pages/governance/CommitteePage"));
const ProvincesPage = lazy(() => import("../pages/provinces/ProvincesPage"));
const NotFoundPage = lazy(() => import("../pages/notfound/NotFoundPage"));

/** The pages inside the frame, each with the permission it needs (if any); no path is the home page. */
const PAGES: { path?: string; Page: ComponentType; action?: Action }[] = [
  { Page: HomePage },
  { path: "users", Page: UsersPage, action: "user.read" },
  { path: "users/:id", Page: UserDetailPage, action: "user.read" },
  { path: "audit", Page: AuditPage, action: "audit.read" },
  { path: "tokens", Page: TokensPage, action: "token.manage" },
  { path: "outbox", Page: OutboxPage, action: "outbox.read" },
  { path: "jobs", Page: JobsPage, action: "job.manage" },
  { path: "account", Page: AccountPage },
  { path: "clusters", Page: ClustersPage, action: "cluster.read" },
  { path: "clusters/:id", Page: ClusterDetailPage, action: "cluster.read" },
  { path: "overview", Page: OverviewPage, action: "cluster.read" },
  { path: "feasibility", Page: FeasibilityPage, action: "feasibility.manage" },
  { path: "committee", Page: CommitteePage, action: "governance.manage" },
  { path: "provinces", Page: ProvincesPage },
  { path: "*", Page: NotFoundPage },
];

function pageRoute({ path, Page, action }: (typeof PAGES)[number]): RouteObject {
  const element = action ? (
    <Guard action={action}>
      <Page />
    </Guard>
  ) : (
    <Page />
  );
  return path === undefined ? { index: true, element } : { path, element };
}

export const router = createBrowserRouter([
  { path: "/login", element: <LoginPage /> },
  {
    path: "/",
    element: (
      <RequireAuth>
        <AppShell />
      </RequireAuth>
    ),
    children: PAGES.map(pageRoute),
  },
]);
