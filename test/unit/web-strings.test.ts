/**
 * A page shows a raw key when it reads a string from a namespace that was
 * not loaded with it. The kit loads a module's own namespace and those its
 * manifest `uses` (plus "common", always); this test reads every web source
 * file and checks that each key it names statically (and each group it
 * builds keys in) lives in a namespace that file can count on; and that the
 * sign-in page (login.html, outside the app) names keys of common and auth.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readNamespaces, type Tree } from "../../src/server/i18n";

const WEB = path.resolve(import.meta.dirname, "../../src/web");
const NAMESPACES = readNamespaces("fa");

function has(tree: Tree, key: string): boolean {
  let node: string | Tree | undefined = tree;
  for (const part of key.split(".")) node = typeof node === "object" ? node[part] : undefined;
  return node !== undefined;
}

/** The namespaces holding a key (or a group, for keys built at run time). */
const owners = (key: string) => Object.keys(NAMESPACES).filter((ns) => has(NAMESPACES[ns]!, key));

/** What each module's manifest says it reads: its name and its `uses`. */
function manifestNamespaces(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const folder of fs.readdirSync(path.join(WEB, "pages"))) {
    const file = path.join(WEB, "pages", folder, "module.tsx");
    if (!fs.existsSync(file)) continue;
    const src = fs.readFileSync(file, "utf8");
    const name = /name: "([a-z]+)"/.exec(src)?.[1];
    if (!name) throw new Error(`${file}: no module name`);
    const uses = /uses: ALL_NAMESPACES/.test(src)
      ? Object.keys(NAMESPACES)
      : [...(/uses: \[([^\]]*)\]/.exec(src)?.[1] ?? "").matchAll(/"([a-z]+)"/g)].map((m) => m[1]!);
    out.set(folder, [name, ...uses]);
  }
  return out;
}

const MODULES = manifestNamespaces();

function allowedFor(file: string): string[] {
  const rel = path.relative(WEB, file).split(path.sep);
  if (rel[0] !== "pages") return ["common"];
  // The public pages (public.html, scripts in pages/applications/public) are not the app: their
  // build (vite.config.ts, PUBLIC) writes in the strings of these namespaces, the activities'
  // registration and certificate pages' among them.
  if (rel[1] === "applications" && rel[2] === "public") return ["common", "applications", "activities"];
  const folder = rel[1]!;
  return ["common", ...(MODULES.get(folder) ?? [])];
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(d.name) ? [p] : [];
  });
}

describe("web strings come from namespaces loaded with their page", () => {
  const files = sourceFiles(WEB);

  it("found the web sources and the module manifests", () => {
    expect(files.length).toBeGreaterThan(50);
    expect(MODULES.get("clusters")).toContain("clusters");
  });

  it.each(files.map((f) => path.relative(WEB, f)))("%s", (rel) => {
    const file = path.join(WEB, rel);
    const src = fs.readFileSync(file, "utf8");
    const allowed = allowedFor(file);
    const problems: string[] = [];
    // t("group.key") and tDynamic("group.key"): a key spelt out; a manifest's navigation label.
    for (const m of src.matchAll(/(?:\bt(?:Dynamic)?\(\s*|\blabel: )"([a-zA-Z]+\.[\w.]+)"/g)) {
      const key = m[1]!;
      const where = owners(key.replace(/_(zero|one|two|few|many|other)$/, ""));
      const plural = where.length === 0 ? owners(`${key}_other`) : where;
      if (plural.length === 0) problems.push(`${key}: in no namespace`);
      else if (!plural.some((ns) => allowed.includes(ns))) problems.push(`${key}: in ${plural.join(", ")}`);
    }
    // t(`group.${x}`): a key built at run time; its group must be reachable.
    for (const m of src.matchAll(/\bt(?:Dynamic)?\(\s*`([a-zA-Z]+(?:\.[a-zA-Z]+)*)\.\$\{/g)) {
      const group = m[1]!;
      const where = owners(group);
      if (where.length > 0 && !where.some((ns) => allowed.includes(ns)))
        problems.push(`${group}.*: in ${where.join(", ")}`);
    }
    expect(problems, `${rel} reads ${allowed.join(", ")}`).toEqual([]);
  });

  // The sign-in page is not the app: its build (vite.config.ts, signInPage) writes the strings of
  // its data-i18n attributes into the markup and gives its script (pages/auth/login, checked above
  // as part of the auth folder) those of common and auth only.
  it("login.html names keys of common and auth only", () => {
    const html = fs.readFileSync(path.join(WEB, "login.html"), "utf8").replace(/<!--[\s\S]*?-->/g, "");
    const keys = [...html.matchAll(/\sdata-i18n(?:-[a-z-]+)?="([^"]*)"/g)].map((m) => m[1]!);
    expect(keys.length).toBeGreaterThan(5);
    const problems = keys.filter((key) => !owners(key).some((ns) => ns === "common" || ns === "auth"));
    expect(problems, "login.html reads common, auth").toEqual([]);
  });
});
