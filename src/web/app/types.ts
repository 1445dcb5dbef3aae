import type { Action, Role } from "../../core/permissions";

export type Locale = "fa" | "en";

export interface Grant {
  id: string;
  role: Role;
  provinceCode: string | null;
  clusterId: string | null;
  enterpriseId: string | null;
  clusterName: string | null;
  enterpriseName: string | null;
}

export interface User {
  id: string;
  email: string;
  name: string;
  locale: Locale;
  active: boolean;
  homeProvinceCode: string | null;
  createdAt: string;
  lastLoginAt: string | null;
  grants: Grant[];
}

export interface Me {
  user: User;
  permissions: Action[];
  csrfToken: string;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface Province {
  code: string;
  nameFa: string;
  nameEn: string;
}

export const CLUSTER_STATES = [
  "identified",
  "feasibility",
  "approved",
  "agent_contracted",
  "diagnostic",
  "action_planning",
  "implementation",
  "handed_over",
  "network",
  "on_hold",
  "cancelled",
] as const;
export type ClusterState = (typeof CLUSTER_STATES)[number];

export interface Cluster {
  id: string;
  nameFa: string;
  nameEn: string | null;
  provinceCode: string;
  provinceNameFa: string;
  provinceNameEn: string;
  state: ClusterState;
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
}

export interface ApiTokenItem {
  id: string;
  name: string;
  role: Role;
  provinceCode: string | null;
  clusterId: string | null;
  enterpriseId: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
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

export interface OutboxItem {
  id: string;
  to: string;
  subject: string;
  body: string;
  status: "kept" | "sent" | "failed";
  error: string | null;
  createdAt: string;
  sentAt: string | null;
}

/** The scope part of a grant or token request. */
export interface GrantInput {
  role: Role;
  provinceCode?: string;
  clusterId?: string;
  enterpriseId?: string;
}
