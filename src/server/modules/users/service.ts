/**
 * Users and their role grants. A user has a home province (null for national
 * staff). A province admin sees the users whose home is their province or who
 * hold a role there, and manages an account only when the home is theirs and
 * every role the person holds is one they could give (canManageUser).
 */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { normalizeFa, sortKeyFa } from "../../../core/normalize";
import {
  type Actor,
  canManageUser,
  canSeeUser,
  type Grant,
  isNational,
  type Role,
  scopeFilter,
} from "../../../core/permissions";
import { attemptKey, forgetDevices, lockedFor, recordFailure } from "../../auth/attempts";
import { authorize, authorizeAnywhere, requireActor } from "../../auth/authorize";
import { hashPassword, isStrongPassword, verifyPassword } from "../../auth/passwords";
import { type Deps, nowIso, type RequestCtx } from "../../context";
import { containsNormalized, inList } from "../../db/dialect";
import type { DB, GrantRow, UserRow } from "../../db/schema";
import { AppError, badRequest, conflict, forbidden, notFound, tooMany } from "../../errors";
import { t } from "../../i18n";
import { writeAudit } from "../audit/service";
import { notify, queueMail } from "../notifications/service";
import { revokeIssuerTokens } from "../tokens/revoke";

export interface GrantInput {
  role: Role;
  provinceCode?: string | null;
  clusterId?: string | null;
  enterpriseId?: string | null;
}

export interface GrantDto {
  id: string;
  role: Role;
  provinceCode: string | null;
  clusterId: string | null;
  enterpriseId: string | null;
  clusterName: string | null;
  enterpriseName: string | null;
}

export interface UserDto {
  id: string;
  email: string;
  name: string;
  locale: "fa" | "en";
  active: boolean;
  homeProvinceCode: string | null;
  createdAt: string;
  lastLoginAt: string | null;
  grants: GrantDto[];
  /** What the caller may do with this account (detail responses only). */
  can?: { manage: boolean };
}

type GrantWithNames = GrantRow & { cluster_name: string | null; enterprise_name: string | null };

async function loadGrants(db: Kysely<DB>, userIds: string[]): Promise<Map<string, GrantWithNames[]>> {
  const out = new Map<string, GrantWithNames[]>();
  if (userIds.length === 0) return out;
  const rows = await db
    .selectFrom("role_grants")
    .leftJoin("clusters", "clusters.id", "role_grants.cluster_id")
    .leftJoin("enterprises", "enterprises.id", "role_grants.enterprise_id")
    .selectAll("role_grants")
    .select(["clusters.name_fa as cluster_name", "enterprises.name as enterprise_name"])
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

function toUserDto(u: UserRow, grants: GrantWithNames[]): UserDto {
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
      role: g.role as Role,
      provinceCode: g.province_code,
      clusterId: g.cluster_id,
      enterpriseId: g.enterprise_id,
      clusterName: g.cluster_name,
      enterpriseName: g.enterprise_name,
    })),
  };
}

/** The grants of a user as the permission check wants them. */
export async function grantsOf(db: Kysely<DB>, userId: string): Promise<Grant[]> {
  const rows = await db.selectFrom("role_grants").selectAll().where("user_id", "=", userId).execute();
  return rows.map((g) => ({
    role: g.role as Role,
    provinceCode: g.province_code,
    clusterId: g.cluster_id,
    enterpriseId: g.enterprise_id,
  }));
}

