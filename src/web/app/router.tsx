import { lazy } from "react";
import { createBrowserRouter } from "react-router";
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
const AccountPage = lazy(() => import("../pages/account/AccountPage"));
const ClustersPage = lazy(() => import("../pages/clusters/ClustersPage"));
const ClusterDetailPage = lazy(() => import("../pages/clusters/ClusterDetailPage"));
const OverviewPage = lazy(() => import("../pages/overview/OverviewPage"));
const FeasibilityPage = lazy(() => import("../pages/feasibility/FeasibilityPage"));
const CommitteePage = lazy(() => import("../pages/governance/CommitteePage"));
const ProvincesPage = lazy(() => import("../pages/provinces/ProvincesPage"));
const NotFoundPage = lazy(() => import("../pages/notfound/NotFoundPage"));

export const router = createBrowserRouter([
  { path: "/login", element: <LoginPage /> },
  {
    path: "/",
    element: (
      <RequireAuth>
        <AppShell />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <HomePage /> },
      {
        path: "users",
        element: (
          <Guard action="user.read">
            <UsersPage />
          </Guard>
        ),
      },
      {
        path: "users/:id",
        element: (
          <Guard action="user.read">
            <UserDetailPage />
          </Guard>
        ),
      },
      {
        path: "audit",
        element: (
          <Guard action="audit.read">
            <AuditPage />
          </Guard>
        ),
      },
      {
        path: "tokens",
        element: (
          <Guard action="token.manage">
            <TokensPage />
          </Guard>
        ),
      },
      {
        path: "outbox",
        element: (
          <Guard action="outbox.read">
            <OutboxPage />
          </Guard>
        ),
      },
      { path: "account", element: <AccountPage /> },
      {
        path: "clusters",
        element: (
          <Guard action="cluster.read">
            <ClustersPage />
          </Guard>
        ),
      },
      {
        path: "clusters/:id",
        element: (
          <Guard action="cluster.read">
            <ClusterDetailPage />
          </Guard>
        ),
      },
      {
        path: "overview",
        element: (
          <Guard action="cluster.read">
            <OverviewPage />
          </Guard>
        ),
      },
      {
        path: "feasibility",
        element: (
          <Guard action="feasibility.manage">
            <FeasibilityPage />
          </Guard>
        ),
      },
      {
        path: "committee",
        element: (
          <Guard action="governance.manage">
            <CommitteePage />
          </Guard>
        ),
      },
      { path: "provinces", element: <ProvincesPage /> },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
]);
