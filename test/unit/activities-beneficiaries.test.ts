/** The pure rules of beneficiaries: who a registrant is counted as, under which role, in which aggregates. */
import { describe, expect, it } from "vitest";
import {
  ALL_YEARS,
  ANY,
  averageOf,
  BENEFICIARY_ROLES,
  jalaliYearOf,
  markKeysOf,
  personKeyOf,
  roleOf,
  surveyKeysOf,
} from "../../src/core/beneficiaries";

const scope = {
  id: "act",
  clusterId: "cl",
  provinceCode: "IR-19",
  programmeId: null as string | null,
  kind: "training",
  startDate: "2025-09-28",
};

describe("beneficiaries: person key", () => {
  it("uses the directory person, else the canonical mobile, else the compacted name", () => {
    expect(personKeyOf({ personId: "p1", mobile: "09121112233", name: "علی" })).toBe("p:p1");
    expect(personKeyOf({ personId: null, mobile: "+989121112233", name: "علی" })).toBe("m:09121112233");
    expect(personKeyOf({ personId: null, mobile: "۰۹۱۲۱۱۱۲۲۳۳", name: "علی" })).toBe("m:09121112233");
    // Arabic and Persian letters, spaces and ZWNJ fold to one key.
    expect(personKeyOf({ personId: null, mobile: null, name: "علي رضايي" })).toBe(
      personKeyOf({ personId: null, mobile: null, name: "علی‌رضایی" }),
    );
    expect(personKeyOf({ personId: null, mobile: "not a number", name: "x" })).toBe("n:x");
  });
});

describe("beneficiaries: role", () => {
  it("takes the first skill in the members' order, else the employer institution's kind, else enterprise staff", () => {
    expect(roleOf({ skills: ["manager", "designer"], employerKind: "institution", institutionKind: "supplier" })).toBe(
      "designer",
    );
    expect(roleOf({ skills: [], employerKind: "institution", institutionKind: "supplier" })).toBe("supplier");
    expect(roleOf({ skills: [], employerKind: "institution", institutionKind: "unknown_kind" })).toBe("other");
    expect(roleOf({ skills: [], employerKind: "enterprise", institutionKind: null })).toBe("enterprise");
    expect(roleOf({ skills: [], employerKind: null, institutionKind: null })).toBe("other");
  });

  it("lists every role once", () => {
    expect(new Set(BENEFICIARY_ROLES).size).toBe(BENEFICIARY_ROLES.length);
    expect(BENEFICIARY_ROLES).toContain("consultant");
  });
});

describe("beneficiaries: aggregates", () => {
  it("counts in the Jalali year of the start date", () => {
    expect(jalaliYearOf("2025-03-20")).toBe(1403);
    expect(jalaliYearOf("2025-03-21")).toBe(1404);
    expect(() => jalaliYearOf("2025-13-01")).toThrow();
  });

  it("marks a person by every and their own kind and role at activity, cluster and province", () => {
    const keys = markKeysOf(scope, "designer");
    expect(keys).toHaveLength(12);
    expect(keys).toContainEqual({ level: "province", scopeId: "IR-19", year: 1404, activityKind: ANY, role: ANY });
    expect(keys).toContainEqual({
      level: "cluster",
      scopeId: "cl",
      year: 1404,
      activityKind: "training",
      role: "designer",
    });
    expect(keys.some((k) => k.level === "programme")).toBe(false);
  });

  it("marks an enterprise without roles, and a programme per year and over all years", () => {
    const keys = markKeysOf({ ...scope, programmeId: "pr" }, null);
    expect(keys).toHaveLength(10);
    expect(keys.every((k) => k.role === ANY)).toBe(true);
    expect(keys.filter((k) => k.level === "programme").map((k) => k.year)).toEqual([1404, 1404, ALL_YEARS, ALL_YEARS]);
  });

  it("keeps the survey on every-kind, every-role rows only", () => {
    const keys = surveyKeysOf({ ...scope, programmeId: "pr" });
    expect(keys).toHaveLength(5);
    expect(keys.every((k) => k.activityKind === ANY && k.role === ANY)).toBe(true);
  });

  it("averages to one decimal, null without answers", () => {
    expect(averageOf(0, 0)).toBeNull();
    expect(averageOf(10, 3)).toBe(3.3);
    expect(averageOf(7, 2)).toBe(3.5);
  });
});
