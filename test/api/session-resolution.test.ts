/**
 * Every request resolves its cookie or token with the grants in one query
 * (auth/sessions.ts): each of several grants counts, no grant means no
 * reach, and the session's idle clock moves at most once a minute, however
 * many requests race past that minute.
 */
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { Client, signedIn } from "../support/client";
import { describeEngines, makeCluster, makeUser } from "../support/harness";

type Problem = { code: string; status: number };
type Page = { items: { id: string; provinceCode: string }[]; total: number };

describeEngines("session and token resolution", (env) => {
  it("applies every grant a signed-in user holds, and none when they hold none", async () => {
    const qom = await makeCluster(env(), { provinceCode: "IR-25" });
    const zanjan = await makeCluster(env(), { provinceCode: "IR-19" });
    const tehran = await makeCluster(env(), { provinceCode: "IR-23" });
    const u = await makeUser(env(), { role: "province_admin", provinceCode: "IR-25" });
    await env()
      .database.db.insertInto("role_grants")
      .values({
        id: randomUUID(),
        user_id: u.id,
        role: "province_admin",
        province_code: "IR-19",
        cluster_id: null,
        enterprise_id: null,
        created_at: new Date().toISOString(),
        created_by: null,
      })
      .execute();
    const c = await signedIn(env(), u);
    const list = await c.get<Page>("/api/v1/clusters?limit=200");
    expect(list.status).toBe(200);
    const ids = list.body.items.map((i) => i.id);
    expect(ids).toContain(qom.id);
    expect(ids).toContain(zanjan.id);
    expect(ids).not.toContain(tehran.id);
    expect(new Set(list.body.items.map((i) => i.provinceCode))).toEqual(new Set(["IR-25", "IR-19"]));

    const none = await signedIn(env(), await makeUser(env()));
    expect((await none.get("/api/v1/auth/me")).status).toBe(200);
    expect((await none.get<Problem>("/api/v1/clusters")).status).toBe(403);
  });

  it("moves the idle clock when requests pass the minute (the update matches only a stale clock), and not within it", async () => {
    const u = await makeUser(env(), { role: "national_admin" });
    const c = await signedIn(env(), u);
    const db = env().database.db;
    const seen = () =>
      db
        .selectFrom("sessions")
        .select("last_seen_at")
        .where("user_id", "=", u.id)
        .executeTakeFirstOrThrow()
        .then((r) => r.last_seen_at);

    const recent = new Date(Date.now() - 30_000).toISOString();
    await db.updateTable("sessions").set({ last_seen_at: recent }).where("user_id", "=", u.id).execute();
    expect((await c.get("/api/v1/auth/me")).status).toBe(200);
    expect(await seen()).toBe(recent);

    const before = Date.now();
    const stale = new Date(before - 5 * 60_000).toISOString();
    await db.updateTable("sessions").set({ last_seen_at: stale }).where("user_id", "=", u.id).execute();
    const answers = await Promise.all(Array.from({ length: 12 }, () => c.get("/api/v1/auth/me")));
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(200));
    const moved = await seen();
    expect(Date.parse(moved)).toBeGreaterThanOrEqual(before);
    // Once moved, the requests right after leave it as it is.
    await Promise.all(Array.from({ length: 4 }, () => c.get("/api/v1/auth/me")));
    expect(await seen()).toBe(moved);
  });

  it("resolves a token with its issuer's live grants in the same way", async () => {
    const admin = await makeUser(env(), { role: "province_admin", provinceCode: "IR-25" });
    const issuer = await signedIn(env(), admin);
    const qom = await makeCluster(env(), { provinceCode: "IR-25" });
    const r = await issuer.post<{ token: string }>("/api/v1/tokens", {
      name: "گزارش",
      role: "province_admin",
      provinceCode: "IR-25",
    });
    expect(r.status).toBe(201);
    const bot = new Client(env());
    bot.bearer = r.body.token;
    expect((await bot.get(`/api/v1/clusters/${qom.id}`)).status).toBe(200);
    const used = await env()
      .database.db.selectFrom("api_tokens")
      .select("last_used_at")
      .where("created_by", "=", admin.id)
      .executeTakeFirstOrThrow();
    expect(used.last_used_at).not.toBeNull();
    // The issuer loses the grant: the token is suspended at once.
    await env().database.db.deleteFrom("role_grants").where("user_id", "=", admin.id).execute();
    const after = await bot.get<Problem>(`/api/v1/clusters/${qom.id}`);
    expect(after.status).toBe(401);
    expect(after.body.code).toBe("token_suspended");
  });
});
