/**
 * API tokens for integrations. A token carries one role grant, chosen by an
 * admin who could grant that role; it is shown once and stored as SHA-256.
 */
import { randomUUID } from "node:crypto";
import { type Actor, isNational, scopeFilter } from "../../../core/permissions";
import { authorize, authorizeAnywhere } from "../../auth/authorize";
import { newSecret, sha256 } from "../../auth/secrets";
import { type Deps, nowIso } from "../../context";
import { inList } from "../../db/dialect";
import { badRequest, notFound } from "../../errors";
import { writeAudit } from "../audit/service";
import { type GrantInput, resolveGrantScope } from "../users/service";

export interface TokenDto {
  id: string;
  name: string;
  role: string;
  provinceCode: string | null;
  clusterId: string | null;
  enterpriseId: string | null;
  clusterName: string | null;
  enterpriseName: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

type TokenRow = {
  id: string;
  name: string;
  role: string;
  province_code: string | null;
  cluster_id: string | null;
  enterprise_id: string | null;
  cluster_name: string | null;
  enterprise_name: string | null;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
};

const toDto = (r: TokenRow): TokenDto => ({
  id: r.id,
  name: r.name,
  role: r.role,
  provinceCode: r.province_code,
  clusterId: r.cluster_id,
  enterpriseId: r.enterprise_id,
  clusterName: r.cluster_name,
  enterpriseName: r.enterprise_name,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
});

/** Tokens with the names of the cluster and enterprise they are scoped to. */
function tokensQuery(db: Deps["database"]["db"]) {
  return db
    .selectFrom("api_tokens")
    .leftJoin("clusters", "clusters.id", "api_tokens.cluster_id")
    .leftJoin("enterprises", "enterprises.id", "api_tokens.enterprise_id")
    .selectAll("api_tokens")
    .select(["clusters.name_fa as cluster_name", "enterprises.name as enterprise_name"]);
}

export async function listTokens(deps: Deps, actor: Actor | null) {
  const a = authorizeAnywhere(actor, "token.manage");
  let q = tokensQuery(deps.database.db);
  const scope = scopeFilter(a, "token.manage");
  if (scope) q = q.where(inList("api_tokens.province_code", scope.provinceCodes));
  const rows = await q.orderBy("api_tokens.created_at", "desc").execute();
  return { items: rows.map(toDto), total: rows.length };
}

export async function issueToken(
  deps: Deps,
  actor: Actor | null,
  input: GrantInput & { name: string; expiresAt?: string | null },
): Promise<{ token: string; item: TokenDto }> {
  const a = authorizeAnywhere(actor, "token.manage");
  const token = newSecret("khs_");
  const id = randomUUID();
  await deps.database.db.transaction().execute(async (trx) => {
    const grant = await resolveGrantScope(trx, input);
    // A token may carry only a grant its issuer could give to a person.
    authorize(a, "grant.manage", grant);
    authorize(a, "token.manage", grant);
    if (grant.role === "national_admin" && !isNational(a)) throw badRequest("invalid_grant_scope");
    if (input.expiresAt && input.expiresAt <= nowIso().slice(0, 10)) throw badRequest("validation_failed");
    await trx
      .insertInto("api_tokens")
      .values({
        id,
        token_hash: sha256(token),
        name: input.name.trim(),
        created_by: a.userId,
        role: grant.role,
        province_code: grant.provinceCode ?? null,
        cluster_id: grant.clusterId ?? null,
        enterprise_id: grant.enterpriseId ?? null,
        created_at: nowIso(),
        expires_at: input.expiresAt ? `${input.expiresAt}T00:00:00.000Z` : null,
        revoked_at: null,
        last_used_at: null,
      })
      .execute();
    await writeAudit(trx, a, {
      action: "token.issue",
      targetType: "api_token",
      targetId: id,
      provinceCode: grant.provinceCode,
      clusterId: grant.clusterId,
      summary: { name: input.name.trim(), ...grant, expiresAt: input.expiresAt ?? null },
    });
  });
  const row = await tokensQuery(deps.database.db).where("api_tokens.id", "=", id).executeTakeFirstOrThrow();
  return { token, item: toDto(row) };
}

export async function revokeToken(deps: Deps, actor: Actor | null, id: string): Promise<void> {
  await deps.database.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("api_tokens").selectAll().where("id", "=", id).executeTakeFirst();
    if (!row) throw notFound();
    const scope = { provinceCode: row.province_code, clusterId: row.cluster_id, enterpriseId: row.enterprise_id };
    const a = authorize(actor, "token.manage", scope, true);
    if (row.revoked_at) return;
    await trx.updateTable("api_tokens").set({ revoked_at: nowIso() }).where("id", "=", id).execute();
    await writeAudit(trx, a, {
      action: "token.revoke",
      targetType: "api_token",
      targetId: id,
      provinceCode: row.province_code,
      clusterId: row.cluster_id,
      summary: { name: row.name },
    });
  });
}
