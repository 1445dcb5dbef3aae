/**
 * Activities (modules/activities): a cluster's trainings, tours,
 * exhibitions, meetings, events, studies and publications, with their
 * sessions, cost shares and the programme of the action plan they serve.
 */
import { z } from "zod";
import {
  ACTIVITY_KINDS,
  ACTIVITY_STATUSES,
  EXHIBITION_FORMS,
  MEETING_RECURRENCES,
  PUBLICATION_FORMS,
  TOUR_SCOPES,
  TRAINING_MODES,
} from "../activities";
import { COST_SHARES } from "../planning";
import { MobileNumber } from "./applications";
import { AttachmentOut } from "./attachments";
import { Email, Id, IsoDate, Paging, PersonName, ProvinceCode, pageOf, QueryBool, queryInt } from "./common";

const Title = z.string().trim().min(1).max(300);
const LongText = z.string().trim().max(10_000);
const ShortText = z.string().trim().max(300);
/** Rials: a whole, non-negative amount below 10^15 (exact in JSON numbers). */
const Rials = z.number().int().min(0).max(999_999_999_999_999);
/** A time of day, "HH:MM" (24 hours). */
export const TimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const Capacity = z.number().int().min(1).max(1_000_000);

export const ActivityKindSchema = z.enum(ACTIVITY_KINDS);
export const ActivityStatusSchema = z.enum(ACTIVITY_STATUSES);

export const ActivityCostShares = z.strictObject(
  Object.fromEntries(COST_SHARES.map((k) => [k, Rials])) as Record<(typeof COST_SHARES)[number], typeof Rials>,
);

export const TrainingDetails = z.strictObject({
  hours: z.number().min(0.5).max(10_000),
  mode: z.enum(TRAINING_MODES),
  /** A person of the members' directory the caller can see. */
  trainerId: Id.nullish(),
});
export const TourDetails = z.strictObject({
  scope: z.enum(TOUR_SCOPES),
  destinations: z.array(z.string().trim().min(1).max(200)).min(1).max(50),
});
export const ExhibitionDetails = z.strictObject({
  name: Title,
  form: z.enum(EXHIBITION_FORMS),
  areaM2: z.number().min(0).max(1_000_000).nullish(),
  /** Member enterprises of the cluster exhibiting. */
  enterpriseIds: z.array(Id).max(500).default([]),
});
export const MarketStudyDetails = z.strictObject({
  /** ISO 3166-1 alpha-2 codes of the countries studied (CN, BD, TR). */
  countries: z
    .array(z.string().regex(/^[A-Z]{2}$/))
    .min(1)
    .max(100),
});
export const PublicationDetails = z.strictObject({ form: z.enum(PUBLICATION_FORMS) });
export const MeetingDetails = z.strictObject({ recurrence: z.enum(MEETING_RECURRENCES) });
const NoDetails = z.strictObject({}).default({});

export const SessionInput = z.strictObject({
  /** A session of this activity's to keep (its registrations and check-ins stay with it); new without. */
  id: Id.optional(),
  startsOn: IsoDate,
  startTime: TimeOfDay.nullish(),
  endTime: TimeOfDay.nullish(),
  place: ShortText.nullish(),
  capacity: Capacity.nullish(),
});

const common = {
  title: Title,
  description: LongText.nullish(),
  online: z.boolean().default(false),
  place: ShortText.nullish(),
  onlineLink: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .nullish(),
  startDate: IsoDate,
  endDate: IsoDate,
  /** A programme of the cluster's action plans that the activity serves. */
  programmeId: Id.nullish(),
  organiser: ShortText.nullish(),
  capacity: Capacity.nullish(),
  costRials: Rials.default(0),
  /** Must add up to costRials. */
  shares: ActivityCostShares.default({ national: 0, province: 0, members: 0, others: 0 }),
  status: ActivityStatusSchema.default("planned"),
  /** The activity's sessions, in order; the list replaces the activity's sessions. */
  sessions: z.array(SessionInput).max(200).default([]),
  /** New registrations wait for the manager's decision (pending → accepted or rejected). */
  moderated: z.boolean().default(false),
  /** Hours a freed seat is offered to the next on the waiting list before it passes on. */
  offerHours: z.number().int().min(1).max(720).default(48),
};

