/**
 * paginateSearch(): a list filtered by a text search that stays fast for a
 * rare term and a common one alike, at 300,000 rows.
 *
 * The matches are counted through the text index up to a cap (at most
 * `cap + 1` index entries). Up to the cap the total is exact; over it the
 * total is the cap, flagged `totalCapped`, and the user is asked to narrow
 * the search.
 *
 * SQLite (the FTS5 table joined, so its matches stream: joinTextIndex()):
 * the page is sorted by the list's order among the first `cap` matches the
 * index gives, which under the cap are all of them. One read collects the
 * first `cap + 1` matches' keys and sort keys (the total is how many came);
 * they are sorted here and the page's rows read by key. Every page of every
 * term then costs at most `cap + 1` lookups and a sort of `cap` short keys,
 * where sorting every match of a common term cost 95–140 ms, walking the
 * list's sort index testing each row up to 250 ms for a term whose matches
 * sort late («قطعه‌سازی»), and counting and paging in two reads of the
 * matches 11.5 ms («پوشاک») and 33 ms (partners «فیلم» in two provinces).
 *
 * PostgreSQL (pg_trgm's GIN index serves the LIKE itself): under the cap the
 * page is read through the index; over it by LIKE in the list's order, which
 * stops after one page.
 */
import { type SelectQueryBuilder, type SqlBool, sql } from "kysely";
import type { Database } from "../db/connection";
import { containsNormalized, joinTextIndex, matchesText, type TextIndex } from "../db/dialect";
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
  search: {
    index: TextIndex;
    normalizedQuery: string;
    /** The column `rows` orders by first (then by the index's key): both must say the same order. */
    sortColumn: string;
    cap?: number;
  },
): Promise<SearchPage<R>> {
  const cap = search.cap ?? SEARCH_COUNT_CAP;
  const one = sql<number>`1`.as("one");
  const joined = joinTextIndex(database.dialect, base, search.index, search.normalizedQuery);
  if (joined) {
    const matches = await joined
      .select([sql.ref(search.index.key).as("match_key"), sql.ref(search.sortColumn).as("sort_key")])
      .limit(cap + 1)
      .execute();
    const pageKeys = inListOrder(
      (matches as unknown as { match_key: string; sort_key: string }[]).slice(0, cap),
      page.offset,
      page.limit,
    );
    const list = pageKeys.length
      ? await rows(base.where(sql<SqlBool>`${sql.ref(search.index.key)} in (${sql.join(pageKeys)})`)).execute()
      : [];
    return { rows: list, total: Math.min(matches.length, cap), totalCapped: matches.length > cap };
  }
  const indexed = base.where(matchesText(database.dialect, search.index, search.normalizedQuery));
  // At most cap + 1 one-column rows: cheaper than a count of every match.
  const n = (
    await indexed
      .select(one)
      .limit(cap + 1)
      .execute()
  ).length;
  const common = n > cap;
  const filtered = common ? base.where(containsNormalized(search.index.column, search.normalizedQuery)) : indexed;
  // Pages end with the total, as they do on SQLite: past the cap the user narrows the search.
  const limit = common ? Math.min(page.limit, cap - page.offset) : page.limit;
  const list = limit > 0 ? await rows(filtered).limit(limit).offset(page.offset).execute() : [];
  return { rows: list, total: common ? cap : n, totalCapped: common };
}

/**
 * The keys of one page of matches in the list's order: by sort key, then
 * key, compared as SQLite's BINARY collation compares text (its UTF-8
 * bytes), so the page holds the rows the database's ORDER BY puts there.
 */
function inListOrder(matches: readonly { match_key: string; sort_key: string }[], offset: number, limit: number) {
  const keyed = matches.map((m) => ({
    key: m.match_key,
    sort: Buffer.from(m.sort_key ?? ""),
    tie: Buffer.from(m.match_key),
  }));
  keyed.sort((a, b) => Buffer.compare(a.sort, b.sort) || Buffer.compare(a.tie, b.tie));
  return keyed.slice(offset, offset + limit).map((k) => k.key);
}
