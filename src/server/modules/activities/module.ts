import { defineModule } from "../module";
import { activityScope } from "./files";
import { offerExpiryJob } from "./jobs";
import * as m0026 from "./migrations/0026_activities";
import * as m0027 from "./migrations/0027_activities_registrations";
import * as m0028 from "./migrations/0028_activities_attendance";
import * as m0029 from "./migrations/0029_activities_beneficiaries";
import * as m0030 from "./migrations/0030_activities_public_registration";
import * as m0031 from "./migrations/0031_activities_feeds";
import { activitiesRoutes } from "./routes";

export const activitiesModule = defineModule({
  name: "activities",
  apiTags: [
    {
      name: "activities",
      description:
        "A cluster's activities — training courses, industrial tours, exhibitions, meetings and briefings, conferences, workshops, start-up events, market studies, research, publications and consultancy — with their kind's details, sessions, cost shares and the action plan's programme they serve; listed, shown by Jalali month and copied as templates; registrations with capacity, a waiting list whose freed seats are offered in turn, and moderation.",
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
    "already_registered",
    "activity_closed",
    "unknown_person",
    "offer_expired",
    "registration_not_live",
    "registration_not_offered",
    "registration_not_pending",
    "not_registered",
    "not_checked_in",
    "not_training",
    "certificate_settings_required",
    "attendance_rule_not_met",
    "certificate_not_found",
    "public_registration_closed",
    "registration_status_unknown",
    "answer_required",
    "answer_not_number",
    "answer_not_option",
    "unknown_question",
    "question_options_required",
    "question_id_duplicate",
    "not_attended",
    "survey_code_unknown",
  ],
  auditActions: [
    "activities.activity.create",
    "activities.activity.update",
    "activities.activity.remove",
    "activities.activity.copy",
    "activities.registration.create",
    "activities.registration.cancel",
    "activities.registration.offer",
    "activities.registration.accept_offer",
    "activities.registration.offer_expire",
    "activities.registration.decide",
    "activities.attendance.check_in",
    "activities.attendance.update",
    "activities.attendance.undo",
    "activities.attendance.walk_in",
    "activities.certificate.settings",
    "activities.certificate.issue",
    "activities.certificate.mail",
    "activities.feed.rotate",
    "activities.attachment.remove",
    "activities.public_registration.update",
    "activities.survey.answer",
  ],
  mailTemplates: ["activity_seat_offered", "activity_certificate", "activity_registration_confirmed"],
  attachmentOwners: {
    // Photos of the event and its documents: programme, slides, the list of attendees, the report.
    activity: { scope: activityScope, read: "activities.read", write: "activities.manage" },
  },
  jobs: [offerExpiryJob],
  migrations: {
    "0026_activities": m0026,
    "0027_activities_registrations": m0027,
    "0028_activities_attendance": m0028,
    "0029_activities_beneficiaries": m0029,
    "0030_activities_public_registration": m0030,
    "0031_activities_feeds": m0031,
  },
  benchData: () => import(new URL("./bench-data.ts", import.meta.url).href) as Promise<typeof import("./bench-data")>,
  benchScenarios: () =>
    import(new URL("./bench-scenarios.ts", import.meta.url).href) as Promise<typeof import("./bench-scenarios")>,
});
