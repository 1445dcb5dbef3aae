/** The registry's own tables (its migrations beside this file), added to the database's type. */

/** Clusters not archived, per province and state: kept in step by triggers (0010), read by the counts. */
export interface ClusterStateCountsTable {
  province_code: string;
  state: string;
  n: number;
}

declare module "../../../db/schema" {
  interface DB {
    cluster_state_counts: ClusterStateCountsTable;
  }
}
