/**
 * The web app's modules. This list is the one place a new module is added
 * in the browser (see "Adding a module" in docs/ARCHITECTURE.md): the
 * router, the navigation, the home page, the cluster page and the audit
 * summary read what each contributes from here.
 */
import { type ComponentType, type LazyExoticComponent, lazy } from "react";
import { loadNamespaces } from "../app/i18n";
import { activitiesWeb } from "../pages/activities/module";
import { applicationsWeb } from "../pages/applications/module";
import { auditWeb } from "../pages/audit/module";
import { authWeb } from "../pages/auth/module";
import { clustersWeb } from "../pages/clusters/module";
import { feasibilityWeb } from "../pages/feasibility/module";
import { governanceWeb } from "../pages/governance/module";
import { importsWeb } from "../pages/imports/module";
import { jobsWeb } from "../pages/jobs/module";
import { membersWeb } from "../pages/members/module";
import { networkWeb } from "../pages/network/module";
import { notificationsWeb } from "../pages/notifications/module";
import { planningWeb } from "../pages/planning/module";
import { provincesWeb } from "../pages/provinces/module";
import { tokensWeb } from "../pages/tokens/module";
import { usersWeb } from "../pages/users/module";
import type {
  AuditValue,
  ClusterSection,
  ClusterSectionProps,
  HomeCard,
  Load,
  NavEntry,
  WebModule,
  WebRoute,
} from "./module";

export const WEB_MODULES = [
  authWeb,
  usersWeb,
  provincesWeb,
  clustersWeb,
  membersWeb,
  applicationsWeb,
  importsWeb,
  networkWeb,
  feasibilityWeb,
  governanceWeb,
  planningWeb,
  activitiesWeb,
  auditWeb,
  tokensWeb,
  notificationsWeb,
  jobsWeb,
] as const;

/** The same list, read as plain manifests. */
const MODULES: readonly WebModule[] = WEB_MODULES;

/** The namespaces a module's components read: its own and those it uses. */
export function namespacesOf(m: WebModule): string[] {
  return [m.name, ...(m.uses ?? [])];
}

/** A lazy component whose module strings are loaded before it first renders. */
export function lazyWithStrings<P>(load: Load<P>, ns: readonly string[]): LazyExoticComponent<ComponentType<P>> {
  return lazy(() => Promise.all([load(), loadNamespaces(ns)]).then(([m]) => m));
}

export interface ModuleRoute extends Omit<WebRoute, "page"> {
  Page: LazyExoticComponent<ComponentType>;
}

/** Every module's pages, in module order. */
export const MODULE_ROUTES: readonly ModuleRoute[] = MODULES.flatMap((m) =>
  (m.routes ?? []).map(({ page, ...r }) => ({ ...r, Page: lazyWithStrings(page, namespacesOf(m)) })),
);

export interface ModuleNavEntry extends NavEntry {
  module: string;
}

/** The drawer's entries from every module, in their order. */
export const MODULE_NAV: readonly ModuleNavEntry[] = MODULES.flatMap((m) =>
  (m.nav ?? []).map((n) => ({ ...n, module: m.name })),
).sort((a, b) => a.order - b.order);

export interface ModuleClusterSection extends Omit<ClusterSection, "component"> {
  Component: LazyExoticComponent<ComponentType<ClusterSectionProps>>;
}

export const CLUSTER_SECTIONS: readonly ModuleClusterSection[] = MODULES.flatMap((m) =>
  (m.clusterSections ?? []).map(({ component, ...s }) => ({
    ...s,
    Component: lazyWithStrings(component, namespacesOf(m)),
  })),
).sort((a, b) => a.order - b.order);

export interface ModuleHomeCard extends Omit<HomeCard, "component"> {
  Component: LazyExoticComponent<ComponentType>;
}

export const HOME_CARDS: readonly ModuleHomeCard[] = MODULES.flatMap((m) =>
  (m.homeCards ?? []).map(({ component, ...c }) => ({ ...c, Component: lazyWithStrings(component, namespacesOf(m)) })),
).sort((a, b) => a.order - b.order);

const AUDIT_VALUES: readonly AuditValue[] = MODULES.flatMap((m) => (m.auditValues ? [m.auditValues] : []));

/** The first module that names this value of an audit event (see AuditValue). */
export const auditValue: AuditValue = (key, value, event) => {
  for (const name of AUDIT_VALUES) {
    const text = name(key, value, event);
    if (text !== undefined) return text;
  }
  return undefined;
};
