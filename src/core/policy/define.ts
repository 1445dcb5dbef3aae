/**
 * How a module states its permission rows, and how the core list joins them
 * into the one table can() reads. Pure: the web app bundles this too.
 */
import type { Role, ScopeLevel } from "../permissions";

/** The roles a row speaks of: national_admin is allowed everything and is never listed. */
export type ScopedRole = Exclude<Role, "national_admin">;

/**
 * role → the level at which the grant's scope must equal the target's. A role
 * left out may not do the action; `{}` is an explicit "national admins only".
 */
export type PolicyRow = Readonly<Partial<Record<ScopedRole, ScopeLevel>>>;

export type PolicyTable = Readonly<Record<string, PolicyRow>>;

/** Keeps a module's action names as literal types (Action derives from them). */
export function definePolicy<const T extends PolicyTable>(rows: T): T {
  return rows;
}

/** Every action of a union of tables (keyof distributes over each member). */
export type ActionOf<T> = T extends unknown ? Extract<keyof T, string> : never;

const SCOPED_ROLES: ReadonlySet<string> = new Set<ScopedRole>([
  "province_admin",
  "cluster_manager",
  "council_member",
  "member",
]);
const LEVELS: ReadonlySet<string> = new Set<ScopeLevel>(["province", "cluster", "enterprise"]);

/**
 * Joins the modules' tables. Throws when two modules define the same action
 * (the second would silently replace the first's rows) or a row names a role
 * or level that does not exist (possible from plain JavaScript or a cast).
 * Runs when the core list is imported, so a mistake stops every process and
 * the unit tests, not one request.
 */
export function combinePolicies(modules: Readonly<Record<string, PolicyTable>>): Record<string, PolicyRow> {
  const out: Record<string, PolicyRow> = {};
  const owner: Record<string, string> = {};
  for (const [module, table] of Object.entries(modules)) {
    for (const [action, row] of Object.entries(table)) {
      if (owner[action]) throw new Error(`Action ${action} is defined by both ${owner[action]} and ${module}`);
      if (typeof row !== "object" || row === null) throw new Error(`Action ${action} (${module}) has no row`);
      for (const [role, level] of Object.entries(row)) {
        if (!SCOPED_ROLES.has(role)) throw new Error(`Action ${action} (${module}) names role ${role}`);
        if (!LEVELS.has(level as string)) throw new Error(`Action ${action} (${module}) gives ${role} level ${level}`);
      }
      owner[action] = module;
      out[action] = row;
    }
  }
  return out;
}
