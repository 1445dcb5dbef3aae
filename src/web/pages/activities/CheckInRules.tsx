/**
 * The check-in page's pure rules, apart from its components so they are
 * tested without a browser: which session the page opens with and how typed
 * hours are read.
 */
import { toAsciiDigits } from "../../../core/normalize";

/** The session to open with: today's, else the next one, else the last. */
export function defaultSession<S extends { startsOn: string }>(sessions: readonly S[], today: string): S | undefined {
  return (
    sessions.find((s) => s.startsOn === today) ??
    sessions.find((s) => s.startsOn > today) ??
    sessions[sessions.length - 1]
  );
}

/**
 * Hours typed with Persian or Latin digits and a Persian or Latin decimal
 * mark ("۲٫۵", "2.5", "2/5"); NaN unless 0–24 with at most two decimals.
 */
export function parseHours(text: string): number {
  const s = toAsciiDigits(text).trim().replace(/[٫/,]/g, ".");
  if (!/^\d{1,2}(\.\d{1,2})?$/.test(s)) return Number.NaN;
  const n = Number(s);
  return n >= 0 && n <= 24 ? n : Number.NaN;
}
