import { definePolicy } from "./define";

export const feasibilityPolicy = definePolicy({
  // Feasibility studies and prioritisation are the province's own work.
  "feasibility.manage": { province_admin: "province" },
});
