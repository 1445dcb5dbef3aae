/**
 * Delivery of the web app and the API: precompressed static files (brotli,
 * gzip, identity) with immutable caching for hashed assets and no-cache for
 * index.html and the sign-in page (login.html at /login; a page of the app asked for without a session
 * cookie is sent there), JSON compressed on the fly above 1 KB, robots.txt. Needs the
 * built web app (`npm run build:web`, which the test script runs first).
 */
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { todayIso } from "../../src/core/jalali";
import faCommon from "../../src/web/locales/fa/common.json";
import { signedIn } from "../support/client";
import { describeEngines, makeUser } from "../support/harness";

const WEB_DIST = path.resolve(import.meta.dirname, "../../dist/web");
const hasWeb = fs.existsSync(path.join(WEB_DIST, "index.html"));
const IMMUTABLE = "public, max-age=31536000, immutable";

/** GET with an explicit Accept-Encoding; fetch would decode, so node:http keeps the bytes as sent. */
async function raw(url: string, acceptEncoding: string, headers: Record<string, string> = {}) {
  const { request } = await import("node:http");
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>(
    (resolve, reject) => {
      const req = request(url, { headers: { "accept-encoding": acceptEncoding, ...headers } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on("error", reject);
      });
      req.on("error", reject);
      req.end();
    },
  );
}

function decode(body: Buffer, encoding: string | string[] | undefined): Buffer {
  if (encoding === "br") return zlib.brotliDecompressSync(body);
  if (encoding === "gzip") return zlib.gunzipSync(body);
  return body;
}

/** The largest JS file of the build, as index.html names it or any under assets/. */
function someScript(): string {
  const js = fs
    .readdirSync(path.join(WEB_DIST, "assets"))
    .filter((f) => f.endsWith(".js"))
    .map((f) => ({ f, size: fs.statSync(path.join(WEB_DIST, "assets", f)).size }))
    .sort((a, b) => b.size - a.size);
  return `/assets/${js[0]!.f}`;
}

// npm test builds the web app before this suite; run alone, it says what is missing instead of passing quietly.
it("has the built web app to check", () => {
  expect(hasWeb, "dist/web is missing: run `npm run build:web` first").toBe(true);
});

