import { type Kysely, sql } from "kysely";
import type { MigrationContext } from "../../../db/migrations/index";

/**
 * Everyone who takes part in a cluster is an actor: an enterprise, a person
 * (designer, trainer, consultant, an enterprise's staff) or an institution
 * (supplier, union, bank, …). `actors` holds what every kind has — the name
 * in its three forms, where it is, how to reach it, what it publishes — so
 * one search, one membership table and one network span all three; the kind's
 * own fields are in `enterprises` (the existing table, its id kept, so grants
 * and tokens still point at it), `people` and `institutions`, keyed by the
 * actor's id.
 *
 * Search: `search_norm` is compactFa of the name, products, skills and city.
 * SQLite indexes it in an FTS5 trigram table kept by triggers (`actors_fts`;
 * its rowid is remembered in `actors.fts_rowid` so an update or delete finds
 * its row without a scan); PostgreSQL in a pg_trgm GIN index, when the
 * extension is there (as 0003 does for clusters).
 */
export async function up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> {
  await db.schema
    .createTable("actors")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("name_norm", "text", (c) => c.notNull())
    .addColumn("name_sort", "text", (c) => c.notNull())
    .addColumn("search_norm", "text", (c) => c.notNull())
    .addColumn("province_code", "text", (c) => c.references("provinces.code"))
    .addColumn("city", "text")
    .addColumn("city_norm", "text")
    .addColumn("address", "text")
    .addColumn("postal_code", "text")
    .addColumn("phone", "text")
    .addColumn("mobile", "text")
    .addColumn("email", "text")
    .addColumn("website", "text")
    .addColumn("notes", "text")
    // JSON array of the public field names the actor chose to show beyond its name and kind.
    .addColumn("published_fields", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("published", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("fts_rowid", "integer")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text")
    .execute();
  await db.schema.createIndex("actors_name_idx").on("actors").columns(["name_sort", "id"]).execute();
  await db.schema.createIndex("actors_kind_name_idx").on("actors").columns(["kind", "name_sort", "id"]).execute();
  await db.schema
    .createIndex("actors_province_idx")
    .on("actors")
    .columns(["province_code", "kind", "name_sort"])
    .execute();
  await db.schema
    .createIndex("actors_published_idx")
    .on("actors")
    .columns(["kind", "name_sort", "id"])
    .where(sql.ref("published"), "=", 1)
    .execute();
  // Re-importing matches by normalised name and city when there is no national ID.
  await db.schema
    .createIndex("actors_name_city_idx")
    .on("actors")
    .columns(["kind", "name_norm", "city_norm"])
    .execute();

  for (const [column, type] of [
    ["national_id", "text"],
    ["legal_form", "text"],
    ["employees_industrial", "integer"],
    ["employees_guild", "integer"],
    ["capacity", "real"],
    ["capacity_unit", "text"],
    ["certificates", "text"],
    ["export_experience", "integer"],
    ["export_markets", "text"],
    ["contact_person", "text"],
    ["updated_at", "text"],
  ] as const) {
    await db.schema.alterTable("enterprises").addColumn(column, type).execute();
  }
  await db.schema
    .createIndex("enterprises_national_id_uq")
    .on("enterprises")
    .column("national_id")
    .unique()
    .where(sql.ref("national_id"), "is not", null)
    .execute();

  await db.schema
    .createTable("enterprise_products")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("enterprise_id", "text", (c) => c.notNull().references("enterprises.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("name_norm", "text", (c) => c.notNull())
    .addColumn("product_group", "text")
    .addColumn("position", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("enterprise_products_enterprise_idx")
    .on("enterprise_products")
    .columns(["enterprise_id", "position"])
    .execute();
  await db.schema
    .createIndex("enterprise_products_group_idx")
    .on("enterprise_products")
    .columns(["product_group", "enterprise_id"])
    .execute();

  await db.schema
    .createTable("people")
    .addColumn("id", "text", (c) => c.primaryKey().references("actors.id"))
    .addColumn("enterprise_id", "text", (c) => c.references("enterprises.id"))
    .addColumn("national_id", "text")
    .addColumn("job_title", "text")
    // JSON array of portfolio links.
    .addColumn("portfolio", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("bio", "text")
    .execute();
  await db.schema.createIndex("people_enterprise_idx").on("people").column("enterprise_id").execute();

  await db.schema
    .createTable("person_skills")
    .addColumn("person_id", "text", (c) => c.notNull().references("people.id"))
    .addColumn("skill", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("person_skills_pk", ["person_id", "skill"])
    .execute();
  await db.schema.createIndex("person_skills_skill_idx").on("person_skills").columns(["skill", "person_id"]).execute();

  await db.schema
    .createTable("institutions")
    .addColumn("id", "text", (c) => c.primaryKey().references("actors.id"))
    .addColumn("institution_kind", "text", (c) => c.notNull())
    .addColumn("description", "text")
    .execute();
  await db.schema.createIndex("institutions_kind_idx").on("institutions").columns(["institution_kind", "id"]).execute();

  // An actor's place in a cluster. Enterprises move applicant → member →
  // suspended / left; people and institutions linked to a cluster are `member`.
  await db.schema
    .createTable("cluster_actors")
    .addColumn("cluster_id", "text", (c) => c.notNull().references("clusters.id"))
    .addColumn("actor_id", "text", (c) => c.notNull().references("actors.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("joined_on", "text")
    .addColumn("left_on", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("cluster_actors_pk", ["cluster_id", "actor_id"])
    .execute();
  await db.schema.createIndex("cluster_actors_actor_idx").on("cluster_actors").column("actor_id").execute();
  await db.schema
    .createIndex("cluster_actors_list_idx")
    .on("cluster_actors")
    .columns(["cluster_id", "kind", "status"])
    .execute();

  if (ctx.dialect === "postgres") {
    const r = await sql<{ ok: boolean }>`
      select exists (select 1 from pg_extension where extname = 'pg_trgm')
          or exists (select 1 from pg_roles where rolname = current_user and rolsuper) as ok`.execute(db);
    if (r.rows[0]?.ok) {
      await sql`create extension if not exists pg_trgm`.execute(db);
      await sql`create index actors_search_trgm on actors using gin (search_norm gin_trgm_ops)`.execute(db);
    }
    return;
  }
  await sql`create virtual table actors_fts using fts5(search_norm, actor_id unindexed, tokenize = 'trigram')`.execute(
    db,
  );
  await sql`
    create trigger actors_fts_insert after insert on actors
    begin
      insert into actors_fts (search_norm, actor_id) values (new.search_norm, new.id);
      update actors set fts_rowid = last_insert_rowid() where id = new.id;
    end`.execute(db);
  await sql`
    create trigger actors_fts_update after update of search_norm on actors
    begin
      update actors_fts set search_norm = new.search_norm where rowid = new.fts_rowid;
    end`.execute(db);
  await sql`
    create trigger actors_fts_delete after delete on actors
    begin
      delete from actors_fts where rowid = old.fts_rowid;
    end`.execute(db);
}
