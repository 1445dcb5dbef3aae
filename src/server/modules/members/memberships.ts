/**
 * Memberships: an actor's place in a cluster and its status (applicant,
 * member, suspended, left) with the dates. The cluster's office decides
 * (membership.manage on that cluster).
 */
import type { Kysely } from "kysely";
import type { z } from "zod";
import { todayIso } from "../../../core/jalali";
import type { Actor, Scope } from "../../../core/permissions";
import type { Membership, MembershipCreateInput, MembershipUpdateInput } from "../../../core/schemas/members";
import type { Deps } from "../../context";
import type { DB } from "../../db/schema";
import { AppError, fieldError } from "../../errors";
import { found, loadAuthorized } from "../../services/load";
import { writeAudit } from "../audit/service";
import { membershipsOf } from "./shared";

/** A cluster's id and province (its scope), or undefined. */
export function loadCluster(db: Kysely<DB>, id: string) {
  return db.selectFrom("clusters").select(["id", "province_code"]).where("id", "=", id).executeTakeFirst();
}

export const clusterScope = (c: { id: string; province_code: string }): Scope => ({
  provinceCode: c.province_code,
  clusterId: c.id,
});

/** The dates a status keeps: joined when it became a member, left only while it has left; left never before joined. */
function datesFor(
  status: Membership["status"],
  given: { joinedOn?: string | null; leftOn?: string | null },
  had: { joined_on: string | null; left_on: string | null } | null,
): { joined_on: string | null; left_on: string | null } {
  const today = todayIso();
  const joined =
    given.joinedOn !== undefined ? given.joinedOn : (had?.joined_on ?? (status === "applicant" ? null : today));
  const left = status === "left" ? (given.leftOn ?? had?.left_on ?? today) : null;
  if (joined && left && left < joined) throw new AppError(400, "end_before_start", {}, [{ path: "body.leftOn" }]);
  return { joined_on: joined, left_on: left };
}

async function membershipOut(db: Kysely<DB>, clusterId: string, actorId: string): Promise<Membership> {
  const all = (await membershipsOf(db, [actorId])).get(actorId) ?? [];
  return found(all.find((m) => m.clusterId === clusterId));
}

/** POST /clusters/{id}/members: an existing enterprise, person or institution joins the cluster. */
export async function addMember(
  deps: Deps,
  actor: Actor | null,
  clusterId: string,
  input: z.infer<typeof MembershipCreateInput>,
): Promise<Membership> {
  const db = deps.database.db;
  const { row: c, actor: a } = await loadAuthorized(
    actor,
    loadCluster(db, clusterId),
    clusterScope,
    "cluster.read",
    "membership.manage",
  );
  const status = input.status ?? "member";
  await db.transaction().execute(async (trx) => {
    const target = await trx
      .selectFrom("actors")
      .select(["id", "kind", "name"])
      .where("id", "=", input.actorId)
      .executeTakeFirst();
    if (!target) throw fieldError("actor_not_found", "actorId");
    const had = await trx
      .selectFrom("cluster_actors")
      .select("status")
      .where("cluster_id", "=", clusterId)
      .where("actor_id", "=", input.actorId)
      .executeTakeFirst();
    if (had) throw new AppError(409, "membership_exists", {}, [{ path: "body.actorId" }]);
    const dates = datesFor(status, input, null);
    const now = new Date().toISOString();
    await trx
      .insertInto("cluster_actors")
      .values({
        cluster_id: clusterId,
        actor_id: target.id,
        kind: target.kind,
        status,
        ...dates,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await writeAudit(trx, a, {
      action: "membership.create",
      targetType: target.kind,
      targetId: target.id,
      provinceCode: c.province_code,
      clusterId,
      summary: { name: target.name, status, joinedOn: dates.joined_on, leftOn: dates.left_on },
    });
  });
  return membershipOut(db, clusterId, input.actorId);
}

/** PATCH /clusters/{id}/members/{actorId}: a new status and its dates. */
export async function updateMember(
  deps: Deps,
  actor: Actor | null,
  clusterId: string,
  actorId: string,
  input: z.infer<typeof MembershipUpdateInput>,
): Promise<Membership> {
  const db = deps.database.db;
  const { row: c, actor: a } = await loadAuthorized(
    actor,
    loadCluster(db, clusterId),
    clusterScope,
    "cluster.read",
    "membership.manage",
  );
  await db.transaction().execute(async (trx) => {
    const had = found(
      await trx
        .selectFrom("cluster_actors")
        .innerJoin("actors", "actors.id", "cluster_actors.actor_id")
        .select([
          "cluster_actors.status",
          "cluster_actors.joined_on",
          "cluster_actors.left_on",
          "actors.kind",
          "actors.name",
        ])
        .where("cluster_actors.cluster_id", "=", clusterId)
        .where("cluster_actors.actor_id", "=", actorId)
        .executeTakeFirst(),
    );
    const dates = datesFor(input.status, input, had);
    await trx
      .updateTable("cluster_actors")
      .set({ status: input.status, ...dates, updated_at: new Date().toISOString() })
      .where("cluster_id", "=", clusterId)
      .where("actor_id", "=", actorId)
      .execute();
    await writeAudit(trx, a, {
      action: "membership.update",
      targetType: had.kind,
      targetId: actorId,
      provinceCode: c.province_code,
      clusterId,
      summary: {
        name: had.name,
        changes: Object.fromEntries(
          (
            [
              ["status", had.status, input.status],
              ["joinedOn", had.joined_on, dates.joined_on],
              ["leftOn", had.left_on, dates.left_on],
            ] as const
          )
            .filter(([, b, x]) => b !== x)
            .map(([k, b, x]) => [k, { before: b, after: x }]),
        ),
      },
    });
  });
  return membershipOut(db, clusterId, actorId);
}
