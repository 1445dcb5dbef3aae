/**
 * Benchmark data for the network (bench/data.ts): at national scale 60,000
 * typed links between the actors of running projects' clusters, a fifth of
 * them in the benchmark manager's 3,000-actor cluster. Links fall mostly
 * within groups of actors (a product line, a town's workshops) and gather
 * on hubs (unions, cooperatives, suppliers, a few big firms), so the
 * figures — degree, betweenness, Louvain communities — have the shape a
 * diagnostic study's map has. Some links ended and some began recently, so
 * the change between two dates shows. Loaded only by the benchmark.
 */
import type { Insertable } from "kysely";
import { apportion, type BenchGenerator, instantOn, type Rng, WeightedPicker } from "../../../../bench/kit";
import { addDaysIso } from "../../../core/jalali";
import type { ActorKind } from "../../../core/members";
import type { RelationshipSource, RelationshipType } from "../../../core/network";
import type { DB } from "../../db/schema";
import { inProject } from "../clusters/bench-data";
import type { BenchActor } from "../members/bench-data";

const NATIONAL_LINKS = 60_000;
/** The big network's share of the links: about 8 per actor on average. */
const BIG_LINKS = 12_000;

const SOURCES: [RelationshipSource, number][] = [
  ["diagnostic_interview", 5],
  ["survey", 3],
  ["observed_joint_action", 2],
];

/** A plausible link type between two kinds of actor (read from → to). */
function typeOf(rng: Rng, from: ActorKind, to: ActorKind): RelationshipType {
  if (to === "institution" && from !== "institution") return rng.chance(0.6) ? "member_of" : "cooperates_with";
  if (from === "person") return rng.chance(0.5) ? "represents" : "cooperates_with";
  if (from === "institution") return rng.chance(0.6) ? "supplies" : "cooperates_with";
  return rng.weighted<RelationshipType>([
    ["supplies", 3],
    ["buys_from", 2],
    ["subcontracts_for", 3],
    ["cooperates_with", 3],
  ]);
}

const generator: BenchGenerator = {
  after: ["members"],
  async run(ctx) {
    const { rng, today } = ctx;
    const clusters = ctx.need("clusters");
    const byCluster = ctx.need("clusterActors");
    const bigId = ctx.need("networkClusterId");
    const rows: Insertable<DB["relationships"]>[] = [];

    const bigLinks = ctx.count(BIG_LINKS, 30);
    const mapped = clusters.filter((c) => c.id !== bigId && inProject(c) && (byCluster.get(c.id)?.length ?? 0) >= 6);
    const share = apportion(
      Math.max(0, ctx.count(NATIONAL_LINKS, 100) - bigLinks),
      mapped.map((c) => byCluster.get(c.id)!.length),
    );
    const plan: { id: string; since: string; links: number }[] = [
      ...mapped.map((c, i) => ({ id: c.id, since: c.agentStart ?? c.steps[0]!.on, links: share[i]! })),
    ];
    const bigCluster = clusters.find((c) => c.id === bigId)!;
    plan.unshift({ id: bigId, since: bigCluster.agentStart ?? bigCluster.steps[0]!.on, links: bigLinks });

    for (const { id: clusterId, since, links } of plan) {
      const actors = byCluster.get(clusterId)!;
      if (actors.length < 2) continue;
      // Groups of about 40 actors; hubs weigh more as either end.
      const groups = Math.max(1, Math.round(actors.length / 40));
      const group = new Map<string, number>(actors.map((a) => [a.id, rng.int(0, groups - 1)]));
      const members: BenchActor[][] = Array.from({ length: groups }, () => []);
      for (const a of actors) members[group.get(a.id)!]!.push(a);
      const hub = new Map<string, number>(
        actors.map((a) => [a.id, a.kind === "institution" ? 6 : a.kind === "enterprise" && rng.chance(0.05) ? 8 : 1]),
      );
      const any = new WeightedPicker(actors, (a) => hub.get(a.id)!);
      const within = members.map((m) => (m.length > 1 ? new WeightedPicker(m, (a) => hub.get(a.id)!) : null));
      const seen = new Set<string>();
      const span = Math.max(1, (Date.parse(today) - Date.parse(since)) / 86_400_000);
      for (let made = 0, tries = 0; made < links && tries < links * 5; tries++) {
        const from = any.pick(rng);
        const own = within[group.get(from.id)!];
        const to = own && rng.chance(0.8) ? own.pick(rng) : any.pick(rng);
        if (to.id === from.id) continue;
        const type = typeOf(rng, from.kind, to.kind);
        const key = `${from.id}|${to.id}|${type}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const start = rng.chance(0.8) ? addDaysIso(since, rng.int(0, Math.floor(span))) : null;
        const ended = start !== null && rng.chance(0.1);
        const at = instantOn(rng, start ?? since);
        rows.push({
          id: rng.uuid(),
          cluster_id: clusterId,
          from_actor_id: from.id,
          to_actor_id: to.id,
          type,
          strength: rng.weighted([
            [1, 4],
            [2, 4],
            [3, 2],
          ]),
          start_on: start,
          end_on: ended ? addDaysIso(start, rng.int(30, 700)) : null,
          source: rng.weighted(SOURCES),
          notes: null,
          created_at: at,
          updated_at: at,
          created_by: null,
        });
        made++;
      }
    }
    // End dates past today are plans, not history: none.
    for (const r of rows) if (r.end_on && r.end_on > today) r.end_on = null;
    await ctx.insert("relationships", rows);
    return { relationships: rows.length };
  },
};

export default generator;
