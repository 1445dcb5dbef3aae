import { expect, it } from "vitest";
import { addDaysIso, todayIso } from "../../src/core/jalali";
import { sha256 } from "../../src/server/auth/secrets";
import { Client, signedIn } from "../support/client";
import { describeEngines, makeCluster, makeUser } from "../support/harness";

type Problem = { code: string; status: number };
type Issued = { token: string; item: { id: string; role: string; provinceCode: string | null } };

describeEngines("API tokens", (env) => {
  it("issues a token once, stores only its hash, and the token works as a Bearer on the API", async () => {
    const admin = await signedIn(env(), await makeUser(env(), { role: "province_admin", provinceCode: "IR-25" }));
    const qomCluster = await makeCluster(env(), { provinceCode: "IR-25" });
    const zanjanCluster = await makeCluster(env(), { provinceCode: "IR-19" });
    const r = await admin.post<Issued>("/api/v1/tokens", {
      name: "سامانه گزارش قم",
      role: "province_admin",
      provinceCode: "IR-25",
    });
    expect(r.status).toBe(201);
    expect(r.body.token).toMatch(/^khs_/);
    const row = await env()
      .database.db.selectFrom("api_tokens")
      .selectAll()
      .where("id", "=", r.body.item.id)
      .executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(sha256(r.body.token));
    expect(JSON.stringify(row)).not.toContain(r.body.token);
    const list = await admin.get<{ items: Record<string, unknown>[] }>("/api/v1/tokens");
    expect(JSON.stringify(list.body)).not.toContain(r.body.token);

    const bot = new Client(env());
    bot.bearer = r.body.token;
    expect((await bot.get(`/api/v1/clusters/${qomCluster.id}`)).status).toBe(200);
    // A token for another scope: the Zanjan cluster is not revealed.
    expect((await bot.get(`/api/v1/clusters/${zanjanCluster.id}`)).status).toBe(404);
    const clusters = await bot.get<{ items: { provinceCode: string }[] }>("/api/v1/clusters?limit=200");
    expect(clusters.body.items.every((c) => c.provinceCode === "IR-25")).toBe(true);
    // Bearer requests need no CSRF header and can write within their scope.
    const created = await bot.post("/api/v1/users", {
      email: "bot-made@test.ir",
      name: "ساخته ربات",
      password: "Bot-made-12345",
      grant: { role: "province_admin", provinceCode: "IR-25" },
    });
    expect(created.status).toBe(201);

    const revoke = await admin.del(`/api/v1/tokens/${r.body.item.id}`);
    expect(revoke.status).toBe(204);
    const after = await bot.get<Problem>("/api/v1/clusters");
    expect(after.status).toBe(401);
    expect(after.body.code).toBe("invalid_token");
  });

  it("names the cluster a token is scoped to", async () => {
    const cluster = await makeCluster(env(), { provinceCode: "IR-25", nameFa: "خوشه توکن‌دار" });
    const nat = await signedIn(env(), await makeUser(env(), { role: "national_admin" }));
    const r = await nat.post<Issued & { item: { clusterName: string | null } }>("/api/v1/tokens", {
      name: "درگاه خوشه",
      role: "cluster_manager",
      clusterId: cluster.id,
    });
    expect(r.body.item).toMatchObject({ provinceCode: "IR-25", clusterName: "خوشه توکن‌دار" });
    const list = await nat.get<{ items: { id: string; clusterName: string | null }[] }>("/api/v1/tokens");
    expect(list.body.items.find((t) => t.id === r.body.item.id)?.clusterName).toBe("خوشه توکن‌دار");
  });

  it("refuses tokens beyond the issuer's own reach, and rejects unknown, malformed and expired tokens", async () => {
    const qom = await signedIn(env(), await makeUser(env(), { role: "province_admin", provinceCode: "IR-25" }));
    const nat = await signedIn(env(), await makeUser(env(), { role: "national_admin" }));
    expect((await qom.post("/api/v1/tokens", { name: "t", role: "national_admin" })).status).toBe(403);
    expect(
      (await qom.post("/api/v1/tokens", { name: "t", role: "province_admin", provinceCode: "IR-19" })).status,
    ).toBe(403);
    const past = await nat.post<Problem>("/api/v1/tokens", {
      name: "t",
      role: "national_admin",
      expiresAt: "2020-01-01",
    });
    expect(past.status).toBe(400);

    const soon = await nat.post<Issued>("/api/v1/tokens", {
      name: "t",
      role: "national_admin",
      expiresAt: addDaysIso(todayIso(), 30),
    });
    expect(soon.status).toBe(201);
    await env()
      .database.db.updateTable("api_tokens")
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where("id", "=", soon.body.item.id)
      .execute();
    for (const header of [`Bearer ${soon.body.token}`, "Bearer khs_made_up", "Basic abc"]) {
      const r = await new Client(env()).req<Problem>("GET", "/api/v1/provinces", undefined, { authorization: header });
      expect(r.status).toBe(401);
      expect(r.body.code).toBe("invalid_token");
    }
  });
});
