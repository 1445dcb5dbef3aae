/**
 * Server-side messages come from the same locale files as the web app, so a
 * string is translated in one place.
 */
import en from "../web/locales/en.json" with { type: "json" };
import fa from "../web/locales/fa.json" with { type: "json" };

export type Lang = "fa" | "en";
type Tree = { [k: string]: string | Tree };
const BUNDLES: Record<Lang, Tree> = { fa: fa as Tree, en: en as Tree };

/** Picks fa or en from an Accept-Language header; Persian by default. */
export function langFrom(header: string | undefined): Lang {
  if (!header) return "fa";
  for (const part of header.split(",")) {
    const tag = part.split(";")[0]?.trim().toLowerCase() ?? "";
    if (tag.startsWith("fa")) return "fa";
    if (tag.startsWith("en")) return "en";
  }
  return "fa";
}

export function t(lang: Lang, key: string, params: Record<string, string | number> = {}): string {
  let node: string | Tree | undefined = BUNDLES[lang];
  for (const part of key.split(".")) node = typeof node === "object" ? node[part] : undefined;
  if (typeof node !== "string") return key;
  return node.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(params[k] ?? ""));
}
