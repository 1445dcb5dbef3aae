/**
 * The core module list: each module's permission rows, in one file per
 * module (src/core/policy/<module>.ts). POLICY, ACTIONS and the Action type
 * in permissions.ts derive from it; a new module with actions adds one entry
 * here (see "Adding a module" in docs/ARCHITECTURE.md). Pure, shared with
 * the web app, so nothing here may import Node or server code.
 */
import { activitiesPolicy } from "./activities";
import { applicationsPolicy } from "./applications";
import { auditPolicy } from "./audit";
import { clustersPolicy } from "./clusters";
import { type ActionOf, combinePolicies, type PolicyRow } from "./define";
import { feasibilityPolicy } from "./feasibility";
import { governancePolicy } from "./governance";
import { importsPolicy } from "./imports";
import { jobsPolicy } from "./jobs";
import { membersPolicy } from "./members";
import { networkPolicy } from "./network";
import { notificationsPolicy } from "./notifications";
import { planningPolicy } from "./planning";
import { tokensPolicy } from "./tokens";
import { usersPolicy } from "./users";

export const POLICY_MODULES = {
  users: usersPolicy,
  audit: auditPolicy,
  tokens: tokensPolicy,
  notifications: notificationsPolicy,
  jobs: jobsPolicy,
  clusters: clustersPolicy,
  feasibility: feasibilityPolicy,
  governance: governancePolicy,
  members: membersPolicy,
  applications: applicationsPolicy,
  imports: importsPolicy,
  network: networkPolicy,
  planning: planningPolicy,
  activities: activitiesPolicy,
} as const;

export type PolicyAction = ActionOf<(typeof POLICY_MODULES)[keyof typeof POLICY_MODULES]>;

/** Every module's rows in one table; throws here, at import, when two modules define one action. */
export const COMBINED_POLICY = combinePolicies(POLICY_MODULES) as Readonly<Record<PolicyAction, PolicyRow>>;
