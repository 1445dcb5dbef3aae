/**
 * The members module (modules/members): enterprises, people and
 * institutions, their memberships of clusters, search across them (the
 * directory, its saved views and export) and the partner search across
 * clusters with "express interest".
 *
 * Identifiers are checked by the real rules (core/validators.ts) and a
 * failure names an app error code (params.code), so the server and the
 * forms word it the same way, from the members namespace (errors.<code>).
 * Persian and Arabic-Indic digits are accepted where digits are typed and
 * stored as ASCII.
 *
 * Endpoints (operationId: request → response):
 *   GET    /enterprises                      listEnterprises: EnterpriseListQuery → pageOf(EnterpriseOut)
 *   POST   /clusters/{id}/enterprises        createEnterprise: EnterpriseCreateInput → 201 EnterpriseDetailOut
 *   GET    /enterprises/{id}                 getEnterprise → EnterpriseDetailOut
 *   PATCH  /enterprises/{id}                 updateEnterprise: EnterpriseUpdateInput → EnterpriseDetailOut
 *   POST   /clusters/{id}/members            addClusterMember: MembershipCreateInput → 201 MembershipOut
 *   PATCH  /clusters/{id}/members/{actorId}  updateClusterMember: MembershipUpdateInput → MembershipOut
 *   POST   /people                           createPerson: PersonCreateInput → 201 PersonDetailOut
 *   GET    /people/{id}                      getPerson → PersonDetailOut
 *   PATCH  /people/{id}                      updatePerson: PersonUpdateInput → PersonDetailOut
 *   POST   /institutions                     createInstitution: InstitutionCreateInput → 201 InstitutionDetailOut
 *   GET    /institutions/{id}                getInstitution → InstitutionDetailOut
 *   PATCH  /institutions/{id}                updateInstitution: InstitutionUpdateInput → InstitutionDetailOut
 *   GET    /directory                        searchDirectory: DirectoryQuery → DirectoryPageOut
 *   GET    /directory/export.xlsx            exportDirectory: DirectoryExportQuery → .xlsx
 *   GET    /clusters/{id}/views              listSavedViews → SavedViewsOut
 *   POST   /clusters/{id}/views              createSavedView: SavedViewInput → 201 SavedViewOut
 *   GET    /views/{id}                       getSavedView → SavedViewOut
 *   DELETE /views/{id}                       deleteSavedView → 204
 *   GET    /partners                         searchPartners: PartnerQuery → PartnerPageOut
 *   POST   /partners/{id}/interest           expressInterest: InterestInput → 201 InterestOut
 */
import { z } from "zod";
import {
  ACTOR_KINDS,
  INSTITUTION_KINDS,
  LEGAL_FORMS,
  MEMBERSHIP_STATUSES,
  PUBLISHABLE_FIELDS,
  type SizeClass as SizeClassId,
  SKILLS,
} from "../members";
import { toAsciiDigits } from "../normalize";
import { isCompanyNationalId, isMobile, isNationalId, isPostalCode, normalizeMobile } from "../validators";
import { Id, IsoDate, Locale, Paging, ProvinceCode, pageOf, SearchText, searchPageOf } from "./common";

export const ActorKind = z.enum(ACTOR_KINDS);
export const MembershipStatus = z.enum(MEMBERSHIP_STATUSES);
export const InstitutionKind = z.enum(INSTITUTION_KINDS);
export const Skill = z.enum(SKILLS);
export const LegalForm = z.enum(LEGAL_FORMS);
/** The size classes by employees (SIZE_CLASSES holds their thresholds). */
export const SizeClass = z.enum(["micro", "small", "medium", "large"] as const satisfies readonly SizeClassId[]);
export const PublishableField = z.enum(PUBLISHABLE_FIELDS);

// ----------------------------------------------------------------- field primitives

