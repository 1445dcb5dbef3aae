import { Fragment, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ROLES } from "../../../core/permissions";
import { formatNumber, localDigits } from "../../app/format";
import { tDynamic } from "../../app/i18n";
import { clusterName, useClusterOptions, useProvinceName } from "../../app/lookups";

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
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
    // Numbers, IP addresses and dates kept as text read in the UI's digits.
    if (/^[\d.:/\- ]+$/.test(v)) return localDigits(v, lng);
    return v;
  }
  if (Array.isArray(v)) return v.map((x) => valueText(x, lng)).join(tDynamic("common.listSeparator"));
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
 * The server keeps a small JSON summary per event: {before, after} for
 * changes, the fields for creations. Shown as "field: value" pairs in the UI
 * language, each value isolated so mixed Persian/Latin text keeps its order.
 */
export function AuditSummary({ summary }: { summary: string }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const provinceName = useProvinceName();
  const clusters = useClusterOptions(summary.includes('"clusterId"'));

  const resolve: Resolve = (key, value) => {
    if (typeof value !== "string") return undefined;
    if (key === "provinceCode") return provinceName(value);
    if (key === "clusterId") {
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

  let pairs: Pair[];
  const { before, after } = parsed;
  if (isRecord(before) && isRecord(after)) {
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
