/**
 * Persian text normalisation for storage keys and search.
 *
 * Users type the same word many ways: Arabic or Persian yeh/kaf, with or without
 * the zero-width non-joiner (ZWNJ), with Persian, Arabic-Indic or Latin digits,
 * with diacritics or tatweel. normalizeFa() maps all of them to one key so that a
 * query matches whatever form was stored. Apply it both on write (the `_norm`
 * columns) and to the query.
 */

const CHAR_MAP: Record<string, string> = {
  "\u064A": "\u06CC", // ARABIC YEH → FARSI YEH
  "\u0649": "\u06CC", // ALEF MAKSURA → FARSI YEH
  "\u0643": "\u06A9", // ARABIC KAF → KEHEH
  "\u06C0": "\u0647", // HEH WITH YEH ABOVE (ۀ) → HEH
  "\u0629": "\u0647", // TEH MARBUTA (ة) → HEH
  "\u0623": "\u0627", // ALEF WITH HAMZA ABOVE → ALEF
  "\u0625": "\u0627", // ALEF WITH HAMZA BELOW → ALEF
  "\u0624": "\u0648", // WAW WITH HAMZA → WAW
};

// Persian (U+06F0..) and Arabic-Indic (U+0660..) digits → ASCII.
const DIGITS = /[\u06F0-\u06F9\u0660-\u0669]/g;
// Harakat, superscript alef, Quranic marks, tatweel.
const MARKS = /[\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/g;
// Bidi controls, ZWJ, BOM, Arabic letter mark.
const INVISIBLES = /[\u200D\u200E\u200F\u202A-\u202E\u2066-\u2069\u061C\uFEFF]/g;
const ZWNJ = /\u200C/g;
// Affixes written detached, joined with ZWNJ or attached: «خوشه‌ها», «خوشه ها»,
// «خوشهها». After ZWNJ removal we also join a space-separated plural/comparative
// suffix and the verbal prefix می/نمی so all three spellings give one key.
// The lookbehind does not consume the letter before the space, so consecutive
// detached suffixes («بزرگ تر ها») all join.
const DETACHED_SUFFIX = /(?<=\S) (ها|های|هایی|هایم|هایش|تر|ترین|ای|ام|ات|اش)(?=\s|$|[.,،؛:!?؟])/g;
const DETACHED_PREFIX = /(^|\s)(ن?می) (?=\S)/g;

export function normalizeFa(input: string): string {
  let s = input.normalize("NFKC");
  s = s.replace(/[\u064A\u0649\u0643\u06C0\u0629\u0623\u0625\u0624]/g, (c) => CHAR_MAP[c] ?? c);
  s = s.replace(DIGITS, (d) => {
    const code = d.charCodeAt(0);
    return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
  });
  s = s.replace(MARKS, "").replace(INVISIBLES, "").replace(ZWNJ, "");
  s = s.replace(/\s+/g, " ").trim();
  s = s.replace(DETACHED_SUFFIX, "$1").replace(DETACHED_PREFIX, "$1$2");
  return s.toLowerCase();
}

/** ASCII digits → Persian digits, for display. */
export function toPersianDigits(input: string | number): string {
  return String(input).replace(/[0-9]/g, (d) => String.fromCharCode(0x06f0 + Number(d)));
}

/** Persian and Arabic-Indic digits → ASCII, leaving everything else as typed. */
export function toAsciiDigits(input: string): string {
  return input.replace(DIGITS, (d) => {
    const code = d.charCodeAt(0);
    return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
  });
}

/**
 * normalizeFa without spaces: the key for names and search where a compound
 * may be typed joined, with a ZWNJ or with a space («بسته‌بندی», «بسته بندی»,
 * «بستهبندی»). Substring matching on it ignores word boundaries, which is what
 * users of a search box expect.
 */
export function compactFa(input: string): string {
  return normalizeFa(input).replace(/ /g, "");
}

// Persian alphabetical order. Code-point order puts پ چ ژ ک گ ی after the
// Arabic letters, so names are sorted by this key on both engines instead of
// by either engine's collation.
const FA_ALPHABET = "اآبپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیئء";

/**
 * A sort key for Persian (and Latin) text: two decimal digits per character,
 * so every engine and collation compares it the same way, in Persian order.
 * Spaces sort first, then digits, Persian letters, Latin letters, the rest.
 */
export function sortKeyFa(input: string): string {
  let out = "";
  for (const ch of normalizeFa(input)) {
    if (ch === " ") out += "00";
    else if (ch >= "0" && ch <= "9") out += String(1 + Number(ch)).padStart(2, "0");
    else if (FA_ALPHABET.includes(ch)) out += String(11 + FA_ALPHABET.indexOf(ch));
    else if (ch >= "a" && ch <= "z") out += String(50 + ch.charCodeAt(0) - 97);
    else out += "99";
  }
  return out.slice(0, 400);
}
