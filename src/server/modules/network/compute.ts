/**
 * The network's figures and layout from its actors and links: degree,
 * betweenness (graphology-metrics), Louvain communities and a ForceAtlas2
 * layout. Betweenness on 3,000 actors takes seconds, so the snapshot job runs
 * this in a worker thread (thread.ts) and the server's event loop goes on
 * answering meanwhile.
 *
 * computeNetwork() is written to be sent to that thread as source text
 * (Function.prototype.toString): it uses nothing from its module's scope,
 * only its parameters — the libraries come in `libs`, helpers are inside it.
 */
import type { UndirectedGraph } from "graphology";

export interface ComputeInput {
  /** The actors alive on the date, in a stable order (ids sort). */
  nodes: readonly { id: string }[];
  /** Pairs of node indexes linked on the date, with the strongest link's strength (1–3). */
  pairs: readonly { a: number; b: number; weight: number }[];
  /** Seeds the layout's start and Louvain's order, so the same network gives the same picture. */
  seed: number;
  /** ForceAtlas2 iterations (fewer for a big network, which settles with Barnes–Hut). */
  iterations?: number;
}

export interface ComputeOutput {
  /** Per input node, in its order. */
  nodes: { x: number; y: number; degree: number; betweenness: number; community: number }[];
  density: number;
  communities: number;
  modularity: number;
}

/** The graph libraries, passed in so the function can run where they are require()d (the worker thread). */
export interface GraphLibs {
  UndirectedGraph: typeof UndirectedGraph;
  betweenness: (g: UndirectedGraph, o: { normalized: boolean }) => Record<string, number>;
  louvain: {
    detailed: (
      g: UndirectedGraph,
      o: { getEdgeWeight: string; rng: () => number },
    ) => { communities: Record<string, number>; count: number; modularity: number };
  };
  forceAtlas2: {
    (
      g: UndirectedGraph,
      o: { iterations: number; settings: object; getEdgeWeight: string },
    ): Record<string, { x: number; y: number }>;
    inferSettings: (g: UndirectedGraph) => object;
  };
  undirectedDensity: (g: UndirectedGraph) => number;
}

export function computeNetwork(libs: GraphLibs, input: ComputeInput): ComputeOutput {
  // mulberry32: a small seeded generator, so layout and communities repeat.
  let s = input.seed >>> 0;
  const rand = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const n = input.nodes.length;
  const g = new libs.UndirectedGraph();
  for (let i = 0; i < n; i++) {
    // Start on a disc, at random: ForceAtlas2 needs distinct positions.
    const r = Math.sqrt(rand()) * Math.sqrt(n) * 10;
    const a = rand() * 2 * Math.PI;
    g.addNode(String(i), { x: r * Math.cos(a), y: r * Math.sin(a) });
  }
  for (const p of input.pairs) {
    if (p.a === p.b || g.hasEdge(String(p.a), String(p.b))) continue;
    g.addEdge(String(p.a), String(p.b), { weight: p.weight });
  }
  const between = n > 2 ? libs.betweenness(g, { normalized: true }) : {};
  let communityOf: Record<string, number> = {};
  let communities = 0;
  let modularity = 0;
  if (g.size > 0) {
    const lv = libs.louvain.detailed(g, { getEdgeWeight: "weight", rng: rand });
    communityOf = lv.communities;
    modularity = lv.modularity;
  }
  // Louvain numbers communities arbitrarily; number them by size (0 largest),
  // ties by their first member, and give every isolated actor none (-1).
  const sizes = new Map<number, { size: number; first: number }>();
  for (let i = 0; i < n; i++) {
    if (g.degree(String(i)) === 0) continue;
    const c = communityOf[String(i)] ?? -1;
    const e = sizes.get(c);
    if (e) e.size++;
    else sizes.set(c, { size: 1, first: i });
  }
  const order = [...sizes.entries()].sort((x, y) => y[1].size - x[1].size || x[1].first - y[1].first);
  const renumber = new Map(order.map(([c], i) => [c, i]));
  communities = order.length;
  let positions: Record<string, { x: number; y: number }> = {};
  if (n > 0) {
    const settings = { ...libs.forceAtlas2.inferSettings(g), barnesHutOptimize: n > 500 };
    positions = libs.forceAtlas2(g, {
      iterations: input.iterations ?? (n > 1000 ? 60 : 200),
      settings,
      getEdgeWeight: "weight",
    });
  }
  const round = (v: number, d: number) => Math.round(v * d) / d;
  const nodes = [];
  for (let i = 0; i < n; i++) {
    const k = String(i);
    const deg = g.degree(k);
    const pos = positions[k] ?? { x: 0, y: 0 };
    nodes.push({
      x: round(pos.x, 100),
      y: round(pos.y, 100),
      degree: deg,
      betweenness: round(between[k] ?? 0, 1e6),
      community: deg === 0 ? -1 : (renumber.get(communityOf[k] ?? -1) ?? -1),
    });
  }
  return {
    nodes,
    density: n > 1 ? libs.undirectedDensity(g) : 0,
    communities,
    modularity: round(modularity, 1e4),
  };
}
