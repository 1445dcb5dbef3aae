import { describe, expect, it } from "vitest";
import {
  CLUSTER_STATES,
  type ClusterStateName,
  checkTransition,
  implementationYear,
  MAIN_PATH,
  nextStates,
  transitionNeedsReason,
} from "../../src/core/lifecycle";

describe("checkTransition: every pair of states", () => {
  // Written out from the rules, not derived from the code under test.
  function expected(from: ClusterStateName, to: ClusterStateName, resume: ClusterStateName | null) {
    if (from === to) return { ok: false };
    if (from === "on_hold") {
      if (to === "cancelled") return { ok: true, reason: true };
      return { ok: to === resume, reason: false };
    }
    if (from === "cancelled") return { ok: to === "identified", reason: true };
    if (to === "on_hold") return { ok: from !== "network", reason: false };
    if (to === "cancelled") return { ok: from !== "network", reason: true };
    const i = MAIN_PATH.indexOf(from);
    const j = MAIN_PATH.indexOf(to);
    if (j === i + 1) return { ok: true, reason: false };
    if (j < i) return { ok: true, reason: true };
    return { ok: false };
  }

  const rows: Array<[ClusterStateName, ClusterStateName]> = [];
  for (const from of CLUSTER_STATES) for (const to of CLUSTER_STATES) rows.push([from, to]);

  it.each(rows)("%s → %s", (from, to) => {
    const resume: ClusterStateName = "diagnostic";
    const got = checkTransition(from, to, resume);
    const want = expected(from, to, resume);
    expect(got.ok).toBe(want.ok);
    if (want.ok) expect(got.needsReason === true).toBe(want.reason);
  });

  it("never skips a step forward", () => {
    expect(checkTransition("identified", "approved").ok).toBe(false);
    expect(checkTransition("approved", "diagnostic").ok).toBe(false);
    expect(nextStates("identified")).toEqual(["feasibility", "on_hold", "cancelled"]);
    expect(nextStates("on_hold", "implementation")).toEqual(["implementation", "cancelled"]);
  });

  it("tells forms when a reason is needed", () => {
    expect(transitionNeedsReason("diagnostic", "agent_contracted")).toBe(true);
    expect(transitionNeedsReason("diagnostic", "action_planning")).toBe(false);
    expect(transitionNeedsReason("implementation", "cancelled")).toBe(true);
    expect(transitionNeedsReason("cancelled", "identified")).toBe(true);
    expect(transitionNeedsReason("implementation", "on_hold")).toBe(false);
  });
});

describe("implementationYear", () => {
  it.each([
    ["2022-12-22", "2022-12-21", null],
    ["2022-12-22", "2022-12-22", 1],
    ["2022-12-22", "2023-12-21", 1],
    ["2022-12-22", "2023-12-22", 2],
    ["2022-12-22", "2024-12-21", 2],
    ["2022-12-22", "2024-12-22", 3],
    ["2022-12-22", "2030-01-01", 3],
    ["2024-02-29", "2025-02-28", 1],
    ["2024-02-29", "2025-03-01", 2],
  ] as const)("contract from %s, on %s → year %s", (start, today, year) => {
    expect(implementationYear(start, today)).toBe(year);
  });
});
