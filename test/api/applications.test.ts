import { randomBytes } from "node:crypto";
import { expect, it } from "vitest";
import { isCompanyNationalId } from "../../src/core/validators";
import { Client, signedIn } from "../support/client";
import { describeEngines, makeCluster, makeEnterprise, makeUser, type TestEnv } from "../support/harness";

type Problem = { code: string; status: number; detail: string; errors?: { path: string; message: string }[] };
type Receipt = { statusToken: string };
type Item = { id: string; clusterId: string; status: string; enterpriseName: string; createdAt: string };
type Detail = Item & {
  enterpriseId: string | null;
  nationalId: string | null;
  products: string[];
  reason: string | null;
  match: { id: string; name: string } | null;
  can: { decide: boolean };
};

/** A company national ID with a right check digit (the seed picks the first ten digits). */
function companyId(seed: number): string {
  const base = String(10_100_000_000 + seed * 7919)
    .slice(0, 10)
    .split("")
    .map(Number);
  const d = base[9]! + 2;
  const w = [29, 27, 23, 19, 17, 29, 27, 23, 19, 17];
  let s = 0;
  for (let i = 0; i < 10; i++) s += (base[i]! + d) * w[i]!;
  const r = s % 11;
  const id = base.join("") + String(r === 10 ? 0 : r);
  if (!isCompanyNationalId(id)) throw new Error(`seed ${seed} gives no valid id`);
  return id;
}
let seed = Math.floor(Math.random() * 100_000) + 1;
const nextCompanyId = () => {
  for (;;) {
    seed += 1;
    try {
      return companyId(seed);
    } catch {
      // a seed whose digits the rule refuses: take the next
    }
  }
};

const tag = () => randomBytes(3).toString("hex");
function applicationBody(over: Record<string, unknown> = {}) {
  return {
    enterpriseName: `بسته‌بندی نمونه ${tag()}`,
    contactPerson: "مریم احمدی",
    mobile: "۰۹۱۲۱۲۳۴۵۶۷",
    email: `applicant-${tag()}@test.ir`,
    city: "قزوین",
    products: ["فیلم پلیمری", "کارتن"],
    employees: 24,
    message: "مایل به عضویت در خوشه هستیم.",
    ...over,
  };
}

