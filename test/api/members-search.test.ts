import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { insertEnterprise } from "../../src/server/modules/members/shared";
import { signedIn } from "../support/client";
import { describeEngines, makeCluster, makeUser } from "../support/harness";

type DirPage = { items: { id: string; name: string }[]; total: number; totalCapped: boolean };

describeEngines("members: Persian search in the directory", (env) => {
  it("finds a rare and a common term however the letters, ZWNJ, spaces and digits are typed", async () => {
    const c = await makeCluster(env(), { provinceCode: "IR-26" });
    const now = new Date().toISOString();
    await env()
      .database.db.transaction()
      .execute(async (trx) => {
        // 1,100 enterprises that all say «بسته‌بندی» (a common term: more matches than the count's cap).
        for (let i = 0; i < 1100; i++) {
          await insertEnterprise(trx, {
            id: randomUUID(),
            clusterId: c.id,
            clusterProvinceCode: c.provinceCode,
            name: `بسته‌بندی شماره ${i}`,
            city: "قزوین",
            searchTerms: ["کارتن"],
            now,
            by: null,
          });
        }
        // A rare one, typed with Arabic yeh and kaf, a ZWNJ and Persian digits.
        await insertEnterprise(trx, {
          clusterId: c.id,
          clusterProvinceCode: c.provinceCode,
          name: "كيسه‌دوزي ۱۲۳",
          city: "تاكستان",
          now,
          by: null,
        });
      });
    const manager = await signedIn(
      env(),
      await makeUser(env(), { role: "cluster_manager", provinceCode: "IR-26", clusterId: c.id }),
    );
    const search = (q: string, extra = "") =>
      manager.get<DirPage>(`/api/v1/directory?clusterId=${c.id}&q=${encodeURIComponent(q)}${extra}`);

    for (const q of ["کیسه دوزی 123", "كيسهدوزي ١٢٣", "کیسه‌دوزی ۱۲۳", "  کیسه دوزی۱۲۳ "]) {
      const r = await search(q);
      expect(r.status, r.text).toBe(200);
      expect(r.body, q).toMatchObject({ total: 1, totalCapped: false });
      expect(r.body.items[0]?.name).toBe("كيسه‌دوزي ۱۲۳");
    }
    // By city, in the other letter form.
    expect((await search("تاکستان")).body.total).toBe(1);
    // Two letters: below the trigram index, matched by LIKE, same answer.
    expect((await search("كي")).body.items.map((i) => i.name)).toContain("كيسه‌دوزي ۱۲۳");

    for (const q of ["بسته بندی", "بستهبندي", "بسته‌بندی"]) {
      const r = await search(q, "&limit=50");
      expect(r.body, q).toMatchObject({ total: 1000, totalCapped: true });
      expect(r.body.items).toHaveLength(50);
    }
    // Under the cap the index path counts exactly: «شماره 10» matches 10, 100–109 and 1000–1099.
    const some = await search("شماره ۱۰", "&limit=200");
    expect(some.body).toMatchObject({ total: 111, totalCapped: false });
    // Paging over a common term: stable, no overlaps, in name order (among the first 1,000 matches
    // the index gives on SQLite; among all on PostgreSQL: either way the total says "more than").
    const p1 = await search("بسته بندی", "&limit=20&offset=0");
    const p2 = await search("بسته بندی", "&limit=20&offset=20");
    const ids = [...p1.body.items, ...p2.body.items].map((i) => i.id);
    expect(new Set(ids).size).toBe(40);
    expect((await search("بسته بندی", "&limit=20&offset=0")).body.items.map((i) => i.id)).toEqual(ids.slice(0, 20));
    const sortKeys = await env()
      .database.db.selectFrom("actors")
      .select(["id", "name_sort"])
      .where("id", "in", ids)
      .execute();
    const keyOf = new Map(sortKeys.map((r) => [r.id, r.name_sort]));
    const inOrder = ids.map((id) => keyOf.get(id)!);
    expect(inOrder).toEqual([...inOrder].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const deep = await search("بسته بندی", "&limit=25&offset=975");
    expect(deep.body.items).toHaveLength(25);
    expect((await search("بسته بندی", "&limit=25&offset=1000")).body.items).toHaveLength(0);
    const all = await manager.get<DirPage>(`/api/v1/directory?clusterId=${c.id}&limit=40`);
    expect(all.body.total).toBe(1101);
    // A term in the products (search terms), and filters combined with search.
    expect((await search("کارتن", "&kind=person")).body.total).toBe(0);
    expect((await search("کارتن", "&kind=enterprise")).body.totalCapped).toBe(true);
    // Out of the cluster's reach: nothing from another cluster's manager.
    const other = await makeCluster(env(), { provinceCode: "IR-26" });
    const outsider = await signedIn(
      env(),
      await makeUser(env(), { role: "cluster_manager", provinceCode: "IR-26", clusterId: other.id }),
    );
    expect((await outsider.get<DirPage>("/api/v1/directory?q=کیسه")).body.total).toBe(0);
    const admin = await signedIn(env(), await makeUser(env(), { role: "province_admin", provinceCode: "IR-26" }));
    expect((await admin.get<DirPage>("/api/v1/directory?q=کیسه دوزی")).body.total).toBe(1);
    const tehran = await signedIn(env(), await makeUser(env(), { role: "province_admin", provinceCode: "IR-23" }));
    expect((await tehran.get<DirPage>("/api/v1/directory?q=کیسه دوزی")).body.total).toBe(0);
  });

  it("pages a cluster's member list in name order, and a rename moves the actor in every cluster it belongs to", async () => {
    const c = await makeCluster(env(), { provinceCode: "IR-26" });
    const second = await makeCluster(env(), { provinceCode: "IR-26" });
    const now = new Date().toISOString();
    const names = ["ژاله", "پارس", "بهار", "یاس", "چکاد", "گلستان", "آوا", "کوثر", "سپید", "ثمین", "زیبا", "ماهان"];
    const ids: string[] = [];
    await env()
      .database.db.transaction()
      .execute(async (trx) => {
        for (const name of names) {
          ids.push(
            await insertEnterprise(trx, { clusterId: c.id, clusterProvinceCode: c.provinceCode, name, now, by: null }),
          );
        }
      });
    const manager = await signedIn(
      env(),
      await makeUser(env(), { role: "cluster_manager", provinceCode: "IR-26", clusterId: c.id }),
    );
    const list = async (cluster: string, extra = "") => {
      const items: string[] = [];
      let total = 0;
      for (let offset = 0; ; offset += 5) {
        const r = await manager.get<DirPage>(
          `/api/v1/directory?clusterId=${cluster}&kind=enterprise&limit=5&offset=${offset}${extra}`,
        );
        expect(r.status, r.text).toBe(200);
        total = r.body.total;
        items.push(...r.body.items.map((i) => i.name));
        if (r.body.items.length < 5) break;
      }
      return { items, total };
    };
    // Persian alphabetical order (آ ب پ ث چ ژ ز س گ ک ی…: the sort key's, not the code points').
    const alphabetical = [
      "آوا",
      "بهار",
      "پارس",
      "ثمین",
      "چکاد",
      "زیبا",
      "ژاله",
      "سپید",
      "کوثر",
      "گلستان",
      "ماهان",
      "یاس",
    ];
    expect(await list(c.id)).toEqual({ items: alphabetical, total: 12 });

    // The last in the list joins the second cluster too, is renamed, and moves to the front in both.
    const yas = ids[names.indexOf("یاس")]!;
    const manager2 = await signedIn(
      env(),
      await makeUser(env(), { role: "cluster_manager", provinceCode: "IR-26", clusterId: second.id }),
    );
    expect((await manager2.post(`/api/v1/clusters/${second.id}/members`, { actorId: yas })).status).toBe(201);
    expect((await manager.patch(`/api/v1/enterprises/${yas}`, { name: "آبان" })).status).toBe(200);
    expect((await list(c.id)).items.slice(0, 2)).toEqual(["آبان", "آوا"]);
    const theirs = await manager2.get<DirPage>(`/api/v1/directory?clusterId=${second.id}&kind=enterprise`);
    expect(theirs.body).toMatchObject({ total: 1, items: [{ name: "آبان" }] });

    // A status filter pages the same index; the count agrees with the pages.
    await env()
      .database.db.updateTable("cluster_actors")
      .set({ status: "suspended" })
      .where("cluster_id", "=", c.id)
      .where("actor_id", "in", [ids[names.indexOf("بهار")]!, ids[names.indexOf("ماهان")]!])
      .execute();
    expect(await list(c.id, "&status=suspended")).toEqual({ items: ["بهار", "ماهان"], total: 2 });
    expect((await list(c.id, "&status=member")).total).toBe(10);

    // Every membership carries its actor's sort key, whoever wrote the row.
    const drift = await env()
      .database.db.selectFrom("cluster_actors")
      .innerJoin("actors", "actors.id", "cluster_actors.actor_id")
      .select("cluster_actors.actor_id")
      .whereRef("cluster_actors.name_sort", "<>", "actors.name_sort")
      .execute();
    expect(drift).toEqual([]);
  });
});
