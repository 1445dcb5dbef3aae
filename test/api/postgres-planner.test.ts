/**
 * PostgreSQL's connections are opened with the planner costs Khooshe's
 * storage calls for (db/connection.ts): random_page_cost 1.1, so a search
 * reads the trigram index instead of scanning the registry.
 */
import { sql } from "kysely";
import { expect, it } from "vitest";
import { describeEngines } from "../support/harness";

describeEngines("database connection settings", (env) => {
  it("prices random page reads for memory and SSDs on PostgreSQL", async () => {
    if (env().engine !== "postgres") return;
    // Every connection of the pool, not only the first: run more queries than it holds at once.
    const seen = await Promise.all(
      Array.from({ length: 12 }, () =>
        sql<{ random_page_cost: string }>`show random_page_cost`.execute(env().database.db),
      ),
    );
    expect(new Set(seen.map((r) => r.rows[0]!.random_page_cost))).toEqual(new Set(["1.1"]));
  });
});
