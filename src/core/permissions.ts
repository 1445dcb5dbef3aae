/**
 * Roles and the permission table. Every permission check in Khooshe goes
 * through can(); nothing else decides who may do what.
 *
 * A grant gives one role at one scope. A target is the scope of the record
 * acted on. For each action the table says, per role, which part of the
 * scope must match: the grant's province, cluster or enterprise. The roles
 * are the platform's and live here; the actions and their rows are each
 * module's (src/core/policy).
 */

import type { PolicyRow } from "./policy/define";
import { COMBINED_POLICY, type PolicyAction } from "./policy/index";

export const ROLES = ["national_admin", "province_admin", "cluster_manager", "council_member", "member"] as const;
export type Role = (typeof ROLES)[number];

/**
 * Every action, from the modules' policy files (src/core/policy): each
 * module states its own actions and rows; this is their union.
 */
export type Action = PolicyAction;
export const ACTIONS: readonly Action[] = Object.keys(COMBINED_POLICY) as Action[];

export type ScopeLevel = "province" | "cluster" | "enterprise";

export interface Scope {
  provinceCode?: string | null;
  clusterId?: string | null;
  enterpriseId?: string | null;
}

export interface Grant extends Scope {
  role: Role;
}

export interface Actor {
  userId: string;
  grants: readonly Grant[];
  /** "session" for the browser, "token" for an API token, "system" for the server's own jobs and the CLI. */
  via: "session" | "token" | "system";
}

/** The server itself (scheduled jobs, the operator's CLI): national rights, audited as "system". */
export const SYSTEM_ACTOR: Actor = { userId: "system", grants: [{ role: "national_admin" }], via: "system" };

/** The scope fields a grant of each role must carry. */
export const ROLE_SCOPE: Record<Role, ScopeLevel | null> = {
  national_admin: null,
  province_admin: "province",
  cluster_manager: "cluster",
  council_member: "cluster",
  member: "enterprise",
};

/**
 * action → role → the level at which the grant's scope must equal the
 * target's. national_admin is allowed everything and is not listed. The rows
 * (and why they are so) are in each module's src/core/policy/<module>.ts.
 */
export const POLICY: Readonly<Record<Action, PolicyRow>> = COMBINED_POLICY;

function scopeValue(s: Scope, level: ScopeLevel): string | null | undefined {
  if (level === "province") return s.provinceCode;
  if (level === "cluster") return s.clusterId;
  return s.enterpriseId;
}

export function grantAllows(grant: Grant, action: Action, target: Scope): boolean {
  if (grant.role === "national_admin") return true;
  const level = POLICY[action][grant.role];
  if (!level) return false;
  const mine = scopeValue(grant, level);
  const theirs = scopeValue(target, level);
  return mine != null && theirs != null && mine === theirs;
}

export function can(actor: Actor | null | undefined, action: Action, target: Scope): boolean {
  if (!actor) return false;
  return actor.grants.some((g) => grantAllows(g, action, target));
}

/** True when the actor may do the action somewhere (used for navigation). */
export function canAnywhere(actor: Actor | null | undefined, action: Action): boolean {
  if (!actor) return false;
  return actor.grants.some((g) => g.role === "national_admin" || POLICY[action][g.role] !== undefined);
}

export function isNational(actor: Actor | null | undefined): boolean {
  return !!actor?.grants.some((g) => g.role === "national_admin");
}

/**
 * Where an actor may do an action, as filters for list queries: null means
 * everywhere; otherwise the province codes, cluster ids and enterprise ids.
 */
export function scopeFilter(
  actor: Actor,
  action: Action,
): { provinceCodes: string[]; clusterIds: string[]; enterpriseIds: string[] } | null {
  if (isNational(actor)) return null;
  const out = { provinceCodes: [] as string[], clusterIds: [] as string[], enterpriseIds: [] as string[] };
  for (const g of actor.grants) {
    if (g.role === "national_admin") continue;
    const level = POLICY[action][g.role];
    if (!level) continue;
    const v = scopeValue(g, level);
    if (!v) continue;
    if (level === "province") out.provinceCodes.push(v);
    else if (level === "cluster") out.clusterIds.push(v);
    else out.enterpriseIds.push(v);
  }
  return out;
}

/** A person as user management sees them: their home province and every grant they hold. */
export interface UserTarget {
  homeProvinceCode: string | null;
  grants: readonly Grant[];
}

/**
 * Whether an actor may see a person in user management: their home is in the
 * actor's reach, or they hold a role there (someone from another province
 * who was given a role in this one).
 */
export function canSeeUser(actor: Actor | null | undefined, target: UserTarget): boolean {
  if (can(actor, "user.read", { provinceCode: target.homeProvinceCode })) return true;
  return target.grants.some((g) => g.provinceCode != null && can(actor, "user.read", { provinceCode: g.provinceCode }));
}

/**
 * Whether an actor may manage a person's account (edit, deactivate, reset
 * the password, end sessions): the person's home is in reach AND every grant
 * the person holds is one the actor could give. Otherwise a province admin
 * could take over a national admin whose home happens to be their province.
 */
export function canManageUser(actor: Actor | null | undefined, target: UserTarget): boolean {
  if (!can(actor, "user.manage", { provinceCode: target.homeProvinceCode })) return false;
  return target.grants.every((g) => canGiveGrant(actor, g));
}

/** Whether an actor could give this grant to a person (national grants only by national admins). */
export function canGiveGrant(actor: Actor | null | undefined, grant: Grant): boolean {
  if (grant.role === "national_admin") return isNational(actor);
  return can(actor, "grant.manage", grant);
}

/**
 * Whether an API token's grant still holds: its issuer, with the grants they
 * hold now, could still issue it. A token never does more than its issuer.
 */
export function tokenGrantHolds(issuer: Actor, tokenGrant: Grant): boolean {
  return canGiveGrant(issuer, tokenGrant) && can(issuer, "token.manage", tokenGrant);
}
