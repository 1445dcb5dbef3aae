/**
 * Member users invited by the cluster's office: on approving an application,
 * or for an enterprise already in the cluster. The account (made by the
 * users module without a usable password) gets a member grant on the
 * enterprise; the person chooses their password on the invitation page, once,
 * before the link expires, and then signs in at /login. A person who already
 * has an account is given the grant and told to sign in as usual.
 */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { z } from "zod";
import type { Actor } from "../../../core/permissions";
import { can } from "../../../core/permissions";
import type { InvitationInput, InvitationLookupOut, InvitationOut } from "../../../core/schemas/applications";
import { type Deps, nowIso } from "../../context";
import type { DB } from "../../db/schema";
import { AppError } from "../../errors";
import type { Lang } from "../../i18n";
import { authorizeRecord } from "../../services/load";
import { writeAudit } from "../audit/service";
import { queueMail } from "../notifications/service";
import { invitedPasswordHash, inviteMemberUser, setInvitedPassword } from "../users/invitations";
import { hashLinkToken, INVITATION_DAYS, invitationLink, newLinkToken } from "./shared";

export interface InviteTarget {
  enterpriseId: string;
  enterpriseName: string;
  /** The cluster whose office invites (its scope was checked by the caller). */
  clusterId: string;
  provinceCode: string;
}

/**
 * Invites one member user of an enterprise inside the caller's transaction:
 * the account and its grant (users module), a one-time link when the account
 * has no password yet, the mail, and the audit row. Returns what the caller
 * answers, the same whether the account existed or not.
 */
export async function inviteMember(
  trx: Kysely<DB>,
  deps: Deps,
  actor: Actor,
  target: InviteTarget,
  person: { email: string; name: string; locale: Lang },
  origin: string,
): Promise<z.infer<typeof InvitationOut>> {
  const m = await inviteMemberUser(trx, actor, { ...person, enterpriseId: target.enterpriseId });
  const now = new Date();
  const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 86_400_000).toISOString();
  const email = person.email.trim().toLowerCase();
  if (m.awaitingPassword) {
    // Only the newest link works: an earlier invitation of the same account is spent.
    await trx
      .updateTable("member_invitations")
      .set({ expires_at: now.toISOString() })
      .where("user_id", "=", m.userId)
      .where("accepted_at", "is", null)
      .where("expires_at", ">", now.toISOString())
      .execute();
    const { token, hash } = newLinkToken();
    await trx
      .insertInto("member_invitations")
      .values({
        id: randomUUID(),
        token_hash: hash,
        user_id: m.userId,
        enterprise_id: target.enterpriseId,
        cluster_id: target.clusterId,
        province_code: target.provinceCode,
        email,
        expires_at: expiresAt,
        accepted_at: null,
        created_at: now.toISOString(),
        created_by: actor.userId,
      })
      .execute();
    await queueMail(trx, deps, {
      to: email,
      lang: m.locale,
      template: "member_invitation",
      params: {
        name: m.name,
        enterpriseName: target.enterpriseName,
        link: invitationLink(origin, token),
        days: String(INVITATION_DAYS),
      },
      provinceCode: target.provinceCode,
    });
  } else {
    await queueMail(trx, deps, {
      to: email,
      lang: m.locale,
      template: "member_access",
      params: { name: m.name, enterpriseName: target.enterpriseName, link: `${origin}/login` },
      provinceCode: target.provinceCode,
    });
  }
  await writeAudit(trx, actor, {
    action: "member.invite",
    targetType: "user",
    targetId: m.userId,
    provinceCode: target.provinceCode,
    clusterId: target.clusterId,
    summary: { email, enterpriseId: target.enterpriseId, enterpriseName: target.enterpriseName },
  });
  return { email, enterpriseId: target.enterpriseId, expiresAt };
}

/**
 * POST /enterprises/:id/member-invitations: the office of a cluster the
 * enterprise belongs to invites a member user for it. 404 when the caller may
 * not read the enterprise in any of its clusters, 403 when they may read it
 * but invite for none.
 */
