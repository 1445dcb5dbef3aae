/**
 * Every user-visible string lives in the locale files: one namespace per
 * module (src/web/locales/{fa,en}/<module>.json) and "common". Both languages
 * must have the same namespaces with the same keys; no key may be defined in
 * two namespaces (keys are written without a namespace and looked up in all
 * of them); and everything the server looks up must be there.
 */
import { describe, expect, it } from "vitest";
import { CLUSTER_STATES } from "../../src/core/lifecycle";
import { readNamespaces, type Tree } from "../../src/server/i18n";
import { allErrorCodes, allMailTemplates, SERVER_MODULES } from "../../src/server/modules/index";

function keys(t: Tree, prefix = ""): string[] {
  return Object.entries(t).flatMap(([k, v]) => (typeof v === "string" ? [prefix + k] : keys(v, `${prefix}${k}.`)));
}

function lookup(t: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = t;
  for (const part of key.split(".")) node = typeof node === "object" ? node[part] : undefined;
  return typeof node === "string" ? node : undefined;
}

const FA = readNamespaces("fa");
const EN = readNamespaces("en");
const base = (k: string) => k.replace(/_(zero|one|two|few|many|other)$/, "");

/** The namespace that defines a key, in one language. */
function owner(bundles: Record<string, Tree>, key: string): string | undefined {
  return Object.keys(bundles).find((ns) => lookup(bundles[ns]!, key) !== undefined);
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
  it("fa and en have the same namespaces, among them common", () => {
    expect(Object.keys(FA).sort()).toEqual(Object.keys(EN).sort());
    expect(Object.keys(FA)).toContain("common");
  });

  it.each(Object.keys(FA))("namespace %s has the same keys in fa and en (plural forms aside)", (ns) => {
    const f = [...new Set(keys(FA[ns]!).map(base))].sort();
    const e = [...new Set(keys(EN[ns] ?? {}).map(base))].sort();
    expect(f.filter((k) => !e.includes(k))).toEqual([]);
    expect(e.filter((k) => !f.includes(k))).toEqual([]);
  });

  it("no key is defined in two namespaces", () => {
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const [ns, tree] of Object.entries(FA)) {
      for (const k of keys(tree)) {
        const first = seen.get(k);
        if (first) twice.push(`${k}: ${first} and ${ns}`);
        else seen.set(k, ns);
      }
    }
    expect(twice).toEqual([]);
  });

  it("a server module's error codes, mails and audit actions are in its own namespace", () => {
    const misplaced: string[] = [];
    for (const m of SERVER_MODULES) {
      const own = [...m.errorCodes.map((c) => `errors.${c}`)];
      for (const t of m.mailTemplates ?? []) own.push(`mail.${t}.subject`, `mail.${t}.body`);
      for (const a of m.auditActions ?? []) own.push(`auditActions.${a.replaceAll(".", "_")}`);
      for (const key of own) if (owner(FA, key) !== m.name) misplaced.push(`${key} (${m.name}): ${owner(FA, key)}`);
    }
    expect(misplaced).toEqual([]);
  });

  it("found the server's error codes", () => {
    expect(ERROR_CODES.length).toBeGreaterThan(30);
    expect(ERROR_CODES).toContain("transition_not_allowed");
    expect(ERROR_CODES).toContain("validation_failed");
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
  });

  it.each(SERVER_KEYS)("%s is translated in both languages", (key) => {
    expect(owner(FA, key), `fa ${key}`).toBeTruthy();
    expect(owner(EN, key), `en ${key}`).toBeTruthy();
  });

  it("Persian messages are Persian", () => {
    for (const code of ERROR_CODES) {
      const ns = owner(FA, `errors.${code}`);
      expect(ns && lookup(FA[ns]!, `errors.${code}`)).toMatch(/[\u0600-\u06FF]/);
    }
  });
});
