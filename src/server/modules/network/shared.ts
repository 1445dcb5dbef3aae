/**
 * What the network module's parts share (relationships.ts, snapshots.ts):
 * the cluster's authorisation, which actors belong to a cluster, the link
 * query with both actors' names and its DTO, and "alive on a date".
 *
 * Reading a cluster's network is network.read (cluster managers, province
 * admins, council members; members do not see who trades with whom),
 * changing it relationship.manage; a cluster out of reach answers 404, one
 * visible but not writable 403.
 */
import { type ExpressionBuilder, type Kysely, sql } from "kysely";
import type { z } from "zod";
import { todayIso } from "../../../core/jalali";
import type { Actor } from "../../../core/permissions";
import type { RelationshipOut } from "../../../core/schemas/network";
import type { DB } from "../../db/schema";
import { authorizeRecord, found } from "../../services/load";
import "./migrations/tables";

export type RelationshipDto = z.infer<typeof RelationshipOut>;

/** Today in Iran (the day a link "holds today" is judged on). */
export const today = () => todayIso();

/** The cluster (not archived) and the actor's right on it: read, or read and manage. */
export async function networkCluster(db: Kysely<DB>, actor: Actor | null, clusterId: string, manage = false) {
  const c = found(
    await db
      .selectFrom("clusters")
      .select(["id", "province_code", "name_fa"])
      .where("id", "=", clusterId)
      .where("archived_at", "is", null)
      .executeTakeFirst(),
  );
  const scope = { provinceCode: c.province_code, clusterId: c.id };
  const a = authorizeRecord(actor, scope, "network.read", manage ? "relationship.manage" : undefined);
  return { actor: a, cluster: c, scope };
}

/**
 * The actors of `ids` that belong to the cluster: a membership row that is
 * not a pending application, or (people) the membership of the enterprise
 * they work for. Two indexed lookups whatever the number of ids.
 */
export async function actorsInCluster(db: Kysely<DB>, clusterId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const [direct, staff] = await Promise.all([
    db
      .selectFrom("cluster_actors")
      .select("actor_id as id")
      .where("cluster_id", "=", clusterId)
      .where("actor_id", "in", ids)
      .where("status", "!=", "applicant")
      .execute(),
    db
      .selectFrom("people")
      .innerJoin("cluster_actors", (j) =>
        j.onRef("cluster_actors.actor_id", "=", "people.enterprise_id").on("cluster_actors.cluster_id", "=", clusterId),
      )
      .select("people.id")
      .where("people.id", "in", ids)
      .where("cluster_actors.status", "!=", "applicant")
      .execute(),
  ]);
  return new Set([...direct, ...staff].map((r) => r.id));
}

/** A link holds on `date`: started on or before it (or no start recorded) and not ended by it. */
export function aliveOn(date: string) {
  return (eb: ExpressionBuilder<DB, "relationships">) =>
    eb.and([
      eb.or([eb("relationships.start_on", "is", null), eb("relationships.start_on", "<=", date)]),
      eb.or([eb("relationships.end_on", "is", null), eb("relationships.end_on", ">", date)]),
    ]);
}

/** Links with both actors' names and kinds and the cluster's name: the one shape every list answers. */
export function relationshipQuery(db: Kysely<DB>) {
  return db
    .selectFrom("relationships")
    .innerJoin("actors as fa", "fa.id", "relationships.from_actor_id")
    .innerJoin("actors as ta", "ta.id", "relationships.to_actor_id")
    .innerJoin("clusters", "clusters.id", "relationships.cluster_id");
}

export function selectRelationship<Q extends ReturnType<typeof relationshipQuery>>(q: Q) {
  return q
    .selectAll("relationships")
    .select([
      "fa.name as from_name",
      "fa.kind as from_kind",
      "ta.name as to_name",
      "ta.kind as to_kind",
      "clusters.name_fa as cluster_name",
    ]);
}

type RelationshipSel = Awaited<
  ReturnType<ReturnType<typeof selectRelationship<ReturnType<typeof relationshipQuery>>>["executeTakeFirstOrThrow"]>
>;

export function toRelationshipDto(r: RelationshipSel, on = today()): RelationshipDto {
  return {
    id: r.id,
    clusterId: r.cluster_id,
    clusterName: r.cluster_name,
    from: { id: r.from_actor_id, name: r.from_name, kind: r.from_kind },
    to: { id: r.to_actor_id, name: r.to_name, kind: r.to_kind },
    type: r.type,
    strength: Number(r.strength),
    source: r.source,
    startOn: r.start_on,
    endOn: r.end_on,
    notes: r.notes,
    active: (r.start_on === null || r.start_on <= on) && (r.end_on === null || r.end_on > on),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function loadRelationship(db: Kysely<DB>, clusterId: string, relId: string): Promise<RelationshipDto> {
  return toRelationshipDto(
    found(
      await selectRelationship(relationshipQuery(db))
        .where("relationships.id", "=", relId)
        .where("relationships.cluster_id", "=", clusterId)
        .executeTakeFirst(),
    ),
  );
}

/** Either end is the actor. */
export function touches(actorId: string) {
  return (eb: ExpressionBuilder<DB, "relationships">) =>
    eb.or([eb("relationships.from_actor_id", "=", actorId), eb("relationships.to_actor_id", "=", actorId)]);
}

export const countAll = sql<number>`count(*)`;
