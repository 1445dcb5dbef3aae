import { expect, it } from "vitest";
import { Client, signedIn } from "../support/client";
import { describeEngines, makeCluster, makeEnterprise, makeUser } from "../support/harness";

type Problem = { code: string; detail: string; status: number; errors?: { path: string; message: string }[] };
type User = { id: string; email: string; active: boolean; homeProvinceCode: string | null; grants: Grant[] };
type Grant = {
  id: string;
  role: string;
  provinceCode: string | null;
  clusterId: string | null;
  clusterName: string | null;
};

describeEngines("users and grants", (env) => {
  it("lets a national admin create a province admin, who can then sign in", async () => {
    const admin = await signedIn(env(), await makeUser(env(), { role: "national_admin" }));
    const r = await admin.post<User>("/api/v1/users", {
      email: "  Zanjan.Admin@Test.IR ",
      name: "مدير استان زنجان",
      password: "Zanjan-pass-2024",
      grant: { role: "province_admin", provinceCode: "IR-19" },
    });
    expect(r.status).toBe(201);
    expect(r.body.email).toBe("zanjan.admin@test.ir");
    expect(r.body.homeProvinceCode).toBe("IR-19");
    expect(r.body.grants).toHaveLength(1);
    expect(r.body.grants[0]).toMatchObject({ role: "province_admin", provinceCode: "IR-19" });
    const zanjan = await signedIn(env(), { email: "zanjan.admin@test.ir", password: "Zanjan-pass-2024" });
    const me = await zanjan.get<{ permissions: string[] }>("/api/v1/auth/me");
    expect(me.body.permissions).toContain("user.manage");
    // The new user got a welcome notification and a kept e-mail in the outbox.
    const notes = await zanjan.get<{ items: { kind: string }[]; unread: number }>("/api/v1/notifications");
    expect(notes.body.items.map((n) => n.kind)).toContain("welcome");
    expect(notes.body.unread).toBeGreaterThan(0);
    const outbox = await admin.get<{ items: { to: string; status: string; subject: string }[] }>("/api/v1/outbox");
    const mail = outbox.body.items.find((m) => m.to === "zanjan.admin@test.ir");
    expect(mail?.status).toBe("kept");
    expect(mail?.subject).toContain("خوشه");
  });

  it("keeps a province admin inside their province", async () => {
    const qomAdmin = await makeUser(env(), { role: "province_admin", provinceCode: "IR-25" });
    const zanjanUser = await makeUser(env(), { role: "province_admin", provinceCode: "IR-19" });
    const qom = await signedIn(env(), qomAdmin);
    const zanjanCluster = await makeCluster(env(), { provinceCode: "IR-19" });

    // Creating in one's own province works; the user's home is Qom.
    const ok = await qom.post<User>("/api/v1/users", {
      email: "qom.staff@test.ir",
      name: "کارشناس قم",
      password: "Qom-staff-12345",
      grant: { role: "province_admin", provinceCode: "IR-25" },
    });
    expect(ok.status).toBe(201);
    expect(ok.body.homeProvinceCode).toBe("IR-25");

    // Another province, a national grant, or a cluster elsewhere: refused, nothing written.
    for (const grant of [
      { role: "province_admin", provinceCode: "IR-19" },
      { role: "national_admin" },
      { role: "cluster_manager", clusterId: zanjanCluster.id },
    ]) {
      const r = await qom.post<Problem>("/api/v1/users", {
        email: `x-${grant.role}@test.ir`,
        name: "غریبه",
        password: "Stranger-12345",
        grant,
      });
      expect(r.status).toBe(403);
      const row = await env()
        .database.db.selectFrom("users")
        .select("id")
        .where("email", "=", `x-${grant.role}@test.ir`)
        .executeTakeFirst();
      expect(row).toBeUndefined();
    }

    // The list shows only Qom users; a Zanjan user is not even revealed.
    const list = await qom.get<{ items: User[]; total: number }>("/api/v1/users?limit=200");
    expect(list.body.items.every((u) => u.homeProvinceCode === "IR-25")).toBe(true);
    expect((await qom.get(`/api/v1/users/${zanjanUser.id}`)).status).toBe(404);
    expect((await qom.patch(`/api/v1/users/${zanjanUser.id}`, { active: false })).status).toBe(404);
    expect((await qom.post(`/api/v1/users/${zanjanUser.id}/password`, { password: "Whatever-12345" })).status).toBe(
      404,
    );
  });

  it("grants and revokes roles with their implied scope", async () => {
    const admin = await signedIn(env(), await makeUser(env(), { role: "national_admin" }));
    const cluster = await makeCluster(env(), { provinceCode: "IR-26", nameFa: "خوشه بسته‌بندی آزمون" });
    const ent = await makeEnterprise(env(), cluster);
    const u = await makeUser(env(), undefined, { homeProvinceCode: "IR-26" });

    const g1 = await admin.post<User>(`/api/v1/users/${u.id}/grants`, {
      role: "cluster_manager",
      clusterId: cluster.id,
    });
    expect(g1.status).toBe(201);
    expect(g1.body.grants[0]).toMatchObject({ role: "cluster_manager", clusterId: cluster.id, provinceCode: "IR-26" });
    expect(g1.body.grants[0]?.clusterName).toBe("خوشه بسته‌بندی آزمون");
    const dup = await admin.post<Problem>(`/api/v1/users/${u.id}/grants`, {
      role: "cluster_manager",
      clusterId: cluster.id,
    });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe("grant_exists");
    const g2 = await admin.post<User>(`/api/v1/users/${u.id}/grants`, { role: "member", enterpriseId: ent.id });
    expect(g2.status).toBe(201);
    expect(g2.body.grants).toHaveLength(2);

    // Shapes that do not fit the role, or scopes that do not exist.
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ role: "province_admin" }, "invalid_grant_scope"],
      [{ role: "province_admin", provinceCode: "IR-99" }, "unknown_province"],
      [{ role: "national_admin", provinceCode: "IR-25" }, "invalid_grant_scope"],
      [{ role: "cluster_manager", clusterId: "00000000-0000-4000-8000-000000000000" }, "unknown_cluster"],
      [{ role: "member", clusterId: cluster.id }, "invalid_grant_scope"],
    ];
    for (const [body, code] of cases) {
      const r = await admin.post<Problem>(`/api/v1/users/${u.id}/grants`, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.code).toBe(code);
    }

    const revoked = await admin.del<User>(`/api/v1/users/${u.id}/grants/${g1.body.grants[0]!.id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.grants.map((g) => g.role)).toEqual(["member"]);
    const kinds = await env()
      .database.db.selectFrom("notifications")
      .select("kind")
      .where("user_id", "=", u.id)
      .execute();
    expect(kinds.map((k) => k.kind).sort()).toEqual(["grant_added", "grant_added", "grant_revoked"]);
  });

  it("resets a password and deactivates a user, ending their sessions", async () => {
    const admin = await signedIn(env(), await makeUser(env(), { role: "province_admin", provinceCode: "IR-25" }));
    const target = await makeUser(env(), { role: "province_admin", provinceCode: "IR-25" });
    const victimSession = await signedIn(env(), target);

    const weak = await admin.post<Problem>(`/api/v1/users/${target.id}/password`, { password: "123" });
    expect(weak.body.code).toBe("weak_password");
    const reset = await admin.post(`/api/v1/users/${target.id}/password`, { password: "Reset-by-admin-1" });
    expect(reset.status).toBe(204);
    expect((await victimSession.get("/api/v1/auth/me")).status).toBe(401);
    expect((await new Client(env()).login(target.email, target.password)).status).toBe(401);
    const fresh = await signedIn(env(), { email: target.email, password: "Reset-by-admin-1" });

    const off = await admin.patch<User>(`/api/v1/users/${target.id}`, { active: false });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    expect((await fresh.get("/api/v1/auth/me")).status).toBe(401);
    // A deactivated account answers the right password exactly as a wrong one.
    const inactive = await new Client(env()).login(target.email, "Reset-by-admin-1");
    expect(inactive.status).toBe(401);
    expect((inactive.body as unknown as Problem).code).toBe("invalid_credentials");

    const me = await admin.get<{ user: { id: string } }>("/api/v1/auth/me");
    const self = await admin.patch<Problem>(`/api/v1/users/${me.body.user.id}`, { active: false });
    expect(self.status).toBe(400);
    expect(self.body.code).toBe("cannot_change_self");
  });

  it("lists with paging, sorting and Persian search that ignores spelling variants", async () => {
    const admin = await signedIn(env(), await makeUser(env(), { role: "national_admin" }));
    await makeUser(env(), { role: "member" }, { name: "علی كريمي", homeProvinceCode: "IR-10" });
    await makeUser(env(), { role: "member" }, { name: "زهرا احمدی", homeProvinceCode: "IR-10" });
    const r = await admin.get<{ items: { name: string }[]; total: number }>(
      `/api/v1/users?q=${encodeURIComponent("کریمی")}`,
    );
    expect(r.body.items.map((u) => u.name)).toEqual(["علی كريمي"]);
    const page = await admin.get<{ items: { name: string }[]; total: number }>(
      "/api/v1/users?limit=2&offset=0&sort=email",
    );
    expect(page.body.items).toHaveLength(2);
    expect(page.body.total).toBeGreaterThan(2);
    const desc = await admin.get<{ items: { email: string }[] }>("/api/v1/users?limit=200&sort=email&order=desc");
    const emails = desc.body.items.map((u) => u.email);
    expect(emails).toEqual([...emails].sort().reverse());
  });

  it("answers bad input with a 4xx problem in the caller's language and changes nothing", async () => {
    const admin = await signedIn(env(), await makeUser(env(), { role: "national_admin" }));
    const count = async () =>
      Number(
        (
          await env()
            .database.db.selectFrom("users")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const valid = { email: "valid@test.ir", name: "نام", password: "Valid-pass-12345" };
    const bad: Array<[unknown, number, string]> = [
      ["{not json", 400, "bad_json"],
      [{ ...valid, extra: 1 }, 400, "validation_failed"],
      [{ ...valid, email: 42 }, 400, "validation_failed"],
      [{ ...valid, email: "not-an-email" }, 400, "validation_failed"],
      [{ ...valid, name: "ن".repeat(500) }, 400, "validation_failed"],
      [{ ...valid, grant: { role: "emperor" } }, 400, "validation_failed"],
      [{ ...valid, password: "short" }, 400, "weak_password"],
      [{ ...valid, name: "x".repeat(2 * 1024 * 1024) }, 413, "body_too_large"],
    ];
    for (const [body, status, code] of bad) {
      const r = await admin.post<Problem>("/api/v1/users", body);
      expect(r.status, code).toBe(status);
      expect(r.headers.get("content-type")).toContain("application/problem+json");
      expect(r.body.code).toBe(code);
      expect(r.text).not.toMatch(/at .*\.ts:\d+/);
    }
    const unknown = await admin.post<Problem>("/api/v1/users", { ...valid, extra: 1 });
    expect(unknown.body.detail).toBe("ورودی نامعتبر است.");
    expect(unknown.body.errors?.[0]?.message).toMatch(/[\u0600-\u06FF]/);
    admin.lang = "en";
    const en = await admin.post<Problem>("/api/v1/users", { ...valid, email: "nope" });
    expect(en.body.detail).toBe("The input is not valid.");
    expect(en.body.errors?.[0]?.path).toBe("body.email");
    const wrongType = await admin.post<Problem>("/api/v1/users", { ...valid, email: 42 });
    expect(wrongType.body.errors?.[0]?.message).toContain("number");
    expect(wrongType.body.errors?.[0]?.message).not.toContain("undefined");
    expect((await admin.get<Problem>("/api/v1/users/not-a-uuid")).status).toBe(400);
    expect((await admin.get<Problem>("/api/v1/users?limit=100000")).status).toBe(400);
    expect((await admin.get<Problem>("/api/v1/users/00000000-0000-4000-8000-000000000000")).status).toBe(404);
    await admin.post("/api/v1/users", valid);
    const dup = await admin.post<Problem>("/api/v1/users", { ...valid, email: "VALID@test.ir" });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe("email_taken");
    expect(await count()).toBe(before + 1);
  });

  it("refuses roles without user management", async () => {
    const cluster = await makeCluster(env());
    for (const grant of [
      { role: "cluster_manager" as const, clusterId: cluster.id, provinceCode: cluster.provinceCode },
      { role: "council_member" as const, clusterId: cluster.id, provinceCode: cluster.provinceCode },
    ]) {
      const c = await signedIn(env(), await makeUser(env(), grant));
      expect((await c.get("/api/v1/users")).status).toBe(403);
      expect(
        (await c.post("/api/v1/users", { email: "n@test.ir", name: "ن", password: "Some-pass-12345" })).status,
      ).toBe(403);
      expect((await c.get("/api/v1/audit")).status).toBe(403);
      expect((await c.get("/api/v1/tokens")).status).toBe(403);
      expect((await c.get("/api/v1/outbox")).status).toBe(403);
    }
  });
});
