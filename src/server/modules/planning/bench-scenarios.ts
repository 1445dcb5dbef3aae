/**
 * The planning module's load scenarios (bench/run.ts): a plan's page with
 * the cluster's chain view (pressure point → strategy → programme →
 * targets) as the benchmark manager opens its cluster's current plan, the
 * same pages across the bench province's plans as its admin opens them one
 * after another, and the plans awaiting approval: the province's queue (its
 * admin) and the country's (a national admin). Loaded only by the benchmark.
 */
import type { BenchRole, BenchScenario, ScenarioContext } from "../../../../bench/kit";

const API = "/api/v1";
/** A page size the lists offer. */
const LIMIT = 25;

type PlanPage = {
  items: { id: string; clusterId: string; projectYear: number; programmes: number; status: string }[];
  total: number;
};

/** The bench province's plans (up to 200) as its admin lists them; a national admin's when it has none (small scale). */
async function pool(ctx: ScenarioContext): Promise<{ as: BenchRole; items: PlanPage["items"] }> {
  const code = ctx.accounts.province.provinceCode!;
  const mine = await ctx.get<PlanPage>("province", `${API}/plans?provinceCode=${code}&limit=200`);
  if (mine.items.length > 0) return { as: "province", items: mine.items };
  const all = await ctx.get<PlanPage>("national", `${API}/plans?limit=200`);
  if (all.items.length === 0) throw new Error("planning scenarios: no plans at all");
  return { as: "national", items: all.items };
}

const scenarios: BenchScenario[] = [
  {
    id: "plan-page",
    title: "a plan's page and its cluster's chain view (its manager; the current year's ~20-programme plan)",
    kind: "read",
    prepare: async (ctx) => {
      const clusterId = ctx.accounts.manager.clusterId!;
      const { items } = await ctx.get<PlanPage>("manager", `${API}/clusters/${clusterId}/plans`);
      // The latest year's plan: the one its office works on.
      const plan = [...items].sort((a, b) => b.projectYear - a.projectYear)[0];
      if (plan) {
        return {
          as: "manager",
          requests: [{ path: `${API}/plans/${plan.id}` }, { path: `${API}/clusters/${clusterId}/chain` }],
        };
      }
      // At small scale the manager's cluster may have no project yet: the largest plan a province
      // admin (or else a national admin) reads.
      const { as, items: all } = await pool(ctx);
      const big = [...all].sort((a, b) => b.programmes - a.programmes)[0]!;
      return {
        as,
        requests: [{ path: `${API}/plans/${big.id}` }, { path: `${API}/clusters/${big.clusterId}/chain` }],
      };
    },
  },
  {
    id: "plan-page-prov",
    title: "plans' pages and chain views across the province, one plan after another (province admin)",
    kind: "read",
    prepare: async (ctx) => {
      const { as, items } = await pool(ctx);
      let p = 0;
      let c = 0;
      return {
        as,
        requests: [
          { next: () => ({ path: `${API}/plans/${items[p++ % items.length]!.id}` }) },
          { next: () => ({ path: `${API}/clusters/${items[c++ % items.length]!.clusterId}/chain` }) },
        ],
      };
    },
  },
  {
    id: "plans-queue",
    title: "the province's plans awaiting approval, page 1 (province admin)",
    kind: "read",
    prepare: async (ctx) => ({
      as: "province",
      requests: [
        {
          path: `${API}/plans?status=submitted&provinceCode=${ctx.accounts.province.provinceCode}&limit=${LIMIT}`,
        },
      ],
    }),
  },
  {
    id: "plans-queue-all",
    title: "plans awaiting approval in every province, page 1 (national admin)",
    kind: "read",
    prepare: async () => ({
      as: "national",
      requests: [{ path: `${API}/plans?status=submitted&limit=${LIMIT}` }],
    }),
  },
];

export default scenarios;
