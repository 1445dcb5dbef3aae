/** Files attached to records (modules/attachments). */
import { z } from "zod";

export const AttachmentOut = z.object({
  id: z.string(),
  fileName: z.string(),
  mime: z.string(),
  size: z.number(),
  createdAt: z.string(),
});
