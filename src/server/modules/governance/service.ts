/**
 * Governance bodies: each province's coordination committee and each
 * cluster's steering council, with their members' terms. A council seat
 * linked to a user gives that user the council_member role for the cluster
 * while the seat is current; ending or removing the seat takes that one
 * grant back.
 */

import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { z } from "zod";
import { GOVERNANCE_ROLES, type GovernanceBody, type GovernanceRole } from "../../../core/governance";
import { todayIso } from "../../../core/jalali";
import { type Actor, type Scope, SYSTEM_ACTOR } from "../../../core/permissions";
import type {
  MemberInput,
  MemberListQuery,
  MemberOut,
  MembersOut,
  MemberUpdateInput,
} from "../../../core/schemas/governance";
import { trimmedOrNull } from "../../../core/text";
import { requireActor } from "../../auth/authorize";
import { type Deps, nowIso } from "../../context";
import type { DB, GovernanceMembersTable } from "../../db/schema";
import { badRequest } from "../../errors";
import { diffFields, hasChanges } from "../../services/diff";
import { authorizeRecord, found } from "../../services/load";
import { writeAudit } from "../audit/service";
import { clusterScope } from "../clusters/shared";
import { grantRoleInTx, revokeGrantInTx } from "../users/grants";
import { linkableUser } from "../users/shared";

export type MemberDto = z.infer<typeof MemberOut>;

/** Where a body sits: a province's committee or a cluster's council. */
export interface Place {
  body: GovernanceBody;
  provinceCode: string;
  clusterId: string | null;
}

/** How a route names a body: a province's committee or a cluster's council. */
export type PlaceRef = { committeeOf: string } | { councilOf: string };

/** Resolves a body after the caller is known (anonymous callers learn nothing); 404 when it does not exist. */
async function placeOf(db: Kysely<DB>, actor: Actor | null, ref: PlaceRef): Promise<Place> {
  requireActor(actor);
  if ("committeeOf" in ref) {
    const p = found(
      await db.selectFrom("provinces").select("code").where("code", "=", ref.committeeOf).executeTakeFirst(),
    );
    return { body: "provincial_committee", provinceCode: p.code, clusterId: null };
  }
  const s = await clusterScope(db, ref.councilOf);
  return { body: "steering_council", provinceCode: s.provinceCode, clusterId: s.clusterId };
}

const scopeOf = (p: Place): Scope => ({ provinceCode: p.provinceCode, clusterId: p.clusterId });

/** Readers out of scope get 404; visible-but-not-manageable gets 403. */
async function canManage(db: Kysely<DB>, actor: Actor | null, ref: PlaceRef): Promise<{ a: Actor; place: Place }> {
  const place = await placeOf(db, actor, ref);
  return { a: authorizeRecord(actor, scopeOf(place), "governance.read", "governance.manage"), place };
}

const isActive = (toDate: string | null) => toDate === null || toDate >= todayIso();

function membersQuery(db: Kysely<DB>) {
  return db
    .selectFrom("governance_members")
    .leftJoin("users", "users.id", "governance_members.user_id")
    .leftJoin("role_grants", "role_grants.id", "governance_members.grant_id")
    .selectAll("governance_members")
    .select(["users.name as user_name", "role_grants.id as live_grant_id"]);
}

type MemberSel = Awaited<ReturnType<ReturnType<typeof membersQuery>["executeTakeFirstOrThrow"]>>;

function toMemberDto(r: MemberSel): MemberDto {
  return {
    id: r.id,
    body: r.body as GovernanceBody,
    provinceCode: r.province_code,
    clusterId: r.cluster_id,
    personName: r.person_name,
    organisation: r.organisation,
    role: r.role as GovernanceRole,
    fromDate: r.from_date,
    toDate: r.to_date,
    userId: r.user_id,
    userName: r.user_name ?? null,
    grantId: r.live_grant_id ?? null,
    active: isActive(r.to_date),
  };
}

function inPlace<Q extends ReturnType<typeof membersQuery>>(q: Q, place: Place): Q {
  let out = q
    .where("governance_members.body", "=", place.body)
    .where("governance_members.province_code", "=", place.provinceCode);
  out =
    place.clusterId === null
      ? out.where("governance_members.cluster_id", "is", null)
      : out.where("governance_members.cluster_id", "=", place.clusterId);
  return out as Q;
}

const roleOrder = (r: string) => {
  const i = (GOVERNANCE_ROLES as readonly string[]).indexOf(r);
  return i < 0 ? GOVERNANCE_ROLES.length : i;
};

