/**
 * Shapes of what crosses the API, shared by the server (validation and
 * OpenAPI) and the web app (forms).
 */
import { z } from "zod";
import { DATE_MAX, DATE_MIN } from "./jalali";
import { CLUSTER_STATES } from "./lifecycle";
import { ACTIONS, ROLES } from "./permissions";

export { CLUSTER_STATES };

export const Id = z.uuid();

export { DATE_MAX, DATE_MIN };
/**
 * An ISO calendar date inside [DATE_MIN, DATE_MAX]. The refinement carries an
 * app error code (params.code) so the error handler words it like the app's
 * own errors, in the caller's language.
 */
export const IsoDate = z.iso
  .date()
  .refine((d) => d >= DATE_MIN && d <= DATE_MAX, { params: { code: "date_out_of_range" } });

/** A non-negative decimal integer in a query string: "16", never "0x10", "1e1" or " 16". */
function queryInt(min: number, max: number) {
  return z
    .string()
    .regex(/^\d{1,15}$/)
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));
}
export const Locale = z.enum(["fa", "en"]);
export const RoleSchema = z.enum(ROLES);
export const ActionSchema = z.enum(ACTIONS);
export const ProvinceCode = z.string().regex(/^IR-\d{2}$/);

export const Paging = {
  limit: queryInt(1, 200).default(50),
  offset: queryInt(0, 10_000_000).default(0),
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
  /** What the caller may do with this account; on the detail response. */
  can: z.object({ manage: z.boolean() }).optional(),
});

/** POST /users: the new user (201), or the existing person who was given the role instead (200, invited). */
export const UserCreatedOut = UserOut.extend({ invited: z.boolean() });

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

