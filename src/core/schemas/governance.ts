/**
 * Governance bodies (modules/governance): a province's coordination
 * committee and a cluster's steering council, and their members' seats.
 */
import { z } from "zod";
import { GOVERNANCE_BODIES, GOVERNANCE_ROLES } from "../governance";
import { Id, IsoDate, PersonName, ProvinceCode, pageOf, QueryBool } from "./common";

export const GovernanceRoleSchema = z.enum(GOVERNANCE_ROLES);
const Organisation = z.string().trim().max(200);

/** A seat: who, for whom, in which role, for which term, and the account it is linked to. */
export const MemberInput = z.strictObject({
  personName: PersonName,
  organisation: Organisation.nullish(),
  role: GovernanceRoleSchema,
  fromDate: IsoDate,
  /** The term's last day; none while it runs. */
  toDate: IsoDate.nullish(),
  userId: Id.nullish(),
});
/** PATCH: the given fields only (end a term with toDate). */
export const MemberUpdateInput = MemberInput.partial();

export const MemberOut = z.object({
  id: z.string(),
  body: z.enum(GOVERNANCE_BODIES),
  provinceCode: z.string(),
  clusterId: z.string().nullable(),
  personName: z.string(),
  organisation: z.string().nullable(),
  role: GovernanceRoleSchema,
  fromDate: z.string(),
  toDate: z.string().nullable(),
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  /** The council_member grant this seat gave, while it exists. */
  grantId: z.string().nullable(),
  active: z.boolean(),
});
export const MembersOut = pageOf(MemberOut);

/** Current members only (active=true) or past ones only (false). */
export const MemberListQuery = z.strictObject({ active: QueryBool.optional() });

/** /provinces/:code/committee/:memberId: a seat on the province's committee. */
export const CommitteeMemberParams = z.strictObject({ code: ProvinceCode, memberId: Id });
/** /clusters/:id/council/:memberId: a seat on the cluster's council. */
export const CouncilMemberParams = z.strictObject({ id: Id, memberId: Id });
