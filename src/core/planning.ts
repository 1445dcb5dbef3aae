/**
 * The planning chain (DOMAIN: life cycle steps 5–6): the diagnostic study's
 * parts, pressure points and strategies, the yearly action plans and their
 * programmes, and what a council approves. Pure, shared with the web app:
 * the lists, the cost-share rule, programme progress and the comparison of
 * two plan versions.
 */

/** The levels a diagnostic study looks at (Khorasan: international, national, provincial; Qazvin adds the industry). */
export const STUDY_LEVELS = ["cluster", "industry", "province", "national", "international"] as const;
export type StudyLevel = (typeof STUDY_LEVELS)[number];

export const PRESSURE_CATEGORIES = [
  "raw_materials",
  "production_space",
  "market",
  "skills",
  "design",
  "finance",
  "technology",
  "institutions",
  "trust",
] as const;
export type PressureCategory = (typeof PRESSURE_CATEGORIES)[number];

/** 1 low, 2 medium, 3 high. */
export const SEVERITIES = [1, 2, 3] as const;

export const SWOT_KINDS = ["strengths", "weaknesses", "opportunities", "threats"] as const;
export type SwotKind = (typeof SWOT_KINDS)[number];

/**
 * Intervention areas every province has (Qazvin's year-one areas, plus design
 * and the value chain). A province adds its own (planning_areas); a
 * programme's area is one of these keys or the id of one of those.
 */
export const INTERVENTION_AREAS = [
  "sensitisation",
  "institution_building",
  "networking",
  "market_development",
  "technology",
  "skills",
  "design",
  "value_chain",
] as const;
export type InterventionArea = (typeof INTERVENTION_AREAS)[number];

/** The measured figures a study saves as the cluster's baseline (read by the indicators module). */
export const BASELINE_INDICATORS = [
  "enterprises",
  "jobs",
  "exports_usd",
  "sales_rials",
  "exporting_enterprises",
  "products",
] as const;
export type BaselineIndicator = (typeof BASELINE_INDICATORS)[number];

export const PLAN_STATUSES = ["draft", "submitted", "approved", "returned"] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** Who pays a programme: the national organisation, the province, the members, others. */
export const COST_SHARES = ["national", "province", "members", "others"] as const;
export type CostShare = (typeof COST_SHARES)[number];
export type CostShares = Record<CostShare, number>;

export const PROJECT_YEARS = [1, 2, 3] as const;

/** How many present members make a council meeting quorate. */
export const QUORUM_KINDS = ["majority", "two_thirds", "min_count"] as const;
export type QuorumKind = (typeof QUORUM_KINDS)[number];

export const DECISION_KINDS = ["approve_plan", "return_plan", "other"] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

export const PROGRAMME_STATUSES = ["not_started", "in_progress", "done", "late"] as const;
export type ProgrammeStatus = (typeof PROGRAMME_STATUSES)[number];

export const sumShares = (s: CostShares) => COST_SHARES.reduce((t, k) => t + s[k], 0);

/** Whether `present` of `seats` current members meet the council's rule. */
export function quorumMet(rule: { kind: QuorumKind; count: number | null }, present: number, seats: number): boolean {
  if (rule.kind === "min_count") return present >= (rule.count ?? 1);
  if (seats === 0) return false;
  if (rule.kind === "two_thirds") return present * 3 >= seats * 2;
  return present * 2 > seats;
}

/** The number a rule asks for, given the council's current seats. */
export function quorumNeeded(rule: { kind: QuorumKind; count: number | null }, seats: number): number {
  if (rule.kind === "min_count") return rule.count ?? 1;
  if (rule.kind === "two_thirds") return Math.ceil((seats * 2) / 3);
  return Math.floor(seats / 2) + 1;
}

/**
 * A programme's progress from its milestones and its activities (the
 * activities module's, cancelled ones left out): the share of them done, and
 * its status on `today` (late: past its planned end and not done).
 */
export function programmeProgress(
  p: { startDate: string; endDate: string },
  milestones: readonly { doneOn: string | null }[],
  today: string,
  activities: { total: number; done: number } = { total: 0, done: 0 },
): { percent: number; status: ProgrammeStatus } {
  const units = milestones.length + activities.total;
  const done = milestones.filter((m) => m.doneOn !== null).length + activities.done;
  const percent = units === 0 ? 0 : Math.round((done * 100) / units);
  if (units > 0 && done === units) return { percent, status: "done" };
  if (today > p.endDate) return { percent, status: "late" };
  if (today >= p.startDate || done > 0) return { percent, status: "in_progress" };
  return { percent, status: "not_started" };
}

