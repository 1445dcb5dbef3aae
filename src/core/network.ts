/** The network module's fixed lists, shared by the server, the API schemas and the web app. */

/** How two actors are linked: read "from … to", e.g. A supplies B. */
export const RELATIONSHIP_TYPES = [
  "supplies",
  "buys_from",
  "subcontracts_for",
  "member_of",
  "cooperates_with",
  "represents",
] as const;
export type RelationshipType = (typeof RELATIONSHIP_TYPES)[number];

/** Where a link was learnt: the diagnostic study's interviews, a survey, or a joint action seen to happen. */
export const RELATIONSHIP_SOURCES = ["diagnostic_interview", "survey", "observed_joint_action"] as const;
export type RelationshipSource = (typeof RELATIONSHIP_SOURCES)[number];
