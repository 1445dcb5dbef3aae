/**
 * HTTP hygiene (issue 6): malformed multipart is a client error, every error
 * is problem+json (also the ones Fastify and node answer before any route),
 * anonymous callers are refused before their input is looked at, and the
 * security headers say what they mean.
 */
import { randomUUID } from "node:crypto";
import net from "node:net";
import { expect, it } from "vitest";
import { todayIso } from "../../src/core/jalali";
import { Client, type Res, signedIn } from "../support/client";
import { describeEngines, makeCluster, makeUser, type TestEnv } from "../support/harness";

type Problem = { type: string; title: string; code: string; status: number; detail: string; errors?: unknown[] };

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "latin1");

function expectProblem(r: Res<unknown>, status: number, code: string) {
  expect(r.status, r.text).toBe(status);
  expect(r.headers.get("content-type")).toContain("application/problem+json");
  expect((r.body as Problem).code).toBe(code);
  expect((r.body as Problem).status).toBe(status);
}

/** A cluster and a signed-in manager who may upload to it. */
async function uploader(env: TestEnv) {
  const cluster = await makeCluster(env, { provinceCode: "IR-25" });
  const c = await signedIn(
    env,
    await makeUser(env, { role: "cluster_manager", clusterId: cluster.id, provinceCode: "IR-25" }),
  );
  return { cluster, c };
}

function multipartBody(boundary: string, parts: { name: string; fileName: string; content: Buffer }[], end = true) {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.fileName}"\r\n` +
          "Content-Type: application/pdf\r\n\r\n",
      ),
      p.content,
      Buffer.from("\r\n"),
    );
  }
  if (end) chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Writes bytes to the server's socket as they are and reads the raw answer until the server closes. */
function rawRequest(env: TestEnv, request: string): Promise<RawResponse> {
  const { hostname, port } = new URL(env.baseUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: hostname, port: Number(port) });
    const chunks: Buffer[] = [];
    socket.on("data", (d: Buffer) => chunks.push(d));
    socket.on("error", (e) => (chunks.length ? undefined : reject(e)));
    socket.on("close", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const [head = "", ...rest] = text.split("\r\n\r\n");
      const [statusLine = "", ...headerLines] = head.split("\r\n");
      const headers: Record<string, string> = {};
      for (const line of headerLines) {
        const i = line.indexOf(":");
        if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
      }
      resolve({ status: Number(statusLine.split(" ")[1]), headers, body: rest.join("\r\n\r\n") });
    });
    socket.write(request);
  });
}

function expectRawProblem(r: RawResponse, statuses: number[]) {
  expect(statuses).toContain(r.status);
  expect(r.headers["content-type"]).toContain("application/problem+json");
  expect(Number(r.headers["content-length"])).toBe(Buffer.byteLength(r.body));
  const body = JSON.parse(r.body) as Problem;
  expect(body.status).toBe(r.status);
  expect(typeof body.code).toBe("string");
  expect(body.detail).toMatch(/[\u0600-\u06FF]/);
  return body;
}

/** The described operations anyone may call (the description itself and its docs are not in it, and public too). */
const PUBLIC_OPERATIONS = new Set([
  "POST /api/v1/auth/login",
  "GET /api/health",
  // A business applies for membership without an account and follows it by its private link (applications).
  "GET /api/v1/public/clusters/{id}/application-form",
  "POST /api/v1/public/clusters/{id}/applications",
  "POST /api/v1/public/application-status",
  "POST /api/v1/public/invitations/lookup",
  "POST /api/v1/public/invitations/accept",
  // Anyone registers for an activity by its public link and follows it by their private one; a
  // certificate's code is checked by anyone, a survey answered by the ticket's code, and calendar
  // apps read a feed by its private token (activities).
  "GET /api/v1/public/activities/{token}",
  "POST /api/v1/public/activities/{token}/registrations",
  "GET /api/v1/public/registrations/{token}",
  "POST /api/v1/public/registrations/{token}/cancel",
  "POST /api/v1/public/registrations/{token}/accept-offer",
  "GET /api/v1/public/certificates/{code}",
  "PUT /api/v1/public/surveys/{code}",
  "GET /api/v1/feeds/activities/{token}.ics",
]);

