/**
 * Table types for Kysely. Portable types only: text ids, ISO-8601 UTC text
 * instants, ISO dates, 0/1 integers for booleans, JSON as text.
 */
import type { Insertable, Selectable, Updateable } from "kysely";

export interface ProvincesTable {
  code: string;
  name_fa: string;
  name_en: string;
  name_norm: string;
}

export interface ClustersTable {
  id: string;
  province_code: string;
  name_fa: string;
  name_en: string | null;
  name_norm: string;
  state: string;
  created_at: string;
  updated_at: string;
  archived_at: string | null;
}

export interface EnterprisesTable {
  id: string;
  cluster_id: string;
  province_code: string;
  name: string;
  name_norm: string;
  created_at: string;
}

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  name_norm: string;
  password_hash: string;
  locale: string;
  active: number;
  home_province_code: string | null;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
  password_changed_at: string;
}

export interface RoleGrantsTable {
  id: string;
  user_id: string;
  role: string;
  province_code: string | null;
  cluster_id: string | null;
  enterprise_id: string | null;
  created_at: string;
  created_by: string | null;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: string;
  token_hash: string;
  name: string;
  created_by: string;
  role: string;
  province_code: string | null;
  cluster_id: string | null;
  enterprise_id: string | null;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
}

export interface LoginFailuresTable {
  key: string;
  failures: number;
  window_started_at: string;
  locked_until: string | null;
}

export interface AuditLogTable {
  id: string;
  at: string;
  actor_id: string | null;
  via: string;
  action: string;
  target_type: string;
  target_id: string | null;
  province_code: string | null;
  cluster_id: string | null;
  summary: string;
}

export interface NotificationsTable {
  id: string;
  user_id: string;
  kind: string;
  params: string;
  link: string | null;
  created_at: string;
  read_at: string | null;
}

export interface OutboxTable {
  id: string;
  to_address: string;
  subject: string;
  body: string;
  status: string;
  error: string | null;
  province_code: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface AttachmentsTable {
  id: string;
  owner_type: string;
  owner_id: string;
  province_code: string | null;
  cluster_id: string | null;
  file_name: string;
  mime: string;
  size: number;
  sha256: string;
  storage_key: string;
  created_at: string;
  created_by: string | null;
}

export interface DB {
  provinces: ProvincesTable;
  clusters: ClustersTable;
  enterprises: EnterprisesTable;
  users: UsersTable;
  role_grants: RoleGrantsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_failures: LoginFailuresTable;
  audit_log: AuditLogTable;
  notifications: NotificationsTable;
  outbox: OutboxTable;
  attachments: AttachmentsTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type GrantRow = Selectable<RoleGrantsTable>;
export type ClusterRow = Selectable<ClustersTable>;
