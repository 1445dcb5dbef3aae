import { describe, expect, it } from "vitest";
import {
  comparePlans,
  midpointIso,
  type PlanSnapshot,
  type ProgrammeSnapshot,
  programmeProgress,
  quorumMet,
  quorumNeeded,
  sumShares,
} from "../../src/core/planning";

const programme = (over: Partial<ProgrammeSnapshot> = {}): ProgrammeSnapshot => ({
  id: "p1",
  title: "دوره برندسازی",
  area: "skills",
  strategyId: "s1",
  pressurePointIds: ["a", "b"],
  objective: null,
  responsible: "دبیرخانه",
  startDate: "2026-04-01",
  endDate: "2026-06-30",
  budgetRials: 1000,
  shares: { national: 500, province: 300, members: 200, others: 0 },
  targets: [{ indicator: "شرکت‌کنندگان", baseline: 0, target: 40, unit: "نفر", verification: null }],
  ...over,
});

const plan = (programmes: ProgrammeSnapshot[], over: Partial<PlanSnapshot> = {}): PlanSnapshot => ({
  title: "برنامه سال اول",
  projectYear: 1,
  periodStart: "2026-03-21",
  periodEnd: "2027-03-20",
  programmes,
  ...over,
});

describe("comparePlans()", () => {
  it("finds programmes added, removed and changed field by field, and the budget delta", () => {
    const a = plan([programme(), programme({ id: "p2", title: "تور قم", budgetRials: 400 })]);
    const b = plan(
      [
        programme({
          endDate: "2026-07-30",
          budgetRials: 1200,
          shares: { national: 600, province: 300, members: 300, others: 0 },
        }),
        programme({ id: "p3", title: "غرفه ایران مد", budgetRials: 2000 }),
      ],
      { title: "برنامه سال اول (بازنگری)" },
    );
    const d = comparePlans(a, b);
    expect(d.added).toEqual([{ id: "p3", title: "غرفه ایران مد", budgetRials: 2000 }]);
    expect(d.removed).toEqual([{ id: "p2", title: "تور قم", budgetRials: 400 }]);
    expect(d.changed).toEqual([
      {
        id: "p1",
        title: "دوره برندسازی",
        fields: [
          { field: "endDate", from: "2026-06-30", to: "2026-07-30" },
          { field: "budgetRials", from: 1000, to: 1200 },
          {
            field: "shares",
            from: { national: 500, province: 300, members: 200, others: 0 },
            to: { national: 600, province: 300, members: 300, others: 0 },
          },
        ],
      },
    ]);
    expect(d.planFields).toEqual([{ field: "title", from: "برنامه سال اول", to: "برنامه سال اول (بازنگری)" }]);
    expect(d).toMatchObject({ budgetFrom: 1400, budgetTo: 3200, budgetDelta: 1800 });
  });

  it("sees no change when only the order of linked pressure points differs", () => {
    const d = comparePlans(plan([programme()]), plan([programme({ pressurePointIds: ["b", "a"] })]));
    expect(d).toMatchObject({ added: [], removed: [], changed: [], planFields: [], budgetDelta: 0 });
  });

  it("sees a changed target", () => {
    const t = [{ indicator: "شرکت‌کنندگان", baseline: 0, target: 60, unit: "نفر", verification: null }];
    expect(
      comparePlans(plan([programme()]), plan([programme({ targets: t })])).changed[0]!.fields.map((f) => f.field),
    ).toEqual(["targets"]);
  });
});

describe("quorum", () => {
  it("majority is more than half; two thirds rounds up; a fixed count is that count", () => {
    expect(quorumNeeded({ kind: "majority", count: null }, 5)).toBe(3);
    expect(quorumNeeded({ kind: "majority", count: null }, 4)).toBe(3);
    expect(quorumMet({ kind: "majority", count: null }, 2, 4)).toBe(false);
    expect(quorumMet({ kind: "majority", count: null }, 3, 5)).toBe(true);
    expect(quorumNeeded({ kind: "two_thirds", count: null }, 5)).toBe(4);
    expect(quorumMet({ kind: "two_thirds", count: null }, 3, 5)).toBe(false);
    expect(quorumMet({ kind: "two_thirds", count: null }, 4, 6)).toBe(true);
    expect(quorumMet({ kind: "min_count", count: 4 }, 3, 9)).toBe(false);
    expect(quorumMet({ kind: "min_count", count: 4 }, 4, 9)).toBe(true);
    // A council without seats is never quorate by share.
    expect(quorumMet({ kind: "majority", count: null }, 0, 0)).toBe(false);
  });
});

describe("programmeProgress()", () => {
  const p = { startDate: "2026-04-01", endDate: "2026-06-30" };
  it("takes the share of milestones done and the status on the day", () => {
    expect(programmeProgress(p, [], "2026-03-01")).toEqual({ percent: 0, status: "not_started" });
    expect(programmeProgress(p, [{ doneOn: null }], "2026-04-10")).toEqual({ percent: 0, status: "in_progress" });
    expect(programmeProgress(p, [{ doneOn: "2026-04-02" }, { doneOn: null }, { doneOn: null }], "2026-05-01")).toEqual({
      percent: 33,
      status: "in_progress",
    });
    expect(programmeProgress(p, [{ doneOn: "2026-04-02" }, { doneOn: null }], "2026-07-01")).toEqual({
      percent: 50,
      status: "late",
    });
    expect(programmeProgress(p, [{ doneOn: "2026-04-02" }, { doneOn: "2026-06-01" }], "2026-07-01")).toEqual({
      percent: 100,
      status: "done",
    });
  });
});

describe("programmeProgress() with activities", () => {
  it("counts activities beside milestones", () => {
    const p = { startDate: "2026-04-01", endDate: "2026-06-30" };
    expect(programmeProgress(p, [{ doneOn: "2026-04-02" }], "2026-05-01", { total: 3, done: 1 })).toEqual({
      percent: 50,
      status: "in_progress",
    });
    expect(programmeProgress(p, [], "2026-05-01", { total: 2, done: 2 })).toEqual({ percent: 100, status: "done" });
  });
});

describe("helpers", () => {
  it("adds cost shares and finds the middle of a year", () => {
    expect(sumShares({ national: 1, province: 2, members: 3, others: 4 })).toBe(10);
    expect(midpointIso("2026-03-21", "2027-03-20")).toBe("2026-09-19");
  });
});
