/**
 * The rules of the schemas that moved out of the routes into
 * src/core/schemas/<module>.ts, where the web app's forms use them too: what
 * each accepts and refuses, the query strings they read, and the paths of
 * their issues (a form puts an issue on the field of that path).
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import type { z } from "zod";
import { AuditListQuery } from "../../src/core/schemas/audit";
import { ClusterFilterQuery, ClusterStatsOut } from "../../src/core/schemas/clusters";
import { type Page, pageOf, QueryBool } from "../../src/core/schemas/common";
import {
  CriteriaInput,
  CriterionInput,
  DecisionInput,
  StudyInput,
  StudyUpdateInput,
} from "../../src/core/schemas/feasibility";
import { MemberInput, MemberListQuery, MemberUpdateInput } from "../../src/core/schemas/governance";
import { JobListQuery } from "../../src/core/schemas/jobs";
import { EnterpriseListQuery } from "../../src/core/schemas/members";
import { NotificationListQuery } from "../../src/core/schemas/notifications";
import { UserListQuery } from "../../src/core/schemas/users";

const ID = "3f1f0c9e-8a56-4c4b-9a41-0e6f1d2b7c11";
const ID2 = "9b2d6a1e-4c3f-4e8a-b7d5-2f1a0c9e8d73";
const ok = (s: z.ZodType, v: unknown) => s.safeParse(v).success;
const paths = (s: z.ZodType, v: unknown) => s.safeParse(v).error?.issues.map((i) => i.path.join(".")) ?? [];

describe("feasibility", () => {
  it("a criterion has a name and a whole weight from 1 to 100", () => {
    expect(CriterionInput.parse({ name: "  بازار  ", weight: 30 })).toEqual({ name: "بازار", weight: 30 });
    for (const weight of [0, 101, 12.5, "30"]) expect(ok(CriterionInput, { name: "بازار", weight })).toBe(false);
    expect(ok(CriterionInput, { name: "   ", weight: 30 })).toBe(false);
    expect(ok(CriterionInput, { name: "x".repeat(201), weight: 30 })).toBe(false);
    expect(ok(CriterionInput, { name: "بازار", weight: 30, position: 1 })).toBe(false);
  });

  it("the whole list has 1 to 50 criteria, each with an optional id", () => {
    const item = { name: "بازار", weight: 100 };
    expect(ok(CriteriaInput, { items: [item] })).toBe(true);
    expect(ok(CriteriaInput, { items: [{ ...item, id: ID }] })).toBe(true);
    expect(ok(CriteriaInput, { items: [] })).toBe(false);
    expect(ok(CriteriaInput, { items: Array.from({ length: 51 }, (_, i) => ({ name: `m${i}`, weight: 1 })) })).toBe(
      false,
    );
    expect(paths(CriteriaInput, { items: [{ ...item, id: "1" }] })).toEqual(["items.0.id"]);
  });

  const study = {
    clusterId: ID,
    studyDate: "2025-01-10",
    author: "کارشناس",
    scores: [{ criterionId: ID2, score: 7 }],
  };

  it("a study scores criteria 0 to 10 in whole numbers, 1 to 50 of them", () => {
    expect(StudyInput.parse(study)).toEqual(study);
    for (const score of [-1, 11, 7.5, null]) {
      expect(paths(StudyInput, { ...study, scores: [{ criterionId: ID2, score }] })).toEqual(["scores.0.score"]);
    }
    expect(ok(StudyInput, { ...study, scores: [] })).toBe(false);
    expect(ok(StudyInput, { ...study, scores: Array.from({ length: 51 }, () => study.scores[0]) })).toBe(false);
    expect(ok(StudyInput, { ...study, scores: [{ criterionId: ID2, score: 7, weight: 10 }] })).toBe(false);
  });

  it("a study's author is trimmed and required, its summary up to 5000 characters or null", () => {
    expect(StudyInput.parse({ ...study, author: "  کارشناس  " }).author).toBe("کارشناس");
    expect(paths(StudyInput, { ...study, author: "  " })).toEqual(["author"]);
    expect(ok(StudyInput, { ...study, summary: null })).toBe(true);
    expect(ok(StudyInput, { ...study, summary: "x".repeat(5000) })).toBe(true);
    expect(paths(StudyInput, { ...study, summary: "x".repeat(5001) })).toEqual(["summary"]);
    expect(paths(StudyInput, { ...study, studyDate: "1403-01-01" })).toEqual(["studyDate"]);
  });

  it("the study form's draft (no cluster, no scores chosen) is refused on each of those fields", () => {
    const draft = {
      clusterId: null,
      studyDate: "2025-01-10",
      author: "",
      summary: null,
      scores: [
        { criterionId: ID, score: null },
        { criterionId: ID2, score: null },
      ],
    };
    expect(paths(StudyInput, draft).sort()).toEqual(["author", "clusterId", "scores.0.score", "scores.1.score"]);
  });

  it("a study's change takes any of its fields, and nothing else", () => {
    expect(ok(StudyUpdateInput, {})).toBe(true);
    expect(ok(StudyUpdateInput, { summary: null })).toBe(true);
    expect(ok(StudyUpdateInput, { clusterId: ID })).toBe(false);
    expect(ok(StudyUpdateInput, { scores: [] })).toBe(false);
  });

  it("a decision names a cluster and gives a trimmed reason of up to 2000 characters", () => {
    const d = { decidedOn: "2025-02-01", chosenClusterId: ID, reason: "  بازار بزرگ‌تر  " };
    expect(DecisionInput.parse(d).reason).toBe("بازار بزرگ‌تر");
    expect(paths(DecisionInput, { ...d, reason: " " })).toEqual(["reason"]);
    expect(paths(DecisionInput, { ...d, reason: "x".repeat(2001) })).toEqual(["reason"]);
    expect(paths(DecisionInput, { ...d, chosenClusterId: "clothing" })).toEqual(["chosenClusterId"]);
  });
});

describe("governance", () => {
  const seat = { personName: "  رضا احمدی  ", role: "chair", fromDate: "2025-01-01" };

  it("a seat needs a person, a governance role and a start; the rest may be null", () => {
    expect(MemberInput.parse(seat)).toEqual({ ...seat, personName: "رضا احمدی" });
    expect(ok(MemberInput, { ...seat, organisation: null, toDate: null, userId: null })).toBe(true);
    expect(paths(MemberInput, { ...seat, role: "national_admin" })).toEqual(["role"]);
    expect(paths(MemberInput, { ...seat, personName: null })).toEqual(["personName"]);
    expect(paths(MemberInput, { ...seat, organisation: "x".repeat(201) })).toEqual(["organisation"]);
    expect(paths(MemberInput, { ...seat, userId: "someone" })).toEqual(["userId"]);
    expect(ok(MemberInput, { ...seat, grantId: ID })).toBe(false);
  });

  it("a seat's change takes any field, but a given name, role or start may not be empty", () => {
    expect(ok(MemberUpdateInput, {})).toBe(true);
    expect(ok(MemberUpdateInput, { toDate: "2025-06-30", userId: null })).toBe(true);
    for (const f of ["personName", "role", "fromDate"]) expect(paths(MemberUpdateInput, { [f]: null })).toEqual([f]);
  });

  it("the list reads active=true/false as a boolean", () => {
    expect(MemberListQuery.parse({ active: "true" })).toEqual({ active: true });
    expect(MemberListQuery.parse({ active: "false" })).toEqual({ active: false });
    expect(MemberListQuery.parse({})).toEqual({});
    expect(ok(MemberListQuery, { active: "yes" })).toBe(false);
  });
});

describe("list queries", () => {
  it("a yes/no filter is exactly true or false", () => {
    expect(QueryBool.parse("true")).toBe(true);
    expect(QueryBool.parse("false")).toBe(false);
    for (const v of ["1", "TRUE", "", true]) expect(ok(QueryBool, v)).toBe(false);
    expect(UserListQuery.parse({ active: "false" }).active).toBe(false);
    expect(UserListQuery.parse({}).active).toBeUndefined();
    expect(NotificationListQuery.parse({ unread: "true" })).toEqual({ unread: true, limit: 50, offset: 0 });
  });

  it("the registry's filters read the project year 1–3 and contract ending as a boolean", () => {
    expect(ClusterFilterQuery.parse({ year: "2", contractEnding: "true" })).toEqual({ year: 2, contractEnding: true });
    expect(ClusterFilterQuery.parse({}).contractEnding).toBeUndefined();
    for (const year of ["0", "4", "1.5"]) expect(ok(ClusterFilterQuery, { year })).toBe(false);
    expect(ok(ClusterFilterQuery, { state: "dormant" })).toBe(false);
    expect(ok(ClusterFilterQuery, { limit: "10" })).toBe(false);
  });

  it("jobs by a known state and a kind of up to 100 characters; enterprises by cluster id; audit by real dates", () => {
    expect(JobListQuery.parse({ state: "failed", kind: " mail.send " })).toMatchObject({ kind: "mail.send" });
    expect(ok(JobListQuery, { state: "stuck" })).toBe(false);
    expect(ok(JobListQuery, { kind: "k".repeat(101) })).toBe(false);
    expect(ok(EnterpriseListQuery, { clusterId: "qom" })).toBe(false);
    expect(AuditListQuery.parse({ from: "2025-01-01" })).toMatchObject({ from: "2025-01-01", limit: 50 });
    expect(paths(AuditListQuery, { to: "2025-13-01" })).toEqual(["to"]);
  });
});

describe("answers", () => {
  it("the registry's counts are keyed by life-cycle state", () => {
    const stats = {
      byProvince: [{ provinceCode: "IR-25", nameFa: "قم", nameEn: "Qom", total: 2, counts: { identified: 2 } }],
      totals: { identified: 2 },
      total: 2,
      groups: { identified: 2, underDevelopment: 0, handedOver: 0, stopped: 0 },
    };
    expect(ok(ClusterStatsOut, stats)).toBe(true);
    expect(ok(ClusterStatsOut, { ...stats, totals: { dormant: 1 } })).toBe(false);
  });

  it("a list is a page of its items and a total", () => {
    const page = pageOf(CriterionInput);
    expect(page.parse({ items: [{ name: "بازار", weight: 5 }], total: 9 })).toEqual({
      items: [{ name: "بازار", weight: 5 }],
      total: 9,
    });
    expect(ok(page, { items: [{ name: "بازار" }], total: 1 })).toBe(false);
    expectTypeOf<z.infer<typeof page>>().toEqualTypeOf<Page<z.infer<typeof CriterionInput>>>();
    expectTypeOf<Page<string>>().toEqualTypeOf<{ items: string[]; total: number }>();
  });
});
