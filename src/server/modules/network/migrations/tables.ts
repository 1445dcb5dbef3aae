/** The network module's tables (its migrations beside this file), added to the database's type. */

import type { RelationshipSource, RelationshipType } from "../../../../core/network";

export interface RelationshipsTable {
  id: string;
  cluster_id: string;
  from_actor_id: string;
  to_actor_id: string;
  type: RelationshipType;
  /** 1 (weak) to 3 (strong). */
  strength: number;
  /** ISO dates; null start: since before records, null end: still holds. */
  start_on: string | null;
  end_on: string | null;
  source: RelationshipSource;
  notes: string | null;
  created_at: string;
  updated_at: string;
  created_by: string | null;
}

declare module "../../../db/schema" {
  interface DB {
    relationships: RelationshipsTable;
  }
}
