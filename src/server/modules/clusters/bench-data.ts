/**
 * Benchmark data for the registry (bench/data.ts): clusters in every
 * life-cycle state with their dated histories (back steps, holds and
 * cancellations with reasons, approvals), the development agents' and
 * technical supervisors' contracts with milestones (some ending soon, some
 * overdue, some renewed). National scale: 2,000 clusters. Their enterprises,
 * people and institutions are the members generator's. Loaded only by the
 * benchmark.
 */

import type { Insertable } from "kysely";
import {
  CITIES,
  clusterNameFa,
  MILESTONES,
  NOTES,
  organisation,
  PRODUCTS,
  PROVINCE_WEIGHTS,
  type Product,
  personName,
  REASONS,
  typedDigits,
  typeFa,
} from "../../../../bench/fa-data";
import { apportion, BENCH_PROVINCE, type BenchGenerator, instantOn, type Rng } from "../../../../bench/kit";
import { addDaysIso, addYearsIso } from "../../../core/jalali";
import {
  ACTIVE_STATES,
  CLUSTER_STATES,
  type ClusterStateName,
  MAIN_PATH,
  PROJECT_STATES,
} from "../../../core/lifecycle";
import { compactFa, normalizeFa, sortKeyFa } from "../../../core/normalize";
import type { DB } from "../../db/schema";

export interface BenchCluster {
  id: string;
  provinceCode: string;
  nameFa: string;
  state: ClusterStateName;
  /** The history, oldest first. */
  steps: { to: ClusterStateName; on: string }[];
  /** The agent contract's start, when the project got that far. */
  agentStart: string | null;
  /** What the cluster makes and the city it is in (its enterprises are named after them). */
  product: Product;
  city: string;
}

declare module "../../../../bench/kit" {
  interface BenchMade {
    clusters: BenchCluster[];
  }
}

/** Each state's share of the registry: most identified clusters never get further. */
const STATE_SHARES: Record<ClusterStateName, number> = {
  identified: 50,
  feasibility: 9,
  approved: 5,
  agent_contracted: 4,
  diagnostic: 4,
  action_planning: 4,
  implementation: 10,
  handed_over: 5,
  network: 2,
  on_hold: 4,
  cancelled: 3,
};

/** Days between a step and the next on the main path (min, max), indexed by the target step. */
const GAPS: Partial<Record<ClusterStateName, [number, number]>> = {
  feasibility: [60, 400],
  approved: [60, 300],
  agent_contracted: [30, 200],
  diagnostic: [60, 150],
  action_planning: [60, 180],
  implementation: [30, 120],
  handed_over: [700, 900],
  network: [100, 700],
};

/** How long ago the last step was, by the state it led to (days). */
const LAST_STEP_AGE: Record<ClusterStateName, [number, number]> = {
  identified: [0, 3000],
  feasibility: [0, 700],
  approved: [0, 500],
  agent_contracted: [0, 200],
  diagnostic: [0, 250],
  action_planning: [0, 300],
  implementation: [0, 800],
  handed_over: [0, 1500],
  network: [0, 1000],
  on_hold: [0, 800],
  cancelled: [0, 2000],
};

const NATIONAL_CLUSTERS = 2000;

function plan(rng: Rng, state: ClusterStateName): { to: ClusterStateName; reason: boolean }[] {
  const along = (upto: ClusterStateName) =>
    MAIN_PATH.slice(0, MAIN_PATH.indexOf(upto) + 1).map((to) => ({ to, reason: false }));
  if (state === "on_hold" || state === "cancelled") {
    const from = rng.weighted(ACTIVE_STATES.map((s, i) => [s, i < 3 ? 3 : 2] as const));
    return [...along(from), { to: state, reason: state === "cancelled" }];
  }
  const steps = along(state);
  // Now and then a step is taken back (the study redone, the approval revisited) and then taken again.
  const k = steps.length - 1;
  if (k >= 2 && rng.chance(0.1)) {
    const j = rng.int(1, k - 1);
    steps.splice(j + 1, 0, { to: steps[j - 1]!.to, reason: true }, { to: steps[j]!.to, reason: false });
  }
  return steps;
}

/** Dates for a plan, oldest first, the last `age` days before today. */
function dates(rng: Rng, steps: { to: ClusterStateName }[], today: string): string[] {
  const last = steps[steps.length - 1]!.to;
  const [lo, hi] = LAST_STEP_AGE[last];
  const out: string[] = new Array(steps.length);
  let d = addDaysIso(today, -rng.int(lo, hi));
  for (let i = steps.length - 1; i >= 0; i--) {
    out[i] = d;
    if (i > 0) {
      const g = GAPS[steps[i]!.to] ?? [30, 200];
      d = addDaysIso(d, -rng.int(g[0], g[1]));
    }
  }
  // Nothing before the programme began.
  const floor = "2008-03-20";
  return out.map((x) => (x < floor ? floor : x));
}

