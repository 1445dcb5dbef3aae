import type messages from "../../locales/fa/imports.json";
import { defineWebModule } from "../../modules/module";

/**
 * Importing a cluster's enterprises and people from spreadsheets: the upload
 * on the cluster's page, and a page per run that walks through the sheet and
 * header row, the column mapping, the dry run, the import and its result.
 */
export const importsWeb = defineWebModule<typeof messages>()({
  name: "imports",
  routes: [{ path: "imports/:id", page: () => import("./ImportPage"), action: "import.run" }],
  clusterSections: [
    {
      id: "imports",
      order: 60,
      wide: true,
      // import.run is granted exactly where cluster.update is (its manager, its province, national admins).
      visible: (c) => c.can.update,
      component: () => import("./ImportsSection"),
    },
  ],
});
