/** The health check (modules/health). */
import { z } from "zod";

export const HealthOut = z.object({
  status: z.enum(["ok", "degraded"]),
  database: z.object({ dialect: z.string(), ok: z.boolean(), latencyMs: z.number().nullable() }),
});