/** Each test applies from its own address, so the form's per-address limit is the test's own. */
const address = () =>
  `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

async function apply(c: Client, clusterId: string, body: unknown, ip = address()) {
  return c.req<Receipt & Problem>("POST", `/api/v1/public/clusters/${clusterId}/applications`, body, {
    "x-forwarded-for": ip,
  });
}

const outboxTo = (env: TestEnv, to: string) =>
  env.database.db.selectFrom("outbox").selectAll().where("to_address", "=", to).orderBy("created_at").execute();

function expectProblem(r: { status: number; body: unknown }, status: number, code: string) {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect((r.body as Problem).code).toBe(code);
}

describeEngines(
  "membership applications",
  (env) => {
    it("the public form: which cluster, validation in the applicant's language, honeypot, size limit", async () => {
      const anon = new Client(env());
      const cluster = await makeCluster(env(), { provinceCode: "IR-26", nameFa: `بسته‌بندی قزوین ${tag()}` });
      const form = await anon.get<{ clusterName: string; provinceName: string }>(
        `/api/v1/public/clusters/${cluster.id}/application-form`,
      );
      expect(form.status).toBe(200);
      expect(form.body.clusterName).toBe(cluster.nameFa);
      expect(form.body.provinceName).toBe("قزوین");

      const archived = await makeCluster(env(), { provinceCode: "IR-26" });
      await env()
        .database.db.updateTable("clusters")
        .set({ archived_at: new Date().toISOString() })
        .where("id", "=", archived.id)
        .execute();
      expectProblem(
        await anon.get(`/api/v1/public/clusters/${archived.id}/application-form`),
        404,
        "cluster_not_accepting",
      );
      expectProblem(await apply(anon, archived.id, applicationBody()), 404, "cluster_not_accepting");
      expectProblem(
        await apply(anon, "00000000-0000-4000-8000-000000000000", applicationBody()),
        404,
        "cluster_not_accepting",
      );

      const bad = await apply(anon, cluster.id, applicationBody({ nationalId: "10100000001", mobile: "12345" }));
      expectProblem(bad, 400, "validation_failed");
      const errs = Object.fromEntries((bad.body.errors ?? []).map((e) => [e.path, e.message]));
      expect(errs["body.nationalId"]).toBe("شناسه ملی درست نیست (۱۱ رقم با رقم کنترل).");
      expect(errs["body.mobile"]).toBe("شماره همراه درست نیست (مانند ۰۹۱۲۳۴۵۶۷۸۹).");
      anon.lang = "en";
      const badEn = await apply(anon, cluster.id, applicationBody({ email: "not-mail", products: [], employees: -1 }));
      expectProblem(badEn, 400, "validation_failed");
      const enPaths = (badEn.body.errors ?? []).map((e) => e.path).sort();
      expect(enPaths).toEqual(["body.email", "body.employees", "body.products"]);
      expect(badEn.body.errors!.find((e) => e.path === "body.products")!.message).toMatch(/[A-Za-z]/);
      anon.lang = "fa";
      const missing = await apply(anon, cluster.id, { enterpriseName: "x" });
      expect(missing.status).toBe(400);
      expect((missing.body.errors ?? []).map((e) => e.path)).toEqual(
        expect.arrayContaining(["body.contactPerson", "body.mobile", "body.email", "body.city", "body.products"]),
      );
      expectProblem(await apply(anon, cluster.id, applicationBody({ admin: true })), 400, "validation_failed");
      // 16 KB is the most an application may weigh.
      expectProblem(
        await apply(anon, cluster.id, applicationBody({ message: "ب".repeat(20_000) })),
        413,
        "body_too_large",
      );

      const trap = applicationBody({ homepage: "http://spam.example" });
      const trapped = await apply(anon, cluster.id, trap);
      expect(trapped.status).toBe(201);
      expect(trapped.body.statusToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const rows = await env()
        .database.db.selectFrom("membership_applications")
        .select("id")
        .where("cluster_id", "=", cluster.id)
        .execute();
      expect(rows).toEqual([]);
      expect(await outboxTo(env(), trap.email as string)).toEqual([]);
      expectProblem(
        await anon.post("/api/v1/public/application-status", { token: trapped.body.statusToken }),
        404,
        "application_status_unknown",
      );
    });

    it("the form takes ten applications per address in ten minutes", async () => {
      const anon = new Client(env());
      const cluster = await makeCluster(env(), { provinceCode: "IR-26" });
      const ip = address();
      for (let i = 0; i < 10; i++) {
        // Refused ones count too: the limit is on requests, before the body is read.
        const r = await apply(anon, cluster.id, i % 2 ? applicationBody() : { bad: 1 }, ip);
        expect(r.status).not.toBe(429);
      }
      expectProblem(await apply(anon, cluster.id, applicationBody(), ip), 429, "rate_limited");
      expect((await apply(anon, cluster.id, applicationBody(), address())).status).toBe(201);
    });

    it("mails links to the server's own address, never to a forged Host or X-Forwarded-Host", async () => {
      const anon = new Client(env());
      const cluster = await makeCluster(env(), { provinceCode: "IR-26" });
      const body = applicationBody();
      const r = await anon.req<Receipt & Problem>("POST", `/api/v1/public/clusters/${cluster.id}/applications`, body, {
        "x-forwarded-for": address(),
        host: "evil.example",
        "x-forwarded-host": "evil.example",
      });
      expect(r.status, r.text).toBe(201);
      const [mail] = await outboxTo(env(), body.email as string);
      expect(mail!.body).toContain(`${env().baseUrl}/application-status#${r.body.statusToken}`);
      expect(mail!.body).not.toContain("evil.example");
    });

    it("records an application, mails the private status link, and refuses a second one while it waits", async () => {
      const anon = new Client(env());
      const cluster = await makeCluster(env(), { provinceCode: "IR-26" });
      const other = await makeCluster(env(), { provinceCode: "IR-26" });
      const nid = nextCompanyId();
      const body = applicationBody({
        enterpriseName: "پلاستيك  ساز قزوين",
        nationalId: nid.replace(/\d/g, (d) => "۰۱۲۳۴۵۶۷۸۹"[Number(d)]!),
      });
      const r = await apply(anon, cluster.id, body);
      expect(r.status, r.text).toBe(201);
      const token = r.body.statusToken;
      const row = await env()
        .database.db.selectFrom("membership_applications")
        .selectAll()
        .where("cluster_id", "=", cluster.id)
        .executeTakeFirstOrThrow();
      expect(row.national_id).toBe(nid);
      expect(row.mobile).toBe("09121234567");
      expect(row.status).toBe("pending");
      // Only the token's hash is kept.
      expect(row.status_token_hash).not.toContain(token);
      expect(row.status_token_hash).toMatch(/^[0-9a-f]{64}$/);
      const mails = await outboxTo(env(), body.email as string);
      expect(mails).toHaveLength(1);
      expect(mails[0]!.subject).toContain("پلاستيك  ساز قزوين");
      expect(mails[0]!.body).toContain(`/application-status#${token}`);

      // The same enterprise: its name in other letter forms and spacing, or its national ID under another name.
      expectProblem(
        await apply(anon, cluster.id, applicationBody({ enterpriseName: "پلاستیک‌ساز قزوین" })),
        409,
        "application_pending",
      );
      expectProblem(
        await apply(anon, cluster.id, applicationBody({ enterpriseName: "نام دیگر", nationalId: nid })),
        409,
        "application_pending",
      );
      // Another cluster takes it.
      expect(
        (await apply(anon, other.id, applicationBody({ enterpriseName: "پلاستیک ساز قزوین", nationalId: nid }))).status,
      ).toBe(201);

      const status = await anon.post<Record<string, unknown>>("/api/v1/public/application-status", { token });
      expect(status.status).toBe(200);
      expect(Object.keys(status.body).sort()).toEqual(["clusterName", "decidedAt", "reason", "status", "submittedAt"]);
      expect(status.body).toMatchObject({
        clusterName: cluster.nameFa,
        status: "pending",
        reason: null,
        decidedAt: null,
      });
      expect(status.text).not.toContain(body.email as string);
      expect(status.text).not.toContain("09121234567");
      expectProblem(
        await anon.post("/api/v1/public/application-status", { token: "A".repeat(43) }),
        404,
        "application_status_unknown",
      );
      expectProblem(await anon.post("/api/v1/public/application-status", { token: "short" }), 400, "validation_failed");
    });

    it("the queue is the reviewer's own: other clusters' managers get 404, members and council 403/404", async () => {
      const anon = new Client(env());
      const cluster = await makeCluster(env(), { provinceCode: "IR-26" });
      const elsewhere = await makeCluster(env(), { provinceCode: "IR-26" });
      const ent = await makeEnterprise(env(), cluster);
      const r = await apply(anon, cluster.id, applicationBody());
      expect(r.status).toBe(201);
      const id = (
        await env()
          .database.db.selectFrom("membership_applications")
          .select("id")
          .where("cluster_id", "=", cluster.id)
          .executeTakeFirstOrThrow()
      ).id;

      const manager = await signedIn(
        env(),
        await makeUser(env(), { role: "cluster_manager", provinceCode: "IR-26", clusterId: cluster.id }),
      );
      const otherManager = await signedIn(
        env(),
        await makeUser(env(), { role: "cluster_manager", provinceCode: "IR-26", clusterId: elsewhere.id }),
      );
      const member = await signedIn(
        env(),
        await makeUser(env(), { role: "member", provinceCode: "IR-26", clusterId: cluster.id, enterpriseId: ent.id }),
      );
      const council = await signedIn(
        env(),
        await makeUser(env(), { role: "council_member", provinceCode: "IR-26", clusterId: cluster.id }),
      );
      const province = await signedIn(env(), await makeUser(env(), { role: "province_admin", provinceCode: "IR-26" }));
      const otherProvince = await signedIn(
        env(),
        await makeUser(env(), { role: "province_admin", provinceCode: "IR-19" }),
      );

      const list = await manager.get<{ items: Item[]; total: number }>(`/api/v1/applications?status=pending`);
      expect(list.status).toBe(200);
      expect(list.body.items.map((i) => i.id)).toEqual([id]);
      expect((await manager.get<Detail>(`/api/v1/applications/${id}`)).body.can.decide).toBe(true);
      expect(
        (await province.get<{ items: Item[] }>(`/api/v1/applications?clusterId=${cluster.id}`)).body.items,
      ).toHaveLength(1);

      expect((await otherManager.get<{ total: number }>("/api/v1/applications")).body.total).toBe(0);
      expectProblem(await otherManager.get(`/api/v1/applications?clusterId=${cluster.id}`), 404, "not_found");
      expectProblem(await otherManager.get(`/api/v1/applications/${id}`), 404, "not_found");
      expectProblem(await otherManager.post(`/api/v1/applications/${id}/approve`, {}), 404, "not_found");
      expectProblem(await otherManager.post(`/api/v1/applications/${id}/reject`, { reason: "نه" }), 404, "not_found");
      expectProblem(await otherProvince.get(`/api/v1/applications/${id}`), 404, "not_found");
      expectProblem(await member.get("/api/v1/applications"), 403, "forbidden");
      expectProblem(await member.get(`/api/v1/applications/${id}`), 404, "not_found");
      expectProblem(await member.post(`/api/v1/applications/${id}/approve`, {}), 404, "not_found");
      expectProblem(await council.get("/api/v1/applications"), 403, "forbidden");
      expectProblem(await anon.get("/api/v1/applications"), 401, "unauthenticated");
      expectProblem(await anon.get(`/api/v1/applications/${id}`), 401, "unauthenticated");

      // Inviting a member user for an enterprise: its cluster's office only.
      const body = { email: `staff-${tag()}@test.ir`, name: "کارمند بنگاه" };
      expectProblem(
        await otherManager.post(`/api/v1/enterprises/${ent.id}/member-invitations`, body),
        404,
        "not_found",
      );
      expectProblem(await member.post(`/api/v1/enterprises/${ent.id}/member-invitations`, body), 403, "forbidden");
      expectProblem(await council.post(`/api/v1/enterprises/${ent.id}/member-invitations`, body), 403, "forbidden");
      const unchanged = await env()
        .database.db.selectFrom("users")
        .select("id")
        .where("email", "=", body.email)
        .execute();
      expect(unchanged).toEqual([]);
    });

    it("approving creates the enterprise, its membership and an invited member user, and mails both", async () => {
      const anon = new Client(env());
      const cluster = await makeCluster(env(), { provinceCode: "IR-26" });
      const managerUser = await makeUser(env(), {
        role: "cluster_manager",
        provinceCode: "IR-26",
        clusterId: cluster.id,
      });
      const manager = await signedIn(env(), managerUser);
      const nid = nextCompanyId();
      const body = applicationBody({ nationalId: nid, locale: "fa" });
      const token = (await apply(anon, cluster.id, body)).body.statusToken;
      const id = (
        await env()
          .database.db.selectFrom("membership_applications")
          .select("id")
          .where("cluster_id", "=", cluster.id)
          .executeTakeFirstOrThrow()
      ).id;
      const before = await manager.get<Detail>(`/api/v1/applications/${id}`);
      expect(before.body.match).toBeNull();

      const approved = await manager.post<Detail>(`/api/v1/applications/${id}/approve`, {});
      expect(approved.status, approved.text).toBe(200);
      expect(approved.body.status).toBe("approved");
      const enterpriseId = approved.body.enterpriseId!;
      expect(enterpriseId).toBeTruthy();
      const db = env().database.db;
      const ent = await db
        .selectFrom("enterprises")
        .innerJoin("actors", "actors.id", "enterprises.id")
        .select([
          "actors.name",
          "enterprises.national_id",
          "enterprises.cluster_id",
          "actors.city",
          "enterprises.contact_person",
        ])
        .where("enterprises.id", "=", enterpriseId)
        .executeTakeFirstOrThrow();
      expect(ent).toEqual({
        name: body.enterpriseName,
        national_id: nid,
        cluster_id: cluster.id,
        city: "قزوین",
        contact_person: "مریم احمدی",
      });
      const membership = await db
        .selectFrom("cluster_actors")
        .selectAll()
        .where("actor_id", "=", enterpriseId)
        .executeTakeFirstOrThrow();
      expect(membership.status).toBe("member");
      const products = await db
        .selectFrom("enterprise_products")
        .select("name")
        .where("enterprise_id", "=", enterpriseId)
        .orderBy("position")
        .execute();
      expect(products.map((p) => p.name)).toEqual(["فیلم پلیمری", "کارتن"]);

      const invitee = await db
        .selectFrom("users")
        .selectAll()
        .where("email", "=", body.email as string)
        .executeTakeFirstOrThrow();
      expect(invitee.active).toBe(0);
      expect(invitee.name).toBe("مریم احمدی");
      const grants = await db.selectFrom("role_grants").selectAll().where("user_id", "=", invitee.id).execute();
      expect(grants.map((g) => [g.role, g.enterprise_id, g.cluster_id, g.province_code])).toEqual([
        ["member", enterpriseId, cluster.id, "IR-26"],
      ]);
      // No password works before the invitation is accepted.
      expectProblem(await new Client(env()).login(body.email as string, "Test-pass-1234"), 401, "invalid_credentials");

      const mails = await outboxTo(env(), body.email as string);
      expect(mails.map((m) => m.subject)).toEqual([
        `درخواست عضویت «${body.enterpriseName}» دریافت شد`,
        `دعوت به سامانه خوشه برای «${body.enterpriseName}»`,
        `درخواست عضویت «${body.enterpriseName}» پذیرفته شد`,
      ]);
      const link = /\/invitation#([A-Za-z0-9_-]{43})/.exec(mails[1]!.body)?.[1];
      expect(link).toBeTruthy();
      const inv = await db
        .selectFrom("member_invitations")
        .selectAll()
        .where("user_id", "=", invitee.id)
        .executeTakeFirstOrThrow();
      expect(inv.token_hash).not.toBe(link);
      expect(Date.parse(inv.expires_at) - Date.now()).toBeGreaterThan(6.9 * 86_400_000);

      const audit = await db
        .selectFrom("audit_log")
        .select(["action", "actor_id"])
        .where((eb) => eb.or([eb("target_id", "=", id), eb("target_id", "=", invitee.id)]))
        .orderBy("at")
        .execute();
      expect(audit.map((a) => a.action)).toEqual(
        expect.arrayContaining(["application.submit", "application.approve", "user.create", "member.invite"]),
      );
      expect(audit.find((a) => a.action === "application.approve")!.actor_id).toBe(managerUser.id);

      expectProblem(await manager.post(`/api/v1/applications/${id}/approve`, {}), 409, "application_decided");
      expectProblem(
        await manager.post(`/api/v1/applications/${id}/reject`, { reason: "دیر" }),
        409,
        "application_decided",
      );
      const status = await anon.post<{ status: string; decidedAt: string | null }>(
        "/api/v1/public/application-status",
        { token },
      );
      expect(status.body.status).toBe("approved");
      expect(status.body.decidedAt).toBeTruthy();

      // The invitation: who it is for, a weak password refused, then set once; then sign in.
      const lookup = await anon.post<{ email: string; enterpriseName: string }>("/api/v1/public/invitations/lookup", {
        token: link,
      });
      expect(lookup.status).toBe(200);
      expect(lookup.body).toMatchObject({ email: body.email, enterpriseName: body.enterpriseName });
      expectProblem(
        await anon.post("/api/v1/public/invitations/accept", { token: link, password: "short" }),
        400,
        "weak_password",
      );
      const accepted = await anon.post("/api/v1/public/invitations/accept", {
        token: link,
        password: "Member-pass-2024",
      });
      expect(accepted.status, accepted.text).toBe(204);
      expectProblem(
        await anon.post("/api/v1/public/invitations/accept", { token: link, password: "Other-pass-2024" }),
        404,
        "invitation_invalid",
      );
      expectProblem(await anon.post("/api/v1/public/invitations/lookup", { token: link }), 404, "invitation_invalid");
      expectProblem(await new Client(env()).login(body.email as string, "Other-pass-2024"), 401, "invalid_credentials");
      const memberClient = await signedIn(env(), { email: body.email as string, password: "Member-pass-2024" });
      const me = await memberClient.get<{ user: { grants: { role: string; enterpriseId: string }[] } }>(
        "/api/v1/auth/me",
      );
      expect(me.body.user.grants.map((g) => [g.role, g.enterpriseId])).toEqual([["member", enterpriseId]]);
    });

    it("approving links the enterprise that has the national ID, and invitations expire", async () => {
      const anon = new Client(env());
      const home = await makeCluster(env(), { provinceCode: "IR-26" });
      const cluster = await makeCluster(env(), { provinceCode: "IR-26" });
      const nid = nextCompanyId();
      const existing = await makeEnterprise(env(), home, `ذوب فلز ${tag()}`);
      await env()
        .database.db.updateTable("enterprises")
        .set({ national_id: nid })
        .where("id", "=", existing.id)
        .execute();
      const manager = await signedIn(
        env(),
        await makeUser(env(), { role: "cluster_manager", provinceCode: "IR-26", clusterId: cluster.id }),
      );
      const body = applicationBody({ nationalId: nid, enterpriseName: "نام تازه" });
      expect((await apply(anon, cluster.id, body)).status).toBe(201);
      const id = (
        await env()
          .database.db.selectFrom("membership_applications")
          .select("id")
          .where("cluster_id", "=", cluster.id)
          .executeTakeFirstOrThrow()
      ).id;
      expect((await manager.get<Detail>(`/api/v1/applications/${id}`)).body.match?.id).toBe(existing.id);
      const approved = await manager.post<Detail>(`/api/v1/applications/${id}/approve`, {
        inviteEmail: `other-${tag()}@test.ir`,
        inviteName: "علی رضایی",
      });
      expect(approved.status, approved.text).toBe(200);
      expect(approved.body.enterpriseId).toBe(existing.id);
      const memberships = await env()
        .database.db.selectFrom("cluster_actors")
        .select(["cluster_id", "status"])
        .where("actor_id", "=", existing.id)
        .orderBy("cluster_id")
        .execute();
      expect(memberships.map((m) => [m.cluster_id, m.status]).sort()).toEqual(
        [
          [home.id, "member"],
          [cluster.id, "member"],
        ].sort(),
      );
      const count = await env()
        .database.db.selectFrom("enterprises")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("national_id", "=", nid)
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(1);
      // Applying again as a member of the cluster is refused.
      expectProblem(
        await apply(anon, cluster.id, applicationBody({ nationalId: nid })),
        409,
        "application_already_member",
      );

      const invitation = await env()
        .database.db.selectFrom("member_invitations")
        .innerJoin("users", "users.id", "member_invitations.user_id")
        .select(["member_invitations.id", "users.email"])
        .where("member_invitations.enterprise_id", "=", existing.id)
        .executeTakeFirstOrThrow();
      expect(invitation.email).toMatch(/^other-/);
      const invitationMail = (await outboxTo(env(), invitation.email)).find((m) => m.body.includes("/invitation#"))!;
      const token = /\/invitation#([A-Za-z0-9_-]{43})/.exec(invitationMail.body)![1]!;
      await env()
        .database.db.updateTable("member_invitations")
        .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
        .where("id", "=", invitation.id)
        .execute();
      expectProblem(await anon.post("/api/v1/public/invitations/lookup", { token }), 410, "invitation_expired");
      expectProblem(
        await anon.post("/api/v1/public/invitations/accept", { token, password: "Member-pass-2024" }),
        410,
        "invitation_expired",
      );
      expectProblem(await new Client(env()).login(invitation.email, "Member-pass-2024"), 401, "invalid_credentials");
    });

    it("rejecting needs a reason, which the applicant is mailed and sees", async () => {
      const anon = new Client(env());
      const cluster = await makeCluster(env(), { provinceCode: "IR-26" });
      const manager = await signedIn(
        env(),
        await makeUser(env(), { role: "cluster_manager", provinceCode: "IR-26", clusterId: cluster.id }),
      );
      const body = applicationBody({ locale: "en" });
      const token = (await apply(anon, cluster.id, body)).body.statusToken;
      const id = (
        await env()
          .database.db.selectFrom("membership_applications")
          .select("id")
          .where("cluster_id", "=", cluster.id)
          .executeTakeFirstOrThrow()
      ).id;
      const noReason = await manager.post(`/api/v1/applications/${id}/reject`, { reason: "  " });
      expectProblem(noReason, 400, "validation_failed");
      expect((noReason.body as Problem).errors?.map((e) => e.path)).toEqual(["body.reason"]);
      expectProblem(await manager.post(`/api/v1/applications/${id}/reject`, {}), 400, "validation_failed");
      const reason = "فعالیت بنگاه در زنجیره این خوشه نیست.";
      const rejected = await manager.post<Detail>(`/api/v1/applications/${id}/reject`, { reason });
      expect(rejected.status).toBe(200);
      expect(rejected.body).toMatchObject({ status: "rejected", reason, enterpriseId: null });
      const mails = await outboxTo(env(), body.email as string);
      // The applicant wrote in English: their mails are in English.
      expect(mails.map((m) => m.subject)).toEqual([
        `Membership application of “${body.enterpriseName}” received`,
        `Membership application of “${body.enterpriseName}” not approved`,
      ]);
      expect(mails[1]!.body).toContain(reason);
      const status = await anon.post<{ status: string; reason: string }>("/api/v1/public/application-status", {
        token,
      });
      expect(status.body).toMatchObject({ status: "rejected", reason });
      // Nothing was created.
      expect(
        await env()
          .database.db.selectFrom("users")
          .select("id")
          .where("email", "=", body.email as string)
          .execute(),
      ).toEqual([]);
      // Once rejected, the enterprise may apply again.
      expect((await apply(anon, cluster.id, applicationBody({ enterpriseName: body.enterpriseName }))).status).toBe(
        201,
      );
    });

    it("the cluster office invites a member user for an enterprise of the cluster; an existing account gets the grant", async () => {
      const cluster = await makeCluster(env(), { provinceCode: "IR-26" });
      const ent = await makeEnterprise(env(), cluster);
      const manager = await signedIn(
        env(),
        await makeUser(env(), { role: "cluster_manager", provinceCode: "IR-26", clusterId: cluster.id }),
      );
      const email = `new-${tag()}@test.ir`;
      const r = await manager.post<{ email: string; enterpriseId: string; expiresAt: string }>(
        `/api/v1/enterprises/${ent.id}/member-invitations`,
        { email: email.toUpperCase(), name: "سارا کریمی" },
      );
      expect(r.status, r.text).toBe(201);
      expect(r.body).toMatchObject({ email, enterpriseId: ent.id });
      const mails = await outboxTo(env(), email);
      expect(mails).toHaveLength(1);
      const token = /\/invitation#([A-Za-z0-9_-]{43})/.exec(mails[0]!.body)![1]!;
      // A second invitation spends the first link.
      await manager.post(`/api/v1/enterprises/${ent.id}/member-invitations`, { email, name: "سارا کریمی" });
      expectProblem(
        await new Client(env()).post("/api/v1/public/invitations/lookup", { token }),
        410,
        "invitation_expired",
      );
      const second = (await outboxTo(env(), email))[1]!;
      const token2 = /\/invitation#([A-Za-z0-9_-]{43})/.exec(second.body)![1]!;
      expect((await new Client(env()).post("/api/v1/public/invitations/lookup", { token: token2 })).status).toBe(200);

      const existing = await makeUser(env(), {
        role: "member",
        provinceCode: "IR-26",
        clusterId: cluster.id,
        enterpriseId: (await makeEnterprise(env(), cluster)).id,
      });
      const again = await manager.post<{ email: string }>(`/api/v1/enterprises/${ent.id}/member-invitations`, {
        email: existing.email,
        name: "نام دیگر",
      });
      expect(again.status).toBe(201);
      expect(Object.keys(again.body).sort()).toEqual(["email", "enterpriseId", "expiresAt"]);
      const grants = await env()
        .database.db.selectFrom("role_grants")
        .select("enterprise_id")
        .where("user_id", "=", existing.id)
        .execute();
      expect(grants.map((g) => g.enterprise_id)).toContain(ent.id);
      const theirMail = await outboxTo(env(), existing.email);
      expect(theirMail.map((m) => m.subject)).toEqual([`دسترسی به «${ent.name}» در سامانه خوشه`]);
      // Their password still works.
      expect((await new Client(env()).login(existing.email, existing.password)).status).toBe(200);
    });
  },
  { TRUST_PROXY: "true" },
);
