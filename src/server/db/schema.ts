/**
 * Table types for Kysely. Portable types only: text ids, ISO-8601 UTC text
 * instants, ISO dates, 0/1 integers for booleans, JSON as text.
 */
import type { Generated, Insertable, Selectable, Updateable } from "kysely";

export interface ProvincesTable {
  code: string;
  name_fa: string;
  name_en: string;
  name_norm: string;
  /** sortKeyFa(name): Persian alphabetical order on both engines. */
  name_sort: string;
}

export interface ClustersTable {
  id: string;
  province_code: string;
  name_fa: string;
  name_en: string | null;
  name_norm: string;
  /** sortKeyFa(name): Persian alphabetical order on both engines. */
  name_sort: string;
  state: string;
  created_at: string;
  updated_at: string;
  archived_at: string | null;
  place: string | null;
  sector: string | null;
  /** JSON array of ISIC Rev.4 codes. */
  isic_codes: string | null;
  /** JSON array of product group names. */
  product_groups: string | null;
  advantage_note: string | null;
  est_enterprises: number | null;
  est_enterprises_source: string | null;
  est_enterprises_date: string | null;
  jobs_industrial: number | null;
  jobs_guild: number | null;
  jobs_source: string | null;
  jobs_date: string | null;
  /** ISO date the cluster entered its current state. */
  state_since: string | null;
  /** For a cluster on hold: the state it resumes to. */
  resume_state: string | null;
  /** normalizeFa of name, English name, place and sector: what search matches. */
  search_norm: string | null;
}

export interface ClusterTransitionsTable {
  id: string;
  cluster_id: string;
  from_state: string | null;
  to_state: string;
  happened_on: string;
  note: string | null;
  reason: string | null;
  created_by: string | null;
  created_at: string;
  /** JSON {provincialCommittee, nationalOrganisation} ISO dates, on steps to "approved". */
  approvals: string | null;
}

export interface ContractsTable {
  id: string;
  cluster_id: string;
  province_code: string;
  /** "agent" (development agent) or "supervisor" (technical supervisor). */
  kind: string;
  organisation: string;
  lead_person: string | null;
  contract_number: string | null;
  start_date: string;
  end_date: string;
  amount_rials: number | null;
  created_at: string;
  updated_at: string;
}

export interface ContractMilestonesTable {
  id: string;
  contract_id: string;
  position: number;
  title: string;
  planned_date: string;
  actual_date: string | null;
  amount_rials: number | null;
}

export interface FeasibilityCriteriaTable {
  id: string;
  province_code: string;
  name: string;
  weight: number;
  position: number;
  archived_at: string | null;
}

export interface FeasibilityStudiesTable {
  id: string;
  cluster_id: string;
  province_code: string;
  study_date: string;
  author: string;
  summary: string | null;
  created_by: string | null;
  created_at: string;
}

export interface FeasibilityScoresTable {
  study_id: string;
  criterion_id: string;
  score: number;
}

export interface FeasibilityDecisionsTable {
  id: string;
  province_code: string;
  decided_on: string;
  chosen_cluster_id: string;
  reason: string;
  created_by: string | null;
  created_at: string;
}

export interface GovernanceMembersTable {
  id: string;
  /** "provincial_committee" or "steering_council". */
  body: string;
  province_code: string;
  cluster_id: string | null;
  person_name: string;
  organisation: string | null;
  role: string;
  from_date: string;
  to_date: string | null;
  user_id: string | null;
  grant_id: string | null;
  created_at: string;
}

/**
 * An enterprise's own fields; its name, place and contacts are its row in
 * `actors` (same id, the members module's table). `cluster_id` is its home
 * cluster and `province_code` that cluster's province: the scope a member
 * user's grant carries. Its memberships, home included, are `cluster_actors`.
 */
export interface EnterprisesTable {
  id: string;
  cluster_id: string;
  province_code: string;
  /** The company national ID (شناسه ملی), checksum-validated; unique when given. */
  national_id: string | null;
  legal_form: string | null;
  employees_industrial: number | null;
  employees_guild: number | null;
  capacity: number | null;
  capacity_unit: string | null;
  certificates: string | null;
  /** 0/1 */
  export_experience: number | null;
  export_markets: string | null;
  contact_person: string | null;
  created_at: string;
  /** Set by every write since 0013 (older rows were filled by 0014). */
  updated_at: string;
}

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  name_norm: string;
  /** sortKeyFa(name): Persian alphabetical order on both engines. */
  name_sort: string;
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
  /** manual | issuer_deactivated | issuer_password_reset */
  revoked_reason: string | null;
  last_used_at: string | null;
}

export interface JobsTable {
  id: string;
  kind: string;
  /** JSON, validated by the kind's schema when queued and again when run. */
  payload: string;
  /** queued | running | done | failed */
  state: string;
  run_after: string;
  attempts: Generated<number>;
  max_attempts: number;
  lease_owner: string | null;
  lease_expires_at: string | null;
  last_error: string | null;
  unique_key: string | null;
  province_code: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

export interface KnownDevicesTable {
  user_id: string;
  /** SHA-256 of the device cookie's secret. */
  device_hash: string;
  created_at: string;
  last_seen_at: string;
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
  /** kept (no SMTP) | pending (queued or retrying) | sent | failed */
  status: string;
  error: string | null;
  /** Delivery attempts so far. */
  attempts: Generated<number>;
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

/**
 * Every table so far. An interface, so a new module adds its own from its
 * folder instead of here: `declare module "../../db/schema" { interface DB {
 * members: MembersTable } }` beside its migrations (test/unit/migrations.test.ts).
 */
export interface DB {
  provinces: ProvincesTable;
  clusters: ClustersTable;
  enterprises: EnterprisesTable;
  users: UsersTable;
  role_grants: RoleGrantsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_failures: LoginFailuresTable;
  known_devices: KnownDevicesTable;
  jobs: JobsTable;
  audit_log: AuditLogTable;
  notifications: NotificationsTable;
  outbox: OutboxTable;
  attachments: AttachmentsTable;
  cluster_transitions: ClusterTransitionsTable;
  contracts: ContractsTable;
  contract_milestones: ContractMilestonesTable;
  feasibility_criteria: FeasibilityCriteriaTable;
  feasibility_studies: FeasibilityStudiesTable;
  feasibility_scores: FeasibilityScoresTable;
  feasibility_decisions: FeasibilityDecisionsTable;
  governance_members: GovernanceMembersTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type GrantRow = Selectable<RoleGrantsTable>;
export type ClusterRow = Selectable<ClustersTable>;
