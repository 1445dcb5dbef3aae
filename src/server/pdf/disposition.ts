/**
 * Content-Disposition for a download with a Persian file name (RFC 6266 with
 * RFC 5987's `filename*`), plus an ASCII `filename` for old clients.
 */

/** Characters file systems refuse (Windows' set, which is the strictest) and control characters. */
const UNSAFE = /[\\/:*?"<>|\p{Cc}\p{Cf}]/gu;
const ZWNJ = "\u200C";

/** A name that is safe to save as a file: forbidden characters become spaces, at most 120 characters. */
export function safeFileName(name: string, ext: string): string {
  const base = name
    // Keep the ZWNJ (a letter-joining control, part of Persian spelling), drop the other format controls.
    .replace(UNSAFE, (c) => (c === ZWNJ ? c : " "))
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^\.+|\.+$/g, "");
  const cut = Array.from(base).slice(0, 120).join("").trim();
  return `${cut || "document"}.${ext}`;
}

/** RFC 5987 ext-value: UTF-8, percent-encoded outside attr-char. */
function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*!]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`,
  );
}

/** `attachment; filename="fallback"; filename*=UTF-8''…` (the ASCII name first, as api.ts's download reads it). */
export function attachmentDisposition(fileName: string, asciiFallback: string): string {
  const ascii = asciiFallback.replace(/[^\x20-\x7E]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${rfc5987(fileName)}`;
}