/** A target as a plan version keeps it. */
export interface TargetSnapshot {
  indicator: string;
  baseline: number | null;
  target: number;
  unit: string;
  verification: string | null;
}

/** A programme as a plan version keeps it: what the council approves (not its spend or milestones). */
export interface ProgrammeSnapshot {
  id: string;
  title: string;
  area: string;
  strategyId: string | null;
  pressurePointIds: string[];
  objective: string | null;
  responsible: string | null;
  startDate: string;
  endDate: string;
  budgetRials: number;
  shares: CostShares;
  targets: TargetSnapshot[];
}

export interface PlanSnapshot {
  title: string;
  projectYear: number;
  periodStart: string;
  periodEnd: string;
  programmes: ProgrammeSnapshot[];
}

/** The programme fields a comparison names one by one. */
export const COMPARED_FIELDS = [
  "title",
  "area",
  "strategyId",
  "pressurePointIds",
  "objective",
  "responsible",
  "startDate",
  "endDate",
  "budgetRials",
  "shares",
  "targets",
] as const satisfies readonly (keyof ProgrammeSnapshot)[];
export type ComparedField = (typeof COMPARED_FIELDS)[number];

export const COMPARED_PLAN_FIELDS = ["title", "periodStart", "periodEnd"] as const;

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

export interface PlanComparison {
  planFields: FieldChange[];
  added: { id: string; title: string; budgetRials: number }[];
  removed: { id: string; title: string; budgetRials: number }[];
  changed: { id: string; title: string; fields: FieldChange[] }[];
  budgetFrom: number;
  budgetTo: number;
  budgetDelta: number;
}

/** Order-insensitive for id lists, so reordering links is not a change. */
function canonical(field: string, v: unknown): string {
  if (field === "pressurePointIds" && Array.isArray(v)) return JSON.stringify([...v].sort());
  return JSON.stringify(v ?? null);
}

const planBudget = (s: PlanSnapshot) => s.programmes.reduce((t, p) => t + p.budgetRials, 0);

/**
 * What changed from version `a` to version `b`: programmes added and removed
 * (matched by id, which a revision keeps), each kept programme's changed
 * fields, the plan's own fields and the budget delta.
 */
export function comparePlans(a: PlanSnapshot, b: PlanSnapshot): PlanComparison {
  const before = new Map(a.programmes.map((p) => [p.id, p]));
  const after = new Map(b.programmes.map((p) => [p.id, p]));
  const brief = (p: ProgrammeSnapshot) => ({ id: p.id, title: p.title, budgetRials: p.budgetRials });
  const changed: PlanComparison["changed"] = [];
  for (const p of b.programmes) {
    const old = before.get(p.id);
    if (!old) continue;
    const fields = COMPARED_FIELDS.filter((f) => canonical(f, old[f]) !== canonical(f, p[f])).map((f) => ({
      field: f,
      from: old[f],
      to: p[f],
    }));
    if (fields.length > 0) changed.push({ id: p.id, title: p.title, fields });
  }
  const budgetFrom = planBudget(a);
  const budgetTo = planBudget(b);
  return {
    planFields: COMPARED_PLAN_FIELDS.filter((f) => a[f] !== b[f]).map((f) => ({ field: f, from: a[f], to: b[f] })),
    added: b.programmes.filter((p) => !before.has(p.id)).map(brief),
    removed: a.programmes.filter((p) => !after.has(p.id)).map(brief),
    changed,
    budgetFrom,
    budgetTo,
    budgetDelta: budgetTo - budgetFrom,
  };
}

/** The middle day of a period: "by mid-year" for the chain's loose ends. */
export function midpointIso(start: string, end: string): string {
  const a = Date.parse(`${start}T00:00:00Z`);
  const b = Date.parse(`${end}T00:00:00Z`);
  return new Date(a + Math.floor((b - a) / 86_400_000 / 2) * 86_400_000).toISOString().slice(0, 10);
}
