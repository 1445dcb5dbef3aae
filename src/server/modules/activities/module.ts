import { defineModule } from "../module";
import * as m0026 from "./migrations/0026_activities";
import { activitiesRoutes } from "./routes";

export const activitiesModule = defineModule({
  name: "activities",
  apiTags: [
    {
      name: "activities",
      description:
        "A cluster's activities — training courses, industrial tours, exhibitions, meetings and briefings, conferences, workshops, start-up events, market studies, research, publications and consultancy — with their kind's details, sessions, cost shares and the action plan's programme they serve; listed, shown by Jalali month and copied as templates.",
    },
  ],
  routes: activitiesRoutes,
  errorCodes: [
    "session_outside_activity",
    "activity_shares_mismatch",
    "unknown_programme",
    "unknown_trainer",
    "unknown_exhibitor",
    "unknown_session",
    "not_month_start",
  ],
  auditActions: [
    "activities.activity.create",
    "activities.activity.update",
    "activities.activity.remove",
    "activities.activity.copy",
  ],
  migrations: { "0026_activities": m0026 },
});
