/**
 * Audit actions are declared on the manifest of the module that writes them
 * (auditActions); writeAudit() accepts no other. The audit page labels each
 * one with auditActions.<action, dots as underscores> (AuditPage.tsx), so
 * every declared action needs that string in both languages. The strings
 * are read through the server's translate function, whatever file they live in.
 */
import fs from "node:fs";
import path from "node:path";
import type { Kysely } from "kysely";
import { describe, expect, expectTypeOf, it } from "vitest";
import type { DB } from "../../src/server/db/schema";
import { t } from "../../src/server/i18n";
import { type AuditEntry, writeAudit } from "../../src/server/modules/audit/service";
import { type AuditAction, allAuditActions, SERVER_MODULES } from "../../src/server/modules/index";

const ACTIONS = allAuditActions();
const SERVER_DIR = path.resolve(import.meta.dirname, "../../src/server");

/** The key AuditPage.tsx looks up for an action. */
const labelKey = (action: string) => `auditActions.${action.replace(/\./g, "_")}`;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith(".ts") ? [p] : [];
  });
}

describe("audit actions", () => {
  it("are found on the manifests, each declared once", () => {
    expect(ACTIONS.length).toBeGreaterThan(30);
    expect(ACTIONS).toContain("cluster.transition");
    expect(ACTIONS).toContain("auth.login");
    expect(ACTIONS).toContain("demo.load");
    expect(ACTIONS.filter((a, i) => ACTIONS.indexOf(a) !== i)).toEqual([]);
    // The key replaces dots, so two actions must not differ only by a dot and an underscore.
    const keys = ACTIONS.map(labelKey);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  it.each(ACTIONS)("%s has its audit-page label in both languages", (action) => {
    const key = labelKey(action);
    // t() answers the key itself when a string is missing.
    expect(t("fa", key), `fa ${key}`).not.toBe(key);
    expect(t("en", key), `en ${key}`).not.toBe(key);
    expect(t("fa", key), `fa ${key} is Persian`).toMatch(/[\u0600-\u06FF]/);
  });

  it("each declared action is written somewhere in the server (no stale declarations)", () => {
    const manifests = new Set([
      path.join(SERVER_DIR, "modules/index.ts"),
      ...SERVER_MODULES.map((m) => path.join(SERVER_DIR, `modules/${m.name}/module.ts`)),
    ]);
    const code = sourceFiles(SERVER_DIR)
      .filter((f) => !manifests.has(f))
      .map((f) => fs.readFileSync(f, "utf8"))
      .join("\n");
    // On an audit entry's `action:` line: a permission of the same name ("cluster.update") does not count.
    const lines = code.split("\n").filter((l) => /\baction: /.test(l));
    for (const action of ACTIONS) {
      expect(
        lines.some((l) => l.includes(`"${action}"`)),
        `${action} is written`,
      ).toBe(true);
    }
  });

  it("writeAudit() takes only declared actions (checked by the type checker)", () => {
    expectTypeOf<AuditEntry["action"]>().toEqualTypeOf<AuditAction>();
    expectTypeOf<"cluster.create">().toExtend<AuditAction>();
    expectTypeOf<"demo.load">().toExtend<AuditAction>();
    expectTypeOf<"cluster.delete">().not.toExtend<AuditAction>();
    // Never called: it exists for `tsc`, which must reject the undeclared action.
    const undeclared = (db: Kysely<DB>) =>
      writeAudit(db, null, {
        // @ts-expect-error "cluster.delete" is on no manifest
        action: "cluster.delete",
        targetType: "cluster",
        targetId: null,
        summary: {},
      });
    expect(typeof undeclared).toBe("function");
  });
});
