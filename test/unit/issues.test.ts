import { describe, expect, it } from "vitest";
import { z } from "zod";
import { sizeIssueKey } from "../../src/core/issues";

const firstIssue = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  if (r.success) throw new Error("expected an issue");
  return r.error.issues[0]!;
};

describe("sizeIssueKey()", () => {
  it.each([
    [z.number().min(1), 0, "form.atLeast", 1],
    [z.number().int().max(100), 101, "form.atMost", 100],
    [z.number().positive(), 0, "form.above", 0],
    [z.number().lt(10), 10, "form.below", 10],
    [z.string().min(3), "ab", "form.minLength", 3],
    [z.string().max(5), "abcdef", "form.maxLength", 5],
    [z.array(z.string()).min(2), ["a"], "form.minItems", 2],
    [z.array(z.string()).min(1), [], "form.required", 1],
    [z.string().min(1), "", "form.required", 1],
    [z.array(z.string()).max(1), ["a", "b"], "form.maxItems", 1],
  ] as const)("%#: words zod's own issue as %s", (schema, value, key, n) => {
    expect(sizeIssueKey(firstIssue(schema, value) as Parameters<typeof sizeIssueKey>[0])).toEqual({ key, n });
  });

  it("leaves every other issue to zod's locale", () => {
    expect(sizeIssueKey(firstIssue(z.email(), "x") as Parameters<typeof sizeIssueKey>[0])).toBeNull();
    expect(sizeIssueKey({ code: "too_small", origin: "date", minimum: 1 })).toBeNull();
  });
});
