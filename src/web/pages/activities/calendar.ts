/**
 * The Jalali month a calendar shows: its first day from a Jalali year and
 * month, the months before and after, its weeks from Saturday, and what
 * falls on each day (the activities spanning it, the sessions held on it).
 */
import { withinDates } from "../../../core/activities";
import { addDaysIso, isoToJalali, jalaliToIso, todayIso } from "../../../core/jalali";
import type { ActivitySession, Calendar, CalendarActivity } from "./types";

export interface JalaliMonth {
  year: number;
  month: number;
}

/** The Jalali year and month of an ISO date. */
export function monthOf(iso: string): JalaliMonth {
  const j = isoToJalali(iso) ?? isoToJalali(todayIso()) ?? "1404/01/01";
  const [y, m] = j.split("/").map(Number) as [number, number];
  return { year: y, month: m };
}

/** The ISO date of a Jalali month's first day. */
export function firstDayOf(m: JalaliMonth): string {
  return jalaliToIso(`${m.year}/${String(m.month).padStart(2, "0")}/01`) ?? todayIso();
}

export function shiftMonth(m: JalaliMonth, by: number): JalaliMonth {
  const i = m.year * 12 + (m.month - 1) + by;
  return { year: Math.floor(i / 12), month: (i % 12) + 1 };
}

/** The Jalali day of the month of an ISO date. */
export function dayOfMonth(iso: string): number {
  return Number((isoToJalali(iso) ?? "").slice(-2));
}

/** 0 for Saturday … 6 for Friday (the Iranian week). */
export function weekdayOf(iso: string): number {
  return (new Date(`${iso}T00:00:00Z`).getUTCDay() + 1) % 7;
}

/** The month's days in weeks from Saturday; days of the months around are null. */
export function weeksOf(from: string, to: string): (string | null)[][] {
  const days: (string | null)[] = Array.from({ length: weekdayOf(from) }, () => null);
  for (let d = from; d <= to; d = addDaysIso(d, 1)) days.push(d);
  while (days.length % 7 !== 0) days.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < days.length; i += 7) weeks.push(days.slice(i, i + 7));
  return weeks;
}

export interface DayItem {
  activity: CalendarActivity;
  /** The activity's sessions held that day, in their order. */
  sessions: ActivitySession[];
}

/** What each day of the month holds: every activity spanning it, with that day's sessions of it. */
export function itemsByDay(cal: Calendar): Map<string, DayItem[]> {
  const sessionsOn = new Map<string, ActivitySession[]>();
  for (const s of cal.sessions) {
    const key = `${s.startsOn}|${s.activityId}`;
    const list = sessionsOn.get(key);
    if (list) list.push(s);
    else sessionsOn.set(key, [s]);
  }
  const byDay = new Map<string, DayItem[]>();
  for (let d = cal.from; d <= cal.to; d = addDaysIso(d, 1)) {
    const items = cal.activities
      .filter((a) => withinDates(d, a))
      .map((a) => ({ activity: a, sessions: sessionsOn.get(`${d}|${a.id}`) ?? [] }));
    if (items.length > 0) byDay.set(d, items);
  }
  return byDay;
}

/**
 * The agenda's days (a phone's list): an activity of several days is listed
 * on its first day in the month and on the days it holds a session, not on
 * every day between, so a month-long course does not fill the list.
 */
export function agendaOf(byDay: Map<string, DayItem[]>, monthFrom: string): Map<string, DayItem[]> {
  const out = new Map<string, DayItem[]>();
  for (const [day, items] of byDay) {
    const kept = items.filter(
      (i) => i.sessions.length > 0 || day === (i.activity.startDate > monthFrom ? i.activity.startDate : monthFrom),
    );
    if (kept.length > 0) out.set(day, kept);
  }
  return out;
}
