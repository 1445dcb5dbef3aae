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

/** A computed picture of a cluster's network on a date (0019); `data` is the SnapshotData JSON (snapshots.ts). */
export interface NetworkSnapshotsTable {
  cluster_id: string;
  /** ISO date: the network alive on it. */
  on_date: string;
  /** The cluster's links and members it was computed from (snapshots.ts, fingerprintOf). */
  fingerprint: string;
  computed_at: string;
  data: string;
}

declare module "../../../db/schema" {
  interface DB {
    relationships: RelationshipsTable;
    network_snapshots: NetworkSnapshotsTable;
  }
}
