import { type ComponentType, type LazyExoticComponent, lazy } from "react";
import { createBrowserRouter, type RouteObject } from "react-router";
import type { Action } from "../../core/permissions";
import { Guard, RequireAuth } from "../components/RequireAuth";
import { MODULE_ROUTES } from "../modules";

// The frame is split off too, so the entry holds only what every page needs.
// The sign-in page (/login) is not a route: it is its own small page, login.html.
const AppShell = lazy(() => import("../components/AppShell").then((m) => ({ default: m.AppShell })));
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
