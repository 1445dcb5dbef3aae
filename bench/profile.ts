/**
 * Summarises a V8 CPU profile (`npm run bench -- --cpu-prof DIR` writes the
 * server's): where the time went by package or source folder, the
 * functions with the most self time, and the functions with the most
 * inclusive time (each sample counted once per function on its stack).
 *
 *   npx tsx bench/profile.ts <file.cpuprofile> [--top 25] [--match text]
 */
import fs from "node:fs";

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

function where(url: string): string {
  if (!url) return "(native/vm)";
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1]!;
  if (url.startsWith("node:")) return url.split("/")[0]!;
  const src = /\/(src\/[^/]+\/[^/]+|bench)\//.exec(url);
  return src ? src[1]! : url.replace(/^file:\/\//, "");
}

function main() {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith("--"));
  if (!file) throw new Error("usage: profile.ts <file.cpuprofile> [--top N] [--match text]");
  const top = Number(args[args.indexOf("--top") + 1] ?? 25) || 25;
  const match = args.includes("--match") ? args[args.indexOf("--match") + 1] : undefined;
  const p = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const totalMs = (p.endTime - p.startTime) / 1000;
  const ms = totalMs / p.samples.length;
  const key = (n: Node) =>
    `${n.callFrame.functionName || "(anonymous)"} ${where(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;

  const self = new Map<string, number>();
  const pkg = new Map<string, number>();
  const incl = new Map<string, number>();
  for (const id of p.samples) {
    const n = byId.get(id)!;
    const k = key(n);
    self.set(k, (self.get(k) ?? 0) + ms);
    const w = ["(idle)", "(program)", "(garbage collector)"].includes(n.callFrame.functionName)
      ? n.callFrame.functionName
      : where(n.callFrame.url);
    pkg.set(w, (pkg.get(w) ?? 0) + ms);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const kk = key(byId.get(cur)!);
      if (seen.has(kk)) continue;
      seen.add(kk);
      incl.set(kk, (incl.get(kk) ?? 0) + ms);
    }
  }
  const idle = pkg.get("(idle)") ?? 0;
  const busy = totalMs - idle;
  const show = (title: string, m: Map<string, number>) => {
    console.log(`\n${title}`);
    const rows = [...m]
      .filter(([k]) => !match || k.includes(match))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top);
    for (const [k, v] of rows)
      console.log(`${(v / 1000).toFixed(2).padStart(8)} s ${((100 * v) / busy).toFixed(1).padStart(5)}%  ${k}`);
  };
  console.log(
    `${file}: ${(totalMs / 1000).toFixed(1)} s profiled, ${(busy / 1000).toFixed(1)} s busy (${((100 * busy) / totalMs).toFixed(0)}%), ${p.samples.length} samples; % of busy time`,
  );
  show("self time by package / source folder", pkg);
  show("self time by function", self);
  show("inclusive time by function", incl);
}

main();
