/**
 * Relationships between the actors of a cluster: create, change, end and
 * delete (relationship.manage on the cluster, audited), and the lists per
 * cluster and per actor (network.read). Both actors must belong to the
 * cluster and be two different actors. Every change queues the cluster's
 * network snapshot for today (snapshots.ts) in the same transaction.
 */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { z } from "zod";
import { normalizeFa } from "../../../core/normalize";
import type { Actor } from "../../../core/permissions";
import type { Page } from "../../../core/schemas/common";
import type {
  ActorRelationshipsQuery,
  NetworkActorOut,
  NetworkActorQuery,
  RelationshipEndInput,
  RelationshipInput,
  RelationshipListQuery,
  RelationshipUpdateInput,
} from "../../../core/schemas/network";
import { authorizeAnywhere } from "../../auth/authorize";
import { type Deps, nowIso } from "../../context";
import { containsNormalized } from "../../db/dialect";
import type { DB } from "../../db/schema";
import { fieldError } from "../../errors";
import { diffFields, hasChanges } from "../../services/diff";
import { found } from "../../services/load";
import { paginate } from "../../services/paginate";
import { inScope } from "../../services/scope";
import { writeAudit } from "../audit/service";
import {
  actorsInCluster,
  aliveOn,
  loadRelationship,
  networkCluster,
  type RelationshipDto,
  relationshipQuery,
  selectRelationship,
  today,
  toRelationshipDto,
  touches,
} from "./shared";
import { queueSnapshot } from "./snapshots";

const cleanNotes = (s: string | null | undefined) => {
  const v = s?.trim();
  return v ? v : null;
};

function checkDates(startOn: string | null, endOn: string | null) {
  if (startOn !== null && endOn !== null && endOn < startOn) throw fieldError("end_before_start", "endOn");
}

/** The cluster's links, newest first, filtered; a page of them with the total. */
export async function listRelationships(
  deps: Deps,
  actor: Actor | null,
  clusterId: string,
  q: z.infer<typeof RelationshipListQuery>,
): Promise<Page<RelationshipDto>> {
  const db = deps.database.db;
  await networkCluster(db, actor, clusterId);
  let base = relationshipQuery(db).where("relationships.cluster_id", "=", clusterId);
  if (q.type) base = base.where("relationships.type", "=", q.type);
  if (q.actorId) base = base.where(touches(q.actorId));
  const day = today();
  if (q.active === true) base = base.where(aliveOn(day));
  if (q.active === false) base = base.where((eb) => eb.not(aliveOn(day)(eb)));
  if (q.q) {
    const n = normalizeFa(q.q);
    base = base.where((eb) => eb.or([containsNormalized("fa.name_norm", n), containsNormalized("ta.name_norm", n)]));
  }
  const { rows, total } = await paginate(base, q, (b) =>
    selectRelationship(b).orderBy("relationships.created_at", "desc").orderBy("relationships.id", "desc"),
  );
  return { items: rows.map((r) => toRelationshipDto(r, day)), total };
}

/** An actor's links in every cluster whose network the caller may read, newest first. */
export async function listActorRelationships(
  deps: Deps,
  actor: Actor | null,
  actorId: string,
  q: z.infer<typeof ActorRelationshipsQuery>,
): Promise<Page<RelationshipDto>> {
  const a = authorizeAnywhere(actor, "network.read");
  const db = deps.database.db;
  found(await db.selectFrom("actors").select("id").where("id", "=", actorId).executeTakeFirst());
  const base = inScope(
    relationshipQuery(db).where(touches(actorId)).where("clusters.archived_at", "is", null),
    a,
    "network.read",
    { province: "clusters.province_code", cluster: "relationships.cluster_id" },
  );
  const day = today();
  const { rows, total } = await paginate(base, q, (b) =>
    selectRelationship(b).orderBy("relationships.created_at", "desc").orderBy("relationships.id", "desc"),
  );
  return { items: rows.map((r) => toRelationshipDto(r, day)), total };
}

/**
 * The actors a link of the cluster can join, by name: its members of any
 * kind, and the staff of its member enterprises (people belong through the
 * enterprise they work for).
 */
export async function listNetworkActors(
  deps: Deps,
  actor: Actor | null,
  clusterId: string,
  q: z.infer<typeof NetworkActorQuery>,
): Promise<Page<z.infer<typeof NetworkActorOut>>> {
  const db = deps.database.db;
  await networkCluster(db, actor, clusterId);
  const members = db
    .selectFrom("cluster_actors")
    .select("cluster_actors.actor_id as id")
    .where("cluster_actors.cluster_id", "=", clusterId)
    .where("cluster_actors.status", "!=", "applicant");
  const staff = db
    .selectFrom("people")
    .innerJoin("cluster_actors", "cluster_actors.actor_id", "people.enterprise_id")
    .select("people.id")
    .where("cluster_actors.cluster_id", "=", clusterId)
    .where("cluster_actors.status", "!=", "applicant");
  let base = db.selectFrom("actors").where("actors.id", "in", members.union(staff));
  if (q.kind) base = base.where("actors.kind", "=", q.kind);
  if (q.q) base = base.where(containsNormalized("actors.name_norm", normalizeFa(q.q)));
  const { rows, total } = await paginate(base, q, (b) =>
    b.select(["actors.id", "actors.name", "actors.kind"]).orderBy("actors.name_sort").orderBy("actors.id"),
  );
  return { items: rows, total };
}

async function checkActors(trx: Kysely<DB>, clusterId: string, fromId: string, toId: string) {
  if (fromId === toId) throw fieldError("relationship_self", "toActorId");
  const inCluster = await actorsInCluster(trx, clusterId, [fromId, toId]);
  if (!inCluster.has(fromId)) throw fieldError("actor_not_in_cluster", "fromActorId");
  if (!inCluster.has(toId)) throw fieldError("actor_not_in_cluster", "toActorId");
}

