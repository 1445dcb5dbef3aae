/**
 * The web app's types for what the API sends and takes: each is z.infer (or
 * z.input, for a request) of the server's own schema in
 * src/core/schemas/<module>.ts, imported as a type only so that no zod code
 * reaches the bundle through this file. Nothing here is written by hand: a
 * change to a schema changes these types, and the pages that use them.
 */
import type { z } from "zod";
import { GOVERNANCE_ROLES, type GovernanceRole } from "../../core/governance";
import { CLUSTER_STATES, type ClusterStateName, MAIN_PATH, transitionNeedsReason } from "../../core/lifecycle";
import type { AttachmentOut } from "../../core/schemas/attachments";
import type { AuditEntryOut } from "../../core/schemas/audit";
import type { SessionOut } from "../../core/schemas/auth";
import type {
  ClusterDetailOut,
  ClusterOut,
  ClusterStatsOut,
  ContractOut,
  MilestoneOut,
  TransitionOut,
} from "../../core/schemas/clusters";
import type { Locale as LocaleSchema } from "../../core/schemas/common";
import type { CriteriaOut, CriterionOut, DecisionOut, StudyOut } from "../../core/schemas/feasibility";
import type { MemberOut } from "../../core/schemas/governance";
import type { EnterpriseOut } from "../../core/schemas/members";
import type { NotificationOut, NotificationsOut } from "../../core/schemas/notifications";
import type { ProvinceOut } from "../../core/schemas/provinces";
import type { GrantInput as GrantInputSchema, GrantOut, UserOut } from "../../core/schemas/users";

export type { Page } from "../../core/schemas/common";
export type { JobItem, JobState } from "../../core/schemas/jobs";
export type { OutboxItem, OutboxStatus } from "../../core/schemas/notifications";
export type { TokenItem } from "../../core/schemas/tokens";

export type Locale = z.infer<typeof LocaleSchema>;
export type Grant = z.infer<typeof GrantOut>;
export type User = z.infer<typeof UserOut>;
export type Me = z.infer<typeof SessionOut>;
/** The scope part of a grant or token request. */
export type GrantInput = z.input<typeof GrantInputSchema>;

export type Province = z.infer<typeof ProvinceOut>;

export type ClusterState = ClusterStateName;
export { CLUSTER_STATES, MAIN_PATH, transitionNeedsReason };

export type ClusterWarning = Cluster["warnings"][number];

/** A registry row (GET /clusters). */
export type Cluster = z.infer<typeof ClusterOut>;
export type Transition = z.infer<typeof TransitionOut>;
export type TransitionAttachment = Transition["attachments"][number];
export type Milestone = z.infer<typeof MilestoneOut>;
export type Contract = z.infer<typeof ContractOut>;
export type ContractKind = Contract["kind"];
/** One cluster with its history and contracts (GET /clusters/:id). */
export type ClusterDetail = z.infer<typeof ClusterDetailOut>;
/** Clusters per province and state (GET /clusters/stats). */
export type ClusterStats = z.infer<typeof ClusterStatsOut>;

export type FeasibilityCriterion = z.infer<typeof CriterionOut>;
/** The current criteria in order, with their weights' total. */
export type FeasibilityCriteria = z.infer<typeof CriteriaOut>;
export type FeasibilityStudy = z.infer<typeof StudyOut>;
export type FeasibilityDecision = z.infer<typeof DecisionOut>;

export { GOVERNANCE_ROLES, type GovernanceRole };
/** A seat on a cluster's council or a province's committee. */
export type GovernanceMember = z.infer<typeof MemberOut>;

export type Attachment = z.infer<typeof AttachmentOut>;
export type Enterprise = z.infer<typeof EnterpriseOut>;
export type AuditEntry = z.infer<typeof AuditEntryOut>;

export type NotificationItem = z.infer<typeof NotificationOut>;
/** A page of notifications with the unread count. */
export type NotificationPage = z.infer<typeof NotificationsOut>;
