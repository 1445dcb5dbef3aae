/**
 * Text hygiene for everything that comes in from outside. Control characters
 * and broken UTF-16 (a lone surrogate) are refused: they are never typed on
 * purpose, PostgreSQL refuses NUL while SQLite stores it, and a lone
 * surrogate comes back as replacement characters. Bidi embedding, override
 * and isolate controls are removed instead of refused: they are invisible,
 * get pasted along from word processors, and in a name or file name they
 * can make text read backwards («invoice\u202Eexe.png» shows as «invoicegnp.exe»).
 */

/** C0 controls other than tab, line feed and carriage return; DEL; C1 controls. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** U+202A–U+202E (LRE, RLE, PDF, LRO, RLO) and U+2066–U+2069 (LRI, RLI, FSI, PDI). */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** Why a string cannot be accepted, or null when it can. */
export function textProblem(s: string): "control_character" | "invalid_unicode" | null {
  if (LONE_SURROGATE.test(s)) return "invalid_unicode";
  if (CONTROL.test(s)) return "control_character";
  return null;
}

export function stripBidiControls(s: string): string {
  return s.replace(BIDI_CONTROLS, "");
}

export interface TextIssue {
  /** Dotted path inside the value, e.g. "grant.provinceCode" or "productGroups.2". */
  path: string;
  problem: "control_character" | "invalid_unicode";
}

/**
 * Walks a parsed JSON value (or a query/params object): removes bidi
 * controls from every string in place, except under keys that hold secrets
 * (a password is compared as typed), and lists the strings that must be
 * refused. Object keys are checked too.
 */
export function cleanIncomingText(value: unknown, isSecretKey: (key: string) => boolean): TextIssue[] {
  const issues: TextIssue[] = [];
  const visit = (node: unknown, path: string[], secret: boolean): unknown => {
    if (typeof node === "string") {
      const problem = textProblem(node);
      if (problem) issues.push({ path: path.join("."), problem });
      return secret ? node : stripBidiControls(node);
    }
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) node[i] = visit(node[i], [...path, String(i)], secret);
      return node;
    }
    if (node && typeof node === "object") {
      const obj = node as Record<string, unknown>;
      for (const key of Object.keys(obj)) {
        const keyProblem = textProblem(key);
        if (keyProblem) issues.push({ path: [...path, key].join("."), problem: keyProblem });
        obj[key] = visit(obj[key], [...path, key], secret || isSecretKey(key));
      }
      return obj;
    }
    return node;
  };
  visit(value, [], false);
  return issues;
}

/** An optional text field as stored: trimmed, and null when nothing is left. */
export function trimmedOrNull(s: string | null | undefined): string | null {
  const v = s?.trim();
  return v ? v : null;
}
