import { definePolicy } from "./define";

/**
 * The cluster's network of relationships. Who buys from whom is trust the
 * office has gathered in interviews, so member enterprises do not see it;
 * the council does.
 */
export const networkPolicy = definePolicy({
  "network.read": { province_admin: "province", cluster_manager: "cluster", council_member: "cluster" },
  "relationship.manage": { province_admin: "province", cluster_manager: "cluster" },
});