export async function inviteForEnterprise(
  deps: Deps,
  actor: Actor | null,
  lang: Lang,
  origin: string,
  enterpriseId: string,
  input: z.infer<typeof InvitationInput>,
): Promise<z.infer<typeof InvitationOut>> {
  const db = deps.database.db;
  const result = await db.transaction().execute(async (trx) => {
    const e = await trx
      .selectFrom("enterprises")
      .innerJoin("actors", "actors.id", "enterprises.id")
      .select(["enterprises.id", "enterprises.cluster_id", "enterprises.province_code", "actors.name"])
      .where("enterprises.id", "=", enterpriseId)
      .executeTakeFirst();
    // The enterprise is the office's in every cluster it is a member or applicant of, its home first.
    const clusters = e
      ? await trx
          .selectFrom("cluster_actors")
          .innerJoin("clusters", "clusters.id", "cluster_actors.cluster_id")
          .select(["clusters.id", "clusters.province_code"])
          .where("cluster_actors.actor_id", "=", enterpriseId)
          .where("cluster_actors.status", "in", ["member", "applicant"])
          .where("clusters.archived_at", "is", null)
          .execute()
      : [];
    const scopes = clusters
      .map((c) => ({ provinceCode: c.province_code, clusterId: c.id, enterpriseId }))
      .sort((x, y) => Number(y.clusterId === e?.cluster_id) - Number(x.clusterId === e?.cluster_id));
    const a = authorizeRecord(
      actor,
      {},
      (x) => scopes.some((s) => can(x, "enterprise.read", s)),
      (x) => scopes.some((s) => can(x, "member.invite", s)),
    );
    const scope = scopes.find((s) => can(a, "member.invite", s))!;
    return inviteMember(
      trx,
      deps,
      a,
      { enterpriseId, enterpriseName: e!.name, clusterId: scope.clusterId, provinceCode: scope.provinceCode },
      { email: input.email, name: input.name, locale: input.locale ?? lang },
      origin,
    );
  });
  deps.kickJobs?.();
  return result;
}

async function openInvitation(db: Kysely<DB>, token: string) {
  const r = await db
    .selectFrom("member_invitations")
    .innerJoin("users", "users.id", "member_invitations.user_id")
    .innerJoin("actors", "actors.id", "member_invitations.enterprise_id")
    .select([
      "member_invitations.id",
      "member_invitations.user_id",
      "member_invitations.email",
      "member_invitations.expires_at",
      "member_invitations.accepted_at",
      "member_invitations.province_code",
      "member_invitations.cluster_id",
      "member_invitations.enterprise_id",
      "users.name",
      "actors.name as enterprise_name",
    ])
    .where("member_invitations.token_hash", "=", hashLinkToken(token))
    .executeTakeFirst();
  if (!r || r.accepted_at) throw new AppError(404, "invitation_invalid");
  if (Date.parse(r.expires_at) <= Date.now()) throw new AppError(410, "invitation_expired");
  return r;
}

export async function lookupInvitation(deps: Deps, token: string): Promise<z.infer<typeof InvitationLookupOut>> {
  const r = await openInvitation(deps.database.db, token);
  return { email: r.email, name: r.name, enterpriseName: r.enterprise_name, expiresAt: r.expires_at };
}

/** Sets the invitee's password once and activates the account; the link is spent. */
export async function acceptInvitation(deps: Deps, token: string, password: string): Promise<void> {
  const db = deps.database.db;
  // Refuse a dead link before paying for the hash; checked again in the transaction.
  await openInvitation(db, token);
  const hash = await invitedPasswordHash(password);
  await db.transaction().execute(async (trx) => {
    const r = await openInvitation(trx, token);
    const spent = await trx
      .updateTable("member_invitations")
      .set({ accepted_at: nowIso() })
      .where("id", "=", r.id)
      .where("accepted_at", "is", null)
      .executeTakeFirst();
    if (Number(spent.numUpdatedRows) !== 1 || !(await setInvitedPassword(trx, r.user_id, hash))) {
      throw new AppError(404, "invitation_invalid");
    }
    await writeAudit(
      trx,
      { userId: r.user_id, grants: [], via: "session" },
      {
        action: "member.invitation_accept",
        targetType: "user",
        targetId: r.user_id,
        provinceCode: r.province_code,
        clusterId: r.cluster_id,
        summary: { enterpriseId: r.enterprise_id },
      },
    );
  });
}