const ShortText = z.string().trim().min(1).max(200);
const OptText = (max: number) => z.string().trim().max(max).nullish();
/** Digits as typed (Persian, Arabic-Indic or Latin, spaces and dashes) → ASCII digits only. */
const digitsOf = (s: string) => toAsciiDigits(s).replace(/[\s-]/g, "");

/** شناسه ملی of a company: 11 digits with its check digit. Stored as ASCII digits. */
export const CompanyNationalId = z
  .string()
  .trim()
  .max(20)
  .refine((s) => isCompanyNationalId(s), { params: { code: "company_national_id_invalid" } })
  .transform(digitsOf)
  .describe("The company national ID (شناسه ملی): 11 digits with a valid check digit; Persian digits accepted.");

/** کد ملی of a person: 10 digits with its check digit. Stored as ASCII digits. */
export const PersonNationalId = z
  .string()
  .trim()
  .max(20)
  .refine((s) => isNationalId(s), { params: { code: "national_id_invalid" } })
  .transform(digitsOf)
  .describe("A person's national ID (کد ملی): 10 digits with a valid check digit; Persian digits accepted.");

/** An Iranian mobile number, stored as 09xxxxxxxxx. */
export const Mobile = z
  .string()
  .trim()
  .max(20)
  .refine((s) => isMobile(s), { params: { code: "mobile_invalid" } })
  .transform((s) => normalizeMobile(s) ?? s)
  .describe("An Iranian mobile number (09…, +989…); stored as 09xxxxxxxxx.");

/** A landline or any phone: digits, spaces, dashes, a leading + and an extension; 4–20 digits. */
export const Phone = z
  .string()
  .trim()
  .max(30)
  .refine((s) => /^\+?[\d\s\-()]{4,30}$/.test(toAsciiDigits(s)) && /\d{4}/.test(digitsOf(s).replace(/[()+]/g, "")), {
    params: { code: "phone_invalid" },
  })
  .transform((s) => toAsciiDigits(s))
  .describe("A phone number as dialled (digits, spaces, dashes, a leading +); Persian digits accepted.");

/** کد پستی: 10 digits by Iran Post's rule. Stored as ASCII digits. */
export const PostalCode = z
  .string()
  .trim()
  .max(20)
  .refine((s) => isPostalCode(s), { params: { code: "postal_code_invalid" } })
  .transform(digitsOf)
  .describe("A 10-digit postal code (کد پستی); Persian digits accepted.");

