/**
 * What a web module contributes, in one place: its pages (each with the
 * permission it needs), its navigation entries, the sections it adds to the
 * cluster page, the cards it adds to a person's home page and how the audit
 * log names the values of its events. The router, the app shell, the home
 * page, the cluster page and the audit summary read these from WEB_MODULES
 * (modules/index.ts); a new module is one more entry there.
 *
 * Everything a module renders is lazy: its code and its strings (the
 * i18next namespace named after the module, src/web/locales/{fa,en}/<name>.json)
 * load when something of it is first shown.
 */
import type { ComponentType, ReactNode } from "react";
import type { Action } from "../../core/permissions";
import type { ClusterDetail } from "../app/types";

/** A lazily loaded component: `() => import("./Page")`. */
export type Load<P = object> = () => Promise<{ default: ComponentType<P> }>;

export interface WebRoute {
  /** Relative to the app root, e.g. "clusters/:id". */
  path: string;
  page: Load;
  /** Shown only with this permission somewhere; otherwise the page says "not allowed". */
  action?: Action;
}

export interface NavEntry {
  id: string;
  to: string;
  /** A key of the module's namespace, e.g. "nav.clusters". */
  label: string;
  icon: ReactNode;
  action?: Action;
  /** Position in the drawer (lower first); the home entry is 0. */
  order: number;
}

export interface ClusterSectionProps {
  cluster: ClusterDetail;
}

export interface ClusterSection {
  id: string;
  /** After the registry's own sections, lower first. */
  order: number;
  /** Spans both columns on wide screens. */
  wide?: boolean;
  /** Whether this cluster shows the section to this caller (from the record's `can`). */
  visible?: (cluster: ClusterDetail) => boolean;
  component: Load<ClusterSectionProps>;
}

export interface HomeCard {
  id: string;
  order: number;
  wide?: boolean;
  /** Shown only with this permission somewhere. */
  action?: Action;
  component: Load;
}

/**
 * How the audit log names a value of this module's events: a display text,
 * null to hide the field (an id that means nothing to a reader), or
 * undefined to leave it to the other modules and the generic rendering.
 */
export type AuditValue = (
  key: string,
  value: string,
  event: Readonly<Record<string, unknown>>,
) => string | null | undefined;

export interface WebModule<Name extends string = string, Messages = unknown> {
  /** The server module's name; also the i18next namespace of its strings. */
  name: Name;
  /** Other modules' namespaces its pages read (the registry's form labels, the audit field names). */
  uses?: readonly string[];
  routes?: readonly WebRoute[];
  nav?: readonly NavEntry[];
  clusterSections?: readonly ClusterSection[];
  homeCards?: readonly HomeCard[];
  auditValues?: AuditValue;
  /** Type only (never set): the shape of the module's strings, for typed t() keys. */
  messages?: Messages;
}

/**
 * Keeps the module's name as a literal type and ties in the type of its
 * Persian strings: `defineWebModule<typeof fa>()({ name: "clusters", … })`.
 */
export function defineWebModule<Messages>() {
  return <const Name extends string>(m: WebModule<Name, Messages>): WebModule<Name, Messages> => m;
}
