import { definePolicy } from "./define";

export const notificationsPolicy = definePolicy({
  "outbox.read": { province_admin: "province" },
  // Resending a province's failed mail.
  "outbox.manage": { province_admin: "province" },
});
