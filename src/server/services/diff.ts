/**
 * The one shape of an update's audit summary:
 * `{ changes: { fieldName: { before, after } }, …context }`, with camelCase
 * field names and only the fields that changed. The audit page renders it
 * (src/web/pages/audit/AuditSummary.tsx); context (which body, whose seat)
 * sits beside `changes`.
 */

export type Changes = Record<string, { before: unknown; after: unknown }>;

const same = (x: unknown, y: unknown) => x === y || JSON.stringify(x ?? null) === JSON.stringify(y ?? null);

/**
 * The fields (camelCase names) whose values differ between `before` and
 * `after`; lists and records compare by content. Fields absent from `after`,
 * or undefined there (not in the request), did not change.
 */
export function diffFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  fields: readonly string[] = Object.keys(after),
): Changes {
  const out: Changes = {};
  for (const f of fields) {
    if (after[f] === undefined) continue;
    const b = before[f] ?? null;
    const a = after[f] ?? null;
    if (!same(b, a)) out[f] = { before: b, after: a };
  }
  return out;
}

export const hasChanges = (c: Changes) => Object.keys(c).length > 0;
