import { definePolicy } from "./define";

export const clustersPolicy = definePolicy({
  "cluster.read": {
    province_admin: "province",
    cluster_manager: "cluster",
    council_member: "cluster",
    member: "cluster",
  },
  "cluster.create": { province_admin: "province" },
  "cluster.update": { province_admin: "province", cluster_manager: "cluster" },
  // The agent's and supervisor's contracts are the province's to record, not the agent's.
  "contract.manage": { province_admin: "province" },
});