export async function createRelationship(
  deps: Deps,
  actor: Actor | null,
  clusterId: string,
  input: z.infer<typeof RelationshipInput>,
): Promise<RelationshipDto> {
  const db = deps.database.db;
  const id = await db.transaction().execute(async (trx) => {
    const { actor: a, cluster } = await networkCluster(trx, actor, clusterId, true);
    await checkActors(trx, clusterId, input.fromActorId, input.toActorId);
    const startOn = input.startOn ?? null;
    const endOn = input.endOn ?? null;
    checkDates(startOn, endOn);
    const relId = randomUUID();
    const now = nowIso();
    const row = {
      id: relId,
      cluster_id: clusterId,
      from_actor_id: input.fromActorId,
      to_actor_id: input.toActorId,
      type: input.type,
      strength: input.strength,
      start_on: startOn,
      end_on: endOn,
      source: input.source,
      notes: cleanNotes(input.notes),
      created_at: now,
      updated_at: now,
      created_by: a.userId === "system" ? null : a.userId,
    };
    await trx.insertInto("relationships").values(row).execute();
    await writeAudit(trx, a, {
      action: "relationship.create",
      targetType: "relationship",
      targetId: relId,
      provinceCode: cluster.province_code,
      clusterId,
      summary: {
        fromActorId: row.from_actor_id,
        toActorId: row.to_actor_id,
        type: row.type,
        strength: row.strength,
        source: row.source,
        startOn,
        endOn,
        notes: row.notes,
      },
    });
    await queueSnapshot(trx, clusterId, today());
    return relId;
  });
  deps.kickJobs?.();
  return loadRelationship(db, clusterId, id);
}

type RelationshipChange = z.infer<typeof RelationshipUpdateInput>;

async function changeRelationship(
  deps: Deps,
  actor: Actor | null,
  clusterId: string,
  relId: string,
  input: RelationshipChange,
  action: "relationship.update" | "relationship.end",
): Promise<RelationshipDto> {
  const db = deps.database.db;
  await db.transaction().execute(async (trx) => {
    const { actor: a, cluster } = await networkCluster(trx, actor, clusterId, true);
    const r = found(
      await trx
        .selectFrom("relationships")
        .selectAll()
        .where("id", "=", relId)
        .where("cluster_id", "=", clusterId)
        .executeTakeFirst(),
    );
    const before = {
      type: r.type,
      strength: Number(r.strength),
      source: r.source,
      startOn: r.start_on,
      endOn: r.end_on,
      notes: r.notes,
    };
    const changes = diffFields(before, {
      type: input.type,
      strength: input.strength,
      source: input.source,
      startOn: input.startOn,
      endOn: input.endOn,
      notes: input.notes === undefined ? undefined : cleanNotes(input.notes),
    });
    if (!hasChanges(changes)) return;
    const after = {
      ...before,
      ...Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v.after])),
    } as typeof before;
    checkDates(after.startOn, after.endOn);
    await trx
      .updateTable("relationships")
      .set({
        type: after.type,
        strength: after.strength,
        source: after.source,
        start_on: after.startOn,
        end_on: after.endOn,
        notes: after.notes,
        updated_at: nowIso(),
      })
      .where("id", "=", relId)
      .execute();
    await writeAudit(trx, a, {
      action,
      targetType: "relationship",
      targetId: relId,
      provinceCode: cluster.province_code,
      clusterId,
      summary: { changes, fromActorId: r.from_actor_id, toActorId: r.to_actor_id },
    });
    await queueSnapshot(trx, clusterId, today());
  });
  deps.kickJobs?.();
  return loadRelationship(db, clusterId, relId);
}

/** Changes a link's type, strength, source, dates or notes; its two actors stay. */
export function updateRelationship(
  deps: Deps,
  actor: Actor | null,
  clusterId: string,
  relId: string,
  input: RelationshipChange,
) {
  return changeRelationship(deps, actor, clusterId, relId, input, "relationship.update");
}

/** The link stopped holding on the date: it stays in the record and in the network of earlier dates. */
export function endRelationship(
  deps: Deps,
  actor: Actor | null,
  clusterId: string,
  relId: string,
  input: z.infer<typeof RelationshipEndInput>,
) {
  return changeRelationship(deps, actor, clusterId, relId, { endOn: input.endOn }, "relationship.end");
}

/** Deletes a link recorded by mistake (one that stopped holding is ended instead); the audit keeps its content. */
export async function deleteRelationship(
  deps: Deps,
  actor: Actor | null,
  clusterId: string,
  relId: string,
): Promise<void> {
  await deps.database.db.transaction().execute(async (trx) => {
    const { actor: a, cluster } = await networkCluster(trx, actor, clusterId, true);
    const r = found(
      await trx
        .selectFrom("relationships")
        .selectAll()
        .where("id", "=", relId)
        .where("cluster_id", "=", clusterId)
        .executeTakeFirst(),
    );
    await trx.deleteFrom("relationships").where("id", "=", relId).execute();
    await writeAudit(trx, a, {
      action: "relationship.delete",
      targetType: "relationship",
      targetId: relId,
      provinceCode: cluster.province_code,
      clusterId,
      summary: {
        fromActorId: r.from_actor_id,
        toActorId: r.to_actor_id,
        type: r.type,
        strength: Number(r.strength),
        source: r.source,
        startOn: r.start_on,
        endOn: r.end_on,
        notes: r.notes,
      },
    });
    await queueSnapshot(trx, clusterId, today());
  });
  deps.kickJobs?.();
}
