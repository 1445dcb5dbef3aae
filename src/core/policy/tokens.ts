import { definePolicy } from "./define";

/** A token also needs grant.manage for its grant: tokenGrantHolds() in permissions.ts. */
export const tokensPolicy = definePolicy({
  "token.manage": { province_admin: "province" },
});
