import { defineModule } from "../module";
import { attachmentRoutes } from "./routes";

export const attachmentsModule = defineModule({
  name: "attachments",
  apiTags: [
    {
      name: "attachments",
      description:
        "Files attached to clusters and to life-cycle steps: PDF, Office documents and images, checked by their content, downloadable by whoever may read the owner.",
    },
  ],
  routes: attachmentRoutes,
  errorCodes: [
    "file_missing",
    "file_too_large",
    "file_type_not_allowed",
    "file_type_mismatch",
    "multipart_invalid",
    "too_many_files",
    "too_many_parts",
  ],
  auditActions: ["attachment.add"],
});
