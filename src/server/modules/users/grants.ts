/**
 * Role grants: the scope a grant implies, adding and revoking grants (each
 * checked on its own scope, audited and notified), and the same inside
 * another module's transaction for records that carry a role (council seats).
 */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Actor, Grant } from "../../../core/permissions";
import { authorize, requireActor } from "../../auth/authorize";
import { type Deps, nowIso } from "../../context";
import type { DB, GrantRow } from "../../db/schema";
import { badRequest, conflict } from "../../errors";
import { found } from "../../services/load";
import { writeAudit } from "../audit/service";
import { notify } from "../notifications/service";
import { type GrantInput, linkableUser, loadUserFor, type UserDto, userDetail } from "./shared";

/**
 * Checks a grant's shape and fills in the scope it implies: a cluster grant
 * carries its cluster's province, a member grant its enterprise's cluster and
 * province. Throws a 400 when the scope does not exist or does not fit the role.
 */
export async function resolveGrantScope(db: Kysely<DB>, g: GrantInput): Promise<Grant> {
  const has = { p: !!g.provinceCode, c: !!g.clusterId, e: !!g.enterpriseId };
  switch (g.role) {
    case "national_admin":
      if (has.p || has.c || has.e) throw badRequest("invalid_grant_scope");
      return { role: g.role, provinceCode: null, clusterId: null, enterpriseId: null };
    case "province_admin": {
      if (!has.p || has.c || has.e) throw badRequest("invalid_grant_scope");
      const p = await db.selectFrom("provinces").select("code").where("code", "=", g.provinceCode!).executeTakeFirst();
      if (!p) throw badRequest("unknown_province");
      return { role: g.role, provinceCode: p.code, clusterId: null, enterpriseId: null };
    }
    case "cluster_manager":
    case "council_member": {
      if (!has.c || has.e) throw badRequest("invalid_grant_scope");
      const c = await db
        .selectFrom("clusters")
        .select(["id", "province_code"])
        .where("id", "=", g.clusterId!)
        .executeTakeFirst();
      if (!c) throw badRequest("unknown_cluster");
      if (has.p && g.provinceCode !== c.province_code) throw badRequest("invalid_grant_scope");
      return { role: g.role, provinceCode: c.province_code, clusterId: c.id, enterpriseId: null };
    }
    case "member": {
      if (!has.e) throw badRequest("invalid_grant_scope");
      const e = await db
        .selectFrom("enterprises")
        .select(["id", "cluster_id", "province_code"])
        .where("id", "=", g.enterpriseId!)
        .executeTakeFirst();
      if (!e) throw badRequest("unknown_enterprise");
      if ((has.c && g.clusterId !== e.cluster_id) || (has.p && g.provinceCode !== e.province_code)) {
        throw badRequest("invalid_grant_scope");
      }
      return { role: g.role, provinceCode: e.province_code, clusterId: e.cluster_id, enterpriseId: e.id };
    }
  }
}

export async function insertGrant(trx: Kysely<DB>, userId: string, g: Grant, by: string): Promise<string> {
  const dup = await trx
    .selectFrom("role_grants")
    .select("id")
    .where("user_id", "=", userId)
    .where("role", "=", g.role)
    .where((eb) =>
      eb.and([
        g.provinceCode ? eb("province_code", "=", g.provinceCode) : eb("province_code", "is", null),
        g.clusterId ? eb("cluster_id", "=", g.clusterId) : eb("cluster_id", "is", null),
        g.enterpriseId ? eb("enterprise_id", "=", g.enterpriseId) : eb("enterprise_id", "is", null),
      ]),
    )
    .executeTakeFirst();
  if (dup) throw conflict("grant_exists");
  const id = randomUUID();
  await trx
    .insertInto("role_grants")
    .values({
      id,
      user_id: userId,
      role: g.role,
      province_code: g.provinceCode ?? null,
      cluster_id: g.clusterId ?? null,
      enterprise_id: g.enterpriseId ?? null,
      created_at: nowIso(),
      created_by: by,
    })
    .execute();
  return id;
}

