import type { Kysely } from "kysely";
import type { MigrationContext } from "../../../db/migrations/index";

/**
 * An import run (one uploaded file into one cluster), the problems its dry
 * run found, the outcome of every row it imported, and the column mapping
 * remembered per cluster and kind.
 *
 * Problems and outcomes are rows of their own, not JSON on the run, so a
 * 100,000-row file is written batch by batch (each batch's outcomes in the
 * transaction that writes its enterprises) and read page by page.
 */
export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await db.schema
    .createTable("import_runs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("cluster_id", "text", (c) => c.notNull().references("clusters.id"))
    .addColumn("province_code", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("format", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("storage_key", "text", (c) => c.notNull())
    // uploaded | checking | checked | importing | done | failed
    .addColumn("state", "text", (c) => c.notNull())
    // JSON [{ name, rows }] and the first rows of each sheet, read at upload.
    .addColumn("sheets", "text", (c) => c.notNull())
    .addColumn("sheet", "text")
    .addColumn("header_row", "integer")
    .addColumn("mapping", "text")
    // The last data row (as Excel numbers it) a committed batch went through: where a retried job resumes.
    .addColumn("done_through", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("processed", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("total", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("updated", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("skipped", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("failed", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("blank", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("problems_total", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("error", "text")
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("finished_at", "text")
    .execute();
  await db.schema
    .createIndex("import_runs_cluster_idx")
    .on("import_runs")
    .columns(["cluster_id", "created_at"])
    .execute();

  await db.schema
    .createTable("import_problems")
    .addColumn("run_id", "text", (c) => c.notNull().references("import_runs.id"))
    .addColumn("row_number", "integer", (c) => c.notNull())
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("column_index", "integer")
    .addColumn("value", "text")
    .addColumn("code", "text", (c) => c.notNull())
    // JSON message parameters (the row a duplicate repeats, the longest length …).
    .addColumn("params", "text")
    .addPrimaryKeyConstraint("import_problems_pk", ["run_id", "row_number", "seq"])
    .execute();

  await db.schema
    .createTable("import_outcomes")
    .addColumn("run_id", "text", (c) => c.notNull().references("import_runs.id"))
    .addColumn("row_number", "integer", (c) => c.notNull())
    // created | updated | skipped | failed
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("label", "text")
    .addColumn("actor_id", "text")
    // JSON [{ code, column, value, params }]: why it was skipped or failed.
    .addColumn("reason", "text")
    .addPrimaryKeyConstraint("import_outcomes_pk", ["run_id", "row_number"])
    .execute();
  await db.schema
    .createIndex("import_outcomes_outcome_idx")
    .on("import_outcomes")
    .columns(["run_id", "outcome", "row_number"])
    .execute();

  await db.schema
    .createTable("import_mappings")
    .addColumn("cluster_id", "text", (c) => c.notNull().references("clusters.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    // JSON { field: normalised header }.
    .addColumn("mapping", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("import_mappings_pk", ["cluster_id", "kind"])
    .execute();
}
