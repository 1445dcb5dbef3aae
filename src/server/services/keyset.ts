/**
 * Keyset (cursor) paging beside paginate()'s offset: a list's order is a
 * list of keys ending in a unique column, a page ends at its last row's key
 * values, and the next page starts after them (`where (keys) > (values)`), so
 * a deep page reads from an index as fast as the first instead of skipping
 * every row before it. The cursor is those values with the sort they belong
 * to, base64url JSON: opaque to clients, and only a position — the scope and
 * filters of the query it is given to still decide what is seen.
 */
import { type Expression, type RawBuilder, type SqlBool, sql } from "kysely";
import { AppError } from "../errors";

export interface SortKey {
  /** A column (`"clusters.name_sort"`) or an expression that is never null. */
  expr: string | RawBuilder<unknown>;
  dir: "asc" | "desc";
}

const exprOf = (k: SortKey) => (typeof k.expr === "string" ? sql.ref(k.expr) : k.expr);

/** Orders a query by the keys, in turn. */
export function orderByKeys<Q extends { orderBy(e: Expression<unknown>, dir: "asc" | "desc"): Q }>(
  q: Q,
  keys: readonly SortKey[],
): Q {
  return keys.reduce((acc, k) => acc.orderBy(exprOf(k), k.dir), q);
}

/**
 * The rows after `values` in the keys' order. Keys of one direction compare
 * as a row value (`(a, b) > (?, ?)`), which both engines seek in an index;
 * mixed directions expand to `a > ? or (a = ? and b < ?) …`, with the first
 * key's bound (`a >= ?`) beside it for the index range.
 */
export function afterKeys(keys: readonly SortKey[], values: readonly string[]): Expression<SqlBool> {
  const cmp = (dir: "asc" | "desc", orEqual = false) =>
    sql.raw(dir === "asc" ? (orEqual ? ">=" : ">") : orEqual ? "<=" : "<");
  const first = keys[0]!;
  if (keys.every((k) => k.dir === first.dir)) {
    return sql<SqlBool>`(${sql.join(keys.map(exprOf))}) ${cmp(first.dir)} (${sql.join(values)})`;
  }
  const steps = keys.map((k, i) => {
    const equal = keys.slice(0, i).map((p, j) => sql`${exprOf(p)} = ${values[j]}`);
    return sql`(${sql.join([...equal, sql`${exprOf(k)} ${cmp(k.dir)} ${values[i]}`], sql` and `)})`;
  });
  return sql<SqlBool>`(${exprOf(first)} ${cmp(first.dir, true)} ${values[0]} and (${sql.join(steps, sql` or `)}))`;
}

/** A cursor for the position after a row: its key values, tagged with the order they belong to. */
export function encodeCursor(order: string, values: readonly string[]): string {
  return Buffer.from(JSON.stringify({ o: order, k: values }), "utf8").toString("base64url");
}

/**
 * The key values in a cursor made for this order, or a 400 `invalid_cursor`
 * on the query string's `cursor` field (not ours, damaged, or from another sort).
 */
export function decodeCursor(cursor: string, order: string, keyCount: number): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    parsed = null;
  }
  const p = parsed as { o?: unknown; k?: unknown } | null;
  if (
    !p ||
    typeof p !== "object" ||
    p.o !== order ||
    !Array.isArray(p.k) ||
    p.k.length !== keyCount ||
    !p.k.every((v) => typeof v === "string")
  ) {
    throw new AppError(400, "invalid_cursor", {}, [{ path: "querystring.cursor" }]);
  }
  return p.k as string[];
}
