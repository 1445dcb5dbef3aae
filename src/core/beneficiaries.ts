/**
 * Beneficiaries of a cluster's activities (issue 11): who counts once, and
 * under which role, in the aggregate figures of an activity, a programme, a
 * cluster and a province for a Jalali year. Pure: shared by the server, the
 * API schemas and the web app.
 */
import { ACTIVITY_KINDS } from "./activities";
import { isoToJalali } from "./jalali";
import { INSTITUTION_KINDS, SKILLS } from "./members";
import { compactFa } from "./normalize";
import { normalizeMobile } from "./validators";

/** The scopes counted. A programme is counted per year and over all its years (year 0). */
export const BENEFICIARY_LEVELS = ["activity", "programme", "cluster", "province"] as const;
export type BeneficiaryLevel = (typeof BENEFICIARY_LEVELS)[number];

/** The year key of a programme's figures over all its years. */
export const ALL_YEARS = 0;
/** The dimension key meaning "every kind" or "every role". */
export const ANY = "*";

/**
 * A person's role in the cluster: what they do (their first skill in the
 * members' order, e.g. designer), else the kind of institution they work for
 * (supplier, union…), else staff of an enterprise, else other.
 */
export type BeneficiaryRole = (typeof SKILLS)[number] | (typeof INSTITUTION_KINDS)[number] | "enterprise" | "other";
/** Every role once ("consultant" is both a skill and an institution kind). */
export const BENEFICIARY_ROLES: readonly BeneficiaryRole[] = [
  ...new Set<BeneficiaryRole>([...SKILLS, ...INSTITUTION_KINDS, "enterprise", "other"]),
];

export function roleOf(p: {
  skills: readonly string[];
  employerKind: string | null;
  institutionKind: string | null;
}): BeneficiaryRole {
  for (const s of SKILLS) if (p.skills.includes(s)) return s;
  if (p.employerKind === "institution") {
    const k = INSTITUTION_KINDS.find((i) => i === p.institutionKind);
    if (k) return k;
  }
  if (p.employerKind === "enterprise") return "enterprise";
  return "other";
}

/**
 * The key a registrant is counted by: the directory person, else the
 * canonical mobile (the same person registering twice with a typed number
 * counts once), else the compacted name. Prefixed so the three never collide.
 */
export function personKeyOf(r: { personId: string | null; mobile: string | null; name: string }): string {
  if (r.personId) return `p:${r.personId}`;
  const m = r.mobile ? normalizeMobile(r.mobile) : null;
  if (m) return `m:${m}`;
  return `n:${compactFa(r.name)}`;
}

/** The Jalali year an activity counts in: its start date's. */
export function jalaliYearOf(iso: string): number {
  const j = isoToJalali(iso);
  if (!j) throw new RangeError(`not an ISO date: ${iso}`);
  return Number(j.slice(0, 4));
}

export interface ActivityScopeOf {
  id: string;
  clusterId: string;
  provinceCode: string;
  programmeId: string | null;
  kind: string;
  startDate: string;
}

export interface MarkKey {
  level: BeneficiaryLevel;
  scopeId: string;
  year: number;
  activityKind: string;
  role: string;
}

/**
 * Every aggregate a beneficiary of this activity is counted in: each scope
 * and year, by every kind and by the activity's kind, and (people only) by
 * every role and by theirs. Enterprises have no role: ANY only.
 */
export function markKeysOf(a: ActivityScopeOf, role: string | null): MarkKey[] {
  const year = jalaliYearOf(a.startDate);
  const scopes: { level: BeneficiaryLevel; scopeId: string; year: number }[] = [
    { level: "activity", scopeId: a.id, year },
    { level: "cluster", scopeId: a.clusterId, year },
    { level: "province", scopeId: a.provinceCode, year },
  ];
  if (a.programmeId) {
    scopes.push({ level: "programme", scopeId: a.programmeId, year });
    scopes.push({ level: "programme", scopeId: a.programmeId, year: ALL_YEARS });
  }
  const kinds = [ANY, a.kind];
  const roles = role === null ? [ANY] : [ANY, role];
  const out: MarkKey[] = [];
  for (const s of scopes) for (const k of kinds) for (const r of roles) out.push({ ...s, activityKind: k, role: r });
  return out;
}

/** The survey's aggregates: every scope and year of the activity, all kinds and roles. */
export function surveyKeysOf(a: ActivityScopeOf): MarkKey[] {
  return markKeysOf(a, null).filter((k) => k.activityKind === ANY);
}

/** Average of a survey's scores to one decimal, null without answers. */
export function averageOf(sum: number, responses: number): number | null {
  if (responses <= 0) return null;
  return Math.round((sum / responses) * 10) / 10;
}

/** The kinds shown in the split, in the activities' order. */
export const KINDS_ORDER: readonly string[] = ACTIVITY_KINDS;