/** POST /clusters/:id/activities and PUT /activities/:id: the whole activity, its details by kind. */
export const ActivityInput = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("training"), details: TrainingDetails, ...common }),
  z.strictObject({ kind: z.literal("tour"), details: TourDetails, ...common }),
  z.strictObject({ kind: z.literal("exhibition"), details: ExhibitionDetails, ...common }),
  z.strictObject({ kind: z.literal("meeting"), details: MeetingDetails, ...common }),
  z.strictObject({ kind: z.literal("conference"), details: NoDetails, ...common }),
  z.strictObject({ kind: z.literal("workshop"), details: NoDetails, ...common }),
  z.strictObject({ kind: z.literal("startup_event"), details: NoDetails, ...common }),
  z.strictObject({ kind: z.literal("market_study"), details: MarketStudyDetails, ...common }),
  z.strictObject({ kind: z.literal("research"), details: NoDetails, ...common }),
  z.strictObject({ kind: z.literal("publication"), details: PublicationDetails, ...common }),
  z.strictObject({ kind: z.literal("consultancy"), details: NoDetails, ...common }),
]);
export type ActivityInputT = z.infer<typeof ActivityInput>;

/** POST /activities/:id/copy: a template copy on new dates (the end as long after as the original's by default). */
export const ActivityCopyInput = z.strictObject({
  startDate: IsoDate,
  endDate: IsoDate.optional(),
  title: Title.optional(),
});

/** The kind's fields, those of its kind only. */
export const ActivityDetailsOut = z.object({
  hours: z.number().optional(),
  mode: z.enum(TRAINING_MODES).optional(),
  trainerId: z.string().nullable().optional(),
  trainerName: z.string().nullable().optional(),
  scope: z.enum(TOUR_SCOPES).optional(),
  destinations: z.array(z.string()).optional(),
  name: z.string().optional(),
  form: z.enum([...EXHIBITION_FORMS, ...PUBLICATION_FORMS]).optional(),
  areaM2: z.number().nullable().optional(),
  enterpriseIds: z.array(z.string()).optional(),
  countries: z.array(z.string()).optional(),
  recurrence: z.enum(MEETING_RECURRENCES).optional(),
});

export const SessionOut = z.object({
  id: z.string(),
  activityId: z.string(),
  startsOn: z.string(),
  startTime: z.string().nullable(),
  endTime: z.string().nullable(),
  place: z.string().nullable(),
  capacity: z.number().nullable(),
});

export const ActivityBrief = z.object({
  id: z.string(),
  clusterId: z.string(),
  clusterName: z.string(),
  provinceCode: z.string(),
  kind: ActivityKindSchema,
  title: z.string(),
  online: z.boolean(),
  place: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string(),
  programmeId: z.string().nullable(),
  status: ActivityStatusSchema,
  capacity: z.number().nullable(),
});
/** A row of GET /activities: the brief with its seats held and its waiting list's length. */
export const ActivityListItem = ActivityBrief.extend({
  /** Whole-activity seats held (accepted and offered registrations). */
  seatsTaken: z.number(),
  /** Registrations on the waiting list, the activity's and its sessions'. */
  waiting: z.number(),
});
export const ActivitiesOut = pageOf(ActivityListItem);

export const ActivityAbilitiesOut = z.object({ manage: z.boolean() });

