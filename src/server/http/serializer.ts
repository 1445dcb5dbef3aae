/**
 * Response bodies. Each route's response zod schema (per status) becomes JSON
 * Schema once, when the route is compiled, and fast-json-stringify (Fastify's
 * own serializer) turns that into a function that writes exactly the declared
 * properties: a column the schema does not name is never sent, and no zod
 * parse runs per response (on a 50-row list that parse was the serializer's
 * whole cost).
 *
 * Only what decides the bytes is kept for the compiled serializer (types,
 * properties, required, items, additionalProperties, default); validation
 * keywords (formats, patterns, enums, lengths) are not checked in
 * production. With `check` (RESPONSE_CHECK, on under NODE_ENV=test) every
 * response is first parsed by its zod schema, so a wrong shape still fails
 * (ResponseSerializationError, a 500), and the compiled output is compared
 * with zod's: a difference between the two is an error too.
 *
 * A schema JSON Schema cannot carry exactly (a transform or a date in the
 * output, a union of objects, a tuple, a cycle) keeps zod: parsed, then
 * JSON.stringify. `fallbacks` lists those routes; the API suite expects none.
 */
import { isDeepStrictEqual } from "node:util";
import fastJson from "fast-json-stringify";
import type { FastifySerializerCompiler } from "fastify";
import { ResponseSerializationError } from "fastify-type-provider-zod";
import { z } from "zod";

type Json = Record<string, unknown>;
type Stringify = (data: unknown) => string;

export interface ResponseSerializer {
  compiler: FastifySerializerCompiler<unknown>;
  /** Responses serialized by zod because their schema cannot be compiled (method, url, status: why). */
  fallbacks: string[];
}

/** Thrown for a schema the compiled serializer cannot write exactly; its message says why. */
class Unsupported extends Error {}

const PRIMITIVES = new Set(["string", "number", "integer", "boolean", "null"]);

function typesOf(s: Json): string[] | null {
  if (s.type === undefined) return null;
  return Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
}

/** A schema that says nothing but its primitive type(s): branches of a union that can merge. */
function onlyPrimitive(s: Json): boolean {
  const types = typesOf(s);
  return !!types && Object.keys(s).every((k) => k === "type") && types.every((t) => PRIMITIVES.has(t));
}

/**
 * `anyOf` costs fast-json-stringify an Ajv validation per value, and an Ajv
 * match on `additionalProperties: false` would refuse the very rows whose
 * extra columns are to be dropped. zod writes unions of literals and
 * nullables as anyOf; those merge into one `type`: [1, 2, 3] → number,
 * X | null → X with null allowed. Anything else stays with zod.
 */
function unionOf(branches: Json[]): Json {
  const nonNull = branches.filter((b) => !(onlyPrimitive(b) && typesOf(b)!.every((t) => t === "null")));
  const hasNull = nonNull.length < branches.length;
  if (nonNull.every(onlyPrimitive)) {
    const types = new Set(nonNull.flatMap((b) => typesOf(b)!));
    if (types.has("number")) types.delete("integer");
    if (hasNull) types.add("null");
    const list = [...types];
    return list.length === 1 ? { type: list[0] } : { type: list };
  }
  if (nonNull.length === 1) {
    const only = nonNull[0]!;
    if (!hasNull) return only;
    const types = typesOf(only);
    if (!types) throw new Unsupported("a nullable value of any type");
    // fast-json-stringify's own keyword for "this object (or array) or null".
    return types.length === 1 ? { ...only, nullable: true } : { ...only, type: [...new Set([...types, "null"])] };
  }
  throw new Unsupported("a union of objects or arrays");
}

const UNSUPPORTED_KEYWORDS = [
  "$ref",
  "allOf",
  "oneOf",
  "not",
  "if",
  "prefixItems",
  "patternProperties",
  "dependentSchemas",
  "unevaluatedProperties",
];

