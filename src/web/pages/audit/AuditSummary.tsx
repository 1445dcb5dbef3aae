import { Fragment, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ROLES } from "../../../core/permissions";
import { formatJalali, formatNumber, localDigits } from "../../app/format";
import { tDynamic } from "../../app/i18n";
import { clusterName, useClusterOptions, useProvinceName } from "../../app/lookups";
import { auditValue } from "../../modules";

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Lists the server keeps as JSON text (ISIC codes, product groups). */
function parseJsonList(v: unknown): unknown {
  if (typeof v !== "string" || !v.startsWith("[")) return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

function fieldLabel(key: string): string {
  return tDynamic(`audit.fields.${key}`, { defaultValue: key });
}

interface Pair {
  key: string;
  value: string;
  before?: string;
}

/** Turns ids into names where the UI knows them; null hides the field. */
type Resolve = (key: string, value: unknown) => string | null | undefined;

function valueText(v: unknown, lng: string): string {
  if (v === null || v === undefined || v === "") return "—";
  if (typeof v === "boolean") return tDynamic(v ? "common.yes" : "common.no");
  if (typeof v === "number") return formatNumber(v, lng);
  if (typeof v === "string") {
    if ((ROLES as readonly string[]).includes(v)) return tDynamic(`roles.${v}`);
    if (v === "fa" || v === "en") return tDynamic(`locales.${v}`);
    // Dates of events (happenedOn, startDate…) read as Jalali dates.
    if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return formatJalali(v, lng, false);
    // Numbers, IP addresses and dates kept as text read in the UI's digits.
    if (/^[\d.:/\- ]+$/.test(v)) return localDigits(v, lng);
    return v;
  }
  if (Array.isArray(v)) {
    // Lists of records (scores, criteria) read as their size.
    if (v.length === 0) return "—";
    if (v.some(isRecord)) return tDynamic("audit.items", { n: formatNumber(v.length, lng) });
    return v.map((x) => valueText(x, lng)).join(tDynamic("common.listSeparator"));
  }
  return JSON.stringify(v);
}

/** Flattens {grant: {role, provinceCode}} into role and province pairs. */
function pairsOf(obj: Record<string, unknown>, lng: string, resolve: Resolve): Pair[] {
  const out: Pair[] = [];
  for (const [k, v] of Object.entries(obj)) {
    if (v === null || v === undefined) continue;
    if (isRecord(v)) {
      out.push(...pairsOf(v, lng, resolve));
      continue;
    }
    const r = resolve(k, v);
    if (r === null) continue;
    out.push({ key: k, value: r ?? valueText(v, lng) });
  }
  return out;
}

/**
 * The server keeps a small JSON summary per event: the fields for creations,
 * and for updates `{changes: {field: {before, after}}, …context}`
 * (src/server/services/diff.ts). Shown as "field: value" pairs in the UI
 * language, each value isolated so mixed Persian/Latin text keeps its order.
 * Entries written before that shape ({before, after} objects, or snake_case
 * fields each with {before, after}) still read as they always did.
 */
export function AuditSummary({
  summary,
  cluster,
}: {
  summary: string;
  /** The event's own cluster as the server names it; other cluster ids fall back to the look-up list. */
  cluster?: { id: string | null; name: string | null };
}) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const provinceName = useProvinceName();
  const needsLookup = summary.includes('"clusterId"') && !(cluster?.id && cluster.name);
  const clusters = useClusterOptions(needsLookup);

  // The event as a whole, for the modules that name its values (a seat's role only on governance events…).
  let event: Record<string, unknown> = {};
  const resolve: Resolve = (key, value) => {
    if (typeof value !== "string") return undefined;
    if (key === "provinceCode") return provinceName(value);
    const named = auditValue(key, value, event);
    if (named !== undefined) return named;
    if (key === "clusterId") {
      if (cluster?.id === value && cluster.name) return cluster.name;
      const c = clusters.data?.items.find((x) => x.id === value);
      return c ? clusterName(c, lng) : null;
    }
    // Other raw ids mean nothing to a reader.
    if (/(^id|Id)$/.test(key)) return null;
    return undefined;
  };

  let parsed: unknown;
  try {
    parsed = JSON.parse(summary);
  } catch {
    return <>{summary}</>;
  }
  if (!isRecord(parsed)) return <>{typeof parsed === "string" ? parsed : summary}</>;
  event = parsed;

  let pairs: Pair[];
  const { before, after, changes } = parsed;
  const entries = Object.entries(parsed);
  const isChange = (v: unknown): v is { before: unknown; after: unknown } =>
    isRecord(v) && "before" in v && "after" in v;
  const perField = entries.length > 0 && entries.every(([, v]) => isChange(v));
  if (isRecord(changes)) {
    // The one update shape: the context first (which body, whose seat), then each changed field.
    const { changes: _, ...context } = parsed;
    const hidden = (k: string, x: unknown) => x !== null && x !== undefined && resolve(k, x) === null;
    const changed = Object.entries(changes).flatMap(([k, v]): Pair[] => {
      if (!isChange(v) || hidden(k, v.before) || hidden(k, v.after)) return [];
      const show = (x: unknown) => resolve(k, x) ?? valueText(x, lng);
      return [{ key: k, before: show(v.before), value: show(v.after) }];
    });
    pairs = [...pairsOf(context, lng, resolve), ...changed];
  } else if (perField) {
    // Older entries: {field: {before, after}, …}, one change per field.
    pairs = entries.map(([k, v]) => {
      const change = v as { before: unknown; after: unknown };
      const show = (x: unknown) => resolve(k, x) ?? valueText(parseJsonList(x), lng);
      return { key: k, before: show(change.before), value: show(change.after) };
    });
  } else if (isRecord(before) && isRecord(after)) {
    // Older entries: {before: {…}, after: {…}}.
    const b = new Map(pairsOf(before, lng, resolve).map((p) => [p.key, p.value]));
    pairs = pairsOf(after, lng, resolve)
      .filter((p) => b.get(p.key) !== p.value)
      .map((p) => ({ ...p, before: b.get(p.key) ?? "—" }));
  } else {
    pairs = pairsOf(parsed, lng, resolve);
  }
  const arrow = t("audit.changedTo");
  const sep = t("common.listSeparator");
  const nodes: ReactNode[] = pairs.map((p, i) => (
    <Fragment key={p.key + String(i)}>
      {i > 0 && sep}
      <bdi>{fieldLabel(p.key)}</bdi>:{" "}
      {p.before !== undefined && (
        <>
          <bdi>{p.before}</bdi>
          {arrow}
        </>
      )}
      <bdi>{p.value}</bdi>
    </Fragment>
  ));
  return <>{nodes}</>;
}
