/**
 * Every difference between SQLite and PostgreSQL lives in this file. Nothing
 * else in the code base branches on the dialect.
 */
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Expression,
  type Kysely,
  type SelectQueryBuilder,
  type SqlBool,
  SqliteAdapter,
  SqliteDriver,
  SqliteIntrospector,
  SqliteQueryCompiler,
  sql,
} from "kysely";

export type DialectName = "sqlite" | "postgres";

type BetterSqlite = import("better-sqlite3").Database;
type BetterStatement = import("better-sqlite3").Statement;

/**
 * The prepared statements Kysely's SQLite connection asks for, kept by SQL
 * text (least recently used first out, `max` at most). Kysely calls
 * `prepare(sql)` for every query, and better-sqlite3 compiles the SQL anew
 * each time: ~15% of the server's CPU in the national-scale benchmark. A
 * statement is reused as it is (Kysely sets no modes on it; its `reader`
 * still chooses `all()` or `run()`), and changes of schema are handled by
 * SQLite, which recompiles a stale statement at its next step. A statement
 * still iterating (a stream) is not handed out twice: that query gets a
 * statement of its own.
 */
export class StatementCache {
  private readonly statements = new Map<string, BetterStatement>();

  constructor(
    private readonly database: BetterSqlite,
    readonly max = 500,
  ) {}

  prepare(sql: string): BetterStatement {
    const cached = this.statements.get(sql);
    if (cached) {
      if (cached.busy) return this.database.prepare(sql);
      // Map order is insertion order: moving it to the end keeps the oldest first.
      this.statements.delete(sql);
      this.statements.set(sql, cached);
      return cached;
    }
    const stmt = this.database.prepare(sql);
    this.statements.set(sql, stmt);
    if (this.statements.size > this.max) this.statements.delete(this.statements.keys().next().value!);
    return stmt;
  }

  get size(): number {
    return this.statements.size;
  }

  close(): void {
    this.statements.clear();
    this.database.close();
  }
}

/**
 * SQLite write transactions begin IMMEDIATE: the write lock is taken at BEGIN,
 * so a second process (the CLI beside the server) waits on busy_timeout
 * instead of failing when a deferred transaction tries to upgrade. Its
 * connection prepares through a StatementCache.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  constructor(database: BetterSqlite, cacheSize: number) {
    super({ database: new StatementCache(database, cacheSize) });
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

export function sqliteDialect(database: BetterSqlite, opts: { statementCache?: number } = {}): Dialect {
  return {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new ImmediateSqliteDriver(database, opts.statementCache ?? 500),
    createIntrospector: (db: Kysely<unknown>) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  };
}

/** Escapes LIKE wildcards; both engines are given `escape '\'`. */
function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Substring match of an already-normalised query against a normalised column.
 * On PostgreSQL a pg_trgm GIN index serves LIKE '%…%'; on SQLite it is a scan
 * of the (small) per-office tables or an FTS5 trigram index where a module
 * adds one.
 */
export function containsNormalized(column: Expression<string> | string, normalizedQuery: string) {
  const col = typeof column === "string" ? sql.ref(column) : column;
  return sql<SqlBool>`${col} like ${`%${likeEscape(normalizedQuery)}%`} escape '\\'`;
}

/**
 * A normalised text column indexed for substring search: on SQLite an FTS5
 * table with the trigram tokenizer beside it, kept by triggers, each row of
 * the searched table holding its FTS rowid (members' 0013: `actors_fts`,
 * `actors.fts_rowid`); on PostgreSQL a pg_trgm GIN index on the column itself.
 */
export interface TextIndex {
  /** The searched table's key column, e.g. "actors.id". */
  key: string;
  /** The normalised column, e.g. "actors.search_norm". */
  column: string;
  /**
   * SQLite: the FTS5 table, and the searched table's column holding each
   * row's FTS rowid. Matches are joined by rowid, not by a key column of the
   * FTS table: reading that column is a lookup in the FTS content per match
   * (8.7 ms of a 6,000-match term's 16 ms), and an index that starts with the
   * rowid column and holds what lists filter and sort by answers each match
   * from the index alone.
   */
  fts: { table: string; rowid: string };
}

/** A trigram index finds substrings of at least three characters; shorter ones are matched by LIKE. */
const TRIGRAM = 3;

/**
 * The one text-search predicate for an indexed column: the same rows as
 * containsNormalized() (a substring of the normalised text), found through
 * the index. On SQLite the FTS5 table answers which keys hold the phrase;
 * PostgreSQL's planner reads the GIN index for the LIKE itself.
 */
export function matchesText(dialect: DialectName, index: TextIndex, normalizedQuery: string): Expression<SqlBool> {
  if (dialect === "sqlite" && [...normalizedQuery].length >= TRIGRAM) {
    const phrase = `"${normalizedQuery.replace(/"/g, '""')}"`;
    const fts = sql.table(index.fts.table);
    return sql<SqlBool>`${sql.ref(index.fts.rowid)} in (select rowid from ${fts} where ${fts} match ${phrase})`;
  }
  return containsNormalized(index.column, normalizedQuery);
}

/**
 * SQLite: the query joined to the FTS5 table on the phrase, so the planner
 * reads the index's matches one by one (the FTS table first) and a LIMIT
 * stops it early; `key in (select … match …)` gathers every match before the
 * first row (52 ms for a term in tens of thousands of enterprises, 6 ms
 * joined, for a count up to 1,001). Null on PostgreSQL, or for a query too
 * short for the trigram index: matchesText() is the way there.
 */
export function joinTextIndex<DB, TB extends keyof DB, O>(
  dialect: DialectName,
  query: SelectQueryBuilder<DB, TB, O>,
  index: TextIndex,
  normalizedQuery: string,
): SelectQueryBuilder<DB, TB, O> | null {
  if (dialect !== "sqlite" || [...normalizedQuery].length < TRIGRAM) return null;
  const phrase = `"${normalizedQuery.replace(/"/g, '""')}"`;
  // The FTS table is not in the typed schema: joined by name, the query keeps its own type.
  const untyped = query as unknown as SelectQueryBuilder<Record<string, Record<string, unknown>>, string, O>;
  const joined = untyped
    .innerJoin(index.fts.table, `${index.fts.table}.rowid`, index.fts.rowid)
    .where(sql<SqlBool>`${sql.table(index.fts.table)} match ${phrase}`);
  return joined as unknown as SelectQueryBuilder<DB, TB, O>;
}

/** Lower-cases an expression the same way on both engines (ASCII e-mail addresses). */
export function lower(column: string) {
  return sql<string>`lower(${sql.ref(column)})`;
}

/**
 * `column in (values)`, or a condition that is never true when the list is
 * empty (SQL has no empty IN list): how lists apply an actor's scope.
 */
export function inList(column: string, values: readonly string[]) {
  if (values.length === 0) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`${sql.ref(column)} in (${sql.join(values)})`;
}

/**
 * Claims rows for this transaction without waiting on rows another
 * transaction holds: `FOR UPDATE SKIP LOCKED` on PostgreSQL. SQLite has one
 * writer at a time (transactions begin IMMEDIATE), so the plain select is
 * already exclusive there.
 */
export function forUpdateSkipLocked<QB extends { forUpdate(): QB; skipLocked(): QB }>(
  qb: QB,
  dialect: DialectName,
): QB {
  return dialect === "postgres" ? qb.forUpdate().skipLocked() : qb;
}
