import { definePolicy } from "./define";

/**
 * Enterprises, people and institutions. A record in several clusters is
 * checked against each of its memberships (authorizeAny): the manager of any
 * cluster it belongs to may act on it.
 */
export const membersPolicy = definePolicy({
  "enterprise.read": {
    province_admin: "province",
    cluster_manager: "cluster",
    council_member: "cluster",
    member: "enterprise",
  },
  // A member user edits their own enterprise's profile; the cluster's manager edits any in the cluster.
  "enterprise.update": { province_admin: "province", cluster_manager: "cluster", member: "enterprise" },
  "enterprise.create": { province_admin: "province", cluster_manager: "cluster" },
  // Status in a cluster (applicant, member, suspended, left): the cluster's office decides.
  "membership.manage": { province_admin: "province", cluster_manager: "cluster" },
  // People: an enterprise's own staff are the member's to read and keep.
  "person.read": {
    province_admin: "province",
    cluster_manager: "cluster",
    council_member: "cluster",
    member: "enterprise",
  },
  "person.manage": { province_admin: "province", cluster_manager: "cluster", member: "enterprise" },
  // The cluster's suppliers, unions, banks, …: every member of the cluster may see who they are.
  "institution.read": {
    province_admin: "province",
    cluster_manager: "cluster",
    council_member: "cluster",
    member: "cluster",
  },
  "institution.manage": { province_admin: "province", cluster_manager: "cluster" },
  // Phones, mobiles and national IDs of people: only the offices that contact them.
  "personal.read": { province_admin: "province", cluster_manager: "cluster" },
  // Published profiles across every cluster, and "express interest": anyone signed in with a role.
  "partner.search": {
    province_admin: "province",
    cluster_manager: "cluster",
    council_member: "cluster",
    member: "enterprise",
  },
});
