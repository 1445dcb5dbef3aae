/**
 * The network's load scenarios (bench/run.ts): the figures of the
 * benchmark manager's 3,000-actor network (the cluster page's section) and
 * the whole network to draw (nodes with positions, 12,000 links), both as
 * its manager reads them. The figures are a stored snapshot computed in the
 * background, so prepare() waits until it is there before the load starts.
 * Loaded only by the benchmark.
 */
import type { BenchScenario, ScenarioContext } from "../../../../bench/kit";

const API = "/api/v1";

/** Asks for the figures until no snapshot is computing (the first ask queues it): at most two minutes. */
async function ready(ctx: ScenarioContext, clusterId: string): Promise<void> {
  const until = Date.now() + 120_000;
  for (;;) {
    const f = await ctx.get<{ computing: boolean; snapshot: unknown }>(
      "manager",
      `${API}/clusters/${clusterId}/network/figures`,
    );
    if (!f.computing && f.snapshot) return;
    if (Date.now() > until) throw new Error("network snapshot still computing after two minutes");
    await new Promise((r) => setTimeout(r, 1000));
  }
}

const scenarios: BenchScenario[] = [
  {
    id: "network-figures",
    title: "the 3,000-actor network's figures (its manager)",
    kind: "read",
    prepare: async (ctx) => {
      const id = ctx.accounts.manager.clusterId!;
      await ready(ctx, id);
      return { as: "manager", requests: [{ path: `${API}/clusters/${id}/network/figures` }] };
    },
  },
  {
    id: "network-graph",
    title: "the 3,000-actor network to draw: nodes, positions, links (its manager)",
    kind: "read",
    prepare: async (ctx) => {
      const id = ctx.accounts.manager.clusterId!;
      await ready(ctx, id);
      return { as: "manager", requests: [{ path: `${API}/clusters/${id}/network` }] };
    },
  },
];

export default scenarios;
