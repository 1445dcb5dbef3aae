/**
 * The activities module's API shapes in the browser: z.infer of the
 * server's own schemas (src/core/schemas/activities.ts), imported as types
 * only, so no zod code reaches the bundle through this file.
 */
import type { z } from "zod";
import type {
  ActivitiesOut,
  ActivityInput,
  ActivityOut,
  CalendarOut,
  RegistrationOut,
  RegistrationsOut,
  SessionOut,
} from "../../../core/schemas/activities";

export type Activity = z.infer<typeof ActivityOut>;
export type ActivityListItem = z.infer<typeof ActivitiesOut>["items"][number];
export type ActivitySession = z.infer<typeof SessionOut>;
export type Calendar = z.infer<typeof CalendarOut>;
export type CalendarActivity = Calendar["activities"][number];
export type Registration = z.infer<typeof RegistrationOut>;
export type RegistrationPage = z.infer<typeof RegistrationsOut>;
export type ActivityBody = z.input<typeof ActivityInput>;
