import { type Kysely, sql } from "kysely";
import type { MigrationContext } from "./index";

/**
 * The cluster registry and project life cycle: registry fields, the state
 * history, agent and supervisor contracts with milestones, feasibility
 * studies and prioritisation, and governance bodies.
 */
export async function up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> {
  const clusterColumns: Array<[string, "text" | "integer"]> = [
    ["place", "text"],
    ["sector", "text"],
    ["isic_codes", "text"],
    ["product_groups", "text"],
    ["advantage_note", "text"],
    ["est_enterprises", "integer"],
    ["est_enterprises_source", "text"],
    ["est_enterprises_date", "text"],
    ["jobs_industrial", "integer"],
    ["jobs_guild", "integer"],
    ["jobs_source", "text"],
    ["jobs_date", "text"],
    ["state_since", "text"],
    ["resume_state", "text"],
    ["search_norm", "text"],
  ];
  for (const [name, type] of clusterColumns) {
    await db.schema.alterTable("clusters").addColumn(name, type).execute();
  }
  await db.schema
    .createIndex("clusters_province_state_idx")
    .on("clusters")
    .columns(["province_code", "state"])
    .execute();
  await db.schema.createIndex("clusters_state_idx").on("clusters").column("state").execute();

  await db.schema
    .createTable("cluster_transitions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("cluster_id", "text", (c) => c.notNull().references("clusters.id"))
    .addColumn("from_state", "text")
    .addColumn("to_state", "text", (c) => c.notNull())
    .addColumn("happened_on", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("reason", "text")
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("cluster_transitions_cluster_idx")
    .on("cluster_transitions")
    .columns(["cluster_id", "happened_on"])
    .execute();

  await db.schema
    .createTable("contracts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("cluster_id", "text", (c) => c.notNull().references("clusters.id"))
    .addColumn("province_code", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("organisation", "text", (c) => c.notNull())
    .addColumn("lead_person", "text")
    .addColumn("contract_number", "text")
    .addColumn("start_date", "text", (c) => c.notNull())
    .addColumn("end_date", "text", (c) => c.notNull())
    .addColumn("amount_rials", "bigint")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("contracts_cluster_idx").on("contracts").columns(["cluster_id", "kind"]).execute();
  await db.schema.createIndex("contracts_end_idx").on("contracts").column("end_date").execute();

  await db.schema
    .createTable("contract_milestones")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("contract_id", "text", (c) => c.notNull().references("contracts.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("planned_date", "text", (c) => c.notNull())
    .addColumn("actual_date", "text")
    .addColumn("amount_rials", "bigint")
    .execute();
  await db.schema
    .createIndex("contract_milestones_contract_idx")
    .on("contract_milestones")
    .column("contract_id")
    .execute();

  await db.schema
    .createTable("feasibility_criteria")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("province_code", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("weight", "integer", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("archived_at", "text")
    .execute();
  await db.schema
    .createIndex("feasibility_criteria_province_idx")
    .on("feasibility_criteria")
    .column("province_code")
    .execute();

  await db.schema
    .createTable("feasibility_studies")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("cluster_id", "text", (c) => c.notNull().references("clusters.id"))
    .addColumn("province_code", "text", (c) => c.notNull())
    .addColumn("study_date", "text", (c) => c.notNull())
    .addColumn("author", "text", (c) => c.notNull())
    .addColumn("summary", "text")
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("feasibility_studies_province_idx")
    .on("feasibility_studies")
    .column("province_code")
    .execute();

  await db.schema
    .createTable("feasibility_scores")
    .addColumn("study_id", "text", (c) => c.notNull().references("feasibility_studies.id"))
    .addColumn("criterion_id", "text", (c) => c.notNull().references("feasibility_criteria.id"))
    .addColumn("score", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("feasibility_scores_pk", ["study_id", "criterion_id"])
    .execute();

  await db.schema
    .createTable("feasibility_decisions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("province_code", "text", (c) => c.notNull())
    .addColumn("decided_on", "text", (c) => c.notNull())
    .addColumn("chosen_cluster_id", "text", (c) => c.notNull().references("clusters.id"))
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("governance_members")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("province_code", "text", (c) => c.notNull())
    .addColumn("cluster_id", "text", (c) => c.references("clusters.id"))
    .addColumn("person_name", "text", (c) => c.notNull())
    .addColumn("organisation", "text")
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("from_date", "text", (c) => c.notNull())
    .addColumn("to_date", "text")
    .addColumn("user_id", "text", (c) => c.references("users.id"))
    .addColumn("grant_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("governance_members_scope_idx")
    .on("governance_members")
    .columns(["province_code", "cluster_id"])
    .execute();

  if (ctx.dialect === "postgres") {
    // Trigram index for substring search over normalised names, where the
    // server lets us create the extension; LIKE works without it, only slower.
    const r = await sql<{ ok: boolean }>`
      select exists (select 1 from pg_extension where extname = 'pg_trgm')
          or exists (select 1 from pg_roles where rolname = current_user and rolsuper) as ok`.execute(db);
    if (r.rows[0]?.ok) {
      await sql`create extension if not exists pg_trgm`.execute(db);
      await sql`create index clusters_search_trgm on clusters using gin (search_norm gin_trgm_ops)`.execute(db);
    }
  }
}
