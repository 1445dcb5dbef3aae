/** The activities module's tables (0026_activities), added to the database's type. */

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
}

declare module "../../../db/schema" {
  interface DB {
    activities: ActivitiesTable;
    activity_sessions: ActivitySessionsTable;
  }
}
