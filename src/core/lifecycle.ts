/**
 * The life cycle of a cluster project: identification → feasibility →
 * approval → agent contract → diagnostic study → action planning →
 * implementation (years 1–3) → handover → the overarching cluster network.
 * A project can be put on hold or cancelled from any active state.
 */
export const CLUSTER_STATES = [
  "identified",
  "feasibility",
  "approved",
  "agent_contracted",
  "diagnostic",
  "action_planning",
  "implementation",
  "handed_over",
  "network",
  "on_hold",
  "cancelled",
] as const;

export type ClusterStateName = (typeof CLUSTER_STATES)[number];

/** The main path, in order. */
export const MAIN_PATH: readonly ClusterStateName[] = [
  "identified",
  "feasibility",
  "approved",
  "agent_contracted",
  "diagnostic",
  "action_planning",
  "implementation",
  "handed_over",
  "network",
];

export const ACTIVE_STATES: readonly ClusterStateName[] = MAIN_PATH.filter((s) => s !== "network");
/** States in which the three-year project runs and has an implementation year. */
export const PROJECT_STATES: readonly ClusterStateName[] = [
  "agent_contracted",
  "diagnostic",
  "action_planning",
  "implementation",
];

export type TransitionKind = "forward" | "back" | "hold" | "resume" | "cancel" | "reopen";

export interface TransitionCheck {
  ok: boolean;
  kind?: TransitionKind;
  /** Going back, reopening and cancelling need a written reason. */
  needsReason?: boolean;
}

/**
 * Whether a cluster in `from` may move to `to`. `resumeTo` is the state a
 * cluster on hold was in before it was put on hold.
 */
export function checkTransition(
  from: ClusterStateName,
  to: ClusterStateName,
  resumeTo?: ClusterStateName | null,
): TransitionCheck {
  if (from === to) return { ok: false };
  if (from === "on_hold") {
    if (to === "cancelled") return { ok: true, kind: "cancel", needsReason: true };
    if (to === resumeTo) return { ok: true, kind: "resume" };
    return { ok: false };
  }
  if (from === "cancelled") {
    // A cancelled project can only start again from the beginning, with a reason.
    return to === "identified" ? { ok: true, kind: "reopen", needsReason: true } : { ok: false };
  }
  if (to === "on_hold") return ACTIVE_STATES.includes(from) ? { ok: true, kind: "hold" } : { ok: false };
  if (to === "cancelled")
    return ACTIVE_STATES.includes(from) ? { ok: true, kind: "cancel", needsReason: true } : { ok: false };
  const i = MAIN_PATH.indexOf(from);
  const j = MAIN_PATH.indexOf(to);
  if (i < 0 || j < 0) return { ok: false };
  if (j === i + 1) return { ok: true, kind: "forward" };
  if (j < i) return { ok: true, kind: "back", needsReason: true };
  return { ok: false };
}

/** The states a cluster may move to next, for the UI. */
export function nextStates(from: ClusterStateName, resumeTo?: ClusterStateName | null): ClusterStateName[] {
  return CLUSTER_STATES.filter((to) => checkTransition(from, to, resumeTo).ok);
}

/**
 * The implementation year (1, 2 or 3) of a project whose agent contract
 * started on `contractStart` (ISO date), as of `today`; null before the start.
 * Years past the third count as 3: the contract may run late.
 */
export function implementationYear(contractStart: string, today: string): 1 | 2 | 3 | null {
  if (today < contractStart) return null;
  const [y1, m1, d1] = contractStart.split("-").map(Number) as [number, number, number];
  const [y2, m2, d2] = today.split("-").map(Number) as [number, number, number];
  let years = y2 - y1;
  if (m2 < m1 || (m2 === m1 && d2 < d1)) years -= 1;
  return Math.min(3, years + 1) as 1 | 2 | 3;
}

/** Whether a move needs a written reason (going back, cancelling, reopening), for forms. */
export function transitionNeedsReason(from: ClusterStateName, to: ClusterStateName): boolean {
  return checkTransition(from, to, to).needsReason === true;
}
