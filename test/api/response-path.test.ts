/**
 * The response path's fast parts (src/server/http): every route's response
 * schema compiles to a serializer (none left to zod), a production-mode
 * server (RESPONSE_CHECK off) sends no property a schema does not declare,
 * and the security headers worked out once at start are helmet's, unchanged.
 */
import { expect, it } from "vitest";
import { z } from "zod";
import { ClusterDetailOut, ClusterPageOut } from "../../src/core/schemas/clusters";
import { Client, signedIn } from "../support/client";
import { describeEngines, makeCluster, makeUser } from "../support/harness";

/** Paths in `value` that the JSON Schema of `schema`'s output does not declare. */
function undeclared(schema: z.ZodType, value: unknown): string[] {
  const found: string[] = [];
  const walk = (s: Record<string, unknown>, v: unknown, at: string) => {
    if (v === null || typeof v !== "object") return;
    const branches = (s.anyOf as Record<string, unknown>[] | undefined)?.filter((b) => b.type !== "null");
    if (branches) {
      for (const b of branches) walk(b, v, at);
      return;
    }
    if (Array.isArray(v)) {
      v.forEach((item, i) => {
        walk((s.items ?? {}) as Record<string, unknown>, item, `${at}[${i}]`);
      });
      return;
    }
    const props = (s.properties ?? {}) as Record<string, Record<string, unknown>>;
    const extra = s.additionalProperties;
    for (const [k, item] of Object.entries(v)) {
      if (props[k]) walk(props[k], item, `${at}.${k}`);
      else if (extra === false || extra === undefined) found.push(`${at}.${k}`);
      else if (typeof extra === "object") walk(extra as Record<string, unknown>, item, `${at}.${k}`);
    }
  };
  walk(z.toJSONSchema(schema, { io: "output" }) as Record<string, unknown>, value, "$");
  return found;
}

/** Helmet's headers for Khooshe's options (CSP, DENY, no HSTS over HTTP), as @fastify/helmet sent them. */
const SECURITY_HEADERS = {
  "content-security-policy":
    "default-src 'self';base-uri 'self';font-src 'self' data:;form-action 'self';frame-ancestors 'none';img-src 'self' data: blob:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' 'unsafe-inline';connect-src 'self'",
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
  "origin-agent-cluster": "?1",
  "referrer-policy": "no-referrer",
  "x-content-type-options": "nosniff",
  "x-dns-prefetch-control": "off",
  "x-download-options": "noopen",
  "x-frame-options": "DENY",
  "x-permitted-cross-domain-policies": "none",
  "x-xss-protection": "0",
};
const NAMES = [...Object.keys(SECURITY_HEADERS), "strict-transport-security", "x-powered-by"];

function securityHeaders(h: Headers): Record<string, string> {
  return Object.fromEntries(NAMES.flatMap((n) => (h.get(n) === null ? [] : [[n, h.get(n)!]])));
}

describeEngines(
  "response path in production mode",
  (env) => {
    it("compiles every route's response schemas: none is left to zod's parse", () => {
      expect(env().config.responseCheck).toBe(false);
      expect(env().app.responseSerializer.fallbacks).toEqual([]);
    });

    it("sends no property a response schema does not declare", async () => {
      const cluster = await makeCluster(env());
      const admin = await signedIn(env(), await makeUser(env(), { role: "national_admin" }));
      const list = await admin.get("/api/v1/clusters?limit=5");
      expect(list.status).toBe(200);
      expect((list.body as { items: unknown[] }).items.length).toBeGreaterThan(0);
      expect(undeclared(ClusterPageOut, list.body)).toEqual([]);
      const one = await admin.get(`/api/v1/clusters/${cluster.id}`);
      expect(one.status).toBe(200);
      expect(undeclared(ClusterDetailOut, one.body)).toEqual([]);
      // The same rows, validated by the schema as the test suites' check mode would.
      expect(ClusterDetailOut.strict().safeParse(one.body).success).toBe(true);
    });

    it("sends helmet's security headers on answers, problems and static files, the same each time", async () => {
      const c = new Client(env());
      for (const path of ["/api/health", "/api/v1/clusters", "/api/v1/no-such-thing", "/robots.txt", "/api/health"]) {
        const r = await c.get(path);
        expect(securityHeaders(r.headers), path).toEqual(SECURITY_HEADERS);
      }
      // The API docs keep the CSP Swagger UI needs, and the rest of the set.
      const docs = await c.get("/api/docs/");
      expect(docs.headers.get("content-security-policy")).toContain("validator.swagger.io");
      expect({ ...securityHeaders(docs.headers), "content-security-policy": "" }).toEqual({
        ...SECURITY_HEADERS,
        "content-security-policy": "",
      });
    });
  },
  { RESPONSE_CHECK: "off" },
);