export async function addGrant(deps: Deps, actor: Actor | null, id: string, input: GrantInput): Promise<UserDto> {
  const db = deps.database.db;
  await db.transaction().execute(async (trx) => {
    const { u, a } = await loadUserFor(trx, actor, id, "grants");
    await applyGrant(trx, a, { id: u.id, homeProvinceCode: u.home_province_code }, input);
  });
  return userDetail(db, requireActor(actor), id);
}

/** Grants one role with its scope checks, audit and notification; returns the grant id. */
export async function applyGrant(
  trx: Kysely<DB>,
  actor: Actor,
  user: { id: string; homeProvinceCode: string | null },
  input: GrantInput,
): Promise<string> {
  const grant = await resolveGrantScope(trx, input);
  authorize(actor, "grant.manage", grant);
  if (user.id === actor.userId) throw badRequest("cannot_change_self");
  const grantId = await insertGrant(trx, user.id, grant, actor.userId);
  await writeAudit(trx, actor, {
    action: "grant.add",
    targetType: "user",
    targetId: user.id,
    provinceCode: user.homeProvinceCode,
    clusterId: grant.clusterId,
    summary: { grantId, ...grant },
  });
  await notify(trx, user.id, "grant_added", { role: grant.role });
  return grantId;
}

/** Removes one grant after checking its own scope, with audit and notification. */
async function removeGrant(trx: Kysely<DB>, actor: Actor, g: GrantRow, homeProvinceCode: string | null) {
  authorize(actor, "grant.manage", {
    provinceCode: g.province_code,
    clusterId: g.cluster_id,
    enterpriseId: g.enterprise_id,
  });
  await trx.deleteFrom("role_grants").where("id", "=", g.id).execute();
  await writeAudit(trx, actor, {
    action: "grant.revoke",
    targetType: "user",
    targetId: g.user_id,
    provinceCode: homeProvinceCode,
    clusterId: g.cluster_id,
    summary: {
      grantId: g.id,
      role: g.role,
      provinceCode: g.province_code,
      clusterId: g.cluster_id,
      enterpriseId: g.enterprise_id,
    },
  });
  await notify(trx, g.user_id, "grant_revoked", { role: g.role });
}

export async function revokeGrant(deps: Deps, actor: Actor | null, id: string, grantId: string): Promise<UserDto> {
  const db = deps.database.db;
  await db.transaction().execute(async (trx) => {
    const { u, a } = await loadUserFor(trx, actor, id, "grants");
    const g = found(
      await trx
        .selectFrom("role_grants")
        .selectAll()
        .where("id", "=", grantId)
        .where("user_id", "=", id)
        .executeTakeFirst(),
    );
    if (u.id === a.userId) throw badRequest("cannot_change_self");
    await removeGrant(trx, a, g, u.home_province_code);
  });
  return userDetail(db, requireActor(actor), id);
}

/**
 * Grants a role inside the caller's transaction, with addGrant's scope
 * checks, audit and notification; for modules whose records carry a role
 * (a steering-council seat gives council_member). Returns the grant id.
 */
export async function grantRoleInTx(trx: Kysely<DB>, actor: Actor, userId: string, input: GrantInput): Promise<string> {
  const u = await linkableUser(trx, actor, userId);
  return applyGrant(trx, actor, u, input);
}

/**
 * Revokes one grant inside the caller's transaction (audit and notification
 * as revokeGrant). Only the grant's own scope is checked: whoever manages the
 * record that gave the role may take it back. False when it is already gone.
 */
export async function revokeGrantInTx(trx: Kysely<DB>, actor: Actor, grantId: string): Promise<boolean> {
  const g = await trx.selectFrom("role_grants").selectAll().where("id", "=", grantId).executeTakeFirst();
  if (!g) return false;
  const home = await trx
    .selectFrom("users")
    .select("home_province_code")
    .where("id", "=", g.user_id)
    .executeTakeFirst();
  await removeGrant(trx, actor, g, home?.home_province_code ?? null);
  return true;
}
