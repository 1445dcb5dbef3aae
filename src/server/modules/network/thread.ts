/**
 * Runs computeNetwork() in a worker thread: betweenness and the layout of a
 * 3,000-actor network hold a CPU for seconds, which on the server's event
 * loop would hold every other request as long.
 *
 * The thread is started from source text (`eval`): the function's own text
 * and a prologue that require()s the graph libraries from the project's
 * node_modules. So it works the same from the TypeScript sources (tsx,
 * vitest) and from the server bundle, which has no separate worker file.
 */
import { createRequire } from "node:module";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { ROOT } from "../../paths";
import { type ComputeInput, type ComputeOutput, computeNetwork, type GraphLibs } from "./compute";

const requireFromRoot = createRequire(path.join(ROOT, "package.json"));

/** The libraries for an in-process run (tests of small graphs, and the thread's failure fallback). */
export function graphLibs(): GraphLibs {
  const r = requireFromRoot;
  return {
    UndirectedGraph: (r("graphology") as { UndirectedGraph: GraphLibs["UndirectedGraph"] }).UndirectedGraph,
    betweenness: r("graphology-metrics/centrality/betweenness") as GraphLibs["betweenness"],
    louvain: r("graphology-communities-louvain") as GraphLibs["louvain"],
    forceAtlas2: r("graphology-layout-forceatlas2") as GraphLibs["forceAtlas2"],
    undirectedDensity: (r("graphology-metrics/graph/density") as { undirectedDensity: GraphLibs["undirectedDensity"] })
      .undirectedDensity,
  };
}

function threadSource(): string {
  return `
const { parentPort, workerData } = require("node:worker_threads");
const r = require("node:module").createRequire(${JSON.stringify(path.join(ROOT, "package.json"))});
const libs = {
  UndirectedGraph: r("graphology").UndirectedGraph,
  betweenness: r("graphology-metrics/centrality/betweenness"),
  louvain: r("graphology-communities-louvain"),
  forceAtlas2: r("graphology-layout-forceatlas2"),
  undirectedDensity: r("graphology-metrics/graph/density").undirectedDensity,
};
// esbuild's keepNames (tsx) wraps inner functions in __name(); here it only has to return them.
const __name = (f) => f;
const computeNetwork = ${computeNetwork.toString()};
parentPort.postMessage(computeNetwork(libs, workerData));
`;
}

/** Below this many links the thread's start (~50 ms) costs more than the work. */
const IN_PROCESS_BELOW = 300;

export async function computeInThread(input: ComputeInput): Promise<ComputeOutput> {
  if (input.pairs.length < IN_PROCESS_BELOW) return computeNetwork(graphLibs(), input);
  return new Promise<ComputeOutput>((resolve, reject) => {
    const w = new Worker(threadSource(), { eval: true, workerData: input });
    let done = false;
    w.once("message", (m: ComputeOutput) => {
      done = true;
      resolve(m);
      void w.terminate();
    });
    w.once("error", (e) => {
      done = true;
      reject(e);
    });
    w.once("exit", (code) => {
      if (!done) reject(new Error(`network thread exited with ${code}`));
    });
  });
}
