import { definePolicy } from "./define";

export const activitiesPolicy = definePolicy({
  // A cluster's activities are read by those who run and steer it and by its member enterprises' people.
  "activities.read": {
    province_admin: "province",
    cluster_manager: "cluster",
    council_member: "cluster",
    member: "cluster",
  },
  // The cluster's office records, changes, copies and removes them.
  "activities.manage": { province_admin: "province", cluster_manager: "cluster" },
  // A province's beneficiary figures across its clusters: its admins (and national admins).
  "activities.figures.province": { province_admin: "province" },
});
