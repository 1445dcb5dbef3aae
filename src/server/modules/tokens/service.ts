/**
 * API tokens for integrations. A token carries one role grant, chosen by an
 * admin who could grant that role; it is shown once and stored as SHA-256.
 */
import { randomUUID } from "node:crypto";
import type { Kysely, Selectable } from "kysely";
import type { z } from "zod";
import { addYearsIso, todayIso } from "../../../core/jalali";
import { type Actor, type Grant, isNational, type Role, tokenGrantHolds } from "../../../core/permissions";
import type { Page } from "../../../core/schemas/common";
import type { TokenCreateInput, TokenIssuedOut, TokenItem } from "../../../core/schemas/tokens";
import { authorize, authorizeAnywhere } from "../../auth/authorize";
import { newSecret, sha256 } from "../../auth/secrets";
import { type Deps, nowIso } from "../../context";
import type { ApiTokensTable, DB } from "../../db/schema";
import { badRequest, fieldError } from "../../errors";
import { loadAuthorized } from "../../services/load";
import { inScope } from "../../services/scope";
import { writeAudit } from "../audit/service";
import { resolveGrantScope } from "../users/grants";
import { grantsOfMany } from "../users/shared";

type TokenRow = Selectable<ApiTokensTable> & {
  cluster_name: string | null;
  enterprise_name: string | null;
  issuer_name: string | null;
  issuer_active: number | null;
};

function stateOf(r: TokenRow, issuerGrants: readonly Grant[]): TokenItem["state"] {
  if (r.revoked_at) return "revoked";
  if (r.expires_at && Date.parse(r.expires_at) <= Date.now()) return "expired";
  const grant: Grant = {
    role: r.role as Role,
    provinceCode: r.province_code,
    clusterId: r.cluster_id,
    enterpriseId: r.enterprise_id,
  };
  const issuer: Actor = { userId: r.created_by, grants: issuerGrants, via: "session" };
  return r.issuer_active === 1 && tokenGrantHolds(issuer, grant) ? "active" : "suspended";
}

const toDto = (r: TokenRow, issuerGrants: readonly Grant[]): TokenItem => ({
  id: r.id,
  name: r.name,
  role: r.role as Role,
  provinceCode: r.province_code,
  clusterId: r.cluster_id,
  enterpriseId: r.enterprise_id,
  clusterName: r.cluster_name,
  enterpriseName: r.enterprise_name,
  issuedById: r.created_by,
  issuedByName: r.issuer_name,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
  revokedReason: (r.revoked_reason ?? (r.revoked_at ? "manual" : null)) as TokenItem["revokedReason"],
  state: stateOf(r, issuerGrants),
});

/** The DTOs of token rows, with their issuers' live grants loaded in one query. */
async function toDtos(db: Kysely<DB>, rows: TokenRow[]): Promise<TokenItem[]> {
  const grants = await grantsOfMany(db, [...new Set(rows.map((r) => r.created_by))]);
  return rows.map((r) => toDto(r, grants.get(r.created_by) ?? []));
}

/** How far ahead a token's expiry may be set: an integration is reviewed at least this often. */
const TOKEN_MAX_YEARS = 3;

/** Tokens with the names of the cluster and enterprise they are scoped to. */
function tokensQuery(db: Deps["database"]["db"]) {
  return (
    db
      .selectFrom("api_tokens")
      .leftJoin("clusters", "clusters.id", "api_tokens.cluster_id")
      // An enterprise's name is its actor row's (same id).
      .leftJoin("actors", "actors.id", "api_tokens.enterprise_id")
      .leftJoin("users", "users.id", "api_tokens.created_by")
      .selectAll("api_tokens")
      .select([
        "clusters.name_fa as cluster_name",
        "actors.name as enterprise_name",
        "users.name as issuer_name",
        "users.active as issuer_active",
      ])
  );
}

export async function listTokens(deps: Deps, actor: Actor | null): Promise<Page<TokenItem>> {
  const a = authorizeAnywhere(actor, "token.manage");
  const q = inScope(tokensQuery(deps.database.db), a, "token.manage", { province: "api_tokens.province_code" });
  const rows = await q.orderBy("api_tokens.created_at", "desc").execute();
  return { items: await toDtos(deps.database.db, rows), total: rows.length };
}

export async function issueToken(
  deps: Deps,
  actor: Actor | null,
  input: z.infer<typeof TokenCreateInput>,
): Promise<z.infer<typeof TokenIssuedOut>> {
  const a = authorizeAnywhere(actor, "token.manage");
  const token = newSecret("khs_");
  const id = randomUUID();
  await deps.database.db.transaction().execute(async (trx) => {
    const grant = await resolveGrantScope(trx, input);
    // A token may carry only a grant its issuer could give to a person.
    authorize(a, "grant.manage", grant);
    authorize(a, "token.manage", grant);
    if (grant.role === "national_admin" && !isNational(a)) throw badRequest("invalid_grant_scope");
    if (input.expiresAt) {
      const today = todayIso();
      if (input.expiresAt <= today) throw fieldError("expiry_not_future", "expiresAt");
      if (input.expiresAt > addYearsIso(today, TOKEN_MAX_YEARS)) {
        throw fieldError("expiry_too_far", "expiresAt", { years: TOKEN_MAX_YEARS });
      }
    }
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
        revoked_reason: null,
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
  return { token, item: (await toDtos(deps.database.db, [row]))[0]! };
}

export async function revokeToken(deps: Deps, actor: Actor | null, id: string): Promise<void> {
  await deps.database.db.transaction().execute(async (trx) => {
    const { row, actor: a } = await loadAuthorized(
      actor,
      trx.selectFrom("api_tokens").selectAll().where("id", "=", id).executeTakeFirst(),
      (r) => ({ provinceCode: r.province_code, clusterId: r.cluster_id, enterpriseId: r.enterprise_id }),
      "token.manage",
    );
    if (row.revoked_at) return;
    await trx
      .updateTable("api_tokens")
      .set({ revoked_at: nowIso(), revoked_reason: "manual" })
      .where("id", "=", id)
      .execute();
    await writeAudit(trx, a, {
      action: "token.revoke",
      targetType: "api_token",
      targetId: id,
      provinceCode: row.province_code,
      clusterId: row.cluster_id,
      summary: { name: row.name, reason: "manual" },
    });
  });
}
