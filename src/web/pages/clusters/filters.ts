import { useEffect, useRef, useState } from "react";
import { CLUSTER_STATES, type ClusterState } from "../../app/types";
import { useDebounced } from "../../components/useDebounced";
import { useUrlFilterSet } from "../../components/useQueryParams";

/** The registry filters, as the list, stats and export endpoints take them (and the URL keeps them). */
export const FILTER_KEYS = ["q", "provinceCode", "sector", "state", "year", "contractEnding"] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Partial<Record<FilterKey, string>>;

const VALID: Partial<Record<FilterKey, (v: string) => boolean>> = {
  provinceCode: (v) => /^IR-\d{2}$/.test(v),
  state: (v) => (CLUSTER_STATES as readonly string[]).includes(v),
  year: (v) => v === "1" || v === "2" || v === "3",
  contractEnding: (v) => v === "true",
};

/** The filters in a URL query; values the server would refuse are left out. */
export function filtersFrom(params: URLSearchParams): Filters {
  const out: Filters = {};
  for (const k of FILTER_KEYS) {
    const v = params.get(k)?.trim();
    if (v && (VALID[k]?.(v) ?? true)) out[k] = v;
  }
  return out;
}

/** A link to the registry with these filters. */
export function registryLink(f: { provinceCode?: string; state?: ClusterState | "" }): string {
  const p = new URLSearchParams();
  if (f.provinceCode) p.set("provinceCode", f.provinceCode);
  if (f.state) p.set("state", f.state);
  const s = p.toString();
  return s ? `/clusters?${s}` : "/clusters";
}

/** The registry filters in the URL, and a setter that keeps the other query parameters. */
export function useUrlFilters() {
  return useUrlFilterSet(FILTER_KEYS, filtersFrom);
}

/**
 * A text filter typed into a box and kept in the URL once typing pauses; a
 * change of the URL from outside (a link, back) shows in the box.
 */
export function useUrlText(value: string, commit: (v: string) => void): [string, (v: string) => void] {
  const [text, setText] = useState(value);
  const settled = useDebounced(text.trim(), 400);
  const pushed = useRef(value);
  useEffect(() => {
    if (settled !== pushed.current) {
      pushed.current = settled;
      commit(settled);
    }
  }, [settled, commit]);
  useEffect(() => {
    if (value !== pushed.current) {
      pushed.current = value;
      setText(value);
    }
  }, [value]);
  return [text, setText];
}
