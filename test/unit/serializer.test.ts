/**
 * The compiled response serializer (src/server/http/serializer.ts) in a bare
 * Fastify: it writes only what the schema declares, keeps nulls, records and
 * optional fields as zod did, keeps zod for what it cannot compile, and in
 * check mode still refuses a response of the wrong shape.
 */
import Fastify from "fastify";
import { validatorCompiler } from "fastify-type-provider-zod";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ClusterDetailOut, ClusterOut, ClusterPageOut, ClusterStatsOut } from "../../src/core/schemas/clusters";
import { ProblemOut, pageOf } from "../../src/core/schemas/common";
import { NotificationsOut } from "../../src/core/schemas/notifications";
import { compileZodSerializer, forSerializer, responseSerializer } from "../../src/server/http/serializer";

const Row = z.object({
  id: z.string(),
  name: z.string().nullable(),
  year: z.union([z.literal(1), z.literal(2), z.literal(3)]).nullable(),
  approvals: z.object({ at: z.string() }).nullable(),
  tags: z.array(z.enum(["a", "b"])),
  counts: z.partialRecord(z.enum(["x", "y"]), z.number()),
  params: z.record(z.string(), z.string()),
  note: z.string().optional(),
});
const Out = pageOf(Row);

async function appWith(check: boolean, body: unknown, schema: z.ZodType = Out) {
  const app = Fastify();
  app.setValidatorCompiler(validatorCompiler);
  const serializer = responseSerializer({ check });
  app.setSerializerCompiler(serializer.compiler);
  app.get("/x", { schema: { response: { 200: schema, "4XX": ProblemOut } } }, async () => body);
  app.get("/problem", { schema: { response: { 200: schema, "4XX": ProblemOut } } }, async (_req, reply) =>
    reply.code(409).send({ type: "t", title: "c", status: 409, code: "c", detail: "d", stack: "secret" }),
  );
  await app.ready();
  return { app, serializer };
}

const row = {
  id: "1",
  name: null,
  year: 2,
  approvals: { at: "2025-01-01", by: "someone" },
  tags: ["a"],
  counts: { x: 3 },
  params: { who: "علی" },
};

describe("compiled response serializer", () => {
  it("writes only declared properties, at every depth, in production mode", async () => {
    const { app, serializer } = await appWith(false, {
      items: [{ ...row, passwordHash: "x", sessionId: "y" }],
      total: 1,
      internal: true,
    });
    const r = await app.inject("/x");
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({
      items: [row].map(({ approvals, ...rest }) => ({ ...rest, approvals: { at: approvals.at } })),
      total: 1,
    });
    expect(r.body).not.toMatch(/passwordHash|sessionId|internal|someone/);
    expect(serializer.fallbacks).toEqual([]);
    const p = await app.inject("/problem");
    expect(p.statusCode).toBe(409);
    expect(p.body).not.toContain("secret");
    expect(p.json()).toEqual({ type: "t", title: "c", status: 409, code: "c", detail: "d" });
  });

  it("gives the same JSON as zod's parse for nulls, unions, records and optional fields", async () => {
    const data = {
      items: [row, { ...row, name: "نام", year: null, approvals: null, counts: {}, note: "n" }],
      total: 2,
    };
    const { app } = await appWith(true, data);
    const r = await app.inject("/x");
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual(JSON.parse(JSON.stringify(Out.parse(data))));
  });

  it("in check mode refuses a response of the wrong shape (500), as zod's serializer did", async () => {
    for (const wrong of [
      { items: [{ ...row, id: 5 }], total: 1 },
      { items: [{ ...row, tags: ["c"] }], total: 1 },
      { items: [{ ...row, year: 4 }], total: 1 },
      { items: [row] },
    ]) {
      const { app } = await appWith(true, wrong);
      expect((await app.inject("/x")).statusCode).toBe(500);
    }
  });

  it("keeps zod for a schema JSON Schema cannot carry, and says so", async () => {
    const Odd = z.object({ n: z.string().transform((s) => s.length) });
    const { app, serializer } = await appWith(false, { n: "abc", extra: 1 }, Odd);
    const r = await app.inject("/x");
    expect(r.json()).toEqual({ n: 3 });
    expect(serializer.fallbacks).toContain("GET /x 200: Transforms cannot be represented in JSON Schema");
  });

  it("compiles the registry's schemas without anyOf (no per-value Ajv match)", () => {
    for (const s of [
      pageOf(ClusterOut),
      ClusterPageOut,
      ClusterDetailOut,
      ClusterStatsOut,
      NotificationsOut,
      ProblemOut,
    ]) {
      expect("stringify" in compileZodSerializer(s)).toBe(true);
      const json = JSON.stringify(forSerializer(z.toJSONSchema(s, { io: "output" })));
      expect(json).not.toContain("anyOf");
      expect(json).not.toContain('"const"');
    }
  });
});