/** Members of a body: current ones first, then by role (chair first) and start date. */
export async function listMembers(
  deps: Deps,
  actor: Actor | null,
  ref: PlaceRef,
  q: z.infer<typeof MemberListQuery>,
): Promise<z.infer<typeof MembersOut>> {
  const place = await placeOf(deps.database.db, actor, ref);
  authorizeRecord(actor, scopeOf(place), "governance.read");
  let query = inPlace(membersQuery(deps.database.db), place);
  if (q.active !== undefined) {
    const today = todayIso();
    query = query.where((eb) =>
      q.active
        ? eb.or([eb("governance_members.to_date", "is", null), eb("governance_members.to_date", ">=", today)])
        : eb("governance_members.to_date", "<", today),
    );
  }
  const items = (await query.execute()).map(toMemberDto);
  items.sort(
    (a, b) =>
      Number(b.active) - Number(a.active) ||
      roleOrder(a.role) - roleOrder(b.role) ||
      (a.fromDate < b.fromDate ? 1 : a.fromDate > b.fromDate ? -1 : 0) ||
      a.personName.localeCompare(b.personName, "fa") ||
      (a.id < b.id ? -1 : 1),
  );
  return { items, total: items.length };
}

function checkTerm(fromDate: string, toDate: string | null) {
  if (toDate !== null && toDate < fromDate) throw badRequest("end_before_start");
}

/** A current council seat with a user carries that user's council_member grant. */
const wantsGrant = (place: Place, m: { user_id: string | null; to_date: string | null }) =>
  place.body === "steering_council" && m.user_id !== null && isActive(m.to_date);

async function grantSeat(trx: Kysely<DB>, actor: Actor, place: Place, userId: string): Promise<string> {
  return grantRoleInTx(trx, actor, userId, { role: "council_member", clusterId: place.clusterId });
}

function auditView(
  m: Pick<GovernanceMembersTable, "person_name" | "organisation" | "role" | "from_date" | "to_date">,
): Record<string, unknown> {
  return {
    personName: m.person_name,
    organisation: m.organisation,
    role: m.role,
    fromDate: m.from_date,
    toDate: m.to_date,
  };
}

async function memberDto(db: Kysely<DB>, id: string): Promise<MemberDto> {
  return toMemberDto(await membersQuery(db).where("governance_members.id", "=", id).executeTakeFirstOrThrow());
}

export async function addMember(
  deps: Deps,
  actor: Actor | null,
  ref: PlaceRef,
  input: z.infer<typeof MemberInput>,
): Promise<MemberDto> {
  const db = deps.database.db;
  const id = await db.transaction().execute(async (trx) => {
    const { a, place } = await canManage(trx, actor, ref);
    const row = {
      id: randomUUID(),
      body: place.body,
      province_code: place.provinceCode,
      cluster_id: place.clusterId,
      person_name: input.personName.trim(),
      organisation: trimmedOrNull(input.organisation),
      role: input.role,
      from_date: input.fromDate,
      to_date: input.toDate ?? null,
      user_id: input.userId ?? null,
      grant_id: null as string | null,
      created_at: nowIso(),
    };
    checkTerm(row.from_date, row.to_date);
    if (row.user_id) await linkableUser(trx, a, row.user_id);
    if (wantsGrant(place, row)) row.grant_id = await grantSeat(trx, a, place, row.user_id!);
    await trx.insertInto("governance_members").values(row).execute();
    await writeAudit(trx, a, {
      action: "governance.member.add",
      targetType: "governance_member",
      targetId: row.id,
      provinceCode: place.provinceCode,
      clusterId: place.clusterId,
      summary: { body: place.body, ...auditView(row), userId: row.user_id, grantId: row.grant_id },
    });
    return row.id;
  });
  return memberDto(db, id);
}

async function loadMember(trx: Kysely<DB>, place: Place, id: string) {
  let q = trx
    .selectFrom("governance_members")
    .selectAll()
    .where("id", "=", id)
    .where("body", "=", place.body)
    .where("province_code", "=", place.provinceCode);
  q = place.clusterId === null ? q.where("cluster_id", "is", null) : q.where("cluster_id", "=", place.clusterId);
  return found(await q.executeTakeFirst());
}

/**
 * Changes a seat. When the seat stops carrying a grant (its end date moves
 * into the past, or its user is unlinked or changed) that seat's own grant is
 * revoked; when it starts carrying one (a new user, or a current term again)
 * the user is granted council_member.
 */