export const ActivityOut = ActivityBrief.extend({
  description: z.string().nullable(),
  onlineLink: z.string().nullable(),
  programmeTitle: z.string().nullable(),
  organiser: z.string().nullable(),
  costRials: z.number(),
  shares: z.object({ national: z.number(), province: z.number(), members: z.number(), others: z.number() }),
  details: ActivityDetailsOut,
  sessions: z.array(SessionOut),
  /** Its photos and documents, newest first (downloadAttachment gives one). */
  attachments: z.array(AttachmentOut),
  moderated: z.boolean(),
  offerHours: z.number(),
  /** Whole-activity seats held (accepted and offered registrations). */
  seatsTaken: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  can: ActivityAbilitiesOut,
});

export const ActivityListQuery = z.strictObject({
  clusterId: Id.optional(),
  provinceCode: ProvinceCode.optional(),
  kind: ActivityKindSchema.optional(),
  programmeId: Id.optional(),
  /** Activities ending on or after this day. */
  from: IsoDate.optional(),
  /** Activities starting on or before this day. */
  to: IsoDate.optional(),
  /**
   * Activities this enterprise has a live registration in (pending, accepted,
   * waitlisted, offered): the caller's own enterprise as a member's user, or
   * any in the clusters the caller manages.
   */
  registeredEnterprise: Id.optional(),
  /** Only activities still taking registrations: planned and not yet ended. */
  open: QueryBool.optional(),
  ...Paging,
});

/** GET /clusters/:id/activities/calendar?month=: the first day of a Jalali month, as an ISO date. */
export const CalendarQuery = z.strictObject({ month: IsoDate });
export const CalendarOut = z.object({
  from: z.string(),
  to: z.string(),
  activities: z.array(ActivityBrief),
  sessions: z.array(SessionOut),
});

// ----------------------------------------------------------------- registrations

export const REGISTRATION_STATUSES = ["pending", "accepted", "waitlisted", "offered", "rejected", "cancelled"] as const;
export const RegistrationStatusSchema = z.enum(REGISTRATION_STATUSES);

/** A person of the members' directory, or (the cluster's managers only) a free name and mobile. */
export const RegistrantInput = z.union([
  z.strictObject({ personId: Id }),
  z.strictObject({ name: PersonName, mobile: z.string().regex(/^09\d{9}$/) }),
]);

/** POST /activities/:id/registrations: several people at once, for the whole activity or one session. */
export const RegistrationInput = z.strictObject({
  /** One of the activity's sessions; without, the whole activity. */
  sessionId: Id.nullish(),
  people: z.array(RegistrantInput).min(1).max(100),
});

/** POST /registrations/:id/decide: a moderated registration accepted, or rejected with a reason. */
export const RegistrationDecisionInput = z.strictObject({
  decision: z.enum(["accept", "reject"]),
  reason: z.string().trim().max(1000).nullish(),
});

/** POST /registrations/:id/cancel: the reason is optional. */
export const RegistrationCancelInput = z.strictObject({ reason: z.string().trim().max(1000).nullish() }).default({});

export const RegistrationOut = z.object({
  id: z.string(),
  activityId: z.string(),
  sessionId: z.string().nullable(),
  personId: z.string().nullable(),
  name: z.string(),
  mobile: z.string().nullable(),
  enterpriseId: z.string().nullable(),
  status: RegistrationStatusSchema,
  reason: z.string().nullable(),
  /** Until when an offered seat can be taken. */
  offeredUntil: z.string().nullable(),
  /** The place on the waiting list (lower first). */
  position: z.number().nullable(),
  /** A public registrant's own e-mail. */
  email: z.string().nullable(),
  /** A public registrant's answers to the form's questions, by question id (null: none asked). */
  answers: z.record(z.string(), z.string()).nullable(),
  createdAt: z.string(),
});
export const RegistrationsOut = pageOf(RegistrationOut);
export const RegistrationBatchOut = z.object({ items: z.array(RegistrationOut) });

export const RegistrationListQuery = z.strictObject({
  status: RegistrationStatusSchema.optional(),
  sessionId: Id.optional(),
  ...Paging,
});

