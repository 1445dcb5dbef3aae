/**
 * Reading the cells of the spreadsheets offices keep: numbers stored as text
 * with Persian or Arabic-Indic digits and thousands separators, Jalali dates
 * typed as text, Arabic letter forms, formulas (their cached result), rich
 * text, hyperlinks, Excel's own dates and error values. Pure functions: the
 * unit tests (test/unit/imports-cells.test.ts) pin each case down.
 */
import { isoToJalali, jalaliToIso } from "../../../core/jalali";
import { compactFa, normalizeFa, toAsciiDigits } from "../../../core/normalize";
import { stripBidiControls } from "../../../core/text";
import { isCompanyNationalId, isNationalId, normalizeMobile } from "../../../core/validators";

/** A cell as the readers hand it over: exceljs values are reduced to these. */
export type Cell = string | number | boolean | Date | null;

/**
 * An exceljs cell value reduced to a plain one: a formula to its cached
 * result (never recomputed: the file says what the office saw), rich text to
 * its text, a hyperlink to its text, an error (#DIV/0!, #N/A) to null.
 */
export function plainCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (v instanceof Date) return v;
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if ("formula" in o || "sharedFormula" in o) return plainCell(o.result);
    if (Array.isArray(o.richText)) return o.richText.map((r) => String((r as { text?: unknown }).text ?? "")).join("");
    if ("text" in o) return plainCell(o.text);
    if ("error" in o) return null;
  }
  return null;
}

// Arabic letter forms an office's keyboard leaves in names: kept as the Persian letters.
const LETTERS: Record<string, string> = { "\u064A": "\u06CC", "\u0649": "\u06CC", "\u0643": "\u06A9" };

/** Text as it will be stored: trimmed, spaces collapsed, bidi controls gone, Arabic yeh/kaf as Persian. */
export function cleanText(s: string): string {
  return (
    stripBidiControls(s)
      // Direction marks and the Arabic letter mark, which office files carry around numbers and names.
      .replace(/[\u200E\u200F\u061C\uFEFF]/g, "")
      .replace(/[\u064A\u0649\u0643]/g, (c) => LETTERS[c] ?? c)
      .replace(/[\u00A0\s]+/g, " ")
      .trim()
  );
}

/** A cell as text (what the preview shows and the failed-rows file gives back). */
export function cellText(c: Cell): string {
  if (c === null) return "";
  if (c instanceof Date) return Number.isNaN(c.getTime()) ? "" : c.toISOString().slice(0, 10);
  if (typeof c === "number") return Number.isInteger(c) ? String(c) : String(Number(c.toPrecision(15)));
  if (typeof c === "boolean") return c ? "1" : "0";
  return cleanText(c);
}

export function isBlank(c: Cell): boolean {
  return cellText(c) === "";
}

/**
 * A number typed as text: Persian or Arabic-Indic digits, thousands separated
 * by «,» «٬» «،» or spaces, a decimal point «.» or «٫», a minus or Persian
 * minus. Null when it is not a number.
 */
