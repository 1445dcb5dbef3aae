/**
 * Users and their role grants (modules/users): the account, its grants with
 * their scope's names, creating, editing and resetting an account, and the
 * user list's filters.
 */
import { z } from "zod";
import {
  Email,
  Id,
  Locale,
  Order,
  Paging,
  Password,
  PersonName,
  ProvinceCode,
  QueryBool,
  RoleSchema,
  SearchText,
} from "./common";

/** A role at a scope (POST /users/:id/grants, and the first grant of a new user). */
export const GrantInput = z.strictObject({
  role: RoleSchema,
  provinceCode: ProvinceCode.nullish(),
  clusterId: Id.nullish(),
  enterpriseId: Id.nullish(),
});

export const GrantOut = z.object({
  id: z.string(),
  role: RoleSchema,
  provinceCode: z.string().nullable(),
  clusterId: z.string().nullable(),
  enterpriseId: z.string().nullable(),
  clusterName: z.string().nullable(),
  enterpriseName: z.string().nullable(),
});

export const UserOut = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  locale: Locale,
  active: z.boolean(),
  homeProvinceCode: z.string().nullable(),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
  grants: z.array(GrantOut),
  /** What the caller may do with this account; on the detail response. */
  can: z.object({ manage: z.boolean() }).optional(),
});

/** POST /users: the new user (201), or the existing person who was given the role instead (200, invited). */
export const UserCreatedOut = UserOut.extend({ invited: z.boolean() });

export const UserCreateInput = z.strictObject({
  email: Email,
  name: PersonName,
  password: Password,
  locale: Locale.optional(),
  grant: GrantInput.optional(),
});
export const UserUpdateInput = z.strictObject({
  name: PersonName.optional(),
  active: z.boolean().optional(),
  locale: Locale.optional(),
});
export const ResetPasswordInput = z.strictObject({ password: Password });

/** GET /users: search by name or e-mail, active or not, sorted. */
export const UserListQuery = z.strictObject({
  q: SearchText.optional(),
  active: QueryBool.optional(),
  sort: z.enum(["name", "email", "createdAt"]).default("name"),
  order: Order,
  ...Paging,
});

export const UserGrantParams = z.strictObject({ id: Id, grantId: Id });