// ----------------------------------------------------------------- calendar files, feeds, exports (H2b)

/** POST /clusters/:id/calendar-feed: the caller's private feed address (a new one each call; the old stops). */
export const CalendarFeedOut = z.object({ url: z.string() });

/** GET /feeds/activities/:token.ics: the feed's private token (43 characters, base64url). */
export const FeedParams = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/) });

/** GET /clusters/:id/activities.xlsx?year=: a Jalali year (1300–1500). */
export const ActivityYearExportQuery = z.strictObject({ year: queryInt(1300, 1499) });

/** DELETE /activities/:id/attachments/:attachmentId. */
export const ActivityAttachmentParams = z.strictObject({ id: Id, attachmentId: Id });

// ----------------------------------------------------------------- attendance, tickets, certificates (H1a)

/** Hours attended in one check-in: up to a day, in quarter hours or finer. */
const AttendedHours = z.number().min(0).max(24);
/** A session of the activity; null or absent: an activity without sessions. */
const SessionRef = Id.nullish();

/** GET /activities/:id/check-in?session=&q=&page=&pageSize=. */
export const CheckInListQuery = z.strictObject({
  session: Id.optional(),
  /** Part of the name (compared in normalised Persian) or of the mobile number (any digits). */
  q: z.string().trim().max(100).optional(),
  page: queryInt(1, 100_000).default(1),
  pageSize: queryInt(1, 200).default(50),
});

export const CheckInRow = z.object({
  registrationId: z.string(),
  name: z.string(),
  mobile: z.string().nullable(),
  enterpriseName: z.string().nullable(),
  checkedIn: z.boolean(),
  /** Hours attended in this session (null: not checked in). */
  hours: z.number().nullable(),
  walkIn: z.boolean(),
  checkedInAt: z.string().nullable(),
});

export const CheckInListOut = z.object({
  items: z.array(CheckInRow),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  counts: z.object({ registered: z.number(), checkedIn: z.number(), walkIns: z.number() }),
});

/** The ticket's private code: what its QR code holds. */
export const CheckinCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{20,64}$/);

/** POST /activities/:id/check-ins: by the registration's id or by the code scanned from the ticket, not both. */
export const CheckInInput = z
  .strictObject({
    registrationId: Id.optional(),
    code: CheckinCode.optional(),
    sessionId: SessionRef,
    hours: AttendedHours.nullish(),
  })
  .refine((v) => (v.registrationId === undefined) !== (v.code === undefined), {
    message: "Give registrationId or code, one of them.",
    path: ["registrationId"],
  });

/** PATCH /activities/:id/check-ins/:registrationId: the hours attended of a check-in. */
export const CheckInUpdateInput = z.strictObject({ sessionId: SessionRef, hours: AttendedHours });

export const CheckInParams = z.strictObject({ id: Id, registrationId: Id });
/** DELETE /activities/:id/check-ins/:registrationId?session=. */
export const CheckInUndoQuery = z.strictObject({ session: Id.optional() });

/** POST /activities/:id/walk-ins: a person of the directory, or a free name and mobile (and their enterprise). */
export const WalkInInput = z
  .strictObject({
    sessionId: SessionRef,
    personId: Id.optional(),
    name: PersonName.optional(),
    mobile: z
      .string()
      .regex(/^09\d{9}$/)
      .optional(),
    enterpriseId: Id.optional(),
    hours: AttendedHours.nullish(),
  })
  .refine((v) => (v.personId ? !v.name && !v.mobile && !v.enterpriseId : !!v.name && !!v.mobile), {
    message: "Give personId, or name and mobile.",
    path: ["personId"],
  });

export const TicketOut = z.object({
  code: z.string(),
  /** The QR code of `code`, an SVG document. */
  qrSvg: z.string(),
  activityTitle: z.string(),
  name: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  place: z.string().nullable(),
  status: RegistrationStatusSchema,
});