/** A web address: http or https only, at most 500 characters. */
export const WebUrl = z
  .string()
  .trim()
  .max(500)
  .refine((s) => /^https?:\/\/[^\s/$.?#][^\s]*$/i.test(s) && URL.canParse(s), { params: { code: "url_invalid" } })
  .describe("An http(s) address, e.g. https://example.ir.");

const EmailAddress = z.string().trim().max(254).pipe(z.email());
const Count = z.number().int().min(0).max(1_000_000);

/** Contacts and place, which every kind of actor has (actors table). */
const ContactFields = {
  provinceCode: ProvinceCode.nullish().describe("Where the actor is; the home cluster's province when left out."),
  city: OptText(100),
  address: OptText(500),
  postalCode: PostalCode.nullish(),
  phone: Phone.nullish(),
  mobile: Mobile.nullish(),
  email: EmailAddress.nullish(),
  website: WebUrl.nullish(),
  notes: OptText(4000),
};

// ----------------------------------------------------------------- enterprises

/** GET /enterprises: of one cluster, or matching a name (the pickers' list). */
export const EnterpriseListQuery = z.strictObject({ clusterId: Id.optional(), q: SearchText.optional(), ...Paging });

/** An enterprise as pickers and short lists show it. */
export const EnterpriseOut = z.object({
  id: z.string(),
  name: z.string(),
  clusterId: z.string(),
  clusterName: z.string(),
  provinceCode: z.string(),
});

/** One product line; its group is one of the cluster's product groups (e.g. polymer, cellulose, glass, metal). */
export const ProductInput = z.strictObject({
  name: ShortText.describe("The product as the enterprise names it, e.g. «فیلم پلیمری»."),
  productGroup: OptText(200).describe("The product group it belongs to, usually one of the cluster's groups."),
});

const EnterpriseFields = {
  name: ShortText.describe("The enterprise's registered or trading name."),
  nationalId: CompanyNationalId.nullish(),
  legalForm: LegalForm.nullish(),
  employeesIndustrial: Count.nullish().describe(
    "Employees in industrial work; with guild employees gives the size class.",
  ),
  employeesGuild: Count.nullish().describe("Employees in guild (صنفی) work."),
  products: z
    .array(ProductInput)
    .max(50)
    .optional()
    .describe("The whole list of products; given, it replaces the list."),
  capacity: z.number().min(0).max(1e12).nullish().describe("Production capacity, in capacityUnit per year."),
  capacityUnit: OptText(50).describe("The unit of capacity, e.g. «تن در سال»."),
  certificates: OptText(2000).describe("Standards and certificates held (ISO 9001, national standard mark, …)."),
  exportExperience: z.boolean().nullish(),
  exportMarkets: OptText(1000).describe("Countries or regions exported to."),
  contactPerson: OptText(200),
  ...ContactFields,
  published: z.boolean().optional().describe("Whether the profile shows in the partner search across clusters."),
  publishedFields: z
    .array(PublishableField)
    .max(PUBLISHABLE_FIELDS.length)
    .optional()
    .describe("The fields shown to those outside the enterprise's clusters beside name, kind, province and city."),
};

/** POST /clusters/{id}/enterprises: a new enterprise, a member (or applicant) of that cluster. */
export const EnterpriseCreateInput = z.strictObject({
  ...EnterpriseFields,
  status: MembershipStatus.optional().describe("Its status in the cluster; member when left out."),
  joinedOn: IsoDate.nullish().describe("When the membership began; today when left out (none for an applicant)."),
});
export type EnterpriseCreate = z.infer<typeof EnterpriseCreateInput>;

/** PATCH /enterprises/{id}: the fields given change; null clears a field. */
export const EnterpriseUpdateInput = z.strictObject(EnterpriseFields).partial();
export type EnterpriseUpdate = z.infer<typeof EnterpriseUpdateInput>;

/** An actor's place in one cluster. */
export const MembershipOut = z.object({
  clusterId: z.string(),
  clusterName: z.string(),
  clusterProvinceCode: z.string(),
  actorId: z.string(),
  kind: ActorKind,
  status: MembershipStatus,
  joinedOn: z.string().nullable(),
  leftOn: z.string().nullable(),
  /** True for an enterprise's home cluster (the scope its member users' grants carry). */
  home: z.boolean(),
});
export type Membership = z.infer<typeof MembershipOut>;

export const ProductOut = z.object({ id: z.string(), name: z.string(), productGroup: z.string().nullable() });

/** What the caller may do with this enterprise, from the same can() the server decides with. */
export const EnterpriseAbilitiesOut = z.object({
  /** Edit the profile (its own member users, the manager of any of its clusters, the province). */
  update: z.boolean(),
  /** Change its status in at least one of its clusters. */
  manageMemberships: z.boolean(),
  /** Add and edit its staff. */
  managePeople: z.boolean(),
  /** See its staff's phones and national IDs. */
  readPersonal: z.boolean(),
});

const S = z.string().nullable();
const N = z.number().nullable();

/** GET /enterprises/{id} and every write that returns an enterprise. */
export const EnterpriseDetailOut = z.object({
  id: z.string(),
  kind: z.literal("enterprise"),
  name: z.string(),
  nationalId: S,
  legalForm: LegalForm.nullable(),
  employeesIndustrial: N,
  employeesGuild: N,
  /** sizeClassOf(industrial + guild); null while neither is known. */
  sizeClass: SizeClass.nullable(),
  products: z.array(ProductOut),
  capacity: N,
  capacityUnit: S,
  certificates: S,
  exportExperience: z.boolean().nullable(),
  exportMarkets: S,
  contactPerson: S,
  provinceCode: S,
  city: S,
  address: S,
  postalCode: S,
  phone: S,
  mobile: S,
  email: S,
  website: S,
  notes: S,
  published: z.boolean(),
  publishedFields: z.array(PublishableField),
  /** The home cluster: the one it was registered in. */
  homeClusterId: z.string(),
  memberships: z.array(MembershipOut),
  /** How many people work for it (its staff). */
  staffCount: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  can: EnterpriseAbilitiesOut,
});
export type EnterpriseDetail = z.infer<typeof EnterpriseDetailOut>;

// ----------------------------------------------------------------- memberships

/** /clusters/{id}/members/{actorId}: one actor's membership of a cluster. */
export const MembershipParams = z.strictObject({ id: Id, actorId: Id });

/** POST /clusters/{id}/members: an existing actor joins the cluster. */
export const MembershipCreateInput = z.strictObject({
  actorId: Id.describe("The enterprise, person or institution to add."),
  status: MembershipStatus.optional().describe("member when left out."),
  joinedOn: IsoDate.nullish(),
  leftOn: IsoDate.nullish(),
});

/** PATCH /clusters/{id}/members/{actorId}: a new status and its dates (leftOn not before joinedOn). */
export const MembershipUpdateInput = z.strictObject({
  status: MembershipStatus,
  joinedOn: IsoDate.nullish().describe("Left out: kept, or today when becoming a member with none."),
  leftOn: IsoDate.nullish().describe("Left out: today when the status becomes left, kept otherwise."),
});

// ----------------------------------------------------------------- people

const PersonFields = {
  name: ShortText.describe("The person's full name."),
  nationalId: PersonNationalId.nullish(),
  jobTitle: OptText(200),
  enterpriseId: Id.nullish().describe("The enterprise they work for; they then take part in its clusters."),
  skills: z.array(Skill).max(SKILLS.length).optional().describe("The whole list of skills; given, it replaces it."),
  portfolio: z.array(WebUrl).max(20).optional().describe("Links to their work (portfolio, gallery, profile)."),
  bio: OptText(4000),
  ...ContactFields,
};

/**
 * POST /people: a person, directly in the given clusters and/or working for
 * an enterprise (at least one of the two, so someone may see them).
 */
export const PersonCreateInput = z
  .strictObject({
    ...PersonFields,
    clusterIds: z.array(Id).max(20).optional().describe("Clusters the person takes part in directly."),
  })
  .refine((p) => !!p.enterpriseId || (p.clusterIds?.length ?? 0) > 0, {
    path: ["clusterIds"],
    params: { code: "person_needs_cluster" },
  });
export type PersonCreate = z.infer<typeof PersonCreateInput>;

/** PATCH /people/{id}: the fields given change (direct cluster links through /clusters/{id}/members). */
export const PersonUpdateInput = z.strictObject(PersonFields).partial();
export type PersonUpdate = z.infer<typeof PersonUpdateInput>;

export const PersonAbilitiesOut = z.object({ update: z.boolean(), readPersonal: z.boolean() });

/** GET /people/{id}. Personal fields are null with personalHidden true for callers without personal.read. */
export const PersonDetailOut = z.object({
  id: z.string(),
  kind: z.literal("person"),
  name: z.string(),
  jobTitle: S,
  enterpriseId: S,
  enterpriseName: S,
  skills: z.array(Skill),
  portfolio: z.array(z.string()),
  bio: S,
  provinceCode: S,
  city: S,
  website: S,
  notes: S,
  /** Personal: national ID, phones, e-mail, address and postal code. */
  nationalId: S,
  phone: S,
  mobile: S,
  email: S,
  address: S,
  postalCode: S,
  personalHidden: z
    .boolean()
    .describe("True when the caller may not see personal data (personal.read): those fields are then null."),
  /** Direct memberships (rows of the cluster), then those inherited from the enterprise (home false, kind enterprise). */
  memberships: z.array(MembershipOut),
  /** The clusters the person takes part in: direct ones and their enterprise's member clusters. */
  clusterIds: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  can: PersonAbilitiesOut,
});
export type PersonDetail = z.infer<typeof PersonDetailOut>;

// ----------------------------------------------------------------- institutions

const InstitutionFields = {
  name: ShortText,
  institutionKind: InstitutionKind,
  description: OptText(4000),
  ...ContactFields,
};

/** POST /institutions: a supplier, union, bank, … serving the given clusters (at least one). */
export const InstitutionCreateInput = z.strictObject({
  ...InstitutionFields,
  clusterIds: z.array(Id).min(1).max(50).describe("The clusters it serves."),
});
export type InstitutionCreate = z.infer<typeof InstitutionCreateInput>;

/** PATCH /institutions/{id}: the fields given change (the clusters it serves through /clusters/{id}/members). */
export const InstitutionUpdateInput = z.strictObject(InstitutionFields).partial();
export type InstitutionUpdate = z.infer<typeof InstitutionUpdateInput>;

export const InstitutionDetailOut = z.object({
  id: z.string(),
  kind: z.literal("institution"),
  name: z.string(),
  institutionKind: InstitutionKind,
  description: S,
  provinceCode: S,
  city: S,
  address: S,
  postalCode: S,
  phone: S,
  mobile: S,
  email: S,
  website: S,
  notes: S,
  memberships: z.array(MembershipOut),
  createdAt: z.string(),
  updatedAt: z.string(),
  can: z.object({ update: z.boolean() }),
});
export type InstitutionDetail = z.infer<typeof InstitutionDetailOut>;

// ----------------------------------------------------------------- directory (search across actors)

/**
 * The directory's filters, shared by the list, the export and saved views.
 * A membership status filter applies to the membership in `clusterId` when
 * given, else to any of the actor's memberships.
 */
export const DirectoryFilterFields = {
  q: SearchText.optional().describe(
    "Persian search over name, products, skills and city; tolerant of ي/ی, ك/ک, ZWNJ, spacing and digit forms.",
  ),
  kind: ActorKind.optional(),
  clusterId: Id.optional().describe("Only actors taking part in this cluster (people also through their enterprise)."),
  status: MembershipStatus.optional(),
  provinceCode: ProvinceCode.optional().describe("Where the actor is."),
  skill: Skill.optional().describe("People with this skill (implies kind person)."),
  institutionKind: InstitutionKind.optional().describe("Institutions of this kind (implies kind institution)."),
  productGroup: z.string().trim().min(1).max(200).optional().describe("Enterprises with a product in this group."),
};
/** The filters as a saved view stores them (no text search in a view's name; q is kept). */
export const DirectoryFilters = z.strictObject(DirectoryFilterFields);
export type DirectoryFilter = z.infer<typeof DirectoryFilters>;

/** GET /directory: filters (or a saved view's, by viewId, which the other filters narrow), a page. */
export const DirectoryQuery = z.strictObject({
  ...DirectoryFilterFields,
  viewId: Id.optional().describe("Open a saved view: its filters apply, and any given here narrow them."),
  ...Paging,
});
export type DirectoryQueryInput = z.infer<typeof DirectoryQuery>;

/** GET /directory/export.xlsx: the same filters, no paging; lang picks the sheet's language. */
export const DirectoryExportQuery = z.strictObject({
  ...DirectoryFilterFields,
  viewId: Id.optional(),
  lang: Locale.optional(),
});
export type DirectoryExportQueryInput = z.infer<typeof DirectoryExportQuery>;

/** One row of the directory: what a list shows of any kind of actor. */
export const DirectoryItemOut = z.object({
  id: z.string(),
  kind: ActorKind,
  name: z.string(),
  provinceCode: S,
  city: S,
  /** Enterprises: product names in order (at most 5). */
  products: z.array(z.string()),
  /** Enterprises. */
  sizeClass: SizeClass.nullable(),
  /** People. */
  skills: z.array(Skill),
  /** People: the enterprise they work for. */
  enterpriseId: S,
  enterpriseName: S,
  /** Institutions. */
  institutionKind: InstitutionKind.nullable(),
  /** With a clusterId filter: the status in that cluster (people through their enterprise: its status). */
  status: MembershipStatus.nullable(),
});
export type DirectoryItem = z.infer<typeof DirectoryItemOut>;

/** GET /directory: a page, the (capped, when searching) total. */
export const DirectoryPageOut = searchPageOf(DirectoryItemOut);

// ----------------------------------------------------------------- saved views

/** POST /clusters/{id}/views: a named filter of the cluster's directory (e.g. the designer database). */
export const SavedViewInput = z.strictObject({
  name: ShortText.describe("e.g. «بانک اطلاعات طراحان»."),
  filters: DirectoryFilters.omit({ clusterId: true }).describe(
    "The directory filters; the view's cluster is always its own.",
  ),
});
export type SavedViewCreate = z.infer<typeof SavedViewInput>;

export const SavedViewOut = z.object({
  id: z.string(),
  clusterId: z.string(),
  clusterName: z.string(),
  name: z.string(),
  /** The filters, clusterId included. */
  filters: DirectoryFilters,
  createdBy: S,
  createdByName: S,
  createdAt: z.string(),
  /** The caller may delete it (its author, or who may manage people in the cluster). */
  canDelete: z.boolean(),
});
export type SavedView = z.infer<typeof SavedViewOut>;

/** GET /clusters/{id}/views. */
export const SavedViewsOut = pageOf(SavedViewOut);

// ----------------------------------------------------------------- partner search

/** Province codes separated by commas (IR-26,IR-23): several provinces at once. */
export const ProvinceCodeList = z
  .string()
  .regex(/^IR-\d{2}(,IR-\d{2}){0,31}$/)
  .transform((s) => [...new Set(s.split(","))])
  .describe("One or more province codes separated by commas, e.g. IR-26,IR-23 (Qazvin or Tehran).");

/** GET /partners: published enterprises across every cluster. */
export const PartnerQuery = z.strictObject({
  q: SearchText.optional().describe("Search over name, products and city (e.g. «فیلم پلیمری»)."),
  provinceCodes: ProvinceCodeList.optional(),
  productGroup: z.string().trim().min(1).max(200).optional(),
  ...Paging,
});
export type PartnerQueryInput = z.infer<typeof PartnerQuery>;

/**
 * A published enterprise as anyone outside its clusters sees it: name, kind,
 * province and city always, every other field only when the enterprise
 * chose to publish it (else null, or an empty list).
 */
export const PartnerOut = z.object({
  id: z.string(),
  kind: z.literal("enterprise"),
  name: z.string(),
  provinceCode: S,
  city: S,
  publishedFields: z.array(PublishableField),
  products: z.array(z.object({ name: z.string(), productGroup: S })),
  capacity: N,
  capacityUnit: S,
  certificates: S,
  exportMarkets: S,
  phone: S,
  email: S,
  website: S,
  address: S,
  employees: N,
  /** The caller already expressed interest in it today (the button is then disabled). */
  interestSentToday: z.boolean(),
});
export type Partner = z.infer<typeof PartnerOut>;

export const PartnerPageOut = searchPageOf(PartnerOut);

/** POST /partners/{id}/interest: a short message to the enterprise's people and its clusters' managers. */
export const InterestInput = z.strictObject({
  message: z.string().trim().min(1).max(1000).describe("What the sender is interested in and how to reach them."),
});

export const InterestOut = z.object({
  id: z.string(),
  /** How many users were notified (the enterprise's member users and its clusters' managers). */
  notified: z.number(),
  createdAt: z.string(),
});
