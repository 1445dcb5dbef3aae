/**
 * The cluster's network picture and figures, computed in the background.
 *
 * Betweenness on 3,000 actors takes 2–4 s and ForceAtlas2 about as long, so
 * no request computes them: the `network.snapshot` job reads the network
 * alive on a date (links started on or before it and not ended by it; the
 * cluster's actors who had joined and not left), computes in a worker thread
 * (thread.ts) and stores the result in network_snapshots, keyed by cluster
 * and date, with the fingerprint of the links and memberships it read. A
 * request answers the stored snapshot at once, says whether it is stale (the
 * fingerprint moved: a link or a membership changed, whoever changed it) and
 * queues a new one when it is, so the next look is current.
 */
import type { Kysely } from "kysely";
import { LRUCache } from "lru-cache";
import { z } from "zod";
import type { ActorKind } from "../../../core/members";
import type { RelationshipType } from "../../../core/network";
import type { Actor } from "../../../core/permissions";
import { can } from "../../../core/permissions";
import {
  type CentralActorOut,
  type CommunityOut,
  type NetworkCompareOut,
  type NetworkFiguresOut,
  NetworkOut,
  type SnapshotSummaryOut,
} from "../../../core/schemas/network";
import { type Deps, nowIso } from "../../context";
import type { DB } from "../../db/schema";
import { PrecompressedJson } from "../../http/precompressed";
import { defineJob, enqueue } from "../../jobs/queue";
import {
  aliveOn,
  countAll,
  networkCluster,
  relationshipQuery,
  selectRelationship,
  today,
  toRelationshipDto,
} from "./shared";
import { computeInThread } from "./thread";

/** Raised when what a snapshot holds or how it is computed changes, so every stored one turns stale. */
const FORMAT = "1";
const TOP = 10;
const COMMUNITIES_SHOWN = 12;
/** Snapshots kept per cluster (the latest computed); compare dates add one each. */
const KEEP = 12;

/** What network_snapshots.data holds (JSON). */
interface SnapshotData {
  on: string;
  nodes: { id: string; kind: ActorKind; x: number; y: number; degree: number; b: number; c: number }[];
  edges: { s: number; t: number; type: RelationshipType; w: number }[];
  figures: z.infer<typeof SnapshotSummaryOut>["figures"];
  topByDegree: string[];
  topByBetweenness: string[];
  communities: { size: number; top: string[] }[];
}

/**
 * The state of the cluster's links and memberships: their counts and latest
 * change. An insert or change moves the latest change, a delete the count.
 */