/** The part of a JSON Schema that decides the serialized bytes. */
export function forSerializer(schema: unknown): Json {
  if (schema === true) return {};
  if (schema === false || typeof schema !== "object" || schema === null) throw new Unsupported("a `false` schema");
  const s = schema as Json;
  for (const k of UNSUPPORTED_KEYWORDS) if (k in s) throw new Unsupported(`\`${k}\``);
  if (s.anyOf) {
    const rest = Object.keys(s).filter((k) => !["anyOf", "description", "title", "$schema", "id"].includes(k));
    if (rest.length) throw new Unsupported(`\`anyOf\` beside ${rest.join(", ")}`);
    return unionOf((s.anyOf as unknown[]).map(forSerializer));
  }
  const out: Json = {};
  if (s.type !== undefined) out.type = s.type;
  if ("default" in s) out.default = s.default;
  if (s.properties) {
    const props: Json = {};
    for (const [k, v] of Object.entries(s.properties as Json)) props[k] = forSerializer(v);
    out.properties = props;
  }
  if (s.required) out.required = s.required;
  if (s.additionalProperties !== undefined) {
    // false: extra properties are left out (zod's z.object strips them the same way).
    out.additionalProperties =
      typeof s.additionalProperties === "boolean" ? s.additionalProperties : forSerializer(s.additionalProperties);
  }
  if (s.items !== undefined) {
    if (Array.isArray(s.items)) throw new Unsupported("a tuple");
    out.items = forSerializer(s.items);
  }
  return out;
}

function zodSchemaOf(schema: unknown): z.ZodType | null {
  if (schema instanceof z.ZodType) return schema;
  const props = (schema as { properties?: unknown } | null)?.properties;
  return props instanceof z.ZodType ? props : null;
}

/** The compiled serializer of a zod schema, or the reason it cannot be compiled. */
export function compileZodSerializer(schema: z.ZodType): { stringify: Stringify } | { unsupported: string } {
  let json: Json;
  try {
    json = z.toJSONSchema(schema, {
      io: "output",
      unrepresentable: "throw",
      cycles: "throw",
      reused: "inline",
      target: "draft-2020-12",
    }) as Json;
    return { stringify: fastJson(forSerializer(json)) as Stringify };
  } catch (err) {
    return { unsupported: (err as Error).message };
  }
}

export function responseSerializer(opts: { check: boolean }): ResponseSerializer {
  const fallbacks: string[] = [];
  // One compiled function per schema object: the shared problem schema (4XX) is compiled once.
  const compiled = new WeakMap<z.ZodType, ReturnType<typeof compileZodSerializer>>();
  const compiler: FastifySerializerCompiler<unknown> = ({ schema, method, url, httpStatus }) => {
    const zodSchema = zodSchemaOf(schema);
    // A route declared with plain JSON Schema gets what Fastify would have given it.
    if (!zodSchema) return fastJson(schema as Json) as Stringify;
    let c = compiled.get(zodSchema);
    if (!c) {
      c = compileZodSerializer(zodSchema);
      compiled.set(zodSchema, c);
    }
    const parse = (data: unknown) => {
      const result = zodSchema.safeParse(data);
      if (!result.success) throw new ResponseSerializationError(method, url, { cause: result.error });
      return result.data;
    };
    if ("unsupported" in c) {
      fallbacks.push(`${method} ${url} ${httpStatus}: ${c.unsupported}`);
      return (data) => JSON.stringify(parse(data));
    }
    const { stringify } = c;
    if (!opts.check) return stringify;
    return (data) => {
      const expected = parse(data);
      const out = stringify(data);
      // Key order may differ (fast-json-stringify writes required properties first); values may not.
      if (!isDeepStrictEqual(JSON.parse(out), JSON.parse(JSON.stringify(expected)))) {
        throw new Error(
          `${method} ${url} ${httpStatus}: the compiled serializer wrote ${out.slice(0, 500)} where the schema's parse gives ${JSON.stringify(expected).slice(0, 500)}`,
        );
      }
      return out;
    };
  };
  return { compiler, fallbacks };
}
