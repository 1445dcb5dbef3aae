/**
 * Jalali (Solar Hijri) helpers. We store ISO `YYYY-MM-DD` dates and UTC instants
 * and convert only to show and to parse.
 */
import { format as formatJ, isValid, parse as parseJ } from "date-fns-jalali";
import { toAsciiDigits, toPersianDigits } from "./normalize";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The dates Khooshe takes: Jalali 1300/01/01 to 1500/12/29, the range the date fields offer. */
export const DATE_MIN = "1921-03-21";
export const DATE_MAX = "2122-03-20";

/** An ISO calendar date as a Date at local midnight (calendar maths only). */
function isoDateToLocal(iso: string): Date | null {
  const m = ISO_DATE.exec(iso);
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (d.getFullYear() !== Number(m[1]) || d.getMonth() !== Number(m[2]) - 1 || d.getDate() !== Number(m[3]))
    return null;
  return d;
}

function localToIsoDate(d: Date): string {
  const y = String(d.getFullYear()).padStart(4, "0");
  const m = String(d.getMonth() + 1).padStart(2, "0");
  const day = String(d.getDate()).padStart(2, "0");
  return `${y}-${m}-${day}`;
}

/**
 * Parses a Jalali date typed as `1403/12/30`, `1403-12-30` or with Persian
 * digits, and returns the ISO Gregorian date, or null when it is not a real
 * Jalali date.
 */
export function jalaliToIso(input: string): string | null {
  const s = toAsciiDigits(input.trim()).replace(/-/g, "/");
  const m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(s);
  // A Gregorian date typed into a Jalali field (2025/03/21) is not silently taken as year 2025 AH.
  if (!m || Number(m[1]) < 1200 || Number(m[1]) > 1700) return null;
  const parsed = parseJ(
    `${m[1]}/${m[2].padStart(2, "0")}/${m[3].padStart(2, "0")}`,
    "yyyy/MM/dd",
    new Date(2000, 0, 1),
  );
  if (!isValid(parsed)) return null;
  // date-fns-jalali rolls invalid days over; reject by formatting back.
  if (formatJ(parsed, "yyyy/MM/dd") !== `${m[1]}/${m[2].padStart(2, "0")}/${m[3].padStart(2, "0")}`) return null;
  return localToIsoDate(parsed);
}

/** ISO date (`2025-03-20`) → Jalali text (`1403/12/30`), ASCII digits. */
export function isoToJalali(iso: string, pattern = "yyyy/MM/dd"): string | null {
  const d = isoDateToLocal(iso);
  return d ? formatJ(d, pattern) : null;
}

const TEHRAN_OFFSET_MS = 3.5 * 3600_000;

/**
 * A Date whose local-time view is Tehran wall-clock time whatever the host's
 * time zone: it holds instant + 3:30 and reads and writes it through the UTC
 * accessors. Building a host-local Date from Tehran's wall clock instead breaks
 * when that wall-clock time falls in a host DST gap (it is shifted an hour).
 */
class TehranWallClock extends Date {
  override getFullYear() {
    return this.getUTCFullYear();
  }
  override getMonth() {
    return this.getUTCMonth();
  }
  override getDate() {
    return this.getUTCDate();
  }
  override getDay() {
    return this.getUTCDay();
  }
  override getHours() {
    return this.getUTCHours();
  }
  override getMinutes() {
    return this.getUTCMinutes();
  }
  override getSeconds() {
    return this.getUTCSeconds();
  }
  override getMilliseconds() {
    return this.getUTCMilliseconds();
  }
  override getTimezoneOffset() {
    return -210;
  }
  override setFullYear(...a: Parameters<Date["setUTCFullYear"]>) {
    return this.setUTCFullYear(...a);
  }
  override setMonth(...a: Parameters<Date["setUTCMonth"]>) {
    return this.setUTCMonth(...a);
  }
  override setDate(...a: Parameters<Date["setUTCDate"]>) {
    return this.setUTCDate(...a);
  }
  override setHours(...a: Parameters<Date["setUTCHours"]>) {
    return this.setUTCHours(...a);
  }
  override setMinutes(...a: Parameters<Date["setUTCMinutes"]>) {
    return this.setUTCMinutes(...a);
  }
  override setSeconds(...a: Parameters<Date["setUTCSeconds"]>) {
    return this.setUTCSeconds(...a);
  }
  override setMilliseconds(...a: Parameters<Date["setUTCMilliseconds"]>) {
    return this.setUTCMilliseconds(...a);
  }
  /** date-fns clones dates through this hook, keeping the class. */
  [Symbol.for("constructDateFrom")](value: Date | number | string) {
    return new TehranWallClock(+new Date(value));
  }
}

/**
 * A UTC instant → Jalali date-time in Iran's time zone (UTC+3:30, no DST since
 * 1402). Calendar and clock tokens only; timestamp tokens (X, T) are not meant
 * for this view.
 */
export function instantToJalali(instant: string | Date, pattern = "yyyy/MM/dd HH:mm"): string {
  const t = typeof instant === "string" ? new Date(instant) : instant;
  return formatJ(new TehranWallClock(t.getTime() + TEHRAN_OFFSET_MS), pattern);
}

/** Jalali text with Persian digits, for the UI. */
export function isoToJalaliFa(iso: string): string {
  const j = isoToJalali(iso);
  return j ? toPersianDigits(j) : "";
}

export function isIsoDate(s: string): boolean {
  return isoDateToLocal(s) !== null;
}

export { isoDateToLocal, localToIsoDate };

/** Today's date in Iran (UTC+3:30), as an ISO date. */
export function todayIso(now: Date = new Date()): string {
  return new Date(now.getTime() + 3.5 * 3600_000).toISOString().slice(0, 10);
}

/** An ISO date moved by whole days (calendar arithmetic in UTC). */
export function addDaysIso(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** An ISO date moved by whole years; 29 Feb falls back to 28 Feb. */
export function addYearsIso(iso: string, years: number): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y + years, m - 1, d));
  if (t.getUTCMonth() !== m - 1) t.setUTCDate(0);
  return t.toISOString().slice(0, 10);
}