describeEngines("delivery", (get) => {
  describe("the built web app", () => {
    it("serves hashed assets precompressed (br, gzip) or as is, cached for good", async () => {
      const script = someScript();
      const original = fs.readFileSync(path.join(WEB_DIST, script));
      for (const [accept, expected] of [
        ["br, gzip, deflate", "br"],
        ["gzip", "gzip"],
        ["identity", undefined],
        ["", undefined],
      ] as const) {
        const r = await raw(get().baseUrl + script, accept);
        expect(r.status, accept).toBe(200);
        expect(r.headers["content-encoding"], accept).toBe(expected);
        expect(r.headers["content-type"]).toMatch(/javascript/);
        expect(r.headers["cache-control"]).toBe(IMMUTABLE);
        expect(String(r.headers.vary)).toMatch(/accept-encoding/i);
        expect(decode(r.body, r.headers["content-encoding"]).equals(original), accept).toBe(true);
        if (expected) expect(r.body.length).toBeLessThan(original.length / 2);
      }
    });

    it("serves index.html with no-cache, also for a client route and compressed", async () => {
      // A browser that holds a session cookie (checked by the app's first API call, not here).
      const cookie = "khooshe_session=held-by-the-browser";
      for (const p of ["/", "/index.html", "/clusters", "/users/some-id"]) {
        const r = await raw(get().baseUrl + p, "br, gzip", { cookie });
        expect(r.status, p).toBe(200);
        expect(r.headers["content-type"], p).toMatch(/^text\/html/);
        expect(r.headers["cache-control"], p).toBe("no-cache");
        const html = decode(r.body, r.headers["content-encoding"]).toString("utf8");
        expect(html, p).toContain('<div id="root">');
        expect(html, p).toMatch(/<meta name="description" content="[^"]*[\u0600-\u06FF]/);
      }
      // The description comes from the locale file (fa/common.json app.description), not the markup.
      const home = await raw(`${get().baseUrl}/`, "identity", { cookie });
      expect(home.body.toString("utf8")).toContain(`<meta name="description" content="${faCommon.app.description}" />`);
      // Unknown assets and API addresses stay 404, not the page.
      const missing = await raw(`${get().baseUrl}/assets/no-such-file.js`, "br");
      expect(missing.status).toBe(404);
      expect(missing.headers["content-type"]).toMatch(/problem\+json/);
    });
  });

  it("sends a browser without a session cookie from any page of the app to the sign-in page, keeping where it was going", async () => {
    const cases: [string, string][] = [
      ["/", "/login"],
      ["/clusters?state=active&page=2", `/login?next=${encodeURIComponent("/clusters?state=active&page=2")}`],
      ["/users/some-id", `/login?next=${encodeURIComponent("/users/some-id")}`],
    ];
    for (const [p, location] of cases) {
      const r = await raw(get().baseUrl + p, "br, gzip");
      expect(r.status, p).toBe(302);
      expect(r.headers.location, p).toBe(location);
      expect(r.headers["cache-control"], p).toBe("no-store");
    }
    // The sign-in page itself, files and the API are not redirected.
    expect((await raw(`${get().baseUrl}/login`, "br")).status).toBe(200);
    expect((await raw(`${get().baseUrl}/robots.txt`, "br")).status).toBe(200);
    expect((await raw(`${get().baseUrl}/api/v1/auth/me`, "br")).status).toBe(401);
  });

  it("serves the sign-in page at /login with no-cache, compressed: its own small page, not the app", async () => {
    for (const p of ["/login", "/login?next=%2Fclusters", "/login/", "/login.html"]) {
      const r = await raw(get().baseUrl + p, "br, gzip");
      expect(r.status, p).toBe(200);
      expect(r.headers["content-type"], p).toMatch(/^text\/html/);
      expect(r.headers["cache-control"], p).toBe("no-cache");
      expect(r.headers["content-encoding"], p).toBe("br");
      expect(String(r.headers["content-security-policy"]), p).toContain("script-src 'self'");
      const html = decode(r.body, "br").toString("utf8");
      expect(html, p).toContain('<html lang="fa" dir="rtl">');
      expect(html, p).toContain('data-testid="login-email"');
      expect(html, p).toContain(">ورود به سامانه</h2>");
      expect(html, p).not.toContain('<div id="root">');
      // One script of its own, and no inline one (the CSP allows none).
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts, p).toEqual([
        expect.stringMatching(/^<script type="module" crossorigin src="\/assets\/login-[\w-]+\.js">$/),
      ]);
    }
    // A path that merely begins like it is the app's.
    const other = await raw(`${get().baseUrl}/loginx`, "identity", { cookie: "khooshe_session=held" });
    expect(other.body.toString("utf8")).toContain('<div id="root">');
    expect((await raw(`${get().baseUrl}/loginx`, "identity")).headers.location).toBe("/login?next=%2Floginx");
  });

  it("serves robots.txt: the signed-in app is not for search engines", async () => {
    const r = await fetch(`${get().baseUrl}/robots.txt`);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await r.text()).toBe("User-agent: *\nDisallow: /\n");
  });

  it("compresses a large JSON answer when the client allows it, and only then", async () => {
    const url = `${get().baseUrl}/api/openapi.json`;
    const plain = await raw(url, "identity");
    expect(plain.status).toBe(200);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(1024);
    const doc = JSON.parse(plain.body.toString("utf8"));
    // gzip when the client takes it (as small as brotli 4 on API answers, for half the CPU; app.ts), br when only br.
    for (const [accept, expected] of [
      ["br, gzip", "gzip"],
      ["gzip, deflate", "gzip"],
      ["br", "br"],
    ] as const) {
      const r = await raw(url, accept);
      expect(r.headers["content-encoding"], accept).toBe(expected);
      expect(String(r.headers.vary)).toMatch(/accept-encoding/i);
      expect(r.body.length).toBeLessThan(plain.body.length / 3);
      expect(JSON.parse(decode(r.body, expected).toString("utf8"))).toEqual(doc);
    }
    const none = await raw(url, "");
    expect(none.headers["content-encoding"]).toBeUndefined();
  });

  it("compresses signed-in JSON lists and large problems; leaves small answers, Excel and file downloads as they are", async () => {
    const env = get();
    const nat = await signedIn(env, await makeUser(env, { role: "national_admin" }));
    const cookie = nat.cookie!;
    const provinces = await raw(`${env.baseUrl}/api/v1/provinces`, "gzip, deflate, br", { cookie });
    expect(provinces.status).toBe(200);
    expect(provinces.headers["content-encoding"]).toBe("gzip");
    const list = JSON.parse(decode(provinces.body, "gzip").toString("utf8")) as { items: unknown[] };
    expect(list.items.length).toBe(31);
    const plain = await raw(`${env.baseUrl}/api/v1/provinces`, "identity", { cookie });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(JSON.parse(plain.body.toString("utf8"))).toEqual(list);
    expect(provinces.body.length).toBeLessThan(plain.body.length / 2);

    // Small answers are not worth compressing.
    const health = await raw(`${env.baseUrl}/api/health`, "br, gzip");
    expect(health.status).toBe(200);
    expect(health.headers["content-encoding"]).toBeUndefined();
    const anon = await raw(`${env.baseUrl}/api/v1/provinces`, "br, gzip");
    expect(anon.status).toBe(401);
    expect(anon.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(anon.headers["content-encoding"]).toBeUndefined();
    expect(JSON.parse(anon.body.toString("utf8")).code).toBe("unauthenticated");

    // A problem over 1 KB is compressed and stays problem+json.
    const bad = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`unknownField${i}`, "x".repeat(10)]));
    const invalid = await nat.req("POST", "/api/v1/clusters", bad, { "accept-encoding": "br" });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect((invalid.body as { code: string }).code).toBe("validation_failed");
    expect(invalid.text.length).toBeGreaterThan(1024);
    expect(invalid.headers.get("content-encoding")).toBe("br");

    // The Excel export is a zip already: sent as is, still a workbook.
    const xlsx = await raw(`${env.baseUrl}/api/v1/clusters/export.xlsx`, "br, gzip", { cookie });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers["content-type"]).toContain("spreadsheetml");
    expect(xlsx.headers["content-encoding"]).toBeUndefined();
    expect(xlsx.body.subarray(0, 2).toString("latin1")).toBe("PK");

    // A downloaded attachment comes back byte for byte, uncompressed.
    const cluster = await nat.post<{ id: string }>("/api/v1/clusters", {
      nameFa: "خوشه تحویل فایل",
      provinceCode: "IR-25",
    });
    expect(cluster.status).toBe(201);
    const moved = await nat.post<{ transitions: { id: string }[] }>(`/api/v1/clusters/${cluster.body.id}/transitions`, {
      toState: "feasibility",
      happenedOn: todayIso(),
    });
    const pdf = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(4096, " "), Buffer.from("\n%%EOF\n")]);
    const form = new FormData();
    form.append("file", new Blob([pdf]), "گزارش.pdf");
    const up = await nat.post<{ id: string }>(`/api/v1/transitions/${moved.body.transitions[0]!.id}/attachments`, form);
    expect(up.status).toBe(201);
    const file = await raw(`${env.baseUrl}/api/v1/attachments/${up.body.id}`, "br, gzip", { cookie });
    expect(file.status).toBe(200);
    expect(file.headers["content-type"]).toBe("application/pdf");
    expect(file.headers["content-disposition"]).toMatch(/^attachment/);
    expect(file.headers["content-encoding"]).toBeUndefined();
    expect(file.body.equals(pdf)).toBe(true);
  });
});
