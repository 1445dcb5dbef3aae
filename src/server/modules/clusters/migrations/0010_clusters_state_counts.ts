import { type Kysely, sql } from "kysely";
import type { MigrationContext } from "../../../db/migrations/index";

/**
 * The registry's counts per province and state (clusters not archived), as a
 * table the database keeps in step: triggers on clusters add and subtract in
 * the same transaction as every insert, delete, and change of state, province
 * or archiving, whoever writes (the registry's services, the demo loader, the
 * benchmark's generator, an import, a fix by hand). The overview reads these
 * few hundred rows instead of grouping the registry at every request. Filled
 * by 0011.
 */
export async function up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> {
  await db.schema
    .createTable("cluster_state_counts")
    .addColumn("province_code", "text", (c) => c.notNull().references("provinces.code"))
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("n", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("cluster_state_counts_pk", ["province_code", "state"])
    .execute();

  if (ctx.dialect === "postgres") {
    // One function for the three events. The two counts a move changes are
    // written in key order, so two transactions moving clusters between the
    // same two counts in opposite directions (on hold and back) wait for each
    // other instead of deadlocking.
    await sql`
      create function cluster_state_counts_keep() returns trigger language plpgsql as $$
      declare
        old_p text; old_s text; new_p text; new_s text;
      begin
        if tg_op <> 'INSERT' then
          if old.archived_at is null then old_p := old.province_code; old_s := old.state; end if;
        end if;
        if tg_op <> 'DELETE' then
          if new.archived_at is null then new_p := new.province_code; new_s := new.state; end if;
        end if;
        if old_p is not distinct from new_p and old_s is not distinct from new_s then return null; end if;
        insert into cluster_state_counts (province_code, state, n)
          select p, s, d from (values (old_p, old_s, -1), (new_p, new_s, 1)) as v (p, s, d)
          where p is not null order by p, s
          on conflict (province_code, state) do update set n = cluster_state_counts.n + excluded.n;
        return null;
      end $$`.execute(db);
    await sql`
      create trigger cluster_state_counts_keep
      after insert or delete or update of state, province_code, archived_at on clusters
      for each row execute function cluster_state_counts_keep()`.execute(db);
    return;
  }
  // SQLite has one writer at a time: no lock order to keep.
  await sql`
    create trigger cluster_state_counts_insert after insert on clusters when new.archived_at is null
    begin
      insert into cluster_state_counts (province_code, state, n) values (new.province_code, new.state, 1)
        on conflict (province_code, state) do update set n = n + 1;
    end`.execute(db);
  await sql`
    create trigger cluster_state_counts_delete after delete on clusters when old.archived_at is null
    begin
      update cluster_state_counts set n = n - 1 where province_code = old.province_code and state = old.state;
    end`.execute(db);
  await sql`
    create trigger cluster_state_counts_update after update of state, province_code, archived_at on clusters
    when old.state is not new.state or old.province_code is not new.province_code
      or (old.archived_at is null) <> (new.archived_at is null)
    begin
      update cluster_state_counts set n = n - 1
        where old.archived_at is null and province_code = old.province_code and state = old.state;
      insert into cluster_state_counts (province_code, state, n)
        select new.province_code, new.state, 1 where new.archived_at is null
        on conflict (province_code, state) do update set n = n + 1;
    end`.execute(db);
}
