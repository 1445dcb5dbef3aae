/**
 * Issue 6, findings 1, 2, 4 and 8: account takeover across scopes, tokens
 * that outlived their issuer's rights, lockout as a weapon, and small leaks.
 * Each test reproduces the probe's finding and failed before the fix.
 */
import { expect, it } from "vitest";
import { Client, signedIn } from "../support/client";
import { describeEngines, makeCluster, makeUser, type TestEnv } from "../support/harness";

type Problem = { code: string; detail: string; status: number };
type User = { id: string; email: string; homeProvinceCode: string | null; grants: { role: string }[] };
type Token = { id: string; state: string; revokedReason: string | null; issuedByName: string | null };

async function grantRow(
  env: TestEnv,
  userId: string,
  grant: { role: string; provinceCode?: string; clusterId?: string },
) {
  await env.database.db
    .insertInto("role_grants")
    .values({
      id: crypto.randomUUID(),
      user_id: userId,
      role: grant.role,
      province_code: grant.provinceCode ?? null,
      cluster_id: grant.clusterId ?? null,
      enterprise_id: null,
      created_at: new Date().toISOString(),
      created_by: null,
    })
    .execute();
}

async function passwordHash(env: TestEnv, userId: string) {
  const r = await env.database.db
    .selectFrom("users")
    .select(["password_hash", "active", "name"])
    .where("id", "=", userId)
    .executeTakeFirstOrThrow();
  return r;
}