describeEngines("HTTP hygiene", (env) => {
  // ------------------------------------------------------------- A. multipart
  it("A: answers a multipart body without a boundary with 400 problem+json, in the caller's language", async () => {
    const { cluster, c } = await uploader(env());
    const moved = await c.post<{ transitions: { id: string }[] }>(`/api/v1/clusters/${cluster.id}/transitions`, {
      toState: "feasibility",
      happenedOn: todayIso(),
    });
    const transition = moved.body.transitions[0]!.id;
    for (const url of [`/api/v1/clusters/${cluster.id}/attachments`, `/api/v1/transitions/${transition}/attachments`]) {
      const fa = await c.req<Problem>("POST", url, "--x\r\nnonsense", { "content-type": "multipart/form-data" });
      expectProblem(fa, 400, "multipart_invalid");
      expect(fa.body.detail).toBe("فایل ارسالی ناقص یا نادرست است.");
    }
    c.lang = "en";
    const en = await c.req<Problem>("POST", `/api/v1/clusters/${cluster.id}/attachments`, "x", {
      "content-type": "multipart/form-data",
    });
    expectProblem(en, 400, "multipart_invalid");
    expect(en.body.detail).toBe("The uploaded file is incomplete or malformed.");
  });

  it("A: answers a truncated part with 400 problem+json and stores nothing", async () => {
    const { cluster, c } = await uploader(env());
    const url = `/api/v1/clusters/${cluster.id}/attachments`;
    const type = { "content-type": "multipart/form-data; boundary=KhoosheBoundary" };
    const whole = multipartBody("KhoosheBoundary", [{ name: "file", fileName: "a.pdf", content: PDF }]);
    const noEnd = multipartBody("KhoosheBoundary", [{ name: "file", fileName: "a.pdf", content: PDF }], false);
    // Cut inside the file's content, or the file never closed by a boundary.
    for (const body of [noEnd.subarray(0, noEnd.length - 10), noEnd]) {
      const r = await c.req<Problem>("POST", url, body.toString("latin1"), type);
      expectProblem(r, 400, "multipart_invalid");
      expect(r.body.detail).toBe("فایل ارسالی ناقص یا نادرست است.");
    }
    // Cut inside the part's headers: no file arrived at all.
    const headerCut = whole.subarray(0, 60).toString("latin1");
    expectProblem(await c.req("POST", url, headerCut, type), 400, "file_missing");
    // A garbled part header.
    const garbled = `--KhoosheBoundary\r\n${"x".repeat(100)}\r\n\r\n%PDF\r\n--KhoosheBoundary--\r\n`;
    const g = await c.req<Problem>("POST", url, garbled, type);
    expect(g.status).toBe(400);
    expect(g.headers.get("content-type")).toContain("application/problem+json");
    expect((await c.get<{ total: number }>(url)).body.total).toBe(0);
    // The same bytes, whole, are stored.
    expect((await c.req("POST", url, whole.toString("latin1"), type)).status).toBe(201);
  });

  it("A: refuses a second file with 400 too_many_files instead of ignoring it", async () => {
    const { cluster, c } = await uploader(env());
    const url = `/api/v1/clusters/${cluster.id}/attachments`;
    const f = new FormData();
    f.append("file", new Blob([new Uint8Array(PDF)], { type: "application/pdf" }), "one.pdf");
    f.append("file", new Blob([new Uint8Array(PDF)], { type: "application/pdf" }), "two.pdf");
    const r = await c.post<Problem>(url, f);
    expectProblem(r, 400, "too_many_files");
    expect(r.body.detail).toBe("در هر درخواست تنها یک فایل فرستاده شود.");
    const other = new FormData();
    other.append("file", new Blob([new Uint8Array(PDF)], { type: "application/pdf" }), "one.pdf");
    other.append("attachment", new Blob([new Uint8Array(PDF)], { type: "application/pdf" }), "two.pdf");
    expectProblem(await c.post(url, other), 400, "too_many_files");
    expect((await c.get<{ total: number }>(url)).body.total).toBe(0);
  });

  it("A: documents the upload operations' multipart body with a required binary `file`", async () => {
    const spec = await new Client(env()).get<{
      paths: Record<
        string,
        Record<string, { requestBody?: { required?: boolean; content?: Record<string, unknown> } }>
      >;
    }>("/api/openapi.json");
    for (const p of ["/api/v1/clusters/{id}/attachments", "/api/v1/transitions/{id}/attachments"]) {
      const body = spec.body.paths[p]?.post?.requestBody;
      expect(body?.required, p).toBe(true);
      expect(body?.content?.["multipart/form-data"]).toEqual({
        schema: {
          type: "object",
          properties: { file: { type: "string", format: "binary", description: expect.any(String) } },
          required: ["file"],
        },
      });
    }
  });

  // --------------------------------------------------- B. errors before routes
  it("B: answers a malformed URL escape with 400 problem+json that does not echo the URL", async () => {
    for (const lang of ["fa", "en"] as const) {
      const c = await signedIn(env(), await makeUser(env(), { role: "national_admin" }));
      c.lang = lang;
      const r = await c.get<Problem>("/api/v1/clusters/%ZZ");
      expectProblem(r, 400, "bad_url");
      expect(r.text).not.toContain("%ZZ");
      expect(r.text).not.toContain("FST_");
      expect(r.body.detail).toBe(lang === "fa" ? "نشانی درخواست نادرست است." : "The request address is malformed.");
    }
    expectProblem(await new Client(env()).get("/api/v1/clusters/%ZZ"), 400, "bad_url");
  });

  it("B: answers an over-long route parameter with problem+json", async () => {
    const c = await signedIn(env(), await makeUser(env(), { role: "national_admin" }));
    const long = "a".repeat(500);
    // No catch-all route serves POST, so the router's parameter limit answers.
    const r = await c.post<Problem>(`/api/v1/clusters/${long}/attachments`, new FormData());
    expectProblem(r, 414, "uri_too_long");
    expect(r.text).not.toContain("aaaa");
    expectProblem(await new Client(env()).post(`/api/v1/transitions/${long}/attachments`), 414, "uri_too_long");
    // A GET falls through to the web app's catch-all when it is built (404), else to the limit (414).
    const get = await c.get<Problem>(`/api/v1/clusters/${long}`);
    expect([404, 414]).toContain(get.status);
    expect(get.headers.get("content-type")).toContain("application/problem+json");
  });

  it("B: answers 20 KB of headers with 431 problem+json written on the raw socket", async () => {
    const r = await rawRequest(
      env(),
      `GET /api/health HTTP/1.1\r\nHost: localhost\r\nX-Filler: ${"h".repeat(20 * 1024)}\r\n\r\n`,
    );
    const body = expectRawProblem(r, [431]);
    expect(body.code).toBe("headers_too_large");
    expect(r.body).not.toContain("hhhh");
  });

  it("B: answers a 20 KB URL with 414 or 431 problem+json", async () => {
    const r = await rawRequest(
      env(),
      `GET /api/v1/clusters?q=${"u".repeat(20 * 1024)} HTTP/1.1\r\nHost: localhost\r\n\r\n`,
    );
    expectRawProblem(r, [414, 431]);
    expect(r.body).not.toContain("uuuu");
  });

  it("B: answers a request node cannot parse with 400 problem+json", async () => {
    const r = await rawRequest(env(), "NOT A REQUEST\r\n\r\n");
    const body = expectRawProblem(r, [400]);
    expect(body.code).toBe("bad_request");
  });

  // ------------------------------------------------------ C. deny by default
  it("C: refuses an anonymous write with 401 before looking at its body", async () => {
    const c = new Client(env());
    const r = await c.post<Problem>("/api/v1/clusters", { nameFa: 1 });
    expectProblem(r, 401, "unauthenticated");
    expect(r.body.errors).toBeUndefined();
    const bad = await c.req<Problem>("POST", "/api/v1/clusters", "{not json");
    expectProblem(bad, 401, "unauthenticated");
  });

  it("C: every operation not on the public list answers an anonymous caller 401 problem+json", async () => {
    const anon = new Client(env());
    const spec = await anon.get<{ paths: Record<string, Record<string, unknown>> }>("/api/openapi.json");
    expect(spec.status).toBe(200);
    const methods = new Set(["get", "post", "put", "patch", "delete"]);
    let checked = 0;
    for (const [template, ops] of Object.entries(spec.body.paths)) {
      for (const method of Object.keys(ops).filter((m) => methods.has(m))) {
        const op = `${method.toUpperCase()} ${template}`;
        if (PUBLIC_OPERATIONS.has(op)) continue;
        const url = `${template.replace(/\{[^}]+\}/g, () => randomUUID())}?limit=-5&nonsense=1`;
        const body = method === "get" || method === "delete" ? undefined : { nonsense: [1, 2, 3] };
        const r = await anon.req<Problem>(method.toUpperCase(), url, body);
        expect(r.status, op).toBe(401);
        expect(r.headers.get("content-type"), op).toContain("application/problem+json");
        expect(r.body.code, op).toBe("unauthenticated");
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it("C: the public operations still answer anonymous callers", async () => {
    const anon = new Client(env());
    expect((await anon.get("/api/health")).status).toBe(200);
    expect((await anon.get("/api/openapi.json")).status).toBe(200);
    expect((await anon.get("/api/docs/")).status).toBe(200);
    expect((await anon.get("/api/docs/static/index.html")).status).toBe(200);
    // The application form of an unknown cluster is a 404 to anyone, not a 401.
    expect((await anon.get(`/api/v1/public/clusters/${randomUUID()}/application-form`)).status).toBe(404);
    // Signing in validates its input for an anonymous caller, and works.
    expectProblem(await anon.post("/api/v1/auth/login", { email: 1 }), 400, "validation_failed");
    const u = await makeUser(env(), { role: "member" });
    expect((await anon.login(u.email, u.password)).status).toBe(200);
    // The web app probes /auth/me when signed out and reads 401 as "signed out".
    expectProblem(await new Client(env()).get("/api/v1/auth/me"), 401, "unauthenticated");
    // An unknown API address is still a 404, signed in or not.
    expectProblem(await new Client(env()).get("/api/v1/no-such-thing"), 404, "route_not_found");
  });

  it("C: a stale session cookie does not lock anyone out of the public routes", async () => {
    const stale = new Client(env());
    stale.cookie = "khooshe_session=stale-and-unknown";
    expect((await stale.get("/api/health")).status).toBe(200);
    expect((await stale.get("/api/openapi.json")).status).toBe(200);
    expectProblem(await stale.get("/api/v1/clusters"), 401, "session_expired");
  });

  // ---------------------------------------------------------------- D. headers
  it("D: forbids framing with DENY and sends no HSTS over plain HTTP, whatever X-Forwarded-Proto says", async () => {
    const c = new Client(env());
    const r = await c.get("/api/health");
    expect(r.headers.get("x-frame-options")).toBe("DENY");
    expect(r.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(r.headers.get("strict-transport-security")).toBeNull();
    // Without TRUST_PROXY the header is the client's word, not the proxy's.
    const spoofed = await c.req("GET", "/api/health", undefined, { "x-forwarded-proto": "https" });
    expect(spoofed.headers.get("strict-transport-security")).toBeNull();
  });
});

describeEngines(
  "HTTP hygiene behind a trusted proxy",
  (env) => {
    it("D: sends HSTS only when the trusted proxy says the request came over HTTPS", async () => {
      const app = env().app;
      const https = await app.inject({ method: "GET", url: "/api/health", headers: { "x-forwarded-proto": "https" } });
      expect(https.statusCode).toBe(200);
      expect(https.headers["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
      expect(https.headers["x-frame-options"]).toBe("DENY");
      const http = await app.inject({ method: "GET", url: "/api/health", headers: { "x-forwarded-proto": "http" } });
      expect(http.headers["strict-transport-security"]).toBeUndefined();
      const plain = await app.inject({ method: "GET", url: "/api/health" });
      expect(plain.headers["strict-transport-security"]).toBeUndefined();
      // Errors carry it too.
      const err = await app.inject({
        method: "GET",
        url: "/api/v1/clusters",
        headers: { "x-forwarded-proto": "https" },
      });
      expect(err.statusCode).toBe(401);
      expect(err.headers["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
    });
  },
  { TRUST_PROXY: "true" },
);
