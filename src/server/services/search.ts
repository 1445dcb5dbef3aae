/**
 * paginateSearch(): a list filtered by a text search that stays fast for a
 * rare term and a common one alike, at 300,000 rows.
 *
 * A rare term is best found through the text index (a few hundred keys,
 * sorted). A common one matches a large part of the table: collecting all
 * its keys from the index and sorting them costs ~100 ms on SQLite, while
 * walking the list's sort index and testing each row stops after one page.
 * So the matches are first counted through the index up to a cap (which
 * costs at most `cap` index entries); under the cap the page is read through
 * the index and the total is exact, over it the page is read by LIKE in the
 * list's order and the total is the cap, flagged `totalCapped`.
 */
import { type SelectQueryBuilder, sql } from "kysely";
import type { Database } from "../db/connection";
import { containsNormalized, matchesText, type TextIndex } from "../db/dialect";
import type { Page } from "./paginate";

/** How many matches are counted before a search's total says "more than". */
export const SEARCH_COUNT_CAP = 1000;

export interface SearchPage<R> {
  rows: R[];
  total: number;
  /** True when more rows match than `total` (the cap) says. */
  totalCapped: boolean;
}

export async function paginateSearch<DB, TB extends keyof DB, O, RowTB extends keyof DB, R>(
  database: Database,
  base: SelectQueryBuilder<DB, TB, O>,
  page: Page,
  rows: (q: SelectQueryBuilder<DB, TB, O>) => SelectQueryBuilder<DB, RowTB, R>,
  search: { index: TextIndex; normalizedQuery: string; cap?: number },
): Promise<SearchPage<R>> {
  const cap = search.cap ?? SEARCH_COUNT_CAP;
  const indexed = base.where(matchesText(database.dialect, search.index, search.normalizedQuery));
  // At most cap + 1 one-column rows: cheaper than a count of every match.
  const n = (
    await indexed
      .select(sql<number>`1`.as("one"))
      .limit(cap + 1)
      .execute()
  ).length;
  const common = n > cap;
  const filtered = common ? base.where(containsNormalized(search.index.column, search.normalizedQuery)) : indexed;
  const list = await rows(filtered).limit(page.limit).offset(page.offset).execute();
  return { rows: list, total: common ? cap : n, totalCapped: common };
}
