/**
 * The network module (modules/network): typed relationships between the
 * actors of a cluster, and the cluster's network picture with its figures,
 * computed in the background into snapshots.
 */
import { z } from "zod";
import { ACTOR_KINDS } from "../members";
import { RELATIONSHIP_SOURCES, RELATIONSHIP_TYPES } from "../network";
import { Id, IsoDate, Paging, QueryBool, SearchText } from "./common";

export const RelationshipType = z.enum(RELATIONSHIP_TYPES);
export const RelationshipSource = z.enum(RELATIONSHIP_SOURCES);
export const ActorKind = z.enum(ACTOR_KINDS);
/** 1 (weak) to 3 (strong). */
export const Strength = z.number().int().min(1).max(3);
const Notes = z.string().trim().max(2000);

/** /clusters/:id/relationships/:relId */
export const RelationshipParams = z.strictObject({ id: Id, relId: Id });

/** POST /clusters/:id/relationships: "from supplies to", "from buys from to" … */
export const RelationshipInput = z.strictObject({
  fromActorId: Id,
  toActorId: Id,
  type: RelationshipType,
  strength: Strength,
  source: RelationshipSource,
  /** ISO; null: since before records. */
  startOn: IsoDate.nullish(),
  /** ISO; null: still holds. */
  endOn: IsoDate.nullish(),
  notes: Notes.nullish(),
});

/** PATCH …/relationships/:relId: the given fields change; the two actors stay (a different pair is a new link). */
export const RelationshipUpdateInput = z.strictObject({
  type: RelationshipType.optional(),
  strength: Strength.optional(),
  source: RelationshipSource.optional(),
  startOn: IsoDate.nullish(),
  endOn: IsoDate.nullish(),
  notes: Notes.nullish(),
});

/** POST …/relationships/:relId/end: the link stopped holding on this date. */
export const RelationshipEndInput = z.strictObject({ endOn: IsoDate });

export const RelationshipActorOut = z.object({ id: z.string(), name: z.string(), kind: ActorKind });

export const RelationshipOut = z.object({
  id: z.string(),
  clusterId: z.string(),
  clusterName: z.string(),
  from: RelationshipActorOut,
  to: RelationshipActorOut,
  type: RelationshipType,
  strength: z.number(),
  source: RelationshipSource,
  startOn: z.string().nullable(),
  endOn: z.string().nullable(),
  notes: z.string().nullable(),
  /** Holds today: started (or no start recorded) and not ended. */
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** GET /clusters/:id/relationships */
export const RelationshipListQuery = z.strictObject({
  type: RelationshipType.optional(),
  /** Links of this actor only (either end). */
  actorId: Id.optional(),
  /** true: holding today; false: ended or not yet started. */
  active: QueryBool.optional(),
  /** Matches either actor's name. */
  q: SearchText.optional(),
  ...Paging,
});

/** GET /actors/:id/relationships */
export const ActorRelationshipsQuery = z.strictObject({ ...Paging });

/** GET /clusters/:id/network/actors: the actors a link can join. */
export const NetworkActorQuery = z.strictObject({ q: SearchText.optional(), kind: ActorKind.optional(), ...Paging });
export const NetworkActorOut = RelationshipActorOut;

// ----------------------------------------------------------------- the picture and its figures

/** GET /clusters/:id/network?on=: the network alive on a date (today when not given). */
export const NetworkQuery = z.strictObject({ on: IsoDate.optional() });

export const NetworkFigures = z.object({
  actors: z.number(),
  /** Pairs of actors linked (several links between one pair count once). */
  links: z.number(),
  /** links / (actors × (actors − 1) / 2): the share of possible pairs that are linked, 0–1. */
  density: z.number(),
  /** 2 × links / actors. */
  averageDegree: z.number(),
  communities: z.number(),
  /** Louvain's modularity of the communities found (−0.5–1; above ~0.3 is a clear structure). */
  modularity: z.number(),
  /** Actors with no link on the date. */
  isolated: z.number(),
});

export const CentralActorOut = z.object({
  id: z.string(),
  name: z.string(),
  kind: ActorKind,
  degree: z.number(),
  /** Normalised betweenness, 0–1: the share of shortest paths between others that pass through the actor. */
  betweenness: z.number(),
});

export const CommunityOut = z.object({
  /** 0 is the largest. */
  index: z.number(),
  size: z.number(),
  /** Its best-linked actors, at most five. */
  top: z.array(RelationshipActorOut),
});

export const NetworkNodeOut = z.object({
  id: z.string(),
  name: z.string(),
  kind: ActorKind,
  x: z.number(),
  y: z.number(),
  degree: z.number(),
  community: z.number(),
});

/** A drawn link: its two ends as indexes into `nodes`. */
export const NetworkEdgeOut = z.object({
  source: z.number(),
  target: z.number(),
  type: RelationshipType,
  strength: z.number(),
});

export const SnapshotSummaryOut = z.object({
  /** The date whose network it is. */
  on: z.string(),
  computedAt: z.string(),
  /** The cluster's links or members changed after it was computed (a new one is queued). */
  stale: z.boolean(),
  figures: NetworkFigures,
  topByDegree: z.array(CentralActorOut),
  topByBetweenness: z.array(CentralActorOut),
  communities: z.array(CommunityOut),
});

/** GET /clusters/:id/network/figures: the headline figures (the cluster page's section). */
export const NetworkFiguresOut = z.object({
  clusterId: z.string(),
  /** The date asked for (today when not given). */
  on: z.string(),
  /** A snapshot for this date and the cluster's current links is queued or running. */
  computing: z.boolean(),
  /** The caller may add, change and delete the cluster's links. */
  canManage: z.boolean(),
  /** The stored snapshot for the date (for today, until its first is ready, the latest computed for any date); null before any. */
  snapshot: SnapshotSummaryOut.nullable(),
});

/** GET /clusters/:id/network: the figures and the picture to draw. */
export const NetworkOut = NetworkFiguresOut.extend({
  nodes: z.array(NetworkNodeOut),
  edges: z.array(NetworkEdgeOut),
});

/** GET /clusters/:id/network/compare?from=&to= */
export const NetworkCompareQuery = z.strictObject({ from: IsoDate, to: IsoDate });

const Delta = z.object({ from: z.number(), to: z.number(), change: z.number() });

export const CompareActorOut = RelationshipActorOut.extend({
  degreeFrom: z.number(),
  degreeTo: z.number(),
  /** Place among the most central by degree on each date (1 first); null when not among the top. */
  rankFrom: z.number().nullable(),
  rankTo: z.number().nullable(),
});

export const NetworkCompareOut = z.object({
  clusterId: z.string(),
  from: z.string(),
  to: z.string(),
  /** Either date's snapshot is still queued or running; the figures fill in when both are ready. */
  computing: z.boolean(),
  figures: z
    .object({
      actors: Delta,
      links: Delta,
      density: Delta,
      averageDegree: Delta,
      communities: Delta,
      modularity: Delta,
      isolated: Delta,
    })
    .nullable(),
  /** The most central actors on either date, with their degree and place on both. */
  central: z.array(CompareActorOut),
  /** Links holding on `to` but not on `from` (first 50), and how many. */
  added: z.array(RelationshipOut),
  addedTotal: z.number(),
  /** Links holding on `from` but not on `to` (first 50), and how many. */
  removed: z.array(RelationshipOut),
  removedTotal: z.number(),
});
