/**
 * Users. A user has a home province (null for national staff). A province
 * admin sees the users whose home is their province or who hold a role
 * there, and manages an account only when the home is theirs and every role
 * the person holds is one they could give (canManageUser). Grants are in
 * grants.ts, a person's own account in account.ts.
 */
import { randomUUID } from "node:crypto";
import { expressionBuilder, type Kysely } from "kysely";
import type { z } from "zod";
import { normalizeFa, sortKeyFa } from "../../../core/normalize";
import { type Actor, canSeeUser, type Grant, isNational } from "../../../core/permissions";
import type { Page } from "../../../core/schemas/common";
import type { UserCreateInput, UserListQuery, UserUpdateInput } from "../../../core/schemas/users";
import { attemptKey, forgetDevices } from "../../auth/attempts";
import { authorize, authorizeAnywhere, requireActor } from "../../auth/authorize";
import { hashPassword, isStrongPassword } from "../../auth/passwords";
import { type Deps, nowIso } from "../../context";
import { containsNormalized, inList } from "../../db/dialect";
import type { DB, UserRow } from "../../db/schema";
import { badRequest, conflict } from "../../errors";
import { t } from "../../i18n";
import { diffFields, hasChanges } from "../../services/diff";
import { paginate } from "../../services/paginate";
import { inScope } from "../../services/scope";
import { writeAudit } from "../audit/service";
import { notify, queueMail } from "../notifications/service";
import { revokeIssuerTokens } from "../tokens/revoke";
import { applyGrant, insertGrant, resolveGrantScope } from "./grants";
import { grantsOf, loadGrants, loadUserFor, toUserDto, type UserDto, userDetail, userDtoById } from "./shared";

export async function listUsers(
  deps: Deps,
  actor: Actor | null,
  q: z.infer<typeof UserListQuery>,
): Promise<Page<UserDto>> {
  const a = authorizeAnywhere(actor, "user.read");
  const db = deps.database.db;
  // Visible: home in reach, or a role held there (canSeeUser, as a query).
  let base = inScope(db.selectFrom("users"), a, "user.read", ({ provinceCodes: codes }) => {
    const eb = expressionBuilder<DB, "users">();
    return eb.or([
      inList("users.home_province_code", codes),
      eb.exists(
        eb
          .selectFrom("role_grants")
          .select("role_grants.id")
          .whereRef("role_grants.user_id", "=", "users.id")
          .where(inList("role_grants.province_code", codes)),
      ),
    ]);
  });
  if (q.active !== undefined) base = base.where("active", "=", q.active ? 1 : 0);
  if (q.q) {
    const norm = normalizeFa(q.q);
    base = base.where((eb) =>
      eb.or([containsNormalized("name_norm", norm), containsNormalized("email", q.q!.trim().toLowerCase())]),
    );
  }
  const sortCol = q.sort === "email" ? "email" : q.sort === "createdAt" ? "created_at" : "name_sort";
  const { rows, total } = await paginate(base, q, (b) => b.selectAll().orderBy(sortCol, q.order).orderBy("id"));
  const grants = await loadGrants(
    db,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => toUserDto(r, grants.get(r.id) ?? [])), total };
}

export async function getUser(deps: Deps, actor: Actor | null, id: string): Promise<UserDto> {
  const { a } = await loadUserFor(deps.database.db, actor, id, "read");
  return userDetail(deps.database.db, a, id);
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
  actor: Actor | null,
  input: z.infer<typeof UserCreateInput>,
): Promise<{ user: UserDto; invited: boolean }> {
  const a = requireActor(actor);
  authorizeAnywhere(a, "user.manage");
  // Only national staff create people without a role; everyone else creates them for one.
  if (!input.grant && !isNational(a)) throw badRequest("grant_required");
  if (!isStrongPassword(input.password)) throw badRequest("weak_password");
  const db = deps.database.db;
  const email = input.email.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password);
  const result = await db.transaction().execute(async (trx) => {
    const grant = input.grant ? await resolveGrantScope(trx, input.grant) : null;
    const home = grant?.provinceCode ?? (isNational(a) ? null : firstProvinceOf(a));
    authorize(a, "user.manage", { provinceCode: home });
    if (grant) authorize(a, "grant.manage", grant);
    const existing = await trx.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirst();
    if (existing) {
      const target = { homeProvinceCode: existing.home_province_code, grants: await grantsOf(trx, existing.id) };
      if (canSeeUser(a, target) || !grant) throw conflict("email_taken");
      await invite(trx, deps, a, existing, grant);
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
    if (grant) await insertGrant(trx, userId, grant, a.userId);
    await writeAudit(trx, a, {
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

export async function updateUser(
  deps: Deps,
  actor: Actor | null,
  id: string,
  input: z.infer<typeof UserUpdateInput>,
): Promise<UserDto> {
  const db = deps.database.db;
  await db.transaction().execute(async (trx) => {
    const { u, a } = await loadUserFor(trx, actor, id, "account");
    if (input.active === false && u.id === a.userId) throw badRequest("cannot_change_self");
    const changes = diffFields(
      { name: u.name, active: u.active === 1, locale: u.locale },
      { name: input.name?.trim(), active: input.active, locale: input.locale },
    );
    if (!hasChanges(changes)) return;
    const set: Partial<UserRow> = { updated_at: nowIso() };
    if (changes.name && input.name !== undefined) {
      set.name = input.name.trim();
      set.name_norm = normalizeFa(input.name);
      set.name_sort = sortKeyFa(input.name);
    }
    if (changes.active) set.active = input.active ? 1 : 0;
    if (changes.locale) set.locale = input.locale;
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
      summary: { changes },
    });
  });
  return userDetail(db, requireActor(actor), id);
}

export async function resetPassword(deps: Deps, actor: Actor | null, id: string, password: string): Promise<void> {
  if (!isStrongPassword(password)) throw badRequest("weak_password");
  const hash = await hashPassword(password);
  await deps.database.db.transaction().execute(async (trx) => {
    const { u, a } = await loadUserFor(trx, actor, id, "account");
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
