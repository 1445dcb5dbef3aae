/**
 * The permission rows live in one file per module (src/core/policy) and are
 * joined by the core list. These checks guard the joining, not the rows
 * themselves: what each role may do is the hand-written table in
 * permissions.test.ts.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ACTIONS, POLICY, ROLE_SCOPE, ROLES, type ScopeLevel } from "../../src/core/permissions";
import { combinePolicies, definePolicy, type PolicyTable } from "../../src/core/policy/define";
import { POLICY_MODULES } from "../../src/core/policy/index";
import { SERVER_MODULES } from "../../src/server/modules/index";

const POLICY_DIR = path.resolve(import.meta.dirname, "../../src/core/policy");
const SCOPED_ROLES = ROLES.filter((r) => r !== "national_admin");
/** Widest first: a grant at one level also carries the levels before it (a cluster's grant its province). */
const LEVELS: readonly ScopeLevel[] = ["province", "cluster", "enterprise"];

describe("policy rows per module", () => {
  it("every action has its own row in exactly one module, stated even when it is national only ({})", () => {
    const owners = new Map<string, string[]>();
    for (const [module, table] of Object.entries(POLICY_MODULES as Record<string, PolicyTable>)) {
      for (const action of Object.keys(table)) owners.set(action, [...(owners.get(action) ?? []), module]);
    }
    expect([...owners.keys()].sort()).toEqual([...ACTIONS].sort());
    for (const action of ACTIONS) {
      expect(owners.get(action), action).toHaveLength(1);
      expect(Object.hasOwn(POLICY, action), action).toBe(true);
      expect(typeof POLICY[action], action).toBe("object");
    }
    expect(POLICY["job.manage"]).toEqual({});
  });

  it("rows name only non-national roles, each at a level its grant carries", () => {
    for (const action of ACTIONS) {
      for (const [role, level] of Object.entries(POLICY[action])) {
        expect(SCOPED_ROLES, `${action}: ${role}`).toContain(role);
        const own = ROLE_SCOPE[role as keyof typeof ROLE_SCOPE];
        // A province admin's grant has no cluster, so a "cluster" row for it would never match.
        expect(LEVELS.indexOf(level), `${action}: ${role} at ${level}`).toBeGreaterThanOrEqual(0);
        expect(LEVELS.indexOf(level), `${action}: ${role} at ${level}`).toBeLessThanOrEqual(LEVELS.indexOf(own!));
      }
    }
  });

  it("joining refuses an action defined by two modules, naming both", () => {
    const a = definePolicy({ "x.read": { province_admin: "province" } });
    const b = definePolicy({ "x.read": {}, "y.read": {} });
    expect(() => combinePolicies({ first: a, second: b })).toThrow("Action x.read is defined by both first and second");
    expect(combinePolicies({ first: a, second: definePolicy({ "y.read": {} }) })).toEqual({
      "x.read": { province_admin: "province" },
      "y.read": {},
    });
  });

  it("joining refuses a row for national_admin, an unknown role or level, or a missing row", () => {
    const bad = (row: unknown) => () => combinePolicies({ m: { "x.read": row } as unknown as PolicyTable });
    expect(bad({ national_admin: "province" })).toThrow("names role national_admin");
    expect(bad({ auditor: "province" })).toThrow("names role auditor");
    expect(bad({ member: "country" })).toThrow("gives member level country");
    expect(bad(undefined)).toThrow("has no row");
  });

  it("the policy files import nothing but each other and permissions.ts types (the browser bundles them)", () => {
    const files = fs.readdirSync(POLICY_DIR).filter((f) => f.endsWith(".ts"));
    expect(files).toContain("index.ts");
    for (const f of files) {
      const text = fs.readFileSync(path.join(POLICY_DIR, f), "utf8");
      for (const m of text.matchAll(/^import\s+(type\s+)?[^;]*?from\s+"([^"]+)"/gms)) {
        const [, isType, from] = m;
        const ok = from!.startsWith("./") || (isType && from === "../permissions");
        expect(ok, `${f} imports ${from}`).toBeTruthy();
      }
    }
  });

  it("every policy file is on the core list", () => {
    const files = fs.readdirSync(POLICY_DIR).filter((f) => f.endsWith(".ts") && f !== "index.ts" && f !== "define.ts");
    expect(files.map((f) => f.replace(/\.ts$/, "")).sort()).toEqual(Object.keys(POLICY_MODULES).sort());
  });

  it("each policy file is named after the server module whose services check its actions", () => {
    const servers = SERVER_MODULES.map((m) => m.name);
    for (const module of Object.keys(POLICY_MODULES)) expect(servers, module).toContain(module);
  });
});