describeEngines(
  "security: accounts, tokens and sign-in limits",
  (env) => {
    it("finding 1: a province admin cannot reset, edit or deactivate a Qom-home national admin", async () => {
      const nat = await signedIn(env(), await makeUser(env(), { role: "national_admin" }));
      const qom = await signedIn(env(), await makeUser(env(), { role: "province_admin", provinceCode: "IR-25" }));
      // As in the probe: the national admin creates a Qom-home user and grants them national_admin.
      const made = await nat.post<User>("/api/v1/users", {
        email: "qom-home-national@test.ir",
        name: "مدیر ملی ساکن قم",
        password: "Original-pass-123",
        grant: { role: "province_admin", provinceCode: "IR-25" },
      });
      expect(made.status).toBe(201);
      expect((await nat.post(`/api/v1/users/${made.body.id}/grants`, { role: "national_admin" })).status).toBe(201);
      const before = await passwordHash(env(), made.body.id);

      const reset = await qom.post<Problem>(`/api/v1/users/${made.body.id}/password`, { password: "TakenOver12345" });
      expect(reset.status).toBe(403);
      expect(reset.body.code).toBe("forbidden");
      const rename = await qom.patch<Problem>(`/api/v1/users/${made.body.id}`, { name: "ربوده" });
      expect(rename.status).toBe(403);
      const off = await qom.patch<Problem>(`/api/v1/users/${made.body.id}`, { active: false });
      expect(off.status).toBe(403);
      // Nothing changed, and the old password still signs in.
      expect(await passwordHash(env(), made.body.id)).toEqual(before);
      expect((await new Client(env()).login("qom-home-national@test.ir", "TakenOver12345")).status).toBe(401);
      expect((await new Client(env()).login("qom-home-national@test.ir", "Original-pass-123")).status).toBe(200);

      // They are still visible (their home is Qom) and the detail says they cannot be managed.
      const seen = await qom.get<User & { can: { manage: boolean } }>(`/api/v1/users/${made.body.id}`);
      expect(seen.status).toBe(200);
      expect(seen.body.can).toEqual({ manage: false });
      // The national admin still manages them.
      expect((await nat.get<{ can: { manage: boolean } }>(`/api/v1/users/${made.body.id}`)).body.can).toEqual({
        manage: true,
      });
    });

    it("finding 1: nor a Qom-home user who holds a grant in Khorasan Razavi", async () => {
      const qom = await signedIn(env(), await makeUser(env(), { role: "province_admin", provinceCode: "IR-25" }));
      const khorasanCluster = await makeCluster(env(), { provinceCode: "IR-09" });
      const target = await makeUser(env(), { role: "province_admin", provinceCode: "IR-25" });
      await grantRow(env(), target.id, {
        role: "cluster_manager",
        clusterId: khorasanCluster.id,
        provinceCode: "IR-09",
      });
      const before = await passwordHash(env(), target.id);
      expect((await qom.post(`/api/v1/users/${target.id}/password`, { password: "TakenOver12345" })).status).toBe(403);
      expect((await qom.patch(`/api/v1/users/${target.id}`, { name: "ربوده", active: false })).status).toBe(403);
      expect(await passwordHash(env(), target.id)).toEqual(before);
      // A Qom user with only Qom roles is still theirs to manage.
      const own = await makeUser(env(), { role: "province_admin", provinceCode: "IR-25" });
      expect((await qom.post(`/api/v1/users/${own.id}/password`, { password: "Reset-in-qom-123" })).status).toBe(204);
    });

    it("finding 2: a token stops working the moment its issuer loses the grant, and works again if it comes back", async () => {
      const nat = await signedIn(env(), await makeUser(env(), { role: "national_admin" }));
      const issuer = await makeUser(env(), { role: "province_admin", provinceCode: "IR-25" });
      const issuerSession = await signedIn(env(), issuer);
      const issued = await issuerSession.post<{ token: string; item: Token }>("/api/v1/tokens", {
        name: "سامانه استان",
        role: "province_admin",
        provinceCode: "IR-25",
      });
      expect(issued.status).toBe(201);
      expect(issued.body.item.state).toBe("active");
      const bot = new Client(env());
      bot.bearer = issued.body.token;
      expect((await bot.get("/api/v1/users")).status).toBe(200);

      // The national admin revokes the issuer's province_admin grant.
      const detail = await nat.get<{ grants: { id: string; role: string }[] }>(`/api/v1/users/${issuer.id}`);
      const grantId = detail.body.grants.find((g) => g.role === "province_admin")!.id;
      expect((await nat.del(`/api/v1/users/${issuer.id}/grants/${grantId}`)).status).toBe(200);

      const list = await bot.get<Problem>("/api/v1/users");
      expect(list.status).toBe(401);
      expect(list.body.code).toBe("token_suspended");
      const create = await bot.post<Problem>("/api/v1/users", {
        email: "bot-after-revoke@test.ir",
        name: "ساخته پس از ابطال",
        password: "Bot-made-12345",
        grant: { role: "province_admin", provinceCode: "IR-25" },
      });
      expect(create.status).toBe(401);
      const row = await env()
        .database.db.selectFrom("users")
        .select("id")
        .where("email", "=", "bot-after-revoke@test.ir")
        .executeTakeFirst();
      expect(row).toBeUndefined();
      // The tokens page shows it suspended, with who issued it.
      const tokens = await nat.get<{ items: Token[] }>("/api/v1/tokens");
      const shown = tokens.body.items.find((t) => t.id === issued.body.item.id)!;
      expect(shown.state).toBe("suspended");
      expect(shown.issuedByName).toBe("کاربر آزمایشی");

      // Granted again, the token holds again: it is the issuer's live rights that decide.
      expect(
        (await nat.post(`/api/v1/users/${issuer.id}/grants`, { role: "province_admin", provinceCode: "IR-25" })).status,
      ).toBe(201);
      expect((await bot.get("/api/v1/users")).status).toBe(200);
    });

    it("finding 2: a password reset by someone else and a deactivation revoke the person's tokens, audited", async () => {
      const nat = await signedIn(env(), await makeUser(env(), { role: "national_admin" }));
      const issuer = await makeUser(env(), { role: "province_admin", provinceCode: "IR-25" });
      const issuerSession = await signedIn(env(), issuer);
      const issue = async (name: string) =>
        (
          await issuerSession.post<{ token: string; item: Token }>("/api/v1/tokens", {
            name,
            role: "province_admin",
            provinceCode: "IR-25",
          })
        ).body;
      const first = await issue("پیش از بازنشانی");
      await nat.post(`/api/v1/users/${issuer.id}/password`, { password: "Reset-by-nat-123" });
      const bot = new Client(env());
      bot.bearer = first.token;
      const after = await bot.get<Problem>("/api/v1/users");
      expect(after.status).toBe(401);
      expect(after.body.code).toBe("invalid_token");
      const tokens = await nat.get<{ items: Token[] }>("/api/v1/tokens");
      expect(tokens.body.items.find((t) => t.id === first.item.id)).toMatchObject({
        state: "revoked",
        revokedReason: "issuer_password_reset",
      });
      const audit = await nat.get<{ items: { action: string; targetId: string; summary: string }[] }>(
        "/api/v1/audit?action=token.revoke&limit=200",
      );
      const entry = audit.body.items.find((e) => e.targetId === first.item.id);
      expect(JSON.parse(entry!.summary)).toMatchObject({ reason: "issuer_password_reset" });

      // The issuer's own password change keeps their tokens (no one else acted on the account).
      const again = await signedIn(env(), { email: issuer.email, password: "Reset-by-nat-123" });
      const second = (
        await again.post<{ token: string; item: Token }>("/api/v1/tokens", {
          name: "پس از بازنشانی",
          role: "province_admin",
          provinceCode: "IR-25",
        })
      ).body;
      expect(
        (
          await again.post("/api/v1/auth/password", {
            currentPassword: "Reset-by-nat-123",
            newPassword: "Own-change-1234",
          })
        ).status,
      ).toBe(204);
      bot.bearer = second.token;
      expect((await bot.get("/api/v1/users")).status).toBe(200);

      // Deactivation revokes them for good: reactivating the person does not bring them back.
      expect((await nat.patch(`/api/v1/users/${issuer.id}`, { active: false })).status).toBe(200);
      expect((await bot.get<Problem>("/api/v1/users")).status).toBe(401);
      expect((await nat.patch(`/api/v1/users/${issuer.id}`, { active: true })).status).toBe(200);
      expect((await bot.get<Problem>("/api/v1/users")).body.code).toBe("invalid_token");
      const listed = await nat.get<{ items: Token[] }>("/api/v1/tokens");
      expect(listed.body.items.find((t) => t.id === second.item.id)?.revokedReason).toBe("issuer_deactivated");
    });

    it("finding 4: five wrong passwords do not lock the owner out of a browser they signed in from before", async () => {
      const u = await makeUser(env(), { role: "member" });
      const owner = new Client(env());
      expect((await owner.login(u.email, u.password)).status).toBe(200);
      expect(owner.device).toMatch(/^khooshe_device=/);
      const attacker = new Client(env());
      for (let i = 0; i < 6; i++) {
        await attacker.req(
          "POST",
          "/api/v1/auth/login",
          { email: u.email, password: `guess-${i}` },
          {
            "x-forwarded-for": "203.0.113.7",
          },
        );
      }
      // The attacker (and any new browser) now waits, and the wait grows with each failure.
      const blocked = await attacker.req<Problem>(
        "POST",
        "/api/v1/auth/login",
        { email: u.email, password: u.password },
        {
          "x-forwarded-for": "203.0.113.7",
        },
      );
      expect(blocked.status).toBe(429);
      expect(blocked.body.code).toBe("too_many_attempts");
      const lockMinutes = async () => {
        const row = await env()
          .database.db.selectFrom("login_failures")
          .selectAll()
          .where("key", "=", `acct:${u.email}`)
          .executeTakeFirstOrThrow();
        return (Date.parse(row.locked_until!) - Date.now()) / 60_000;
      };
      // 5 failures: 1 minute (a refused attempt during the lock does not count).
      expect(await lockMinutes()).toBeGreaterThan(0.9);
      expect(await lockMinutes()).toBeLessThanOrEqual(1);
      // Once that minute is over, the next failure locks for 2 minutes.
      await env()
        .database.db.updateTable("login_failures")
        .set({ locked_until: new Date(Date.now() - 1000).toISOString() })
        .where("key", "=", `acct:${u.email}`)
        .execute();
      await attacker.req(
        "POST",
        "/api/v1/auth/login",
        { email: u.email, password: "guess-again" },
        {
          "x-forwarded-for": "203.0.113.7",
        },
      );
      expect(await lockMinutes()).toBeGreaterThan(1.9);
      expect(await lockMinutes()).toBeLessThanOrEqual(2);
      // The owner's known browser signs in with the right password...
      owner.cookie = null;
      expect((await owner.login(u.email, u.password)).status).toBe(200);
      // ...but a wrong password from it is still refused, and the attacker still waits.
      owner.cookie = null;
      expect((await owner.login(u.email, "still-wrong")).status).toBe(401);
      const still = await attacker.req(
        "POST",
        "/api/v1/auth/login",
        { email: u.email, password: u.password },
        {
          "x-forwarded-for": "203.0.113.7",
        },
      );
      expect(still.status).toBe(429);
    });

    it("finding 4: an IP over its limit does not stop other people's correct sign-ins from known browsers", async () => {
      const colleague = await makeUser(env(), { role: "member" });
      const browser = new Client(env());
      const office = { "x-forwarded-for": "198.51.100.20" };
      expect(
        (
          await browser.req(
            "POST",
            "/api/v1/auth/login",
            { email: colleague.email, password: colleague.password },
            office,
          )
        ).status,
      ).toBe(200);
      const guesser = new Client(env());
      let last = 0;
      for (let i = 0; i < 31 && last !== 429; i++) {
        last = (await guesser.req("POST", "/api/v1/auth/login", { email: `nobody${i}@test.ir`, password: "x" }, office))
          .status;
      }
      expect(last).toBe(429);
      // The same office IP: the colleague's browser that signed in before still gets in.
      browser.cookie = null;
      const ok = await browser.req(
        "POST",
        "/api/v1/auth/login",
        { email: colleague.email, password: colleague.password },
        office,
      );
      expect(ok.status).toBe(200);
      // An unknown browser at that IP waits; from another IP it is not affected.
      const fresh = await new Client(env()).req(
        "POST",
        "/api/v1/auth/login",
        { email: colleague.email, password: colleague.password },
        office,
      );
      expect(fresh.status).toBe(429);
      const elsewhere = await new Client(env()).req(
        "POST",
        "/api/v1/auth/login",
        { email: colleague.email, password: colleague.password },
        {
          "x-forwarded-for": "198.51.100.99",
        },
      );
      expect(elsewhere.status).toBe(200);
    });

    it("finding 4: the current-password check of a password change counts toward the account's limit", async () => {
      const u = await makeUser(env(), { role: "member" });
      const c = await signedIn(env(), u);
      for (let i = 0; i < 5; i++) {
        const r = await c.post<Problem>("/api/v1/auth/password", {
          currentPassword: `nope-${i}`,
          newPassword: "Brand-new-12345",
        });
        expect(r.body.code).toBe("wrong_current_password");
      }
      const locked = await c.post<Problem>("/api/v1/auth/password", {
        currentPassword: u.password,
        newPassword: "Brand-new-12345",
      });
      expect(locked.status).toBe(429);
      expect(locked.body.code).toBe("too_many_attempts");
      // The password did not change.
      expect((await c.get("/api/v1/auth/me")).status).toBe(200);
      const hash = await passwordHash(env(), u.id);
      expect(hash.password_hash).toBeTruthy();
      expect(
        (
          await new Client(env()).req(
            "POST",
            "/api/v1/auth/login",
            { email: u.email, password: "Brand-new-12345" },
            { "x-forwarded-for": "192.0.2.50" },
          )
        ).status,
      ).not.toBe(200);
    });

    it("finding 8: creating a user with an e-mail from another province invites that person instead of saying it exists", async () => {
      const qom = await signedIn(env(), await makeUser(env(), { role: "province_admin", provinceCode: "IR-25" }));
      const qomCluster = await makeCluster(env(), { provinceCode: "IR-25" });
      const elsewhere = await makeUser(
        env(),
        { role: "province_admin", provinceCode: "IR-09" },
        { email: "khorasan.person@test.ir" },
      );
      const before = await passwordHash(env(), elsewhere.id);
      const r = await qom.post<User & { invited: boolean }>("/api/v1/users", {
        email: "khorasan.person@test.ir",
        name: "نام دیگری",
        password: "Whatever-12345",
        grant: { role: "cluster_manager", clusterId: qomCluster.id },
      });
      expect(r.status).toBe(200);
      expect(r.body.invited).toBe(true);
      expect(r.body.grants.map((g) => g.role).sort()).toEqual(["cluster_manager", "province_admin"]);
      // Their account is theirs: name and password untouched; told by e-mail.
      expect(await passwordHash(env(), elsewhere.id)).toEqual(before);
      const mail = await env()
        .database.db.selectFrom("outbox")
        .selectAll()
        .where("to_address", "=", "khorasan.person@test.ir")
        .executeTakeFirstOrThrow();
      expect(mail.body).toContain("مدیر خوشه");
      // Now visible to Qom (they hold a role there), but not Qom's to manage.
      const seen = await qom.get<{ can: { manage: boolean } }>(`/api/v1/users/${elsewhere.id}`);
      expect(seen.body.can).toEqual({ manage: false });
      expect((await qom.post(`/api/v1/users/${elsewhere.id}/password`, { password: "TakenOver12345" })).status).toBe(
        403,
      );
      // Someone Qom can already see answers email_taken as before; without a role there is nothing to invite to.
      const again = await qom.post<Problem>("/api/v1/users", {
        email: "khorasan.person@test.ir",
        name: "باز",
        password: "Whatever-12345",
        grant: { role: "province_admin", provinceCode: "IR-25" },
      });
      expect(again.status).toBe(409);
      const noRole = await qom.post<Problem>("/api/v1/users", {
        email: "no-role@test.ir",
        name: "بی‌نقش",
        password: "Whatever-12345",
      });
      expect(noRole.status).toBe(400);
      expect(noRole.body.code).toBe("grant_required");
    });

    it("finding 8: the audit's action list holds only actions that occur in the caller's scope", async () => {
      const nat = await signedIn(env(), await makeUser(env(), { role: "national_admin" }));
      // A token issued in Zanjan writes token.issue with province IR-19 only.
      await nat.post("/api/v1/tokens", { name: "زنجان", role: "province_admin", provinceCode: "IR-19" });
      const zanjanOnly = await env()
        .database.db.selectFrom("audit_log")
        .select("action")
        .distinct()
        .where("province_code", "=", "IR-19")
        .execute();
      expect(zanjanOnly.map((r) => r.action)).toContain("token.issue");
      const qomAdmin = await makeUser(
        env(),
        { role: "province_admin", provinceCode: "IR-25" },
        { homeProvinceCode: "IR-25" },
      );
      const qom = await signedIn(env(), qomAdmin);
      const actions = await qom.get<string[] | { items: string[] }>("/api/v1/audit/actions");
      const list = Array.isArray(actions.body) ? actions.body : actions.body.items;
      const qomRows = await env()
        .database.db.selectFrom("audit_log")
        .select("action")
        .distinct()
        .where("province_code", "=", "IR-25")
        .execute();
      expect([...list].sort()).toEqual(qomRows.map((r) => r.action).sort());
      const national = await nat.get<string[] | { items: string[] }>("/api/v1/audit/actions");
      const all = Array.isArray(national.body) ? national.body : national.body.items;
      expect(all).toContain("token.issue");
    });
  },
  { TRUST_PROXY: "true" },
);
