/**
 * Shapes of what crosses the API, shared by the server (validation and
 * OpenAPI) and the web app (forms).
 */
import { z } from "zod";
import { ACTIONS, ROLES } from "./permissions";

export const Id = z.uuid();
export const IsoDate = z.iso.date();
export const Locale = z.enum(["fa", "en"]);
export const RoleSchema = z.enum(ROLES);
export const ActionSchema = z.enum(ACTIONS);
export const ProvinceCode = z.string().regex(/^IR-\d{2}$/);

export const Paging = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
};
export const Order = z.enum(["asc", "desc"]).default("asc");
export const SearchText = z.string().trim().max(200);

export const Email = z.string().trim().max(254).pipe(z.email());
export const Password = z.string().min(1).max(200);
export const PersonName = z.string().trim().min(1).max(200);

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
});

export const SessionOut = z.object({
  user: UserOut,
  permissions: z.array(ActionSchema),
  csrfToken: z.string().nullable(),
});

export const LoginInput = z.strictObject({ email: z.string().trim().min(1).max(254), password: Password });
export const ChangePasswordInput = z.strictObject({ currentPassword: Password, newPassword: Password });
export const UpdateMeInput = z.strictObject({ locale: Locale });

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

export const TokenCreateInput = z.strictObject({
  name: z.string().trim().min(1).max(100),
  role: RoleSchema,
  provinceCode: ProvinceCode.nullish(),
  clusterId: Id.nullish(),
  enterpriseId: Id.nullish(),
  expiresAt: IsoDate.nullish(),
});

export const ProblemOut = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  code: z.string(),
  detail: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

export const CLUSTER_STATES = [
  "identified",
  "feasibility",
  "approved",
  "agent_contracted",
  "diagnostic",
  "action_planning",
  "implementation",
  "handed_over",
  "network",
  "on_hold",
  "cancelled",
] as const;
export const ClusterState = z.enum(CLUSTER_STATES);
