/** API tokens (modules/tokens): one role grant each, with a name, an issuer and a life. */
import { z } from "zod";
import { Id, IsoDate, ProvinceCode, RoleSchema } from "./common";
import { GrantOut } from "./users";

export const TokenCreateInput = z.strictObject({
  name: z.string().trim().min(1).max(100),
  role: RoleSchema,
  provinceCode: ProvinceCode.nullish(),
  clusterId: Id.nullish(),
  enterpriseId: Id.nullish(),
  expiresAt: IsoDate.nullish(),
});

export const TOKEN_STATES = ["active", "suspended", "expired", "revoked"] as const;
export const TOKEN_REVOKE_REASONS = ["manual", "issuer_deactivated", "issuer_password_reset"] as const;

/** A token is a grant (role, scope and the scope's names) with a name, an issuer and a life. */
export const TokenOut = GrantOut.extend({
  name: z.string(),
  issuedById: z.string(),
  issuedByName: z.string().nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revokedReason: z.enum(TOKEN_REVOKE_REASONS).nullable(),
  /** suspended: its issuer no longer holds the rights it carries (or was deactivated); it answers 401 token_suspended. */
  state: z.enum(TOKEN_STATES),
});
export type TokenItem = z.infer<typeof TokenOut>;

/** POST /tokens: the secret, shown this once, and the token it belongs to. */
export const TokenIssuedOut = z.object({ token: z.string(), item: TokenOut });