export async function fingerprintOf(db: Kysely<DB>, clusterId: string): Promise<string> {
  const [rel, mem] = await Promise.all([
    db
      .selectFrom("relationships")
      .select([countAll.as("n"), (eb) => eb.fn.max("updated_at").as("at")])
      .where("cluster_id", "=", clusterId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("cluster_actors")
      .select([countAll.as("n"), (eb) => eb.fn.max("updated_at").as("at")])
      .where("cluster_id", "=", clusterId)
      .executeTakeFirstOrThrow(),
  ]);
  return `${FORMAT}|${Number(rel.n)}|${rel.at ?? ""}|${Number(mem.n)}|${mem.at ?? ""}`;
}

const SnapshotPayload = z.strictObject({ clusterId: z.uuid(), on: z.iso.date() });

/**
 * Queues the snapshot of the cluster's network on `on` unless one is already
 * queued or running for it (the job computes whatever is current when it
 * runs, so one pending is enough). Call inside the write's transaction.
 */
export async function queueSnapshot(trx: Kysely<DB>, clusterId: string, on: string): Promise<void> {
  if (await snapshotPending(trx, clusterId, on)) return;
  await enqueue(trx, snapshotJob, { clusterId, on });
}

/** A snapshot job for the cluster and date is queued or running (the kind's pending jobs are few; its index finds them). */
async function snapshotPending(db: Kysely<DB>, clusterId: string, on: string): Promise<boolean> {
  const row = await db
    .selectFrom("jobs")
    .select("id")
    .where("kind", "=", "network.snapshot")
    .where("state", "in", ["queued", "running"])
    .where("payload", "=", JSON.stringify(SnapshotPayload.parse({ clusterId, on })))
    .executeTakeFirst();
  return row !== undefined;
}

/** The network alive on the date: its actors (id order) and links, read in one transaction with its fingerprint. */
async function readNetwork(db: Kysely<DB>, clusterId: string, on: string) {
  return db.transaction().execute(async (trx) => {
    const fingerprint = await fingerprintOf(trx, clusterId);
    const [members, links] = await Promise.all([
      trx
        .selectFrom("cluster_actors")
        .select(["actor_id as id", "kind"])
        .where("cluster_id", "=", clusterId)
        .where("status", "in", ["member", "suspended", "left"])
        .where((eb) => eb.or([eb("joined_on", "is", null), eb("joined_on", "<=", on)]))
        .where((eb) =>
          eb.and([
            eb.or([eb("left_on", "is", null), eb("left_on", ">", on)]),
            // Left without a date recorded: gone whatever the date.
            eb.or([eb("status", "!=", "left"), eb("left_on", "is not", null)]),
          ]),
        )
        .execute(),
      trx
        .selectFrom("relationships")
        .innerJoin("actors as fa", "fa.id", "relationships.from_actor_id")
        .innerJoin("actors as ta", "ta.id", "relationships.to_actor_id")
        .select([
          "relationships.from_actor_id as a",
          "relationships.to_actor_id as b",
          "fa.kind as a_kind",
          "ta.kind as b_kind",
          "relationships.type",
          "relationships.strength",
        ])
        .where("relationships.cluster_id", "=", clusterId)
        .where(aliveOn(on))
        .execute(),
    ]);
    return { fingerprint, members, links };
  });
}

/** Computes and stores the snapshot of the cluster's network on the date, unless the stored one is current. */
export async function computeSnapshot(deps: Deps, clusterId: string, on: string): Promise<void> {
  const db = deps.database.db;
  const { fingerprint, members, links } = await readNetwork(db, clusterId, on);
  const existing = await db
    .selectFrom("network_snapshots")
    .select("fingerprint")
    .where("cluster_id", "=", clusterId)
    .where("on_date", "=", on)
    .executeTakeFirst();
  if (existing?.fingerprint === fingerprint) return;

  // Nodes: the members, and anyone a link reaches (staff linked through their enterprise).
  const kindOf = new Map<string, ActorKind>();
  for (const m of members) kindOf.set(m.id, m.kind);
  for (const l of links) {
    kindOf.set(l.a, l.a_kind);
    kindOf.set(l.b, l.b_kind);
  }
  const ids = [...kindOf.keys()].sort();
  const index = new Map(ids.map((id, i) => [id, i]));
  // One pair per two actors, weighted by its strongest link, for the figures and the layout.
  const pairWeight = new Map<string, { a: number; b: number; weight: number }>();
  const edges: SnapshotData["edges"] = [];
  for (const l of links) {
    const s = index.get(l.a)!;
    const t = index.get(l.b)!;
    edges.push({ s, t, type: l.type, w: Number(l.strength) });
    if (s === t) continue;
    const [a, b] = s < t ? [s, t] : [t, s];
    const key = `${a}-${b}`;
    const p = pairWeight.get(key);
    if (p) p.weight = Math.max(p.weight, Number(l.strength));
    else pairWeight.set(key, { a, b, weight: Number(l.strength) });
  }
  const pairs = [...pairWeight.values()];
  const seed = [...clusterId].reduce((h, ch) => (Math.imul(h, 31) + ch.charCodeAt(0)) | 0, 7);
  const out = await computeInThread({ nodes: ids.map((id) => ({ id })), pairs, seed });

  const nodes: SnapshotData["nodes"] = ids.map((id, i) => {
    const o = out.nodes[i]!;
    return { id, kind: kindOf.get(id)!, x: o.x, y: o.y, degree: o.degree, b: o.betweenness, c: o.community };
  });
  const byDegree = [...nodes].sort((x, y) => y.degree - x.degree || y.b - x.b || (x.id < y.id ? -1 : 1));
  const byBetween = [...nodes].sort((x, y) => y.b - x.b || y.degree - x.degree || (x.id < y.id ? -1 : 1));
  const groups: string[][] = Array.from({ length: out.communities }, () => []);
  for (const n of byDegree) if (n.c >= 0) groups[n.c]!.push(n.id);
  const n = ids.length;
  const data: SnapshotData = {
    on,
    nodes,
    edges,
    figures: {
      actors: n,
      links: pairs.length,
      density: Math.round(out.density * 1e6) / 1e6,
      averageDegree: n > 0 ? Math.round(((2 * pairs.length) / n) * 100) / 100 : 0,
      communities: out.communities,
      modularity: out.modularity,
      isolated: nodes.filter((x) => x.degree === 0).length,
    },
    topByDegree: byDegree
      .filter((x) => x.degree > 0)
      .slice(0, TOP)
      .map((x) => x.id),
    topByBetweenness: byBetween
      .filter((x) => x.b > 0)
      .slice(0, TOP)
      .map((x) => x.id),
    communities: groups.slice(0, COMMUNITIES_SHOWN).map((g) => ({ size: g.length, top: g.slice(0, 5) })),
  };
  const row = {
    cluster_id: clusterId,
    on_date: on,
    fingerprint,
    computed_at: nowIso(),
    data: JSON.stringify(data),
  };
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("network_snapshots")
      .values(row)
      .onConflict((oc) =>
        oc.columns(["cluster_id", "on_date"]).doUpdateSet({
          fingerprint: row.fingerprint,
          computed_at: row.computed_at,
          data: row.data,
        }),
      )
      .execute();
    // Keep the latest few: compare dates each leave one behind.
    const keep = trx
      .selectFrom("network_snapshots")
      .select("on_date")
      .where("cluster_id", "=", clusterId)
      .orderBy("computed_at", "desc")
      .limit(KEEP);
    const kept = (await keep.execute()).map((r) => r.on_date);
    await trx
      .deleteFrom("network_snapshots")
      .where("cluster_id", "=", clusterId)
      .where("on_date", "not in", kept)
      .execute();
  });
}

