/**
 * The registry list by cursor (keyset paging, services/keyset.ts): pages
 * followed by nextCursor give exactly the rows and the order offset paging
 * gives, in every sort and direction, ties included; the total stays the
 * filter's; a damaged or foreign cursor is a localised 400 on the field; a
 * cursor is only a position, so a province admin's pages stay in the
 * province whatever cursor they send.
 */
import { randomBytes } from "node:crypto";
import { expect, it } from "vitest";
import { type Client, signedIn } from "../support/client";
import { describeEngines, makeCluster, makeUser } from "../support/harness";

type Page = { items: { id: string; provinceCode: string; state: string }[]; total: number; nextCursor: string | null };
type Problem = { code: string; status: number; detail: string; errors?: { path: string; message: string }[] };

const LETTERS = "ابپتثجچحخدذرزسشصضطظعغفقکگلمنوهی";
/** A word no other test's cluster has, to keep each test to its own rows. */
const token = () =>
  Array.from(randomBytes(6))
    .map((b) => LETTERS[b % LETTERS.length])
    .join("");

/** Every page by cursor, from the first (by offset 0). */
async function allByCursor(c: Client, query: string, limit: number) {
  const pages: Page[] = [];
  let path = `/api/v1/clusters?${query}&limit=${limit}`;
  for (let i = 0; i < 100; i++) {
    const r = await c.get<Page>(path);
    expect(r.status).toBe(200);
    pages.push(r.body);
    if (!r.body.nextCursor) break;
    path = `/api/v1/clusters?${query}&limit=${limit}&cursor=${r.body.nextCursor}`;
  }
  return pages;
}

