import { defineModule } from "../module";
import { importJob } from "./jobs";
import * as m0018 from "./migrations/0018_imports";
import { importRoutes } from "./routes";

export const importsModule = defineModule({
  name: "imports",
  apiTags: [
    {
      name: "imports",
      description:
        "Importing a cluster's enterprises and people from the .xlsx and .csv files offices keep: upload, pick the sheet and header row, map columns, dry run with every problem by row and column, import as a job with progress, the outcome of every row and the failed rows back as a workbook.",
    },
  ],
  routes: importRoutes,
  errorCodes: [
    "import_not_spreadsheet",
    "import_empty_file",
    "import_sheet_not_found",
    "import_header_row_not_found",
    "import_required_column_missing",
    "import_mapping_invalid",
    "import_field_not_of_kind",
    "import_column_not_found",
    "import_column_twice",
    "import_busy",
    "import_not_checked",
    "import_job_failed",
  ],
  auditActions: ["import.upload", "import.run"],
  jobs: [importJob],
  migrations: { "0018_imports": m0018 },
});
