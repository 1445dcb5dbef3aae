/**
 * The members module's fixed lists and rules, shared by the server, the API
 * schemas and the web app. Pure: no Node or server code.
 */

/** Who takes part in a cluster: a business, a person, or any other organisation. */
export const ACTOR_KINDS = ["enterprise", "person", "institution"] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

/** An actor's place in a cluster: enterprises apply, become members, may be suspended or leave. */
export const MEMBERSHIP_STATUSES = ["applicant", "member", "suspended", "left"] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

/** The stakeholders the Isfahan report names, besides the member enterprises. */
export const INSTITUTION_KINDS = [
  "supplier",
  "subcontractor",
  "buyer",
  "exporter",
  "machinery_supplier",
  "support_institution",
  "consultant",
  "union",
  "mutual_help_group",
  "cooperative",
  "private_association",
  "public_service",
  "transport",
  "financial_institution",
] as const;
export type InstitutionKind = (typeof INSTITUTION_KINDS)[number];

/** What people in a cluster do; "designer" makes the designer database (Khorasan clothing). */
export const SKILLS = [
  "designer",
  "pattern_maker",
  "trainer",
  "consultant",
  "researcher",
  "technician",
  "marketer",
  "export_specialist",
  "craftsperson",
  "manager",
] as const;
export type Skill = (typeof SKILLS)[number];

export const LEGAL_FORMS = [
  "private_joint_stock",
  "public_joint_stock",
  "limited_liability",
  "cooperative",
  "sole_proprietor",
  "guild_workshop",
  "other",
] as const;
export type LegalForm = (typeof LEGAL_FORMS)[number];

/**
 * Size classes by employees (industrial and guild together). The thresholds
 * are shown beside the field, so whoever reads the class knows what it means.
 */
export const SIZE_CLASSES = [
  { id: "micro", min: 1, max: 9 },
  { id: "small", min: 10, max: 49 },
  { id: "medium", min: 50, max: 99 },
  { id: "large", min: 100, max: null },
] as const;
export type SizeClass = (typeof SIZE_CLASSES)[number]["id"];

/** The class of an enterprise with this many employees; null when the count is unknown or zero. */
export function sizeClassOf(employees: number | null | undefined): SizeClass | null {
  if (employees == null || employees < 1) return null;
  for (const c of SIZE_CLASSES) if (c.max === null || employees <= c.max) return c.id;
  return null;
}

/**
 * The fields an actor may choose to publish to those outside its clusters
 * (partner search across clusters, the portal later). The name, kind,
 * province and city are always public once the profile is published.
 */
export const PUBLISHABLE_FIELDS = [
  "products",
  "capacity",
  "certificates",
  "exportMarkets",
  "phone",
  "email",
  "website",
  "address",
  "employees",
] as const;
export type PublishableField = (typeof PUBLISHABLE_FIELDS)[number];
