/**
 * The web calendar's month arithmetic (src/web/pages/activities/calendar.ts):
 * Jalali months to their first days and back, weeks from Saturday with the
 * days of the months around left blank, and what each day holds.
 */
import { describe, expect, it } from "vitest";
import {
  agendaOf,
  dayOfMonth,
  firstDayOf,
  itemsByDay,
  monthOf,
  shiftMonth,
  weekdayOf,
  weeksOf,
} from "../../src/web/pages/activities/calendar";
import type { Calendar } from "../../src/web/pages/activities/types";

// Mehr 1404: 2025-09-23 (a Tuesday) to 2025-10-22.
const MEHR = "2025-09-23";

const brief = (id: string, startDate: string, endDate: string) => ({
  id,
  clusterId: "c",
  clusterName: "خوشه",
  provinceCode: "IR-25",
  kind: "workshop" as const,
  title: id,
  online: false,
  place: null,
  startDate,
  endDate,
  programmeId: null,
  status: "planned" as const,
  capacity: null,
});

const session = (id: string, activityId: string, startsOn: string) => ({
  id,
  activityId,
  startsOn,
  startTime: "09:00",
  endTime: null,
  place: null,
  capacity: null,
});

describe("activities calendar (web)", () => {
  it("finds a month's first day, moves across the year's end, and reads the day of the month", () => {
    expect(monthOf("2025-10-01")).toEqual({ year: 1404, month: 7 });
    expect(firstDayOf({ year: 1404, month: 7 })).toBe(MEHR);
    expect(shiftMonth({ year: 1404, month: 12 }, 1)).toEqual({ year: 1405, month: 1 });
    expect(shiftMonth({ year: 1404, month: 1 }, -1)).toEqual({ year: 1403, month: 12 });
    expect(firstDayOf(shiftMonth({ year: 1403, month: 12 }, 1))).toBe("2025-03-21");
    expect(dayOfMonth("2025-10-22")).toBe(30);
  });

  it("lays the month out in weeks from Saturday", () => {
    expect(weekdayOf("2025-09-20")).toBe(0); // a Saturday
    expect(weekdayOf("2025-09-26")).toBe(6); // a Friday
    const weeks = weeksOf(MEHR, "2025-10-22");
    expect(weeks.every((w) => w.length === 7)).toBe(true);
    // Tuesday is the fourth day of the Iranian week: three blanks before the first.
    expect(weeks[0]?.slice(0, 4)).toEqual([null, null, null, MEHR]);
    expect(weeks.flat().filter(Boolean)).toHaveLength(30);
    expect(weeks.at(-1)?.filter(Boolean).at(-1)).toBe("2025-10-22");
  });

  it("puts each activity on every day it spans, with that day's sessions of it", () => {
    const cal: Calendar = {
      from: MEHR,
      to: "2025-10-22",
      activities: [brief("a", "2025-09-20", "2025-09-24"), brief("b", "2025-09-24", "2025-09-24")],
      sessions: [session("s1", "a", "2025-09-24"), session("s2", "a", "2025-09-24"), session("s3", "b", "2025-09-24")],
    };
    const days = itemsByDay(cal);
    expect([...days.keys()]).toEqual([MEHR, "2025-09-24"]);
    expect(days.get(MEHR)?.map((i) => [i.activity.id, i.sessions.length])).toEqual([["a", 0]]);
    expect(days.get("2025-09-24")?.map((i) => [i.activity.id, i.sessions.map((s) => s.id)])).toEqual([
      ["a", ["s1", "s2"]],
      ["b", ["s3"]],
    ]);
  });

  it("lists a long activity in the agenda on its first day in the month and its session days only", () => {
    const cal: Calendar = {
      from: MEHR,
      to: "2025-10-22",
      activities: [brief("long", "2025-09-01", "2025-10-30"), brief("short", "2025-09-25", "2025-09-27")],
      sessions: [session("s1", "long", "2025-10-01")],
    };
    const agenda = agendaOf(itemsByDay(cal), cal.from);
    expect([...agenda.entries()].map(([d, items]) => [d, items.map((i) => i.activity.id)])).toEqual([
      [MEHR, ["long"]],
      ["2025-09-25", ["short"]],
      ["2025-10-01", ["long"]],
    ]);
  });
});
