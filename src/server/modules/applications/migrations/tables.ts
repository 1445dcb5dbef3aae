/** The applications module's tables (migration 0017 beside this file), added to the database's type. */

export type ApplicationStatus = "pending" | "approved" | "rejected";

export interface MembershipApplicationsTable {
  id: string;
  cluster_id: string;
  province_code: string;
  status: ApplicationStatus;
  enterprise_name: string;
  /** compactFa(enterprise_name). */
  name_key: string;
  national_id: string | null;
  contact_person: string;
  mobile: string;
  email: string;
  city: string;
  /** JSON array of product names. */
  products: string;
  employees: number;
  message: string | null;
  /** The applicant's language (fa | en): their mails are written in it. */
  locale: string;
  /** SHA-256 (hex) of the private status link's token. */
  status_token_hash: string;
  enterprise_id: string | null;
  reason: string | null;
  decided_at: string | null;
  decided_by: string | null;
  created_at: string;
}

export interface MemberInvitationsTable {
  id: string;
  /** SHA-256 (hex) of the invitation link's token. */
  token_hash: string;
  user_id: string;
  enterprise_id: string;
  cluster_id: string;
  province_code: string;
  email: string;
  expires_at: string;
  accepted_at: string | null;
  created_at: string;
  created_by: string | null;
}

declare module "../../../db/schema" {
  interface DB {
    membership_applications: MembershipApplicationsTable;
    member_invitations: MemberInvitationsTable;
  }
}
