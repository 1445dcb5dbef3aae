import { expect, it } from "vitest";
import { Client, signedIn } from "../support/client";
import { describeEngines, makeCluster, makeUser } from "../support/harness";

type Problem = { code: string; status: number; detail: string };

// A real 1×1 PNG and a minimal PDF, for content-type checks.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "latin1");

function form(name: string, content: Buffer, type = "application/octet-stream") {
  const f = new FormData();
  f.append("file", new Blob([new Uint8Array(content)], { type }), name);
  return f;
}

describeEngines(
  "platform",
  (env) => {
    it("reports health with the database dialect", async () => {
      const r = await new Client(env()).get<{ status: string; database: { ok: boolean; dialect: string } }>(
        "/api/health",
      );
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ status: "ok", database: { ok: true, dialect: env().engine } });
    });

    it("serves the 31 provinces with ISO 3166-2:IR codes", async () => {
      const c = await signedIn(env(), await makeUser(env(), { role: "member" }));
      const r = await c.get<{ items: { code: string; nameFa: string; nameEn: string }[]; total: number }>(
        "/api/v1/provinces",
      );
      expect(r.body.total).toBe(31);
      const codes = r.body.items.map((p) => p.code);
      expect(new Set(codes).size).toBe(31);
      expect(codes.every((c) => /^IR-(0\d|[12]\d|30)$/.test(c))).toBe(true);
      expect(r.body.items.find((p) => p.code === "IR-25")).toEqual({ code: "IR-25", nameFa: "قم", nameEn: "Qom" });
      expect(r.body.items.find((p) => p.code === "IR-09")?.nameFa).toBe("خراسان رضوی");
      expect(r.body.items.find((p) => p.code === "IR-10")?.nameEn).toBe("Isfahan");
    });

    it("publishes OpenAPI 3.1 generated from the route schemas, and human docs", async () => {
      const c = new Client(env());
      const spec = await c.get<{ openapi: string; paths: Record<string, Record<string, { requestBody?: unknown }>> }>(
        "/api/openapi.json",
      );
      expect(spec.body.openapi).toBe("3.1.0");
      expect(Object.keys(spec.body.paths)).toEqual(
        expect.arrayContaining([
          "/api/v1/users",
          "/api/v1/auth/login",
          "/api/v1/provinces",
          "/api/v1/tokens",
          "/api/health",
        ]),
      );
      const errors = JSON.stringify(
        (spec.body.paths["/api/v1/users"]?.post as { responses?: Record<string, unknown> })?.responses?.["4XX"],
      );
      expect(errors).toContain("detail");
      const body = JSON.stringify(spec.body.paths["/api/v1/users"]?.post?.requestBody);
      expect(body).toContain("email");
      expect(body).toContain("additionalProperties");
      const docs = await c.get("/api/docs/");
      expect(docs.status).toBe(200);
      expect(docs.text).toContain("swagger");
    });

    it("sends security headers with a real Content-Security-Policy, and problem+json for unknown API routes", async () => {
      const r = await new Client(env()).get<Problem>("/api/v1/nothing-here");
      expect(r.status).toBe(404);
      expect(r.body.code).toBe("route_not_found");
      const csp = r.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(r.headers.get("x-content-type-options")).toBe("nosniff");
    });

    it("lists my notifications and marks them read, one or all", async () => {
      const admin = await signedIn(env(), await makeUser(env(), { role: "national_admin" }));
      const created = await admin.post<{ id: string }>("/api/v1/users", {
        email: "notified@test.ir",
        name: "گیرنده",
        password: "Notified-12345",
        grant: { role: "province_admin", provinceCode: "IR-21" },
      });
      await admin.post(`/api/v1/users/${created.body.id}/grants`, { role: "province_admin", provinceCode: "IR-22" });
      const me = await signedIn(env(), { email: "notified@test.ir", password: "Notified-12345" });
      const list = await me.get<{
        items: { id: string; kind: string; params: Record<string, string> }[];
        unread: number;
      }>("/api/v1/notifications");
      expect(list.body.unread).toBe(2);
      expect(list.body.items.find((n) => n.kind === "grant_added")?.params).toEqual({ role: "province_admin" });
      const first = list.body.items[0]!;
      expect((await me.post(`/api/v1/notifications/${first.id}/read`)).status).toBe(204);
      expect((await me.get<{ unread: number }>("/api/v1/notifications")).body.unread).toBe(1);
      // Someone else's notification is not mine to touch.
      expect((await admin.post(`/api/v1/notifications/${first.id}/read`)).status).toBe(404);
      expect((await me.post("/api/v1/notifications/read-all")).status).toBe(204);
      expect((await me.get<{ unread: number }>("/api/v1/notifications")).body.unread).toBe(0);
    });

    it("stores attachments checked by content and serves them only within scope", async () => {
      const qomCluster = await makeCluster(env(), { provinceCode: "IR-25" });
      const agent = await signedIn(
        env(),
        await makeUser(env(), { role: "cluster_manager", clusterId: qomCluster.id, provinceCode: "IR-25" }),
      );
      const up = await agent.post<{ id: string; mime: string; size: number }>(
        `/api/v1/clusters/${qomCluster.id}/attachments`,
        form("صورتجلسه شورا.pdf", PDF),
      );
      expect(up.status).toBe(201);
      expect(up.body.mime).toBe("application/pdf");
      const img = await agent.post(`/api/v1/clusters/${qomCluster.id}/attachments`, form("نقشه.png", PNG));
      expect(img.status).toBe(201);

      const list = await agent.get<{ items: { fileName: string }[] }>(`/api/v1/clusters/${qomCluster.id}/attachments`);
      expect(list.body.items.map((i) => i.fileName).sort()).toEqual(["صورتجلسه شورا.pdf", "نقشه.png"]);

      const dl = await agent.get(`/api/v1/attachments/${up.body.id}`);
      expect(dl.status).toBe(200);
      expect(dl.headers.get("content-type")).toBe("application/pdf");
      expect(dl.headers.get("content-disposition")).toContain("filename*=UTF-8''");
      expect(dl.text).toBe(PDF.toString("latin1"));

      // A PNG calling itself a PDF, an executable, an empty file, an oversized one: refused, nothing stored.
      const lie = await agent.post<Problem>(`/api/v1/clusters/${qomCluster.id}/attachments`, form("report.pdf", PNG));
      expect(lie.status).toBe(400);
      expect(lie.body.code).toBe("file_type_mismatch");
      const exe = await agent.post<Problem>(`/api/v1/clusters/${qomCluster.id}/attachments`, form("tool.exe", PDF));
      expect(exe.body.code).toBe("file_type_not_allowed");
      const big = Buffer.concat([PDF, Buffer.alloc(2 * 1024 * 1024)]);
      const tooBig = await agent.post<Problem>(`/api/v1/clusters/${qomCluster.id}/attachments`, form("big.pdf", big));
      expect(tooBig.status).toBe(413);
      expect(tooBig.body.code).toBe("file_too_large");
      const notMultipart = await agent.post<Problem>(`/api/v1/clusters/${qomCluster.id}/attachments`, { file: "x" });
      expect(notMultipart.status).toBe(400);
      expect((await agent.get<{ total: number }>(`/api/v1/clusters/${qomCluster.id}/attachments`)).body.total).toBe(2);

      // Outside the cluster's scope the file does not exist; a council member may read but not upload.
      const zanjan = await signedIn(env(), await makeUser(env(), { role: "province_admin", provinceCode: "IR-19" }));
      expect((await zanjan.get(`/api/v1/attachments/${up.body.id}`)).status).toBe(404);
      expect((await zanjan.post(`/api/v1/clusters/${qomCluster.id}/attachments`, form("a.pdf", PDF))).status).toBe(404);
      expect((await new Client(env()).get(`/api/v1/attachments/${up.body.id}`)).status).toBe(401);
      const council = await signedIn(
        env(),
        await makeUser(env(), { role: "council_member", clusterId: qomCluster.id, provinceCode: "IR-25" }),
      );
      expect((await council.get(`/api/v1/attachments/${up.body.id}`)).status).toBe(200);
      expect((await council.post(`/api/v1/clusters/${qomCluster.id}/attachments`, form("a.pdf", PDF))).status).toBe(
        403,
      );
    });

    it("scopes the cluster registry by grant", async () => {
      const qomCluster = await makeCluster(env(), { provinceCode: "IR-25", nameFa: "خوشه‌های پوشاک آزمون" });
      const otherQom = await makeCluster(env(), { provinceCode: "IR-25" });
      const zanjanCluster = await makeCluster(env(), { provinceCode: "IR-19" });
      const manager = await signedIn(
        env(),
        await makeUser(env(), { role: "cluster_manager", clusterId: qomCluster.id, provinceCode: "IR-25" }),
      );
      const mine = await manager.get<{ items: { id: string }[] }>("/api/v1/clusters?limit=200");
      expect(mine.body.items.map((c) => c.id)).toEqual([qomCluster.id]);
      expect((await manager.get(`/api/v1/clusters/${otherQom.id}`)).status).toBe(404);
      const qom = await signedIn(env(), await makeUser(env(), { role: "province_admin", provinceCode: "IR-25" }));
      const list = await qom.get<{ items: { id: string; provinceCode: string }[] }>("/api/v1/clusters?limit=200");
      expect(list.body.items.map((c) => c.id)).toEqual(expect.arrayContaining([qomCluster.id, otherQom.id]));
      expect(list.body.items.some((c) => c.id === zanjanCluster.id)).toBe(false);
      expect((await qom.get(`/api/v1/clusters/${zanjanCluster.id}`)).status).toBe(404);
      // Persian search finds «خوشه‌های» by «خوشه های», «خوشههای» and «خوشه ها».
      for (const q of ["خوشه های پوشاک", "خوشههای", "خوشه ها", "پوشاك"]) {
        const r = await qom.get<{ items: { id: string }[] }>(`/api/v1/clusters?q=${encodeURIComponent(q)}`);
        expect(
          r.body.items.map((c) => c.id),
          q,
        ).toContain(qomCluster.id);
      }
    });
  },
  { ATTACHMENT_MAX_MB: "1" },
);
