/**
 * Server-side messages come from the same locale files as the web app, so a
 * string is translated in one place. The web app loads a module's namespace
 * (src/web/locales/<lang>/<module>.json) with its pages; the server reads
 * them all at start and looks keys up in their union (the locale test keeps
 * every key in exactly one namespace).
 */
import fs from "node:fs";
import path from "node:path";
import { LOCALES_DIR } from "./paths";

export type Lang = "fa" | "en";
export type Tree = { [k: string]: string | Tree };

/** Adds `from` into `into`, key by key (two namespaces may both have an "errors" group). */
function mergeInto(into: Tree, from: Tree): Tree {
  for (const [k, v] of Object.entries(from)) {
    const have = into[k];
    into[k] = typeof v === "object" && typeof have === "object" ? mergeInto(have, v) : v;
  }
  return into;
}

/** Every namespace of a language, by namespace name. */
export function readNamespaces(lang: Lang): Record<string, Tree> {
  const dir = path.join(LOCALES_DIR, lang);
  const out: Record<string, Tree> = {};
  for (const file of fs.readdirSync(dir).sort()) {
    if (!file.endsWith(".json")) continue;
    out[file.slice(0, -".json".length)] = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as Tree;
  }
  return out;
}

function bundle(lang: Lang): Tree {
  const merged: Tree = {};
  for (const tree of Object.values(readNamespaces(lang))) mergeInto(merged, structuredClone(tree));
  return merged;
}

const BUNDLES: Record<Lang, Tree> = { fa: bundle("fa"), en: bundle("en") };

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
