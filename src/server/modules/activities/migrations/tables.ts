/** The activities module's tables (migrations 0026 to 0031 in this folder), added to the database's type. */
import type { Generated } from "kysely";

export interface ActivitiesTable {
  id: string;
  cluster_id: string;
  province_code: string;
  kind: string;
  title: string;
  description: string | null;
  online: number;
  place: string | null;
  online_link: string | null;
  start_date: string;
  end_date: string;
  programme_id: string | null;
  organiser: string | null;
  capacity: number | null;
  cost_rials: number;
  share_national: number;
  share_province: number;
  share_members: number;
  share_others: number;
  /** JSON of the kind's fields. */
  details: string;
  status: string;
  created_at: string;
  updated_at: string;
  /** 1: new registrations wait for the manager's decision. */
  moderated: Generated<number>;
  /** Hours a freed seat is offered to the next on the waiting list. */
  offer_hours: Generated<number>;
  /** Whole-activity seats held (accepted and offered registrations). */
  seats_taken: Generated<number>;
  /** The last waiting-list position given. */
  waitlist_seq: Generated<number>;
  /** 1: the public registration link takes registrations (0030). */
  public_open: Generated<number>;
  /** The public link's random token, kept while the link closes and opens again (0030). */
  public_token: string | null;
  /** JSON of the public form's questions: [{ id, label, kind, options, required }] (0030). */
  public_questions: string | null;
}
export interface ActivitySessionsTable {
  id: string;
  activity_id: string;
  cluster_id: string;
  starts_on: string;
  start_time: string | null;
  end_time: string | null;
  place: string | null;
  capacity: number | null;
  position: number;
  seats_taken: Generated<number>;
  waitlist_seq: Generated<number>;
}
export interface ActivityRegistrationsTable {
  id: string;
  activity_id: string;
  cluster_id: string;
  session_id: string | null;
  person_id: string | null;
  name: string;
  mobile: string | null;
  enterprise_id: string | null;
  status: string;
  reason: string | null;
  offered_until: string | null;
  position: number | null;
  registered_by: string | null;
  created_at: string;
  updated_at: string;
  /** The ticket's private token and QR payload (0028); set on every insert. */
  checkin_code: string;
  /** 1: added at the door by the manager, past the capacity (0028). */
  walk_in: Generated<number>;
  /** The public registrant's own e-mail (0030). */
  email: string | null;
  /** The enterprise a public registrant named (0030). */
  enterprise_name: string | null;
  /** JSON of the public form's answers by question id (0030). */
  answers: string | null;
  /** The language the public form was filled in, for its mails (0030). */
  lang: string | null;
  /** The private token of a public registrant's status page (0030). */
  status_token: string | null;
}

declare module "../../../db/schema" {
  interface DB {
    activities: ActivitiesTable;
    activity_sessions: ActivitySessionsTable;
    activity_registrations: ActivityRegistrationsTable;
  }
}

// 0031_activities_feeds: a user's private calendar feed of a cluster's activities.
export interface ActivityFeedsTable {
  id: string;
  user_id: string;
  cluster_id: string;
  /** SHA-256 (hex) of the feed's token; the token itself is only in the address given to the user. */
  token_hash: string;
  created_at: string;
}

declare module "../../../db/schema" {
  interface DB {
    activity_feeds: ActivityFeedsTable;
  }
}

// 0028_activities_attendance: attendance, tickets' codes and certificates.
export interface ActivityAttendancesTable {
  id: string;
  activity_id: string;
  cluster_id: string;
  registration_id: string;
  /** Null when the activity has no sessions. */
  session_id: string | null;
  hours: number;
  /** 1: the person was added at the door by the manager. */
  walk_in: Generated<number>;
  checked_in_at: string;
  checked_in_by: string | null;
}
export interface ActivityCertificateSettingsTable {
  activity_id: string;
  cluster_id: string;
  min_attendance_percent: number;
  /** JSON: [{ name, title }]. */
  signatories: string;
  updated_at: string;
}
export interface ActivityCertificatesTable {
  id: string;
  activity_id: string;
  cluster_id: string;
  registration_id: string;
  /** 10 Crockford base32 characters, stored without the dash it is shown with. */
  code: string;
  holder_name: string;
  hours: number;
  issued_at: string;
  issued_by: string | null;
  mailed_at: string | null;
}

declare module "../../../db/schema" {
  interface DB {
    activity_attendances: ActivityAttendancesTable;
    activity_certificate_settings: ActivityCertificateSettingsTable;
    activity_certificates: ActivityCertificatesTable;
  }
}

// 0029_activities_beneficiaries: beneficiaries' aggregates and the satisfaction survey.
export interface ActivityBeneficiaryRegistrationsTable {
  registration_id: string;
  activity_id: string;
  /** personKeyOf(): p:<person>, m:<mobile> or n:<name>. */
  person_key: string;
  enterprise_id: string | null;
  /** The person's role when first attended. */
  role: string;
}
export interface ActivityBeneficiariesTable {
  activity_id: string;
  subject_kind: string;
  subject_id: string;
  role: string | null;
  attendances: number;
  exhibitor: number;
}
export interface ActivityBeneficiaryMarksTable {
  level: string;
  scope_id: string;
  year: number;
  subject_kind: string;
  subject_id: string;
  activity_kind: string;
  role: string;
  backing: number;
}
export interface ActivityBeneficiaryCountsTable {
  level: string;
  scope_id: string;
  year: number;
  activity_kind: string;
  role: string;
  people: number;
  enterprises: number;
  survey_responses: number;
  survey_score_sum: number;
}
export interface ActivitySurveysTable {
  registration_id: string;
  activity_id: string;
  cluster_id: string;
  score: number;
  comment: string | null;
  answered_at: string;
  answered_by: string | null;
}

declare module "../../../db/schema" {
  interface DB {
    activity_beneficiary_registrations: ActivityBeneficiaryRegistrationsTable;
    activity_beneficiaries: ActivityBeneficiariesTable;
    activity_beneficiary_marks: ActivityBeneficiaryMarksTable;
    activity_beneficiary_counts: ActivityBeneficiaryCountsTable;
    activity_surveys: ActivitySurveysTable;
  }
}
