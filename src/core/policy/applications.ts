import { definePolicy } from "./define";

/** Membership applications from the public form, and the member accounts they lead to. */
export const applicationsPolicy = definePolicy({
  "application.review": { province_admin: "province", cluster_manager: "cluster" },
  // A cluster's manager invites the member user of an enterprise in the cluster (no other account power).
  "member.invite": { province_admin: "province", cluster_manager: "cluster" },
});