export const snapshotJob = defineJob({
  kind: "network.snapshot",
  payload: SnapshotPayload,
  maxAttempts: 3,
  leaseMs: 2 * 60_000,
  async run(deps, { clusterId, on }) {
    await computeSnapshot(deps, clusterId, on);
  },
});

// ----------------------------------------------------------------- answering

interface Stored {
  data: SnapshotData;
  computedAt: string;
  stale: boolean;
}

/**
 * What answering keeps in memory, per database (a process may serve two in
 * tests). A stored snapshot is ~800 KB of JSON for a 3,000-actor network:
 * parsed per request, with the drawing's answer built and serialized from
 * it, 32 concurrent requests overflowed the server's 128 MB heap and each
 * figures answer paid 20–90 ms to read its 30 ids. So the parsed snapshots
 * are kept by their computation (cluster, date, computed_at: a new one has
 * another key), and the drawing's answers as precompressed bodies keyed by
 * everything that goes into them (the snapshot, whether it is current, the
 * caller's canManage, and the latest change of any actor, which covers the
 * names). Concurrent misses of one key share one read (LRUCache.fetch).
 */
interface AnswerCaches {
  parsed: LRUCache<string, { data: SnapshotData; bytes: number }, () => Promise<string>>;
  pictures: LRUCache<string, PrecompressedJson, () => Promise<PrecompressedJson>>;
}
const cachesByDatabase = new WeakMap<object, AnswerCaches>();

function cachesOf(deps: Deps): AnswerCaches {
  let c = cachesByDatabase.get(deps.database);
  if (!c) {
    c = {
      parsed: new LRUCache({
        maxSize: 16 * 1024 * 1024,
        sizeCalculation: (v) => Math.max(1, v.bytes),
        fetchMethod: async (_key, _stale, { context }) => {
          const text = await context();
          return { data: JSON.parse(text) as SnapshotData, bytes: text.length };
        },
      }),
      pictures: new LRUCache({
        maxSize: 24 * 1024 * 1024,
        sizeCalculation: (v) => Math.max(1, v.size),
        fetchMethod: (_key, _stale, { context }) => context(),
      }),
    };
    cachesByDatabase.set(deps.database, c);
  }
  return c;
}

/**
 * The stored snapshot for the date (or, with `nearest`, the latest computed
 * for any date until that one exists), whether it is stale, and whether a
 * new one is pending; queues one when it is missing or stale.
 */