/** The grants of many users in one query, by user id. */
export async function grantsOfMany(db: Kysely<DB>, userIds: string[]): Promise<Map<string, Grant[]>> {
  const out = new Map<string, Grant[]>();
  for (const [id, rows] of await loadGrants(db, userIds)) {
    out.set(
      id,
      rows.map((g) => ({
        role: g.role as Role,
        provinceCode: g.province_code,
        clusterId: g.cluster_id,
        enterpriseId: g.enterprise_id,
      })),
    );
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

export interface ListUsersQuery {
  q?: string;
  active?: boolean;
  limit: number;
  offset: number;
  sort: "name" | "email" | "createdAt";
  order: "asc" | "desc";
}

export async function listUsers(deps: Deps, actor: Actor | null, q: ListUsersQuery) {
  const a = authorizeAnywhere(actor, "user.read");
  const scope = scopeFilter(a, "user.read");
  const db = deps.database.db;
  let base = db.selectFrom("users");
  // Visible: home in reach, or a role held there (canSeeUser, as a query).
  if (scope) {
    const codes = scope.provinceCodes;
    base = base.where((eb) =>
      eb.or([
        inList("users.home_province_code", codes),
        eb.exists(
          eb
            .selectFrom("role_grants")
            .select("role_grants.id")
            .whereRef("role_grants.user_id", "=", "users.id")
            .where(inList("role_grants.province_code", codes)),
        ),
      ]),
    );
  }
  if (q.active !== undefined) base = base.where("active", "=", q.active ? 1 : 0);
  if (q.q) {
    const norm = normalizeFa(q.q);
    base = base.where((eb) =>
      eb.or([containsNormalized("name_norm", norm), containsNormalized("email", q.q!.trim().toLowerCase())]),
    );
  }
  const sortCol = q.sort === "email" ? "email" : q.sort === "createdAt" ? "created_at" : "name_sort";
  const [rows, total] = await Promise.all([
    base.selectAll().orderBy(sortCol, q.order).orderBy("id").limit(q.limit).offset(q.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  const grants = await loadGrants(
    db,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => toUserDto(r, grants.get(r.id) ?? [])), total: Number(total.n) };
}

/**
 * Loads a user for an operation and authorises it. Users the actor cannot
 * see answer 404 (their existence is not revealed). "account" (edit,
 * deactivate, reset the password) needs canManageUser; "grants" needs only a
 * visible user, since each grant added or revoked is checked on its own scope.
 */
async function loadUserFor(db: Kysely<DB>, actor: Actor | null, id: string, purpose: "read" | "account" | "grants") {
  const a = requireActor(actor);
  const u = await db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
  if (!u) throw notFound();
  const target = { homeProvinceCode: u.home_province_code, grants: await grantsOf(db, u.id) };
  if (!canSeeUser(a, target)) throw notFound();
  if (purpose === "account" && !canManageUser(a, target)) throw forbidden();
  return { u, a, target };
}

export async function getUser(deps: Deps, actor: Actor | null, id: string): Promise<UserDto> {
  const { a } = await loadUserFor(deps.database.db, actor, id, "read");
  return userDetail(deps.database.db, a, id);
}

/** One user with what the actor may do with the account, as it stands now. */
async function userDetail(db: Kysely<DB>, actor: Actor, id: string): Promise<UserDto> {
  const dto = (await userDtoById(db, id))!;
  return {
    ...dto,
    can: { manage: canManageUser(actor, { homeProvinceCode: dto.homeProvinceCode, grants: dto.grants }) },
  };
}

export interface CreateUserInput {
  email: string;
  name: string;
  password: string;
  locale?: "fa" | "en";
  grant?: GrantInput;
}

function firstProvinceOf(a: Actor): string | null {
  return a.grants.find((g) => g.role === "province_admin")?.provinceCode ?? null;
}

/**
 * Creates a user, or, when the e-mail already belongs to someone the actor
 * cannot see, gives that person the requested role instead ("invited": they
 * are told by e-mail) so that a province admin learns nothing about accounts
 * elsewhere beyond what the invitation itself means.
 */
export async function createUser(
  deps: Deps,
  ctx: RequestCtx,
  input: CreateUserInput,
): Promise<{ user: UserDto; invited: boolean }> {
  const actor = requireActor(ctx.actor);
  authorizeAnywhere(actor, "user.manage");
  // Only national staff create people without a role; everyone else creates them for one.
  if (!input.grant && !isNational(actor)) throw badRequest("grant_required");
  if (!isStrongPassword(input.password)) throw badRequest("weak_password");
  const db = deps.database.db;
  const email = input.email.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password);
  const result = await db.transaction().execute(async (trx) => {
    const grant = input.grant ? await resolveGrantScope(trx, input.grant) : null;
    const home = grant?.provinceCode ?? (isNational(actor) ? null : firstProvinceOf(actor));
    authorize(actor, "user.manage", { provinceCode: home });
    if (grant) authorize(actor, "grant.manage", grant);
    const existing = await trx.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirst();
    if (existing) {
      const target = { homeProvinceCode: existing.home_province_code, grants: await grantsOf(trx, existing.id) };
      if (canSeeUser(actor, target) || !grant) throw conflict("email_taken");
      await invite(trx, deps, actor, existing, grant);
      return { userId: existing.id, invited: true };
    }
    const now = nowIso();
    const userId = randomUUID();
    await trx
      .insertInto("users")
      .values({
        id: userId,
        email,
        name: input.name.trim(),
        name_norm: normalizeFa(input.name),
        name_sort: sortKeyFa(input.name),
        password_hash: passwordHash,
        locale: input.locale ?? "fa",
        active: 1,
        home_province_code: home,
        created_at: now,
        updated_at: now,
        last_login_at: null,
        password_changed_at: now,
      })
      .execute();
    if (grant) await insertGrant(trx, userId, grant, actor.userId);
    await writeAudit(trx, actor, {
      action: "user.create",
      targetType: "user",
      targetId: userId,
      provinceCode: home,
      summary: { email, name: input.name.trim(), grant: grant ?? null },
    });
    await notify(trx, userId, "welcome", { name: input.name.trim() });
    await queueMail(trx, deps, {
      to: email,
      lang: input.locale ?? "fa",
      template: "welcome",
      params: { name: input.name.trim(), email },
      provinceCode: home,
    });
    return { userId, invited: false };
  });
  deps.kickJobs?.();
  return { user: (await userDtoById(db, result.userId))!, invited: result.invited };
}

/** Gives an existing person, out of the actor's sight until now, the role they were to be created with. */
async function invite(trx: Kysely<DB>, deps: Deps, actor: Actor, person: UserRow, grant: Grant): Promise<void> {
  await applyGrant(trx, actor, { id: person.id, homeProvinceCode: person.home_province_code }, grant);
  const lang = person.locale === "en" ? "en" : "fa";
  await queueMail(trx, deps, {
    to: person.email,
    lang,
    template: "invited",
    params: { name: person.name, email: person.email, role: t(lang, `roles.${grant.role}`) },
    provinceCode: grant.provinceCode ?? null,
  });
}

async function insertGrant(trx: Kysely<DB>, userId: string, g: Grant, by: string): Promise<string> {
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

export interface UpdateUserInput {
  name?: string;
  active?: boolean;
  locale?: "fa" | "en";
}

export async function updateUser(deps: Deps, ctx: RequestCtx, id: string, input: UpdateUserInput): Promise<UserDto> {
  const db = deps.database.db;
  await db.transaction().execute(async (trx) => {
    const { u, a } = await loadUserFor(trx, ctx.actor, id, "account");
    if (input.active === false && u.id === a.userId) throw badRequest("cannot_change_self");
    const set: Partial<UserRow> = { updated_at: nowIso() };
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    if (input.name !== undefined && input.name.trim() !== u.name) {
      set.name = input.name.trim();
      set.name_norm = normalizeFa(input.name);
      set.name_sort = sortKeyFa(input.name);
      before.name = u.name;
      after.name = set.name;
    }
    if (input.active !== undefined && (input.active ? 1 : 0) !== u.active) {
      set.active = input.active ? 1 : 0;
      before.active = u.active === 1;
      after.active = input.active;
    }
    if (input.locale !== undefined && input.locale !== u.locale) {
      set.locale = input.locale;
      before.locale = u.locale;
      after.locale = input.locale;
    }
    if (Object.keys(after).length === 0) return;
    await trx.updateTable("users").set(set).where("id", "=", id).execute();
    // A deactivated user is signed out everywhere at once, and their API tokens end.
    if (input.active === false) {
      await trx.deleteFrom("sessions").where("user_id", "=", id).execute();
      await revokeIssuerTokens(trx, a, id, "issuer_deactivated");
    }
    await writeAudit(trx, a, {
      action: input.active === false ? "user.deactivate" : input.active === true ? "user.activate" : "user.update",
      targetType: "user",
      targetId: id,
      provinceCode: u.home_province_code,
      summary: { before, after },
    });
  });
  return userDetail(db, requireActor(ctx.actor), id);
}

export async function resetPassword(deps: Deps, ctx: RequestCtx, id: string, password: string): Promise<void> {
  if (!isStrongPassword(password)) throw badRequest("weak_password");
  const hash = await hashPassword(password);
  await deps.database.db.transaction().execute(async (trx) => {
    const { u, a } = await loadUserFor(trx, ctx.actor, id, "account");
    await trx
      .updateTable("users")
      .set({ password_hash: hash, password_changed_at: nowIso(), updated_at: nowIso() })
      .where("id", "=", id)
      .execute();
    // Someone else set this password (the account may have been taken): end
    // every session, forget every browser and revoke the person's API tokens.
    await trx.deleteFrom("sessions").where("user_id", "=", id).execute();
    await forgetDevices(trx, id);
    if (u.id !== a.userId) await revokeIssuerTokens(trx, a, id, "issuer_password_reset");
    await trx.deleteFrom("login_failures").where("key", "=", attemptKey.account(u.email)).execute();
    await writeAudit(trx, a, {
      action: "user.password_reset",
      targetType: "user",
      targetId: id,
      provinceCode: u.home_province_code,
      summary: { email: u.email },
    });
    await notify(trx, id, "password_reset", { name: u.name });
    await queueMail(trx, deps, {
      to: u.email,
      lang: u.locale === "en" ? "en" : "fa",
      template: "password_reset",
      params: { name: u.name },
      provinceCode: u.home_province_code,
    });
  });
  deps.kickJobs?.();
}

export async function addGrant(deps: Deps, ctx: RequestCtx, id: string, input: GrantInput): Promise<UserDto> {
  const db = deps.database.db;
  await db.transaction().execute(async (trx) => {
    const { u, a } = await loadUserFor(trx, ctx.actor, id, "grants");
    await applyGrant(trx, a, { id: u.id, homeProvinceCode: u.home_province_code }, input);
  });
  return userDetail(db, requireActor(ctx.actor), id);
}

/** Grants one role with its scope checks, audit and notification; returns the grant id. */
async function applyGrant(
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

export async function revokeGrant(deps: Deps, ctx: RequestCtx, id: string, grantId: string): Promise<UserDto> {
  const db = deps.database.db;
  await db.transaction().execute(async (trx) => {
    const { u, a } = await loadUserFor(trx, ctx.actor, id, "grants");
    const g = await trx
      .selectFrom("role_grants")
      .selectAll()
      .where("id", "=", grantId)
      .where("user_id", "=", id)
      .executeTakeFirst();
    if (!g) throw notFound();
    if (u.id === a.userId) throw badRequest("cannot_change_self");
    await removeGrant(trx, a, g, u.home_province_code);
  });
  return userDetail(db, requireActor(ctx.actor), id);
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

export async function changeOwnPassword(
  deps: Deps,
  ctx: RequestCtx,
  currentPassword: string,
  newPassword: string,
  keepSessionId: string | null,
): Promise<void> {
  const a = requireActor(ctx.actor);
  const db = deps.database.db;
  const u = await db.selectFrom("users").selectAll().where("id", "=", a.userId).executeTakeFirstOrThrow();
  // The current password is checked under the account's sign-in limit: a
  // borrowed session must not become a way to guess it.
  const acctKey = attemptKey.account(u.email);
  const locked = await lockedFor(db, [acctKey]);
  if (locked > 0) throw tooMany("too_many_attempts", { minutes: Math.ceil(locked / 60_000) });
  if (!(await verifyPassword(currentPassword, u.password_hash))) {
    await db.transaction().execute(async (trx) => {
      await recordFailure(trx, "account", acctKey);
      await writeAudit(trx, a, {
        action: "user.password_change_failed",
        targetType: "user",
        targetId: a.userId,
        provinceCode: u.home_province_code,
        summary: {},
      });
    });
    throw new AppError(400, "wrong_current_password");
  }
  if (!isStrongPassword(newPassword)) throw badRequest("weak_password");
  const hash = await hashPassword(newPassword);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("users")
      .set({ password_hash: hash, password_changed_at: nowIso(), updated_at: nowIso() })
      .where("id", "=", a.userId)
      .execute();
    // Other sessions of this user end; the one that changed the password stays.
    let del = trx.deleteFrom("sessions").where("user_id", "=", a.userId);
    if (keepSessionId) del = del.where("id", "!=", keepSessionId);
    await del.execute();
    await writeAudit(trx, a, {
      action: "user.password_change",
      targetType: "user",
      targetId: a.userId,
      provinceCode: u.home_province_code,
      summary: {},
    });
  });
}

/** Everyone may set their own language, whatever their grants. */
export async function setOwnLocale(deps: Deps, actor: Actor, locale: "fa" | "en"): Promise<void> {
  await deps.database.db.transaction().execute(async (trx) => {
    await trx.updateTable("users").set({ locale, updated_at: nowIso() }).where("id", "=", actor.userId).execute();
    await writeAudit(trx, actor, {
      action: "user.locale",
      targetType: "user",
      targetId: actor.userId,
      summary: { locale },
    });
  });
}
