/**
 * paginateSearch(): a list filtered by a text search that stays fast for a
 * rare term and a common one alike, at 300,000 rows.
 *
 * One read through the text index collects the first `cap + 1` matches'
 * keys and sort keys: how many came is the total (up to the cap exact; over
 * it the cap, flagged `totalCapped`, and the user is asked to narrow the
 * search). The first `cap` are sorted here in the list's order, and the
 * page's rows are read by key. A page is so sorted among the first `cap`
 * matches the index gives, which under the cap are all of them, and pages
 * end at the cap. Every page of every term costs at most `cap + 1` index
 * entries and a sort of `cap` short keys, on both engines:
 *
 * - SQLite (the FTS5 table joined by rowid, so its matches stream and the
 *   LIMIT stops them: joinTextIndex()). Sorting every match of a common term
 *   cost 95–140 ms; walking the list's sort index testing each row up to
 *   250 ms for a term whose matches sort late («قطعه‌سازی»); counting and
 *   paging in two reads of the matches 11.5 ms («پوشاک») and 33 ms (partners
 *   «فیلم» in two provinces).
 * - PostgreSQL (pg_trgm's GIN index serves the LIKE). Paging a common term
 *   by LIKE in the list's order walked the name index until a page matched:
 *   90 ms a request for «قطعه‌سازی».
 */
import { type SelectQueryBuilder, type SqlBool, sql } from "kysely";
import type { Database } from "../db/connection";
import { joinTextIndex, matchesText, type TextIndex } from "../db/dialect";
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
  const matching =
    joinTextIndex(database.dialect, base, search.index, search.normalizedQuery) ??
    base.where(matchesText(database.dialect, search.index, search.normalizedQuery));
  const matches = (await matching
    .select([sql.ref(search.index.key).as("match_key"), sql.ref(search.sortColumn).as("sort_key")])
    .limit(cap + 1)
    .execute()) as unknown as { match_key: string; sort_key: string }[];
  const pageKeys = inListOrder(matches.slice(0, cap), page.offset, page.limit);
  const list = pageKeys.length
    ? await rows(base.where(sql<SqlBool>`${sql.ref(search.index.key)} in (${sql.join(pageKeys)})`)).execute()
    : [];
  return { rows: list, total: Math.min(matches.length, cap), totalCapped: matches.length > cap };
}

/**
 * The keys of one page of matches in the list's order: by sort key, then
 * key, compared by their UTF-8 bytes as SQLite's BINARY collation does, so
 * the page holds the rows the database's ORDER BY puts there. Sort keys are
 * digit strings (sortKeyFa), which every PostgreSQL collation orders the
 * same way too.
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