async function storedSnapshot(deps: Deps, clusterId: string, on: string, nearest: boolean) {
  const db = deps.database.db;
  const fingerprint = await fingerprintOf(db, clusterId);
  const columns = ["cluster_id", "on_date", "computed_at", "fingerprint"] as const;
  let row = await db
    .selectFrom("network_snapshots")
    .select(columns)
    .where("cluster_id", "=", clusterId)
    .where("on_date", "=", on)
    .executeTakeFirst();
  const current = row?.fingerprint === fingerprint;
  if (!row && nearest) {
    row = await db
      .selectFrom("network_snapshots")
      .select(columns)
      .where("cluster_id", "=", clusterId)
      .orderBy("computed_at", "desc")
      .limit(1)
      .executeTakeFirst();
  }
  let computing = false;
  if (!current) {
    await db.transaction().execute((trx) => queueSnapshot(trx, clusterId, on));
    deps.kickJobs?.();
    computing = true;
  }
  if (!row) return { stored: null, computing, key: null };
  const { on_date, computed_at } = row;
  const key = `${clusterId}|${on_date}|${computed_at}`;
  const parsed = await cachesOf(deps).parsed.fetch(key, {
    context: async () =>
      (
        await db
          .selectFrom("network_snapshots")
          .select("data")
          .where("cluster_id", "=", clusterId)
          .where("on_date", "=", on_date)
          .executeTakeFirstOrThrow()
      ).data,
  });
  const stored: Stored = { data: parsed!.data, computedAt: computed_at, stale: !current };
  return { stored, computing, key: `${key}|${current ? "current" : "stale"}` };
}

/** Names of the actors, read in chunks (a 3,000-actor network is three lookups by key). */
async function namesOf(db: Kysely<DB>, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const chunks: string[][] = [];
  for (let i = 0; i < unique.length; i += 1000) chunks.push(unique.slice(i, i + 1000));
  const rows = await Promise.all(
    chunks.map((c) => db.selectFrom("actors").select(["id", "name"]).where("id", "in", c).execute()),
  );
  return new Map(rows.flat().map((r) => [r.id, r.name]));
}

function summaryOf(s: Stored, names: Map<string, string>): z.infer<typeof SnapshotSummaryOut> {
  const byId = new Map(s.data.nodes.map((n) => [n.id, n]));
  const central = (id: string): z.infer<typeof CentralActorOut> => {
    const n = byId.get(id)!;
    return { id, name: names.get(id) ?? "", kind: n.kind, degree: n.degree, betweenness: n.b };
  };
  return {
    on: s.data.on,
    computedAt: s.computedAt,
    stale: s.stale,
    figures: s.data.figures,
    topByDegree: s.data.topByDegree.map(central),
    topByBetweenness: s.data.topByBetweenness.map(central),
    communities: s.data.communities.map(
      (c, i): z.infer<typeof CommunityOut> => ({
        index: i,
        size: c.size,
        top: c.top.map((id) => ({ id, name: names.get(id) ?? "", kind: byId.get(id)!.kind })),
      }),
    ),
  };
}

function summaryIds(d: SnapshotData): string[] {
  return [...d.topByDegree, ...d.topByBetweenness, ...d.communities.flatMap((c) => c.top)];
}

/** GET /clusters/:id/network/figures: the headline figures, for the cluster page. */
export async function getFigures(
  deps: Deps,
  actor: Actor | null,
  clusterId: string,
  on?: string,
): Promise<z.infer<typeof NetworkFiguresOut>> {
  const db = deps.database.db;
  const { actor: a, scope } = await networkCluster(db, actor, clusterId);
  const day = on ?? today();
  const { stored, computing } = await storedSnapshot(deps, clusterId, day, on === undefined);
  const names = stored ? await namesOf(db, summaryIds(stored.data)) : new Map<string, string>();
  return {
    clusterId,
    on: day,
    computing,
    canManage: can(a, "relationship.manage", scope),
    snapshot: stored ? summaryOf(stored, names) : null,
  };
}

/**
 * GET /clusters/:id/network: the figures with every node (position, degree,
 * community) and link to draw, as a precompressed body (see AnswerCaches).
 */
export async function getNetwork(
  deps: Deps,
  actor: Actor | null,
  clusterId: string,
  on?: string,
): Promise<PrecompressedJson> {
  const db = deps.database.db;
  const { actor: a, scope } = await networkCluster(db, actor, clusterId);
  const day = on ?? today();
  const [{ stored, computing, key }, namesAt] = await Promise.all([
    storedSnapshot(deps, clusterId, day, on === undefined),
    latestActorChange(db),
  ]);
  const canManage = can(a, "relationship.manage", scope);
  const build = async () => {
    const body = await networkAnswer(db, { clusterId, on: day, computing, canManage }, stored);
    // The schema's check (on in tests) still sees every answer's shape, as the serializer would.
    if (deps.config.responseCheck) NetworkOut.parse(body);
    return new PrecompressedJson(JSON.stringify(body));
  };
  if (!key) return build();
  const cacheKey = `${key}|${day}|${computing}|${canManage}|${namesAt}`;
  return (await cachesOf(deps).pictures.fetch(cacheKey, { context: build }))!;
}