function amount(rng: Rng, lo: number, hi: number): number {
  return rng.int(lo, hi) * 1_000_000;
}

const generator: BenchGenerator = {
  async run(ctx) {
    const { rng, today } = ctx;
    const n = ctx.count(NATIONAL_CLUSTERS, 20);
    const perProvince = apportion(
      n,
      ctx.provinces.map((p) => PROVINCE_WEIGHTS[p.code] ?? 1),
    );
    const stateQuota = apportion(
      n,
      CLUSTER_STATES.map((s) => STATE_SHARES[s]),
    );
    const states = rng.shuffle(CLUSTER_STATES.flatMap((s, i) => Array.from({ length: stateQuota[i]! }, () => s)));
    const productPicks = PRODUCTS.map((p) => [p, p.weight] as const);

    const clusters: Insertable<DB["clusters"]>[] = [];
    const transitions: Insertable<DB["cluster_transitions"]>[] = [];
    const contracts: Insertable<DB["contracts"]>[] = [];
    const milestones: Insertable<DB["contract_milestones"]>[] = [];
    const made: BenchCluster[] = [];
    let k = 0;
    for (const [pi, p] of ctx.provinces.entries()) {
      const cities = CITIES[p.code] ?? [p.nameFa];
      const taken = new Set<string>();
      for (let c = 0; c < perProvince[pi]!; c++) {
        const state = states[k++]!;
        const product: Product = rng.weighted(productPicks);
        const city = rng.pick(cities);
        let nameFa = clusterNameFa(rng, product.fa, city, p.nameFa);
        // Two clusters of one product in one city are told apart by a number, typed in any script.
        if (taken.has(compactFa(nameFa)) || rng.chance(0.06)) {
          let i = 2;
          while (taken.has(compactFa(`${nameFa} شماره ${i}`))) i++;
          nameFa = `${nameFa} شماره ${typedDigits(rng, i)}`;
        }
        nameFa = typeFa(rng, nameFa);
        taken.add(compactFa(nameFa));
        const id = rng.uuid();
        const steps = plan(rng, state);
        const on = dates(rng, steps, today);
        const nameEn = rng.chance(0.3) ? `${product.en} cluster, ${p.nameEn}` : null;
        const place = rng.weighted<string | null>([
          [city, 40],
          [`شهرک صنعتی ${city}`, 15],
          [`شهرک صنعتی شماره ${typedDigits(rng, rng.int(1, 4))} ${city}`, 10],
          [`ناحیه صنعتی ${city}`, 5],
          [null, 30],
        ]);
        const sector = rng.chance(0.9) ? typeFa(rng, product.fa) : null;
        const placeTyped = place ? typeFa(rng, place) : null;
        const est = rng.chance(0.75) ? rng.int(15, 900) : null;
        const jobs = rng.chance(0.5);
        const first = on[0]!;
        clusters.push({
          id,
          province_code: p.code,
          name_fa: nameFa,
          name_en: nameEn,
          name_norm: normalizeFa(nameFa),
          name_sort: sortKeyFa(nameFa),
          state,
          created_at: instantOn(rng, first),
          updated_at: instantOn(rng, on[on.length - 1]!),
          archived_at: null,
          place: placeTyped,
          sector,
          isic_codes: JSON.stringify(rng.sample(product.isic, rng.int(1, product.isic.length))),
          product_groups: JSON.stringify(
            rng.sample(product.groups, rng.int(0, product.groups.length)).map((g) => typeFa(rng, g)),
          ),
          advantage_note: rng.chance(0.3)
            ? `تمرکز ${typedDigits(rng, est ?? rng.int(20, 300))} بنگاه ${product.fa} در ${city} و دسترسی به بازار ${p.nameFa}`
            : null,
          est_enterprises: est,
          est_enterprises_source: est !== null && rng.chance(0.7) ? `گزارش شرکت شهرک‌های صنعتی ${p.nameFa}` : null,
          est_enterprises_date: est !== null && rng.chance(0.6) ? addDaysIso(first, rng.int(0, 60)) : null,
          jobs_industrial: jobs ? rng.int(50, 8000) : null,
          jobs_guild: jobs ? rng.int(0, 12000) : null,
          jobs_source: jobs && rng.chance(0.6) ? "سرشماری اتحادیه‌ها" : null,
          jobs_date: jobs && rng.chance(0.5) ? addDaysIso(first, rng.int(0, 90)) : null,
          state_since: on[on.length - 1]!,
          resume_state: state === "on_hold" ? steps[steps.length - 2]!.to : null,
          // The product's searchKey(): name, English name, place and sector, compacted.
          search_norm: compactFa([nameFa, nameEn, placeTyped, sector].filter(Boolean).join(" ")),
        });
        let prev: ClusterStateName | null = null;
        let agentStart: string | null = null;
        steps.forEach((s, i) => {
          const d = on[i]!;
          transitions.push({
            id: rng.uuid(),
            cluster_id: id,
            from_state: prev,
            to_state: s.to,
            happened_on: d,
            note: rng.chance(0.2) ? rng.pick(NOTES) : null,
            reason: s.reason ? rng.pick(REASONS) : null,
            // Who recorded it: the users generator names the province's admins (it runs after this one).
            created_by: null,
            created_at: instantOn(rng, d),
            approvals:
              s.to === "approved"
                ? JSON.stringify({
                    provincialCommittee: addDaysIso(d, -rng.int(10, 60)),
                    nationalOrganisation: addDaysIso(d, -rng.int(0, 9)),
                  })
                : null,
          });
          if (s.to === "agent_contracted" && !agentStart) agentStart = addDaysIso(d, -rng.int(0, 10));
          prev = s.to;
        });

        if (agentStart) {
          const lead = () => (rng.chance(0.7) ? typeFa(rng, personName(rng)) : null);
          const number = () =>
            rng.chance(0.8) ? typedDigits(rng, `${rng.int(1397, 1404)}/${rng.int(100, 9999)}`) : null;
          const addContract = (kind: "agent" | "supervisor", start: string, end: string, ms: number) => {
            const cid = rng.uuid();
            contracts.push({
              id: cid,
              cluster_id: id,
              province_code: p.code,
              kind,
              organisation: typeFa(rng, organisation(rng, city, p.nameFa)),
              lead_person: lead(),
              contract_number: number(),
              start_date: start,
              end_date: end,
              amount_rials: rng.chance(0.8) ? amount(rng, 800, 25_000) : null,
              created_at: instantOn(rng, start),
              updated_at: instantOn(rng, start),
            });
            const span = (Date.parse(end) - Date.parse(start)) / 86_400_000;
            const titles = rng.sample(MILESTONES, ms);
            titles.forEach((title, position) => {
              const planned = addDaysIso(start, Math.round(((position + 1) * span) / (ms + 1)) + rng.int(-15, 15));
              const done = planned < today && rng.chance(0.8);
              const actual = done ? addDaysIso(planned, rng.int(-20, 60)) : null;
              milestones.push({
                id: rng.uuid(),
                contract_id: cid,
                position,
                title: typeFa(rng, title),
                planned_date: planned,
                actual_date: actual && actual > today ? today : actual,
                amount_rials: rng.chance(0.3) ? amount(rng, 50, 2_000) : null,
              });
            });
          };
          const agentEnd = addDaysIso(addYearsIso(agentStart, 3), -1);
          addContract("agent", agentStart, agentEnd, rng.int(3, 8));
          // A project that ran late gets a second agent's contract after the first ended.
          if (agentEnd < today && rng.chance(0.15)) {
            const s2 = addDaysIso(agentEnd, rng.int(1, 30));
            addContract("agent", s2, addDaysIso(addYearsIso(s2, 1), -1), rng.int(2, 4));
          }
          if (rng.chance(0.6)) {
            const s = addDaysIso(agentStart, rng.int(0, 60));
            addContract("supervisor", s, addDaysIso(addYearsIso(s, rng.chance(0.5) ? 1 : 3), -1), rng.int(2, 4));
          }
        }

        made.push({
          id,
          provinceCode: p.code,
          nameFa,
          state,
          steps: steps.map((s, i) => ({ to: s.to, on: on[i]! })),
          agentStart,
          product,
          city,
        });
      }
    }
    await ctx.insert("clusters", clusters);
    await ctx.insert("cluster_transitions", transitions);
    await ctx.insert("contracts", contracts);
    await ctx.insert("contract_milestones", milestones);
    ctx.made.clusters = made;
    return {
      clusters: clusters.length,
      cluster_transitions: transitions.length,
      contracts: contracts.length,
      contract_milestones: milestones.length,
    };
  },
};

/** In a running project (it has a council, a cluster manager most likely). */
export const inProject = (c: BenchCluster) =>
  PROJECT_STATES.includes(c.state) ||
  c.state === "handed_over" ||
  c.state === "network" ||
  (c.state === "on_hold" && c.agentStart !== null);

/**
 * The cluster the benchmark's cluster manager runs: a project in the bench
 * province with an agent's contract. The users generator gives the manager
 * its grant; the members generator makes it the 3,000-actor cluster.
 */
export function managedCluster(clusters: readonly BenchCluster[]): BenchCluster {
  const inBench = clusters.filter((c) => c.provinceCode === BENCH_PROVINCE);
  return (
    inBench.find((c) => c.state === "implementation" && c.agentStart) ??
    inBench.find((c) => c.agentStart) ??
    inBench[0] ??
    clusters[0]!
  );
}

export default generator;
