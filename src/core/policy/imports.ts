import { definePolicy } from "./define";

/** Importing enterprises and people from spreadsheets into a cluster. */
export const importsPolicy = definePolicy({
  "import.run": { province_admin: "province", cluster_manager: "cluster" },
});
