/**
 * HTTP hygiene (issue 6): malformed multipart is a client error.
 */
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
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

describeEngines("HTTP hygiene", (env) => {
  // ------------------------------------------------------------- A. multipart
  it("A: answers a multipart body without a boundary with 400 problem+json, in the caller's language", async () => {
    const { cluster, c } = await uploader(env());
    const transition = randomUUID();
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
});