describeEngines("cluster registry by cursor", (env) => {
  it("pages to the end in every sort and direction, the same rows in the same order as offsets, ties included", async () => {
    const word = token();
    const names = ["آلبالو", "بادام", "پسته", "چای", "خرما", "زعفران", "ژله"];
    const states = [
      "identified",
      "feasibility",
      "identified",
      "implementation",
      "feasibility",
      "identified",
      "on_hold",
    ];
    for (const [i, n] of names.entries()) {
      await makeCluster(env(), {
        provinceCode: i % 2 ? "IR-25" : "IR-19",
        nameFa: `خوشه ${n} ${word}`,
        state: states[i],
      });
    }
    // The same name in three provinces: a tie in name order, broken by id.
    for (const p of ["IR-23", "IR-25", "IR-19"])
      await makeCluster(env(), { provinceCode: p, nameFa: `خوشه انار ${word}` });
    const c = await signedIn(env(), await makeUser(env(), { role: "national_admin" }));

    for (const sort of ["name", "province", "state", "stateSince"]) {
      for (const order of ["asc", "desc"]) {
        const query = `q=${encodeURIComponent(word)}&sort=${sort}&order=${order}`;
        const whole = await c.get<Page>(`/api/v1/clusters?${query}&limit=200`);
        expect(whole.body.total).toBe(10);
        expect(whole.body.nextCursor).toBeNull();
        for (const limit of [1, 3, 4]) {
          const pages = await allByCursor(c, query, limit);
          const ids = pages.flatMap((p) => p.items.map((i) => i.id));
          expect(ids, `${sort} ${order} by ${limit}`).toEqual(whole.body.items.map((i) => i.id));
          expect(pages.every((p) => p.total === 10)).toBe(true);
          expect(pages.length).toBe(Math.ceil(10 / limit));
          expect(pages.at(-1)!.nextCursor).toBeNull();
          // Offset pages agree with cursor pages, and offer the same next cursor.
          const second = await c.get<Page>(`/api/v1/clusters?${query}&limit=${limit}&offset=${limit}`);
          expect(second.body.items).toEqual(pages[1]!.items);
          expect(second.body.nextCursor).toBe(pages[1]!.nextCursor);
        }
      }
    }
  });

  it("keeps the filters with a cursor: only the state asked for, and the filter's total", async () => {
    const word = token();
    for (let i = 0; i < 6; i++) {
      await makeCluster(env(), { nameFa: `خوشه ${LETTERS[i]} ${word}`, state: i % 3 ? "identified" : "feasibility" });
    }
    const c = await signedIn(env(), await makeUser(env(), { role: "national_admin" }));
    const pages = await allByCursor(c, `q=${encodeURIComponent(word)}&state=identified`, 1);
    expect(pages.length).toBe(4);
    expect(pages.every((p) => p.total === 4 && p.items.every((i) => i.state === "identified"))).toBe(true);
  });

  it("keeps a province admin's pages in the province, whatever cursor they send", async () => {
    const word = token();
    for (let i = 0; i < 8; i++) {
      await makeCluster(env(), { provinceCode: i % 2 ? "IR-25" : "IR-19", nameFa: `خوشه ${LETTERS[i]} ${word}` });
    }
    const q = `q=${encodeURIComponent(word)}`;
    const national = await signedIn(env(), await makeUser(env(), { role: "national_admin" }));
    const qom = await signedIn(env(), await makeUser(env(), { role: "province_admin", provinceCode: "IR-25" }));
    const pages = await allByCursor(qom, q, 1);
    expect(pages.length).toBe(4);
    expect(pages.every((p) => p.total === 4 && p.items.every((i) => i.provinceCode === "IR-25"))).toBe(true);

    // A national admin's cursor, just past a Zanjan cluster, only positions the Qom admin's list.
    const first = await national.get<Page>(`/api/v1/clusters?${q}&limit=1`);
    expect(first.body.items[0]!.provinceCode).toBe("IR-19");
    const after = await qom.get<Page>(`/api/v1/clusters?${q}&limit=200&cursor=${first.body.nextCursor}`);
    expect(after.status).toBe(200);
    expect(after.body.items.length).toBe(4);
    expect(after.body.items.every((i) => i.provinceCode === "IR-25")).toBe(true);
    expect(after.body.total).toBe(4);
  });

  it("refuses a damaged cursor, one from another sort and a cursor with an offset, on the field and in the caller's language", async () => {
    const word = token();
    for (let i = 0; i < 3; i++) await makeCluster(env(), { nameFa: `خوشه ${LETTERS[i]} ${word}` });
    const c = await signedIn(env(), await makeUser(env(), { role: "national_admin" }));
    const q = `q=${encodeURIComponent(word)}&limit=1`;
    const { nextCursor } = (await c.get<Page>(`/api/v1/clusters?${q}`)).body;
    expect(nextCursor).toMatch(/^[A-Za-z0-9_-]+$/);

    const bad = async (query: string, code: string, path: string) => {
      const r = await c.get<Problem>(`/api/v1/clusters?${query}`);
      expect(r.status, query).toBe(400);
      expect(r.headers.get("content-type")).toContain("application/problem+json");
      expect(r.body.code).toBe(code);
      expect(r.body.errors?.map((e) => e.path)).toEqual([path]);
      return r.body;
    };
    const damaged = await bad(`${q}&cursor=bm90LWEtY3Vyc29y`, "invalid_cursor", "querystring.cursor");
    expect(damaged.errors![0]!.message).toMatch(/[\u0600-\u06FF]/);
    await bad(`${q}&cursor=${nextCursor!.slice(0, -3)}`, "invalid_cursor", "querystring.cursor");
    await bad(`${q}&sort=state&cursor=${nextCursor}`, "invalid_cursor", "querystring.cursor");
    await bad(`${q}&order=desc&cursor=${nextCursor}`, "invalid_cursor", "querystring.cursor");
    await bad(`${q}&cursor=not%2Fbase64`, "validation_failed", "querystring.cursor");
    await bad(`${q}&offset=1&cursor=${nextCursor}`, "validation_failed", "querystring.offset");
    c.lang = "en";
    const en = await bad(`${q}&cursor=bm90LWEtY3Vyc29y`, "invalid_cursor", "querystring.cursor");
    expect(en.detail).toMatch(/cursor/i);
  });
});
