import type { z } from "zod";
import { GOVERNANCE_ROLES, type GovernanceRole } from "../../core/governance";
import { CLUSTER_STATES, type ClusterStateName, MAIN_PATH, transitionNeedsReason } from "../../core/lifecycle";
import type {
  ClusterDetailOut,
  ClusterOut,
  ContractOut,
  GrantInput as GrantInputSchema,
  GrantOut,
  Locale as LocaleSchema,
  MilestoneOut,
  SessionOut,
  TransitionOut,
  UserOut,
} from "../../core/schemas";

// Shapes the server declares in core/schemas, taken as types only so that no
// zod code reaches the web bundle.
export type Locale = z.infer<typeof LocaleSchema>;
export type Grant = z.infer<typeof GrantOut>;
export type User = z.infer<typeof UserOut>;
export type Me = z.infer<typeof SessionOut>;
/** The scope part of a grant or token request. */
export type GrantInput = z.input<typeof GrantInputSchema>;

export interface Page<T> {
  items: T[];
  total: number;
}

export interface Province {
  code: string;
  nameFa: string;
  nameEn: string;
}

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

export interface ClusterStats {
  byProvince: {
    provinceCode: string;
    nameFa: string;
    nameEn: string;
    total: number;
    counts: Partial<Record<ClusterState, number>>;
  }[];
  totals: Partial<Record<ClusterState, number>>;
  total: number;
  groups: { identified: number; underDevelopment: number; handedOver: number; stopped: number };
}

export interface FeasibilityCriterion {
  id: string;
  name: string;
  weight: number;
  position: number;
}

export interface FeasibilityCriteria extends Page<FeasibilityCriterion> {
  weightTotal: number;
}

export interface FeasibilityStudy {
  id: string;
  provinceCode: string;
  clusterId: string;
  clusterName: string;
  clusterState: ClusterState;
  studyDate: string;
  author: string;
  summary: string | null;
  scores: { criterionId: string; criterionName: string; weight: number; score: number; archived: boolean }[];
  weightedScore: number;
  complete: boolean;
  rank: number;
  createdAt: string;
}

export interface FeasibilityDecision {
  id: string;
  provinceCode: string;
  decidedOn: string;
  chosenClusterId: string;
  chosenClusterName: string;
  chosenClusterState: ClusterState;
  reason: string;
  createdBy: string | null;
  createdByName: string | null;
  createdAt: string;
}

export { GOVERNANCE_ROLES, type GovernanceRole };

export interface GovernanceMember {
  id: string;
  body: "provincial_committee" | "steering_council";
  provinceCode: string;
  clusterId: string | null;
  personName: string;
  organisation: string | null;
  role: GovernanceRole;
  fromDate: string;
  toDate: string | null;
  userId: string | null;
  userName: string | null;
  grantId: string | null;
  active: boolean;
}

export interface Attachment {
  id: string;
  fileName: string;
  mime: string;
  size: number;
  createdAt: string;
}

export interface Enterprise {
  id: string;
  name: string;
  clusterId: string;
  clusterName: string;
  provinceCode: string;
}

export interface AuditEntry {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  summary: string;
  /** The cluster the event belongs to, named by the server. */
  clusterId: string | null;
  clusterName: string | null;
}

export interface NotificationItem {
  id: string;
  kind: string;
  params: Record<string, string>;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage extends Page<NotificationItem> {
  unread: number;
}
