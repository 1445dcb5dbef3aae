/**
 * The OpenAPI document is what integrators generate clients from: Spectral's
 * spectral:oas ruleset (its recommended rules) must find nothing to warn
 * about — every operation has an operationId, a description, a tag declared
 * at the top level and a 2xx response, and its errors are typed
 * application/problem+json, as they are sent. A route added without them fails here.
 * The document does not depend on the engine, so one (SQLite) is enough.
 */
import { Spectral } from "@stoplight/spectral-core";
import { oas } from "@stoplight/spectral-rulesets";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "../support/client";
import { startEnv } from "../support/harness";

/** Spectral's DiagnosticSeverity: 0 error, 1 warning, 2 information, 3 hint. */
const WARNING = 1;
const METHODS = new Set(["get", "put", "post", "delete", "patch", "head", "options", "trace"]);

type Response = {
  description?: string;
  content?: Record<string, { schema?: { properties?: Record<string, unknown> } }>;
};
type Operation = { operationId?: string; tags?: string[]; description?: string; responses?: Record<string, Response> };
type OpenApi = { tags?: { name: string; description?: string }[]; paths: Record<string, Record<string, Operation>> };

describe("openapi document [sqlite]", () => {
  let text = "";
  let stop: (() => Promise<void>) | null = null;
  beforeAll(async () => {
    const started = await startEnv("sqlite");
    stop = started.stop;
    const r = await new Client(started.env).get("/api/openapi.json");
    expect(r.status).toBe(200);
    text = r.text;
  });
  afterAll(async () => {
    await stop?.();
  });

  it("passes Spectral's spectral:oas ruleset with no errors or warnings", async () => {
    const spectral = new Spectral();
    spectral.setRuleset({ extends: [[oas as never, "recommended"]] });
    const found = (await spectral.run(text))
      .filter((d) => d.severity <= WARNING)
      .map((d) => `${d.code} at ${d.path.join(".")}: ${d.message}`);
    expect(found, `Spectral found ${found.length}:\n${found.join("\n")}`).toEqual([]);
  });

  it("names every operation uniquely in camelCase, describes it, tags it with a declared tag and gives it a 2xx", () => {
    const spec = JSON.parse(text) as OpenApi;
    const declared = new Map((spec.tags ?? []).map((t) => [t.name, t.description]));
    const ids: string[] = [];
    for (const [p, item] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (!METHODS.has(method)) continue;
        const where = `${method.toUpperCase()} ${p}`;
        expect(op.operationId ?? "", where).toMatch(/^[a-z][a-zA-Z0-9]*$/);
        ids.push(op.operationId!);
        expect(op.description?.trim(), where).toBeTruthy();
        expect(op.tags?.length, where).toBeGreaterThan(0);
        for (const t of op.tags ?? [])
          expect(declared.get(t), `${where}: tag ${t} declared with a description`).toBeTruthy();
        expect(
          Object.keys(op.responses ?? {}).some((s) => /^2(\d\d|XX)$/.test(s)),
          `${where}: a 2xx response`,
        ).toBe(true);
      }
    }
    expect(ids.length).toBeGreaterThan(50);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it("types every error response application/problem+json with the problem's fields", () => {
    const spec = JSON.parse(text) as OpenApi;
    let errors = 0;
    for (const [p, item] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (!METHODS.has(method)) continue;
        const where = `${method.toUpperCase()} ${p}`;
        // Every API route carries the shared 4XX (health's 503 is its own JSON body, not a problem).
        const failures = Object.entries(op.responses ?? {}).filter(([s]) => /^[45]/.test(s) && p !== "/api/health");
        if (p.startsWith("/api/v1/")) expect(Object.keys(op.responses ?? {}), where).toContain("4XX");
        for (const [status, r] of failures) {
          errors++;
          expect(Object.keys(r.content ?? {}), `${where} ${status}`).toEqual(["application/problem+json"]);
          const fields = Object.keys(r.content?.["application/problem+json"]?.schema?.properties ?? {});
          expect(fields, `${where} ${status}`).toEqual(expect.arrayContaining(["type", "title", "status", "code"]));
        }
      }
    }
    expect(errors).toBeGreaterThan(50);
  });
});
