import { definePolicy } from "./define";

export const governancePolicy = definePolicy({
  "governance.read": { province_admin: "province", cluster_manager: "cluster", council_member: "cluster" },
  // Council seats carry the council_member role, so only those who grant roles manage them.
  "governance.manage": { province_admin: "province" },
});
