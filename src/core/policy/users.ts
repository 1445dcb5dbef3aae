import { definePolicy } from "./define";

/** People and their role grants. Who may manage whom beyond these rows: canManageUser() in permissions.ts. */
export const usersPolicy = definePolicy({
  "user.read": { province_admin: "province" },
  "user.manage": { province_admin: "province" },
  "grant.manage": { province_admin: "province" },
});