/** The latest change of any actor (its index's last entry): a renamed actor moves it. */
async function latestActorChange(db: Kysely<DB>): Promise<string> {
  const r = await db
    .selectFrom("actors")
    .select((eb) => eb.fn.max("updated_at").as("at"))
    .executeTakeFirst();
  return r?.at ?? "";
}

async function networkAnswer(
  db: Kysely<DB>,
  base: { clusterId: string; on: string; computing: boolean; canManage: boolean },
  stored: Stored | null,
): Promise<z.infer<typeof NetworkOut>> {
  if (!stored) return { ...base, snapshot: null, nodes: [], edges: [] };
  const names = await namesOf(
    db,
    stored.data.nodes.map((n) => n.id),
  );
  return {
    ...base,
    snapshot: summaryOf(stored, names),
    nodes: stored.data.nodes.map((n) => ({
      id: n.id,
      name: names.get(n.id) ?? "",
      kind: n.kind,
      x: n.x,
      y: n.y,
      degree: n.degree,
      community: n.c,
    })),
    edges: stored.data.edges.map((e) => ({ source: e.s, target: e.t, type: e.type, strength: e.w })),
  };
}

const LIST = 50;

/**
 * GET /clusters/:id/network/compare: the figures on two dates side by side
 * (from the snapshots of each, queued when missing), the most central actors
 * on either with their places, and the links that began or ended between.
 */
export async function compareNetwork(
  deps: Deps,
  actor: Actor | null,
  clusterId: string,
  from: string,
  to: string,
): Promise<z.infer<typeof NetworkCompareOut>> {
  const db = deps.database.db;
  await networkCluster(db, actor, clusterId);
  const [a, b] = [await storedSnapshot(deps, clusterId, from, false), await storedSnapshot(deps, clusterId, to, false)];
  const base = relationshipQuery(db).where("relationships.cluster_id", "=", clusterId);
  const onlyOn = (yes: string, no: string) => base.where(aliveOn(yes)).where((eb) => eb.not(aliveOn(no)(eb)));
  const page = (q: ReturnType<typeof onlyOn>) =>
    Promise.all([
      selectRelationship(q)
        .orderBy("relationships.created_at", "desc")
        .orderBy("relationships.id", "desc")
        .limit(LIST)
        .execute(),
      q.select(countAll.as("n")).executeTakeFirstOrThrow(),
    ]);
  const [[added, addedN], [removed, removedN]] = await Promise.all([page(onlyOn(to, from)), page(onlyOn(from, to))]);
  const day = today();

  let figures: z.infer<typeof NetworkCompareOut>["figures"] = null;
  let central: z.infer<typeof NetworkCompareOut>["central"] = [];
  if (a.stored && b.stored) {
    const fa = a.stored.data.figures;
    const fb = b.stored.data.figures;
    const delta = (k: keyof typeof fa) => ({
      from: fa[k],
      to: fb[k],
      change: Math.round((fb[k] - fa[k]) * 1e6) / 1e6,
    });
    figures = {
      actors: delta("actors"),
      links: delta("links"),
      density: delta("density"),
      averageDegree: delta("averageDegree"),
      communities: delta("communities"),
      modularity: delta("modularity"),
      isolated: delta("isolated"),
    };
    const nodesA = new Map(a.stored.data.nodes.map((n) => [n.id, n]));
    const nodesB = new Map(b.stored.data.nodes.map((n) => [n.id, n]));
    const ids = [...new Set([...b.stored.data.topByDegree, ...a.stored.data.topByDegree])];
    const names = await namesOf(db, ids);
    const rankIn = (list: string[], id: string) => {
      const i = list.indexOf(id);
      return i < 0 ? null : i + 1;
    };
    central = ids.map((id) => ({
      id,
      name: names.get(id) ?? "",
      kind: (nodesB.get(id) ?? nodesA.get(id))!.kind,
      degreeFrom: nodesA.get(id)?.degree ?? 0,
      degreeTo: nodesB.get(id)?.degree ?? 0,
      rankFrom: rankIn(a.stored!.data.topByDegree, id),
      rankTo: rankIn(b.stored!.data.topByDegree, id),
    }));
  }
  return {
    clusterId,
    from,
    to,
    computing: a.computing || b.computing,
    figures,
    central,
    added: added.map((r) => toRelationshipDto(r, day)),
    addedTotal: Number(addedN.n),
    removed: removed.map((r) => toRelationshipDto(r, day)),
    removedTotal: Number(removedN.n),
  };
}
