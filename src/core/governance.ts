/** Governance bodies and the roles their members hold (DOMAIN: "Who takes part"). */
export const GOVERNANCE_BODIES = ["provincial_committee", "steering_council"] as const;
export type GovernanceBody = (typeof GOVERNANCE_BODIES)[number];

/** In the order members are listed: chair first. */
export const GOVERNANCE_ROLES = [
  "chair",
  "secretary",
  "union_representative",
  "association_representative",
  "expert",
  "enterprise_representative",
  "government_representative",
  "member",
] as const;
export type GovernanceRole = (typeof GOVERNANCE_ROLES)[number];