export async function updateMember(
  deps: Deps,
  actor: Actor | null,
  ref: PlaceRef,
  id: string,
  input: z.infer<typeof MemberUpdateInput>,
): Promise<MemberDto> {
  const db = deps.database.db;
  await db.transaction().execute(async (trx) => {
    const { a, place } = await canManage(trx, actor, ref);
    const m = await loadMember(trx, place, id);
    const next = {
      person_name: input.personName !== undefined ? input.personName.trim() : m.person_name,
      organisation: input.organisation !== undefined ? trimmedOrNull(input.organisation) : m.organisation,
      role: input.role ?? m.role,
      from_date: input.fromDate ?? m.from_date,
      to_date: input.toDate !== undefined ? input.toDate : m.to_date,
      user_id: input.userId !== undefined ? input.userId : m.user_id,
      grant_id: m.grant_id,
    };
    checkTerm(next.from_date, next.to_date);
    const userChanged = next.user_id !== m.user_id;
    if (userChanged && next.user_id) await linkableUser(trx, a, next.user_id);

    const changes = diffFields({ ...auditView(m), userId: m.user_id }, { ...auditView(next), userId: next.user_id });
    if (!hasChanges(changes)) return;
    // What the change did to the seat's grant, beside the changed fields.
    const grant: { grantRevoked?: string; grantId?: string } = {};

    const had = wantsGrant(place, m);
    const wants = wantsGrant(place, next);
    // The seat's own grant, unless it was already revoked elsewhere.
    const live = m.grant_id
      ? await trx.selectFrom("role_grants").select("id").where("id", "=", m.grant_id).executeTakeFirst()
      : undefined;
    next.grant_id = live ? live.id : null;
    if (next.grant_id && (!wants || userChanged)) {
      await revokeGrantInTx(trx, a, next.grant_id);
      grant.grantRevoked = next.grant_id;
      next.grant_id = null;
    }
    // A grant revoked elsewhere comes back only when the seat itself starts to call for one.
    if (wants && next.grant_id === null && (!had || userChanged)) {
      next.grant_id = await grantSeat(trx, a, place, next.user_id!);
      grant.grantId = next.grant_id;
    }
    await trx.updateTable("governance_members").set(next).where("id", "=", id).execute();
    await writeAudit(trx, a, {
      action: "governance.member.update",
      targetType: "governance_member",
      targetId: id,
      provinceCode: place.provinceCode,
      clusterId: place.clusterId,
      summary: { body: place.body, personName: next.person_name, changes, ...grant },
    });
  });
  return memberDto(db, id);
}

/** Removes a seat recorded by mistake, and the grant it gave. */
export async function removeMember(deps: Deps, actor: Actor | null, ref: PlaceRef, id: string): Promise<void> {
  await deps.database.db.transaction().execute(async (trx) => {
    const { a, place } = await canManage(trx, actor, ref);
    const m = await loadMember(trx, place, id);
    const revoked = m.grant_id ? await revokeGrantInTx(trx, a, m.grant_id) : false;
    await trx.deleteFrom("governance_members").where("id", "=", id).execute();
    await writeAudit(trx, a, {
      action: "governance.member.remove",
      targetType: "governance_member",
      targetId: id,
      provinceCode: place.provinceCode,
      clusterId: place.clusterId,
      summary: {
        body: place.body,
        ...auditView(m),
        userId: m.user_id,
        grantRevoked: revoked ? m.grant_id : null,
      },
    });
  });
}

/**
 * Takes back the council_member grant of every seat whose term has ended
 * (toDate before today). Runs at start and hourly; idempotent, so several
 * server instances may run it side by side.
 */
export async function expireEndedSeats(deps: Deps): Promise<number> {
  const db = deps.database.db;
  const ended = await db
    .selectFrom("governance_members")
    .select("id")
    .where("grant_id", "is not", null)
    .where("to_date", "<", todayIso())
    .execute();
  let expired = 0;
  for (const { id } of ended) {
    await db.transaction().execute(async (trx) => {
      const m = await trx.selectFrom("governance_members").selectAll().where("id", "=", id).executeTakeFirst();
      if (!m?.grant_id || !m.to_date || m.to_date >= todayIso()) return;
      await revokeGrantInTx(trx, SYSTEM_ACTOR, m.grant_id);
      await trx.updateTable("governance_members").set({ grant_id: null }).where("id", "=", id).execute();
      await writeAudit(trx, SYSTEM_ACTOR, {
        action: "governance.member.expire",
        targetType: "governance_member",
        targetId: id,
        provinceCode: m.province_code,
        clusterId: m.cluster_id,
        summary: { personName: m.person_name, toDate: m.to_date, grantRevoked: m.grant_id },
      });
      expired++;
    });
  }
  return expired;
}
