import type { Kysely } from "kysely";
import type { Actor } from "../../../core/permissions";
import { nowIso } from "../../context";
import type { DB } from "../../db/schema";
import { writeAudit } from "../audit/service";

export type RevokeReason = "manual" | "issuer_deactivated" | "issuer_password_reset";

/**
 * Revokes every live token a person issued, one audit row each, inside the
 * caller's transaction: their account was deactivated or someone else reset
 * their password. (Shrunk grants need no revocation: resolveBearer checks the
 * issuer's live grants on every use.)
 */
export async function revokeIssuerTokens(
  trx: Kysely<DB>,
  actor: Actor,
  issuerId: string,
  reason: Exclude<RevokeReason, "manual">,
): Promise<number> {
  const live = await trx
    .selectFrom("api_tokens")
    .select(["id", "name", "province_code", "cluster_id"])
    .where("created_by", "=", issuerId)
    .where("revoked_at", "is", null)
    .execute();
  if (live.length === 0) return 0;
  await trx
    .updateTable("api_tokens")
    .set({ revoked_at: nowIso(), revoked_reason: reason })
    .where(
      "id",
      "in",
      live.map((r) => r.id),
    )
    .execute();
  for (const r of live) {
    await writeAudit(trx, actor, {
      action: "token.revoke",
      targetType: "api_token",
      targetId: r.id,
      provinceCode: r.province_code,
      clusterId: r.cluster_id,
      summary: { name: r.name, reason },
    });
  }
  return live.length;
}
