/**
 * The SQLite driver's prepared statements (db/dialect.ts): a query's SQL is
 * compiled once and reused, the cache keeps at most its bound (least
 * recently used out), readers and writers still run as Kysely runs them,
 * and a statement still iterating is never handed out twice.
 */
import SqliteDatabase from "better-sqlite3";
import { type Generated, Kysely, sql } from "kysely";
import { afterEach, describe, expect, it, vi } from "vitest";
import { StatementCache, sqliteDialect } from "../../src/server/db/dialect";

interface T {
  items: { id: Generated<number>; name: string };
}

const open: SqliteDatabase.Database[] = [];
function handle() {
  const h = new SqliteDatabase(":memory:");
  h.exec("create table items (id integer primary key, name text not null)");
  open.push(h);
  return h;
}

afterEach(() => {
  for (const h of open.splice(0)) if (h.open) h.close();
});

describe("StatementCache", () => {
  it("compiles the same SQL once and hands out the same statement", () => {
    const h = handle();
    const prepare = vi.spyOn(h, "prepare");
    const cache = new StatementCache(h, 10);
    const a = cache.prepare("select * from items where id = ?");
    const b = cache.prepare("select * from items where id = ?");
    expect(b).toBe(a);
    expect(prepare).toHaveBeenCalledTimes(1);
    expect(cache.size).toBe(1);
  });

  it("keeps at most its bound, the least recently used out first", () => {
    const h = handle();
    const cache = new StatementCache(h, 3);
    const q = (n: number) => `select ${n} as n`;
    const first = cache.prepare(q(1));
    cache.prepare(q(2));
    cache.prepare(q(3));
    // Using 1 again makes 2 the oldest.
    expect(cache.prepare(q(1))).toBe(first);
    const four = cache.prepare(q(4));
    expect(cache.size).toBe(3);
    const prepare = vi.spyOn(h, "prepare");
    expect(cache.prepare(q(1))).toBe(first);
    expect(cache.prepare(q(3))).not.toBeUndefined();
    expect(cache.prepare(q(4))).toBe(four);
    expect(prepare).not.toHaveBeenCalled();
    // 2 was evicted: compiled anew, and the bound still holds.
    cache.prepare(q(2));
    expect(prepare).toHaveBeenCalledTimes(1);
    expect(cache.size).toBe(3);
  });

  it("gives a statement still iterating to no second caller", () => {
    const h = handle();
    h.exec("insert into items (name) values ('a'), ('b')");
    const cache = new StatementCache(h, 10);
    const text = "select name from items order by id";
    const it1 = cache.prepare(text).iterate() as IterableIterator<{ name: string }>;
    expect(it1.next().value).toEqual({ name: "a" });
    const other = cache.prepare(text);
    expect(other.all()).toEqual([{ name: "a" }, { name: "b" }]);
    expect(it1.next().value).toEqual({ name: "b" });
    it1.return?.();
  });
});

describe("sqliteDialect with the cache", () => {
  it("runs Kysely's readers and writers, transactions included, compiling each SQL text once", async () => {
    const h = handle();
    const prepare = vi.spyOn(h, "prepare");
    const db = new Kysely<T>({ dialect: sqliteDialect(h) });
    for (const name of ["a", "b", "c"]) {
      const r = await db.insertInto("items").values({ name }).executeTakeFirstOrThrow();
      expect(Number(r.insertId)).toBeGreaterThan(0);
    }
    for (let i = 0; i < 3; i++) {
      expect(
        await db
          .selectFrom("items")
          .select("name")
          .where("id", "=", i + 1)
          .executeTakeFirst(),
      ).toEqual({
        name: ["a", "b", "c"][i],
      });
    }
    const upd = await db.updateTable("items").set({ name: "z" }).where("id", ">", 1).executeTakeFirst();
    expect(Number(upd.numUpdatedRows)).toBe(2);
    await db.transaction().execute(async (trx) => {
      await trx.insertInto("items").values({ name: "d" }).execute();
    });
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto("items").values({ name: "e" }).execute();
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    const { rows } = await sql<{ n: number }>`select count(*) as n from items`.execute(db);
    expect(rows[0]!.n).toBe(4);
    const texts = prepare.mock.calls.map((c) => c[0]);
    // insert, select, update, begin immediate, commit, rollback, count: each compiled once.
    expect(texts.length).toBe(new Set(texts).size);
    expect(texts).toContain("begin immediate");
    await db.destroy();
    expect(h.open).toBe(false);
  });
});
