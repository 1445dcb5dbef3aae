import { definePolicy } from "./define";

export const planningPolicy = definePolicy({
  // The study, the plans and the council's meetings are read by those who run and steer the cluster.
  "planning.read": { province_admin: "province", cluster_manager: "cluster", council_member: "cluster" },
  // The cluster's office (its manager, the development agent) writes the study and drafts the plans.
  "planning.edit": { province_admin: "province", cluster_manager: "cluster" },
  // Council members read a submitted plan and comment on it from their own account.
  "planning.comment": { province_admin: "province", cluster_manager: "cluster", council_member: "cluster" },
  // The council's secretariat records its meetings, attendance and decisions, and its quorum rule.
  "planning.council": { province_admin: "province", cluster_manager: "cluster" },
  // A province's own intervention areas.
  "planning.areas": { province_admin: "province" },
});
