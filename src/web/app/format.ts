import { useTranslation } from "react-i18next";
import { instantToJalali, isoToJalali } from "../../core/jalali";
import { toAsciiDigits, toPersianDigits } from "../../core/normalize";
import type { Locale } from "./types";

const numberFormats: Record<Locale, Intl.NumberFormat> = {
  fa: new Intl.NumberFormat("fa-IR"),
  en: new Intl.NumberFormat("en-US"),
};

/** A number for display: Persian digits and separators in the Persian UI. */
export function formatNumber(n: number, lng: string): string {
  if (lng === "fa") return toPersianDigits(numberFormats.fa.format(n));
  return numberFormats.en.format(n);
}

/** Any text whose ASCII digits should read as Persian digits in the Persian UI. */
export function localDigits(s: string | number, lng: string): string {
  return lng === "fa" ? toPersianDigits(s) : String(s);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** ISO date (YYYY-MM-DD) or UTC instant → Jalali text in the UI's digits. */
export function formatJalali(value: string, lng: string, withTime = true): string {
  let text: string;
  if (ISO_DATE.test(value)) {
    text = isoToJalali(value) ?? value;
  } else {
    const d = new Date(value);
    if (Number.isNaN(d.getTime())) return value;
    text = instantToJalali(d, withTime ? "yyyy/MM/dd HH:mm" : "yyyy/MM/dd");
  }
  return localDigits(text, lng);
}

/** File size in B / KB / MB, in the UI's digits. */
export function formatBytes(size: number, lng: string, units: { b: string; kb: string; mb: string }): string {
  if (size < 1024) return `${formatNumber(size, lng)} ${units.b}`;
  const kb = size / 1024;
  if (kb < 1024) return `${formatNumber(Math.round(kb * 10) / 10, lng)} ${units.kb}`;
  return `${formatNumber(Math.round((kb / 1024) * 10) / 10, lng)} ${units.mb}`;
}

/** The formatting helpers bound to the current UI language. */
export function useFormat() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  return {
    lng,
    num: (n: number) => formatNumber(n, lng),
    digits: (s: string | number) => localDigits(s, lng),
    date: (v: string | null | undefined, withTime = true) => (v ? formatJalali(v, lng, withTime) : ""),
    bytes: (n: number) => formatBytes(n, lng, { b: t("units.b"), kb: t("units.kb"), mb: t("units.mb") }),
  };
}

/**
 * A whole number typed with Persian, Arabic-Indic or Latin digits, with or
 * without group separators: null when empty, NaN when it is not one.
 */
export function parseWhole(text: string): number | null {
  const s = toAsciiDigits(text).replace(/[\s,٬،_']/g, "");
  if (s === "") return null;
  return /^\d+$/.test(s) ? Number(s) : Number.NaN;
}

/** A list typed with Latin or Persian commas (or semicolons): trimmed, empty items dropped. */
export function splitList(text: string): string[] {
  return text
    .split(/[,،;؛]/)
    .map((x) => x.trim())
    .filter(Boolean);
}
