import { describe, expect, it } from "vitest";
import { diffFields, hasChanges } from "../../src/server/services/diff";

describe("diffFields: the one update audit shape", () => {
  it("keeps only changed fields, each as { before, after }", () => {
    expect(diffFields({ name: "الف", active: true }, { name: "ب", active: true })).toEqual({
      name: { before: "الف", after: "ب" },
    });
  });

  it("treats undefined in `after` as not given, and null as a value", () => {
    expect(diffFields({ name: "الف", note: "x" }, { name: undefined, note: null })).toEqual({
      note: { before: "x", after: null },
    });
  });

  it("compares lists by content and limits itself to the fields named", () => {
    expect(diffFields({ codes: ["1"], secret: "a" }, { codes: ["1"], secret: "b" }, ["codes"])).toEqual({});
    expect(hasChanges(diffFields({ codes: ["1"] }, { codes: ["1", "2"] }))).toBe(true);
  });
});
