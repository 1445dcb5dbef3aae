import { ACTOR_KINDS, INSTITUTION_KINDS, MEMBERSHIP_STATUSES, SKILLS } from "../../../core/members";
import { useUrlFilterSet } from "../../components/useQueryParams";

/**
 * The directory's filters as GET /directory, its export and saved views take
 * them (DirectoryFilterFields), plus the saved view being looked at; the URL
 * keeps them, so a filtered list or a view is a link to share.
 */
export const DIRECTORY_KEYS = [
  "q",
  "kind",
  "clusterId",
  "status",
  "provinceCode",
  "skill",
  "institutionKind",
  "productGroup",
  "viewId",
] as const;
export type DirectoryKey = (typeof DIRECTORY_KEYS)[number];
export type DirectoryFilters = Partial<Record<DirectoryKey, string>>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const oneOf = (list: readonly string[]) => (v: string) => list.includes(v);

const VALID: Partial<Record<DirectoryKey, (v: string) => boolean>> = {
  kind: oneOf(ACTOR_KINDS),
  clusterId: (v) => UUID.test(v),
  viewId: (v) => UUID.test(v),
  status: oneOf(MEMBERSHIP_STATUSES),
  provinceCode: (v) => /^IR-\d{2}$/.test(v),
  skill: oneOf(SKILLS),
  institutionKind: oneOf(INSTITUTION_KINDS),
};

/** The filters in a URL query; values the server would refuse are left out. */
export function directoryFiltersFrom(params: URLSearchParams): DirectoryFilters {
  const out: DirectoryFilters = {};
  for (const k of DIRECTORY_KEYS) {
    const v = params.get(k)?.trim();
    if (v && (VALID[k]?.(v) ?? true)) out[k] = v;
  }
  // A filter of one kind implies the kind (the server reads it so too).
  if (out.skill) out.kind = "person";
  if (out.institutionKind) out.kind = "institution";
  if (out.productGroup) out.kind = "enterprise";
  return out;
}

/** The directory filters in the URL, a setter that keeps the others, and clear. */
export function useDirectoryFilters() {
  return useUrlFilterSet(DIRECTORY_KEYS, directoryFiltersFrom);
}
