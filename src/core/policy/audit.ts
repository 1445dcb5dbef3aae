import { definePolicy } from "./define";

export const auditPolicy = definePolicy({
  "audit.read": { province_admin: "province" },
});