export const JOB_STATES = ["queued", "running", "done", "failed"] as const;
export type JobState = (typeof JOB_STATES)[number];
export const JobOut = z.object({
  id: z.string(),
  kind: z.string(),
  state: z.enum(JOB_STATES),
  attempts: z.number(),
  maxAttempts: z.number(),
  runAfter: z.string(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type JobItem = z.infer<typeof JobOut>;

export const OUTBOX_STATUSES = ["kept", "pending", "sent", "failed"] as const;
export const OutboxItemOut = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  body: z.string(),
  /** kept: no SMTP configured; pending: queued or retrying (error holds the last failure). */
  status: z.enum(OUTBOX_STATUSES),
  error: z.string().nullable(),
  attempts: z.number(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type OutboxItem = z.infer<typeof OutboxItemOut>;

export const ProblemOut = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  code: z.string(),
  detail: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

export const ClusterState = z.enum(CLUSTER_STATES);

// ----------------------------------------------------------------- cluster registry

const ShortText = z.string().trim().min(1).max(200);
const LongText = z.string().trim().max(4000);
/** ISIC Rev.4: a section letter, or a 2–4 digit division/group/class code. */
export const IsicCode = z.string().regex(/^([A-U]|\d{2,4})$/);
const Count = z.number().int().min(0).max(100_000_000);
const Rials = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const FigureInput = z.strictObject({
  value: Count,
  source: ShortText.nullish(),
  date: IsoDate.nullish(),
});

export const JobsInput = z.strictObject({
  industrial: Count,
  guild: Count,
  source: ShortText.nullish(),
  date: IsoDate.nullish(),
});

export const ClusterCreateInput = z.strictObject({
  nameFa: ShortText,
  nameEn: z.string().trim().max(200).nullish(),
  provinceCode: ProvinceCode,
  place: z.string().trim().max(500).nullish(),
  sector: z.string().trim().max(200).nullish(),
  isicCodes: z.array(IsicCode).max(20).optional(),
  productGroups: z.array(ShortText).max(30).optional(),
  advantageNote: LongText.nullish(),
  estEnterprises: FigureInput.nullish(),
  jobs: JobsInput.nullish(),
  identifiedOn: IsoDate.optional(),
});

export const ClusterUpdateInput = ClusterCreateInput.omit({ provinceCode: true, identifiedOn: true }).partial();

/** The two approvals a cluster needs before its project starts (DOMAIN: life cycle step 3). */
export const ApprovalsInput = z.strictObject({
  provincialCommittee: IsoDate,
  nationalOrganisation: IsoDate,
});

export const TransitionInput = z.strictObject({
  toState: ClusterState,
  happenedOn: IsoDate,
  /** Required when moving to "approved", refused otherwise. */
  approvals: ApprovalsInput.nullish(),
  note: LongText.nullish(),
  reason: LongText.nullish(),
});

export const MilestoneInput = z.strictObject({
  title: ShortText,
  plannedDate: IsoDate,
  actualDate: IsoDate.nullish(),
  amountRials: Rials.nullish(),
});

export const ContractInput = z.strictObject({
  kind: z.enum(["agent", "supervisor"]),
  organisation: ShortText,
  leadPerson: z.string().trim().max(200).nullish(),
  contractNumber: z.string().trim().max(100).nullish(),
  startDate: IsoDate,
  endDate: IsoDate.nullish(),
  amountRials: Rials.nullish(),
  milestones: z.array(MilestoneInput).max(50).optional(),
});

export const ContractUpdateInput = ContractInput.omit({ kind: true }).partial();

export const ClusterFilters = {
  q: SearchText.optional(),
  provinceCode: ProvinceCode.optional(),
  sector: SearchText.optional(),
  state: ClusterState.optional(),
  year: queryInt(1, 3).optional(),
  contractEnding: z.enum(["true", "false"]).optional(),
};
export const ClusterSort = z.enum(["name", "province", "state", "stateSince"]).default("name");

// ----------------------------------------------------------------- registry responses

const Nullable = { s: z.string().nullable(), n: z.number().nullable() };

export const MilestoneOut = z.object({
  id: z.string(),
  title: z.string(),
  plannedDate: z.string(),
  actualDate: Nullable.s,
  amountRials: Nullable.n,
  overdue: z.boolean(),
});

export const TransitionOut = z.object({
  id: z.string(),
  fromState: ClusterState.nullable(),
  toState: ClusterState,
  happenedOn: z.string(),
  note: Nullable.s,
  reason: Nullable.s,
  approvals: ApprovalsInput.nullable(),
  createdBy: Nullable.s,
  createdByName: Nullable.s,
  createdAt: z.string(),
  attachments: z.array(z.object({ id: z.string(), fileName: z.string(), mime: z.string(), size: z.number() })),
});

export const ClusterOut = z.object({
  id: z.string(),
  nameFa: z.string(),
  nameEn: Nullable.s,
  provinceCode: z.string(),
  provinceNameFa: z.string(),
  provinceNameEn: z.string(),
  state: ClusterState,
  stateSince: Nullable.s,
  place: Nullable.s,
  sector: Nullable.s,
  estEnterprises: Nullable.n,
  jobsIndustrial: Nullable.n,
  jobsGuild: Nullable.n,
  implementationYear: z.union([z.literal(1), z.literal(2), z.literal(3)]).nullable(),
  agentContractEnd: Nullable.s,
  warnings: z.array(z.enum(["contract_ending", "milestone_overdue"])),
});

export const ContractOut = z.object({
  id: z.string(),
  kind: z.enum(["agent", "supervisor"]),
  organisation: z.string(),
  leadPerson: Nullable.s,
  contractNumber: Nullable.s,
  startDate: z.string(),
  endDate: z.string(),
  amountRials: Nullable.n,
  endingSoon: z.boolean(),
  milestones: z.array(MilestoneOut),
});

/** One cluster's record with its history and contracts, as services build it (and the PDF and export use). */
export const ClusterRecordOut = ClusterOut.extend({
  isicCodes: z.array(z.string()),
  productGroups: z.array(z.string()),
  advantageNote: Nullable.s,
  estEnterprisesSource: Nullable.s,
  estEnterprisesDate: Nullable.s,
  jobsSource: Nullable.s,
  jobsDate: Nullable.s,
  resumeState: ClusterState.nullable(),
  nextStates: z.array(ClusterState),
  transitions: z.array(TransitionOut),
  contracts: z.array(ContractOut),
});

/** What the caller may do with this cluster, from the same can() the server decides with. */
export const ClusterAbilitiesOut = z.object({
  /** Edit the record, move it through its life cycle, attach evidence. */
  update: z.boolean(),
  manageContracts: z.boolean(),
  readGovernance: z.boolean(),
  manageGovernance: z.boolean(),
});

/** GET /clusters/{id} and every write that returns the cluster: its record and the caller's abilities on it. */
export const ClusterDetailOut = ClusterRecordOut.extend({ can: ClusterAbilitiesOut });