export function parseNumber(c: Cell): number | null {
  if (typeof c === "number") return Number.isFinite(c) ? c : null;
  if (typeof c !== "string") return null;
  let s = toAsciiDigits(cleanText(c))
    .replace(/[\u2212\u2013]/g, "-")
    .replace(/\u066B/g, ".");
  // Thousands separators: Latin and Arabic commas, the Arabic thousands mark, spaces, apostrophes.
  s = s.replace(/(?<=\d)[,\u066C\u060C' ](?=\d{3}(\D|$))/g, "");
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** A whole number of at least 0 (employees), or null. */
export function parseCount(c: Cell): number | null {
  const n = parseNumber(c);
  return n !== null && Number.isInteger(n) && n >= 0 && n <= 10_000_000 ? n : null;
}

/** Excel's serial day 1 is 1900-01-01 (with its 1900 leap-year bug: serials from 61 are a day off). */
function excelSerialToIso(n: number): string | null {
  if (!Number.isFinite(n) || n < 1 || n > 100_000) return null;
  const ms = Date.UTC(1899, 11, 30) + Math.floor(n) * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * A date: an Excel date cell, a Jalali date typed as text («۱۴۰۲/۰۱/۰۵»,
 * «1402-1-5», «1402.01.05»), or a Gregorian one typed as ISO or with slashes
 * (year 1900–2100). Returns the ISO date or null.
 */
export function parseDate(c: Cell): string | null {
  if (c instanceof Date) return Number.isNaN(c.getTime()) ? null : c.toISOString().slice(0, 10);
  if (typeof c === "number") return excelSerialToIso(c);
  if (typeof c !== "string") return null;
  const s = toAsciiDigits(cleanText(c)).replace(/[.\-\u066B]/g, "/");
  const m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(s);
  if (!m) return null;
  const y = Number(m[1]);
  if (y >= 1200 && y <= 1700) return jalaliToIso(s);
  if (y >= 1900 && y <= 2100) {
    const iso = `${m[1]}-${m[2]!.padStart(2, "0")}-${m[3]!.padStart(2, "0")}`;
    const d = new Date(`${iso}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
  }
  return null;
}

/** The digits of an identifier: Persian digits to ASCII, spaces and dashes out; a number cell as its digits. */
function idDigits(c: Cell, length: number): string {
  if (typeof c === "number") {
    // A national ID stored as a number lost its leading zeros (0012345678 → 12345678).
    return Number.isInteger(c) && c >= 0 ? String(c).padStart(length, "0") : String(c);
  }
  return toAsciiDigits(cellText(c)).replace(/[\s\-\u200C]/g, "");
}

/** A company national ID (شناسه ملی, 11 digits, checksum) in its stored form, or null when invalid. */
export function parseCompanyId(c: Cell): string | null {
  const s = idDigits(c, 11);
  return isCompanyNationalId(s) ? s : null;
}

/** A person's national code (کد ملی, 10 digits, checksum), or null when invalid. */
export function parsePersonId(c: Cell): string | null {
  const s = idDigits(c, 10);
  return isNationalId(s) ? s : null;
}

/** A mobile number as 09xxxxxxxxx; a number cell lost its leading zero (9121234567). */
export function parseMobile(c: Cell): string | null {
  return normalizeMobile(typeof c === "number" ? String(c) : cellText(c));
}

/** A list typed in one cell: «لیوان کاغذی، بطری؛ فیلم» → three items. */
export function parseList(c: Cell): string[] {
  return cellText(c)
    .split(/[,،;؛\n|/]+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export function parseEmail(c: Cell): string | null {
  const s = toAsciiDigits(cellText(c)).toLowerCase();
  return EMAIL.test(s) && s.length <= 254 ? s : null;
}

// What the totals row at the bottom of a sheet says in its first filled cell.
const TOTAL_WORDS = new Set(["جمع", "جمعکل", "مجموع", "مجموعکل", "جمعکلی", "total", "totals", "grandtotal", "sum"]);

/** The totals row («جمع», «مجموع», «Total», «جمع کل:»): its first text cell is one of those words. */
export function isTotalsRow(cells: readonly Cell[]): boolean {
  for (const c of cells) {
    if (isBlank(c)) continue;
    if (typeof c !== "string") continue;
    return TOTAL_WORDS.has(compactFa(c).replace(/[:：.-]+$/, ""));
  }
  return false;
}

/** A header as matched against known names and remembered mappings: normalised, no spaces, no punctuation. */
export function headerKey(h: string): string {
  return compactFa(h).replace(/[()[\]{}:._\-*#/\\]/g, "");
}

/** Column letters as Excel shows them: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A date for the failed-rows file and messages: Jalali beside nothing else (the office typed Jalali). */
export function jalaliOf(iso: string): string {
  return isoToJalali(iso) ?? iso;
}

/** normalizeFa of a name, for matching on re-import (the same key insertEnterprise stores). */
export const nameKey = (s: string) => normalizeFa(s);
