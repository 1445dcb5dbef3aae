/**
 * paginate(): the one way a list endpoint answers `{ items, total }`. The
 * page and the count run on the same filtered query, side by side, so they
 * can never disagree about the filters.
 */
import type { SelectQueryBuilder } from "kysely";

export interface Page {
  limit: number;
  offset: number;
}

/**
 * `base` carries the joins and filters (scope included); `rows` adds the
 * selection and the order (end it with a unique column so pages are stable),
 * and the joins only the page needs (a LEFT JOIN on a key for names to show
 * changes no count, so the count need not pay for it).
 * Returns the page's rows and the number of rows the filters match.
 */
export async function paginate<DB, TB extends keyof DB, O, RowTB extends keyof DB, R>(
  base: SelectQueryBuilder<DB, TB, O>,
  page: Page,
  rows: (q: SelectQueryBuilder<DB, TB, O>) => SelectQueryBuilder<DB, RowTB, R>,
): Promise<{ rows: R[]; total: number }> {
  const [list, count] = await Promise.all([
    rows(base).limit(page.limit).offset(page.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows: list, total: Number((count as { n: number | string | bigint }).n) };
}
