import { type ComponentType, type LazyExoticComponent, lazy } from "react";
import { createBrowserRouter, type RouteObject } from "react-router";
import type { Action } from "../../core/permissions";
import { Guard, RequireAuth } from "../components/RequireAuth";
import { lazyWithStrings, MODULE_ROUTES } from "../modules";

// The frame is split off too, so the sign-in page loads only what it needs.
const AppShell = lazy(() => import("../components/AppShell").then((m) => ({ default: m.AppShell })));
const LoginPage = lazyWithStrings(() => import("../pages/auth/LoginPage"), ["auth"]);
const HomePage = lazy(() => import("../pages/home/HomePage"));
const NotFoundPage = lazy(() => import("../pages/notfound/NotFoundPage"));

interface PageRoute {
  path?: string;
  Page: LazyExoticComponent<ComponentType>;
  action?: Action;
}

/** The pages inside the frame: the home page (no path), every module's pages, then "not found". */
const PAGES: PageRoute[] = [{ Page: HomePage }, ...MODULE_ROUTES, { path: "*", Page: NotFoundPage }];

function pageRoute({ path, Page, action }: PageRoute): RouteObject {
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
