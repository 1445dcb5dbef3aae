/**
 * Membership applications (modules/applications): the public form a
 * business applies with, the applicant's status page, the cluster office's
 * queue and its decisions, and the invitations of member users.
 */
import { z } from "zod";
import { toAsciiDigits } from "../normalize";
import { isCompanyNationalId, isMobile, normalizeMobile } from "../validators";
import { Email, Id, Locale, Paging, PersonName } from "./common";

export const APPLICATION_STATUSES = ["pending", "approved", "rejected"] as const;
export const ApplicationStatus = z.enum(APPLICATION_STATUSES);

/** The private links' tokens: 32 random bytes, base64url (43 characters). */
export const LinkToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

const ShortText = z.string().trim().min(1).max(200);

/** A company national ID (شناسه ملی), checksum-checked, kept as 11 ASCII digits. */
export const CompanyNationalId = z
  .string()
  .trim()
  .max(30)
  .refine(isCompanyNationalId, { params: { code: "application_national_id_invalid" } })
  .transform((s) => toAsciiDigits(s).replace(/[\s-]/g, ""));

/** An Iranian mobile number, kept as 09xxxxxxxxx. */
export const MobileNumber = z
  .string()
  .trim()
  .max(30)
  .refine(isMobile, { params: { code: "application_mobile_invalid" } })
  .transform((s) => normalizeMobile(s) ?? s);

/**
 * POST /public/clusters/:id/applications. `homepage` is the honeypot: the
 * form hides it from people, so anything in it was typed by a bot.
 */
export const ApplicationInput = z.strictObject({
  enterpriseName: ShortText,
  nationalId: CompanyNationalId.optional(),
  contactPerson: PersonName,
  mobile: MobileNumber,
  email: Email,
  city: z.string().trim().min(1).max(100),
  products: z.array(z.string().trim().min(1).max(100)).min(1).max(20),
  employees: z.number().int().min(0).max(100_000),
  message: z.string().trim().max(2000).optional(),
  locale: Locale.optional(),
  homepage: z.string().max(500).optional(),
});

/** The cluster a public form applies to. */
export const ApplicationFormOut = z.object({
  clusterId: z.string(),
  clusterName: z.string(),
  provinceName: z.string(),
});

/** The confirmation: the private status link's token, shown once and mailed. */
export const ApplicationReceiptOut = z.object({
  statusToken: z.string(),
});

export const TokenInput = z.strictObject({ token: LinkToken });

/** What the applicant's status page shows: the outcome and its reason, nothing else. */
export const ApplicationStatusOut = z.object({
  clusterName: z.string(),
  status: ApplicationStatus,
  reason: z.string().nullable(),
  submittedAt: z.string(),
  decidedAt: z.string().nullable(),
});

/** GET /applications: the queue of the clusters the caller reviews. */
export const ApplicationListQuery = z.strictObject({
  clusterId: Id.optional(),
  status: ApplicationStatus.optional(),
  ...Paging,
});

export const ApplicationItemOut = z.object({
  id: z.string(),
  clusterId: z.string(),
  clusterName: z.string(),
  status: ApplicationStatus,
  enterpriseName: z.string(),
  city: z.string(),
  contactPerson: z.string(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});

export const ApplicationListOut = z.object({ items: z.array(ApplicationItemOut), total: z.number() });

export const ApplicationOut = ApplicationItemOut.extend({
  provinceCode: z.string(),
  nationalId: z.string().nullable(),
  mobile: z.string(),
  email: z.string(),
  products: z.array(z.string()),
  employees: z.number(),
  message: z.string().nullable(),
  reason: z.string().nullable(),
  enterpriseId: z.string().nullable(),
  /** The enterprise approval would link instead of creating one (same company national ID, or same name in the cluster). */
  match: z.object({ id: z.string(), name: z.string(), clusterName: z.string() }).nullable(),
  can: z.object({ decide: z.boolean() }),
});

/** Approve: the enterprise is created or linked; a member user is invited unless `invite` is false. */
export const ApproveInput = z.strictObject({
  invite: z.boolean().default(true),
  /** Whom to invite; the applicant's contact person and e-mail when not given. */
  inviteEmail: Email.optional(),
  inviteName: PersonName.optional(),
});

export const RejectInput = z.strictObject({
  reason: z.string().trim().min(1).max(2000),
});

export const InvitationInput = z.strictObject({
  email: Email,
  name: PersonName,
  locale: Locale.optional(),
});

export const InvitationOut = z.object({
  email: z.string(),
  enterpriseId: z.string(),
  expiresAt: z.string(),
});

/** What the invitation page shows before the password is chosen. */
export const InvitationLookupOut = z.object({
  email: z.string(),
  name: z.string(),
  enterpriseName: z.string(),
  expiresAt: z.string(),
});

export const AcceptInvitationInput = z.strictObject({
  token: LinkToken,
  password: z.string().min(1).max(200),
});
