import { describe, expect, it } from "vitest";
import { daysBetweenIso, jalaliMonthRange, overlaps, shiftedCopy, withinDates } from "../../src/core/activities";
import { ActivityInput } from "../../src/core/schemas/activities";

describe("jalaliMonthRange()", () => {
  it("gives a Jalali month's first and last days", () => {
    // Mehr 1404 (30 days), Farvardin 1404 (31), Esfand 1403 of a leap year (30), Esfand 1404 (29).
    expect(jalaliMonthRange("2025-09-23")).toEqual({ from: "2025-09-23", to: "2025-10-22" });
    expect(jalaliMonthRange("2025-03-21")).toEqual({ from: "2025-03-21", to: "2025-04-20" });
    expect(jalaliMonthRange("2025-02-19")).toEqual({ from: "2025-02-19", to: "2025-03-20" });
    expect(jalaliMonthRange("2026-02-20")).toEqual({ from: "2026-02-20", to: "2026-03-20" });
  });
  it("refuses a day that is not a month's first, and no date at all", () => {
    expect(jalaliMonthRange("2025-09-24")).toBeNull();
    expect(jalaliMonthRange("2025-10-01")).toBeNull();
    expect(jalaliMonthRange("2025-02-30")).toBeNull();
  });
});

describe("dates", () => {
  it("counts days across months and years", () => {
    expect(daysBetweenIso("2025-09-28", "2025-10-08")).toBe(10);
    expect(daysBetweenIso("2025-10-08", "2025-09-28")).toBe(-10);
    expect(daysBetweenIso("2024-12-31", "2025-03-01")).toBe(60);
  });
  it("keeps a session inside its activity's days, both ends included", () => {
    const a = { startDate: "2025-09-28", endDate: "2025-09-30" };
    expect(withinDates("2025-09-28", a)).toBe(true);
    expect(withinDates("2025-09-30", a)).toBe(true);
    expect(withinDates("2025-10-01", a)).toBe(false);
    expect(overlaps(a, "2025-09-30", "2025-10-10")).toBe(true);
    expect(overlaps(a, "2025-10-01", "2025-10-10")).toBe(false);
  });
  it("shifts a template copy and its sessions by the start's days", () => {
    const original = {
      startDate: "2025-09-28",
      endDate: "2025-09-30",
      sessions: [
        { startsOn: "2025-09-28", place: "a" },
        { startsOn: "2025-09-30", place: "b" },
      ],
    };
    expect(shiftedCopy(original, "2025-10-08")).toEqual({
      startDate: "2025-10-08",
      endDate: "2025-10-10",
      sessions: [
        { startsOn: "2025-10-08", place: "a" },
        { startsOn: "2025-10-10", place: "b" },
      ],
    });
    expect(shiftedCopy(original, "2025-10-08", "2025-10-20").endDate).toBe("2025-10-20");
    expect(original.sessions[0]!.startsOn).toBe("2025-09-28");
  });
});

describe("ActivityInput", () => {
  const base = { title: "دوره", startDate: "2025-09-28", endDate: "2025-09-30" };
  it("takes each kind's own details and fills the defaults", () => {
    const r = ActivityInput.parse({ ...base, kind: "meeting", details: { recurrence: "biweekly" } });
    expect(r).toMatchObject({ status: "planned", costRials: 0, online: false, sessions: [] });
    expect(ActivityInput.parse({ ...base, kind: "research" }).details).toEqual({});
  });
  it("refuses another kind's details, unknown fields and bad times", () => {
    expect(ActivityInput.safeParse({ ...base, kind: "publication", details: { recurrence: "weekly" } }).success).toBe(
      false,
    );
    expect(ActivityInput.safeParse({ ...base, kind: "market_study", details: { countries: ["china"] } }).success).toBe(
      false,
    );
    expect(ActivityInput.safeParse({ ...base, kind: "workshop", extra: 1 }).success).toBe(false);
    expect(
      ActivityInput.safeParse({ ...base, kind: "workshop", sessions: [{ startsOn: "2025-09-28", startTime: "25:00" }] })
        .success,
    ).toBe(false);
  });
});
