import { execFileSync } from "node:child_process";

/**
 * pdftotext's text with its bidi embedding controls removed. pdftotext also
 * reverses the characters of an ActualText span in right-to-left text, and
 * Typst gives a ZWNJ (which has no glyph) to the letter after it, so «ش‌» comes
 * out as «‌ش»; this puts the ZWNJ back before that letter, where it was typed.
 */
export function pdfText(pdf: Buffer): string {
  const raw = execFileSync("pdftotext", ["-enc", "UTF-8", "-", "-"], { input: pdf }).toString("utf8");
  return raw.replace(/[\u202A-\u202E\u2066-\u2069]/g, "").replace(/(\p{L})\u200C/gu, "\u200C$1");
}
