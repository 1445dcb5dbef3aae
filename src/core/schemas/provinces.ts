/** Reference data: the provinces (modules/provinces). */
import { z } from "zod";

export const ProvinceOut = z.object({ code: z.string(), nameFa: z.string(), nameEn: z.string() });
