/**
 * What the parts of user management share (users.ts, grants.ts, account.ts):
 * the user and grant DTOs, loading a user's grants, and loading a user for
 * an operation with the visibility rules of canSeeUser / canManageUser.
 */
import type { Kysely } from "kysely";
import type { z } from "zod";
import { type Actor, canManageUser, canSeeUser, type Grant, type Role } from "../../../core/permissions";
import type { GrantInput as GrantInputSchema, GrantOut, UserOut } from "../../../core/schemas/users";
import { requireActor } from "../../auth/authorize";
import type { DB, GrantRow, UserRow } from "../../db/schema";
import { badRequest } from "../../errors";
import { authorizeRecord, found } from "../../services/load";

/** A role at a scope, as POST /users/:id/grants takes it (and the services that give roles). */
export type GrantInput = z.infer<typeof GrantInputSchema>;
export type GrantDto = z.infer<typeof GrantOut>;
export type UserDto = z.infer<typeof UserOut>;

type GrantWithNames = GrantRow & { cluster_name: string | null; enterprise_name: string | null };

export async function loadGrants(db: Kysely<DB>, userIds: string[]): Promise<Map<string, GrantWithNames[]>> {
  const out = new Map<string, GrantWithNames[]>();
  if (userIds.length === 0) return out;
  const rows = await db
    .selectFrom("role_grants")
    .leftJoin("clusters", "clusters.id", "role_grants.cluster_id")
    // An enterprise's name is its actor row's (same id).
    .leftJoin("actors", "actors.id", "role_grants.enterprise_id")
    .selectAll("role_grants")
    .select(["clusters.name_fa as cluster_name", "actors.name as enterprise_name"])
    .where("role_grants.user_id", "in", userIds)
    .orderBy("role_grants.created_at")
    .execute();
  for (const r of rows) {
    const list = out.get(r.user_id) ?? [];
    list.push(r);
    out.set(r.user_id, list);
  }
  return out;
}

export function toUserDto(u: UserRow, grants: GrantWithNames[]): UserDto {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    locale: u.locale === "en" ? "en" : "fa",
    active: u.active === 1,
    homeProvinceCode: u.home_province_code,
    createdAt: u.created_at,
    lastLoginAt: u.last_login_at,
    grants: grants.map((g) => ({
      id: g.id,
      ...grantOf(g),
      clusterName: g.cluster_name,
      enterpriseName: g.enterprise_name,
    })),
  };
}

/** A role_grants row as the permission check wants it (every level present, null where the role has none). */
function grantOf(g: Pick<GrantRow, "role" | "province_code" | "cluster_id" | "enterprise_id">) {
  return {
    role: g.role as Role,
    provinceCode: g.province_code,
    clusterId: g.cluster_id,
    enterpriseId: g.enterprise_id,
  } satisfies Grant;
}

/** The grants of a user as the permission check wants them. */
export async function grantsOf(db: Kysely<DB>, userId: string): Promise<Grant[]> {
  const rows = await db.selectFrom("role_grants").selectAll().where("user_id", "=", userId).execute();
  return rows.map(grantOf);
}

/**
 * A user's grants in the query that finds the user: the query left-joins
 * `role_grants` on the user's id and selects these columns, so it answers one
 * row per grant (one row of nulls for none) and the caller needs no second
 * round trip (resolving a session or a token at every request).
 */
export const JOINED_GRANT_COLUMNS = [
  "role_grants.role as grant_role",
  "role_grants.province_code as grant_province_code",
  "role_grants.cluster_id as grant_cluster_id",
  "role_grants.enterprise_id as grant_enterprise_id",
] as const;

interface JoinedGrant {
  grant_role: string | null;
  grant_province_code: string | null;
  grant_cluster_id: string | null;
  grant_enterprise_id: string | null;
}

/** The grants in rows selected with JOINED_GRANT_COLUMNS. */
export function joinedGrants(rows: readonly JoinedGrant[]): Grant[] {
  return rows.flatMap((r) =>
    r.grant_role === null
      ? []
      : [
          grantOf({
            role: r.grant_role,
            province_code: r.grant_province_code,
            cluster_id: r.grant_cluster_id,
            enterprise_id: r.grant_enterprise_id,
          }),
        ],
  );
}

/** The grants of many users in one query, by user id. */
export async function grantsOfMany(db: Kysely<DB>, userIds: string[]): Promise<Map<string, Grant[]>> {
  const out = new Map<string, Grant[]>();
  for (const [id, rows] of await loadGrants(db, userIds)) {
    out.set(id, rows.map(grantOf));
  }
  return out;
}

export async function userDtoById(db: Kysely<DB>, id: string): Promise<UserDto | null> {
  const u = await db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
  if (!u) return null;
  const grants = await loadGrants(db, [id]);
  return toUserDto(u, grants.get(id) ?? []);
}

/**
 * Loads a user for an operation and authorises it. Users the actor cannot
 * see answer 404 (their existence is not revealed). "account" (edit,
 * deactivate, reset the password) needs canManageUser; "grants" needs only a
 * visible user, since each grant added or revoked is checked on its own scope.
 */
export async function loadUserFor(
  db: Kysely<DB>,
  actor: Actor | null,
  id: string,
  purpose: "read" | "account" | "grants",
) {
  requireActor(actor);
  const u = found(await db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst());
  const target = { homeProvinceCode: u.home_province_code, grants: await grantsOf(db, u.id) };
  const a = authorizeRecord(
    actor,
    { provinceCode: u.home_province_code },
    (x) => canSeeUser(x, target),
    purpose === "account" ? (x) => canManageUser(x, target) : undefined,
  );
  return { u, a, target };
}

/** One user with what the actor may do with the account, as it stands now. */
export async function userDetail(db: Kysely<DB>, actor: Actor, id: string): Promise<UserDto> {
  const dto = (await userDtoById(db, id))!;
  return {
    ...dto,
    can: { manage: canManageUser(actor, { homeProvinceCode: dto.homeProvinceCode, grants: dto.grants }) },
  };
}

/**
 * A user another module may link to one of its records (a council seat):
 * existing, active and within the actor's reach (user.read); else 400
 * unknown_user, so users out of scope are not revealed.
 */
export async function linkableUser(
  db: Kysely<DB>,
  actor: Actor,
  userId: string,
): Promise<{ id: string; name: string; homeProvinceCode: string | null }> {
  const u = await db.selectFrom("users").selectAll().where("id", "=", userId).executeTakeFirst();
  if (u?.active !== 1) throw badRequest("unknown_user");
  if (!canSeeUser(actor, { homeProvinceCode: u.home_province_code, grants: await grantsOf(db, u.id) })) {
    throw badRequest("unknown_user");
  }
  return { id: u.id, name: u.name, homeProvinceCode: u.home_province_code };
}
