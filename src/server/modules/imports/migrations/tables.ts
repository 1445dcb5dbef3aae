/** The imports module's tables (0018 beside this file), added to the database's type. */

import type { Generated } from "kysely";

export interface ImportRunsTable {
  id: string;
  cluster_id: string;
  province_code: string;
  kind: "enterprise" | "person";
  file_name: string;
  format: "xlsx" | "csv";
  size: number;
  storage_key: string;
  state: "uploaded" | "checking" | "checked" | "importing" | "done" | "failed";
  /** JSON SheetInfo[]: each sheet's name, row count and first rows. */
  sheets: string;
  sheet: string | null;
  header_row: number | null;
  /** JSON { field: column index }. */
  mapping: string | null;
  done_through: Generated<number>;
  processed: Generated<number>;
  total: Generated<number>;
  created: Generated<number>;
  updated: Generated<number>;
  skipped: Generated<number>;
  failed: Generated<number>;
  blank: Generated<number>;
  problems_total: Generated<number>;
  /** An error code (errors.<code>) when the run's job failed. */
  error: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

export interface ImportProblemsTable {
  run_id: string;
  row_number: number;
  seq: number;
  column_index: number | null;
  value: string | null;
  code: string;
  params: string | null;
}

export interface ImportOutcomesTable {
  run_id: string;
  row_number: number;
  outcome: "created" | "updated" | "skipped" | "failed";
  label: string | null;
  actor_id: string | null;
  reason: string | null;
}

export interface ImportMappingsTable {
  cluster_id: string;
  kind: string;
  mapping: string;
  updated_at: string;
}

declare module "../../../db/schema" {
  interface DB {
    import_runs: ImportRunsTable;
    import_problems: ImportProblemsTable;
    import_outcomes: ImportOutcomesTable;
    import_mappings: ImportMappingsTable;
  }
}
