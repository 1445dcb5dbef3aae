/**
 * Every user-visible string lives in the two locale files. They must have the
 * same keys, and everything the server looks up must be there (a web edit
 * that drops a server section would otherwise show raw keys to users).
 */
import { describe, expect, it } from "vitest";
import { CLUSTER_STATES } from "../../src/core/lifecycle";
import { allErrorCodes, allMailTemplates } from "../../src/server/modules/index";
import en from "../../src/web/locales/en.json" with { type: "json" };
import fa from "../../src/web/locales/fa.json" with { type: "json" };

type Tree = { [k: string]: string | Tree };

function keys(t: Tree, prefix = ""): string[] {
  return Object.entries(t).flatMap(([k, v]) => (typeof v === "string" ? [prefix + k] : keys(v, `${prefix}${k}.`)));
}

function lookup(t: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = t;
  for (const part of key.split(".")) node = typeof node === "object" ? node[part] : undefined;
  return typeof node === "string" ? node : undefined;
}

/** The platform's codes and every module's, from their manifests. */
const ERROR_CODES = allErrorCodes();

const SERVER_KEYS = [
  ...ERROR_CODES.map((c) => `errors.${c}`),
  ...CLUSTER_STATES.map((s) => `states.${s}`),
  ...allMailTemplates().flatMap((m) => [`mail.${m}.subject`, `mail.${m}.body`]),
  "clusterExport.sheet",
  "clusterExport.name",
  "clusterExport.stateSinceJalali",
  "clusterExport.warning_contract_ending",
  "clusterExport.warning_milestone_overdue",
];

describe("locale files", () => {
  it("fa and en have the same keys (plural forms aside)", () => {
    const base = (k: string) => k.replace(/_(zero|one|two|few|many|other)$/, "");
    const f = [...new Set(keys(fa as Tree).map(base))].sort();
    const e = [...new Set(keys(en as Tree).map(base))].sort();
    expect(f.filter((k) => !e.includes(k))).toEqual([]);
    expect(e.filter((k) => !f.includes(k))).toEqual([]);
  });

  it("found the server's error codes", () => {
    expect(ERROR_CODES.length).toBeGreaterThan(30);
    expect(ERROR_CODES).toContain("transition_not_allowed");
    expect(ERROR_CODES).toContain("validation_failed");
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
  });

  it.each(SERVER_KEYS)("%s is translated in both languages", (key) => {
    expect(lookup(fa as Tree, key), `fa ${key}`).toBeTruthy();
    expect(lookup(en as Tree, key), `en ${key}`).toBeTruthy();
  });

  it("Persian messages are Persian", () => {
    for (const code of ERROR_CODES) expect(lookup(fa as Tree, `errors.${code}`)).toMatch(/[\u0600-\u06FF]/);
  });
});