export const Signatory = z.strictObject({ name: PersonName, title: z.string().trim().min(1).max(200) });
/** GET/PUT /activities/:id/certificate-settings: a training's attendance rule and who signs its certificates. */
export const CertificateSettings = z.strictObject({
  /** Share of the training's hours a person must attend for a certificate. */
  minAttendancePercent: z.number().int().min(1).max(100),
  signatories: z.array(Signatory).min(1).max(3),
});

export const CertificateRef = z.object({
  id: z.string(),
  code: z.string(),
  issuedAt: z.string(),
  mailedAt: z.string().nullable(),
});

export const CertificateListQuery = z.strictObject({
  page: queryInt(1, 100_000).default(1),
  pageSize: queryInt(1, 200).default(50),
});

export const CertificatesOut = z.object({
  settings: CertificateSettings.nullable(),
  /** Hours a person must attend: the rule's share of the training's hours. */
  hoursRequired: z.number(),
  items: z.array(
    z.object({
      registrationId: z.string(),
      name: z.string(),
      hoursAttended: z.number(),
      eligible: z.boolean(),
      certificate: CertificateRef.nullable(),
    }),
  ),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

/** POST /activities/:id/certificates: the given registrations, or all who met the rule; mailed when `mail`. */
export const CertificateIssueInput = z
  .strictObject({
    registrationIds: z.array(Id).min(1).max(500).optional(),
    allEligible: z.boolean().optional(),
    mail: z.boolean().default(false),
  })
  .refine((v) => (v.registrationIds !== undefined) !== (v.allEligible === true), {
    message: "Give registrationIds, or allEligible: true.",
    path: ["registrationIds"],
  });

export const CertificateIssueOut = z.object({
  issued: z.array(z.object({ id: z.string(), registrationId: z.string(), code: z.string(), issuedAt: z.string() })),
});

/** GET /public/certificates/:code: as typed from the paper (spaces, dashes, lower case, Persian digits allowed). */
export const CertificateCodeParams = z.strictObject({ code: z.string().max(60) });

export const CertificateVerifyOut = z.object({
  holder: z.string(),
  activityTitle: z.string(),
  clusterName: z.string(),
  hours: z.number(),
  /** The day it was issued (ISO date). */
  issuedOn: z.string(),
});

// ----------------------------------------------------------------- public registration link (H2a)

export const PUBLIC_QUESTION_KINDS = ["text", "number", "choice"] as const;
export const PublicQuestionKindSchema = z.enum(PUBLIC_QUESTION_KINDS);
/** A question's id: given back to keep its answers when the form is edited, else one is made. */
const QuestionId = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/);

export const PublicQuestionInput = z.strictObject({
  id: QuestionId.optional(),
  label: z.string().trim().min(1).max(300),
  kind: PublicQuestionKindSchema,
  /** A choice's options (at least one); ignored for the other kinds. */
  options: z.array(z.string().trim().min(1).max(200)).max(30).optional(),
  required: z.boolean(),
});

/** PUT /activities/:id/public-registration: the link open or closed, and the form's questions. */
export const PublicRegistrationSettingsInput = z.strictObject({
  open: z.boolean(),
  questions: z.array(PublicQuestionInput).max(20),
});

export const PublicQuestion = z.object({
  id: z.string(),
  label: z.string(),
  kind: PublicQuestionKindSchema,
  options: z.array(z.string()),
  required: z.boolean(),
});

/** The public link's settings; `token` and `url` are null until the link is first set up. */
export const PublicRegistrationSettings = z.object({
  open: z.boolean(),
  token: z.string().nullable(),
  url: z.string().nullable(),
  questions: z.array(PublicQuestion),
});

/** A public link's or a status page's private token: 32 random bytes, base64url. */
export const PublicTokenParams = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/) });

