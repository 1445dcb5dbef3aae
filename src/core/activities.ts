/**
 * Activities of a cluster (DOMAIN: "Activities"): trainings, tours,
 * exhibitions, meetings, conferences, workshops, start-up events, market
 * studies, research, publications and consultancy. Pure, shared with the web
 * app: the lists, the Jalali month a calendar shows, a session's place in
 * its activity's dates and a template copy's shift.
 */
import { addDaysIso, isoToJalali, jalaliToIso } from "./jalali";

export const ACTIVITY_KINDS = [
  "training",
  "tour",
  "exhibition",
  "meeting",
  "conference",
  "workshop",
  "startup_event",
  "market_study",
  "research",
  "publication",
  "consultancy",
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const ACTIVITY_STATUSES = ["planned", "done", "cancelled"] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

/** A training course is given online (Qom's virtual courses) or in a room. */
export const TRAINING_MODES = ["virtual", "in_person"] as const;
/** An industrial tour inside Iran (Qom, Alborz) or abroad (Expo Dubai). */
export const TOUR_SCOPES = ["domestic", "foreign"] as const;
/** A booth of the cluster's or a whole pavilion (the Mashhad pavilion). */
export const EXHIBITION_FORMS = ["booth", "pavilion"] as const;
export const PUBLICATION_FORMS = ["book", "article", "newsletter", "video"] as const;
/** A meeting or briefing held once or as a series (Qazvin: every two weeks). */
export const MEETING_RECURRENCES = ["none", "weekly", "biweekly", "monthly"] as const;

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetweenIso(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * The Jalali month starting on `firstDay` (an ISO date): its first and last
 * days as ISO dates, or null when `firstDay` is not the first of a Jalali month.
 */
export function jalaliMonthRange(firstDay: string): { from: string; to: string } | null {
  const j = isoToJalali(firstDay);
  if (!j) return null;
  const [y, m, d] = j.split("/").map(Number) as [number, number, number];
  if (d !== 1) return null;
  const next = m === 12 ? `${y + 1}/01/01` : `${y}/${String(m + 1).padStart(2, "0")}/01`;
  const nextIso = jalaliToIso(next);
  if (!nextIso) return null;
  return { from: firstDay, to: addDaysIso(nextIso, -1) };
}

/** Whether a day falls inside an activity's dates (both ends included). */
export function withinDates(day: string, a: { startDate: string; endDate: string }): boolean {
  return day >= a.startDate && day <= a.endDate;
}

/** Whether two date ranges share at least a day. */
export function overlaps(a: { startDate: string; endDate: string }, from: string, to: string): boolean {
  return a.startDate <= to && a.endDate >= from;
}

/**
 * A template copy's dates: the copy starts on `startDate`, ends on `endDate`
 * (by default as long after as the original), and its sessions move by the
 * same number of days as its start.
 */
export function shiftedCopy<S extends { startsOn: string }>(
  original: { startDate: string; endDate: string; sessions: readonly S[] },
  startDate: string,
  endDate?: string,
): { startDate: string; endDate: string; sessions: S[] } {
  const shift = daysBetweenIso(original.startDate, startDate);
  return {
    startDate,
    endDate: endDate ?? addDaysIso(original.endDate, shift),
    sessions: original.sessions.map((s) => ({ ...s, startsOn: addDaysIso(s.startsOn, shift) })),
  };
}
