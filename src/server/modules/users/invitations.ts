/**
 * Member users invited by a cluster's office (the applications module's
 * invitations): the account is made without a usable password and inactive,
 * with a member grant on the enterprise, and becomes active when the person
 * chooses a password on the invitation page. A cluster manager may do this
 * (member.invite) though they manage no accounts (user.manage): the grant is
 * fixed to one enterprise the caller's office is responsible for, and the
 * caller checks that before calling.
 */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { normalizeFa, sortKeyFa } from "../../../core/normalize";
import type { Actor, Grant } from "../../../core/permissions";
import { hashPassword, isStrongPassword } from "../../auth/passwords";
import { nowIso } from "../../context";
import type { DB } from "../../db/schema";
import { badRequest } from "../../errors";
import { writeAudit } from "../audit/service";
import { notify } from "../notifications/service";
import { insertGrant, resolveGrantScope } from "./grants";

/**
 * The password hash of an account still waiting for its invitation: not of
 * the scrypt$… form, so verifyPassword() refuses every password for it.
 */
export const INVITED_PASSWORD_HASH = "invited";

export interface InvitedMember {
  userId: string;
  /** The member grant's scope (the enterprise, its home cluster and province). */
  grant: Grant;
  /** True when the account was made now. */
  created: boolean;
  /** True while the account has no password of its own (it needs the invitation link). */
  awaitingPassword: boolean;
  /** The account's language, for its mail. */
  locale: "fa" | "en";
  name: string;
}

/**
 * Makes (or finds, by e-mail) the account of an enterprise's member user and
 * gives it the member grant on that enterprise, in the caller's transaction,
 * audited as user.create or grant.add. An existing account keeps its password
 * and language and is notified of the new role; a grant it already has is
 * left as it is.
 */
export async function inviteMemberUser(
  trx: Kysely<DB>,
  actor: Actor,
  input: { email: string; name: string; locale: "fa" | "en"; enterpriseId: string },
): Promise<InvitedMember> {
  const grant = await resolveGrantScope(trx, { role: "member", enterpriseId: input.enterpriseId });
  const email = input.email.trim().toLowerCase();
  const existing = await trx.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirst();
  if (!existing) {
    const now = nowIso();
    const userId = randomUUID();
    const name = input.name.trim();
    await trx
      .insertInto("users")
      .values({
        id: userId,
        email,
        name,
        name_norm: normalizeFa(name),
        name_sort: sortKeyFa(name),
        password_hash: INVITED_PASSWORD_HASH,
        locale: input.locale,
        active: 0,
        home_province_code: grant.provinceCode ?? null,
        created_at: now,
        updated_at: now,
        last_login_at: null,
        password_changed_at: now,
      })
      .execute();
    await insertGrant(trx, userId, grant, actor.userId);
    await writeAudit(trx, actor, {
      action: "user.create",
      targetType: "user",
      targetId: userId,
      provinceCode: grant.provinceCode,
      clusterId: grant.clusterId,
      summary: { email, name, grant, invited: true },
    });
    return { userId, grant, created: true, awaitingPassword: true, locale: input.locale, name };
  }
  const has = await trx
    .selectFrom("role_grants")
    .select("id")
    .where("user_id", "=", existing.id)
    .where("role", "=", "member")
    .where("enterprise_id", "=", input.enterpriseId)
    .executeTakeFirst();
  if (!has) {
    const grantId = await insertGrant(trx, existing.id, grant, actor.userId);
    await writeAudit(trx, actor, {
      action: "grant.add",
      targetType: "user",
      targetId: existing.id,
      provinceCode: existing.home_province_code,
      clusterId: grant.clusterId,
      summary: { grantId, ...grant },
    });
    await notify(trx, existing.id, "grant_added", { role: grant.role });
  }
  return {
    userId: existing.id,
    grant,
    created: false,
    awaitingPassword: existing.active === 0 && existing.password_hash === INVITED_PASSWORD_HASH,
    locale: existing.locale === "en" ? "en" : "fa",
    name: existing.name,
  };
}

/**
 * The hash of an invitee's chosen password (the account's rule: weak_password),
 * worked out before the transaction so the write lock is not held for scrypt.
 */
export async function invitedPasswordHash(password: string): Promise<string> {
  if (!isStrongPassword(password)) throw badRequest("weak_password");
  return hashPassword(password);
}

/**
 * Sets the first password of an invited account and activates it, in the
 * caller's transaction (which also marks the invitation used). False when
 * the account is no longer waiting for one (it was given a password another
 * way, or deactivated by an admin after it had one): the link is then spent.
 */
export async function setInvitedPassword(trx: Kysely<DB>, userId: string, passwordHash: string): Promise<boolean> {
  const now = nowIso();
  const r = await trx
    .updateTable("users")
    .set({ password_hash: passwordHash, active: 1, password_changed_at: now, updated_at: now })
    .where("id", "=", userId)
    .where("password_hash", "=", INVITED_PASSWORD_HASH)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