/** GET /public/activities/:token: what the public form shows. */
export const PublicActivityOut = z.object({
  title: z.string(),
  clusterName: z.string(),
  kind: ActivityKindSchema,
  description: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string(),
  place: z.string().nullable(),
  online: z.boolean(),
  /** Seats left for the whole activity (null: no limit). */
  seatsLeft: z.number().nullable(),
  /** True when no seat is left: a new registration joins the waiting list. */
  waitingList: z.boolean(),
  questions: z.array(PublicQuestion),
});

/** POST /public/activities/:token/registrations: the registrant and the answers by question id. */
export const PublicRegistrantInput = z.strictObject({
  name: PersonName,
  mobile: MobileNumber,
  email: Email.nullish(),
  enterpriseName: z.string().trim().max(200).nullish(),
  answers: z.record(QuestionId, z.string().trim().max(2000)).default({}),
});

export const PublicRegistrationReceipt = z.object({
  status: RegistrationStatusSchema,
  /** The private key of the status page, /registration#<statusToken>. */
  statusToken: z.string(),
});

/** GET /public/registrations/:token: the registrant's status page. */
export const PublicRegistrationStatusOut = z.object({
  activityTitle: z.string(),
  clusterName: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  place: z.string().nullable(),
  online: z.boolean(),
  /** The online meeting's link, once the seat is the registrant's. */
  onlineLink: z.string().nullable(),
  name: z.string(),
  status: RegistrationStatusSchema,
  /** The place in the waiting line (1: next), while waiting. */
  position: z.number().nullable(),
  offeredUntil: z.string().nullable(),
  /** The ticket with its QR code, while accepted. */
  ticket: TicketOut.nullable(),
});

// ----------------------------------------------------------------- beneficiaries and satisfaction survey (H1b)

/** A Jalali year in the query (the figures' year; default the current one). */
const JalaliYear = queryInt(1300, 1600);

/** The unique beneficiaries of an activity, a programme, a cluster or a province, and the survey's average. */
export const BeneficiaryFigures = z.object({
  people: z.number(),
  enterprises: z.number(),
  /** Unique within each kind: one person at a training and a tour counts once in each. */
  byKind: z.array(z.object({ kind: ActivityKindSchema, people: z.number(), enterprises: z.number() })),
  /** People by their role in the cluster when they attended (core/beneficiaries BENEFICIARY_ROLES). */
  byRole: z.array(z.object({ role: z.string(), people: z.number() })),
  survey: z.object({ responses: z.number(), average: z.number().nullable() }),
});

/** GET /clusters/:id/beneficiaries?year=&programme=: a programme's over all its years unless a year is given. */
export const ClusterBeneficiariesQuery = z.strictObject({
  year: JalaliYear.optional(),
  programme: Id.optional(),
});
export const ProvinceBeneficiariesQuery = z.strictObject({ year: JalaliYear.optional() });

export const BeneficiaryFiguresOfYear = BeneficiaryFigures.extend({
  /** The Jalali year counted; null for a programme over all its years. */
  year: z.number().nullable(),
});

/** PUT /registrations/:id/survey, PUT /public/surveys/:code: the satisfaction score (1–5) and an optional comment. */
export const SurveyInput = z.strictObject({
  score: z.number().int().min(1).max(5),
  comment: z.string().trim().max(2000).nullish(),
});

export const SurveyOut = z.object({
  score: z.number(),
  comment: z.string().nullable(),
  answeredAt: z.string(),
});

export const SurveyCodeParams = z.strictObject({ code: CheckinCode });

/** GET /activities/:id/surveys?page=&pageSize=. */
export const SurveyListQuery = z.strictObject({
  page: queryInt(1, 100_000).default(1),
  pageSize: queryInt(1, 200).default(50),
});

export const SurveyRow = SurveyOut.extend({ registrationId: z.string(), name: z.string() });

export const SurveysOut = z.object({
  items: z.array(SurveyRow),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  responses: z.number(),
  average: z.number().nullable(),
});
