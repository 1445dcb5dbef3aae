/**
 * The network's figures and layout: the same in the worker thread (the
 * function sent as source text) as in process, and right on a small graph.
 */
import { describe, expect, it } from "vitest";
import { computeNetwork } from "../../src/server/modules/network/compute";
import { computeInThread, graphLibs } from "../../src/server/modules/network/thread";

/** A ring of n actors with chords: big enough (≥ 300 pairs) to go to the thread. */
function ring(n: number) {
  const pairs: { a: number; b: number; weight: number }[] = [];
  for (let i = 0; i < n; i++) {
    pairs.push({ a: i, b: (i + 1) % n, weight: 1 + (i % 3) });
    if (i % 2 === 0) pairs.push({ a: i, b: (i + 7) % n, weight: 2 });
  }
  return { nodes: Array.from({ length: n }, (_, i) => ({ id: `n${i}` })), pairs, seed: 42 };
}

describe("network computation", () => {
  it("gives in the worker thread what it gives in process", async () => {
    const input = ring(240);
    expect(input.pairs.length).toBeGreaterThanOrEqual(300);
    const threaded = await computeInThread(input);
    const local = computeNetwork(graphLibs(), input);
    expect(threaded).toEqual(local);
    expect(threaded.nodes).toHaveLength(240);
    expect(threaded.communities).toBeGreaterThan(1);
  });

  it("counts a path's degrees, betweenness and density, and leaves an isolated actor out of every community", () => {
    // 0 - 1 - 2 - 3, and 4 alone.
    const out = computeNetwork(graphLibs(), {
      nodes: [0, 1, 2, 3, 4].map((i) => ({ id: String(i) })),
      pairs: [
        { a: 0, b: 1, weight: 1 },
        { a: 1, b: 2, weight: 1 },
        { a: 2, b: 3, weight: 1 },
      ],
      seed: 1,
    });
    expect(out.nodes.map((n) => n.degree)).toEqual([1, 2, 2, 1, 0]);
    // 1 lies between 0 and {2, 3}: 2 of the 6 pairs of the other four.
    expect(out.nodes[1]!.betweenness).toBeCloseTo(2 / 6, 5);
    expect(out.nodes[0]!.betweenness).toBe(0);
    expect(out.density).toBeCloseTo(3 / 10, 6);
    expect(out.nodes[4]!.community).toBe(-1);
    // The same input gives the same picture.
    const again = computeNetwork(graphLibs(), {
      nodes: [0, 1, 2, 3, 4].map((i) => ({ id: String(i) })),
      pairs: [
        { a: 0, b: 1, weight: 1 },
        { a: 1, b: 2, weight: 1 },
        { a: 2, b: 3, weight: 1 },
      ],
      seed: 1,
    });
    expect(again).toEqual(out);
  });
});
