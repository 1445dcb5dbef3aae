import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { FileDownload, Id, IdParams, NoContent, ProvinceParams } from "../../../core/schemas/common";
import {
  AreaInput,
  AreasOut,
  BaselineInput,
  ChainOut,
  CommentInput,
  CompareQuery,
  ComparisonOut,
  MeetingInput,
  MeetingListQuery,
  MeetingOut,
  MeetingRecordInput,
  MeetingsOut,
  MeetingUpdateInput,
  PdfQuery,
  PlanInput,
  PlanListQuery,
  PlanOut,
  PlansOut,
  PlanUpdateInput,
  PressurePointInput,
  PressurePointUpdateInput,
  ProgrammeInput,
  ProgrammeParams,
  ProgrammeUpdateInput,
  ProgressInput,
  QuorumRuleOut,
  QuorumRuleQuery,
  QuorumRuleSchema,
  StrategyInput,
  StrategyUpdateInput,
  StudyItemParams,
  StudyOut,
  StudyPartInput,
  StudyPartUpdateInput,
  StudySummaryInput,
  VersionOut,
  VersionParams,
} from "../../../core/schemas/planning";
import { actorOf } from "../../app";
import { addArea, archiveArea, listAreas } from "./areas";
import { getChain } from "./chain";
import { getMeeting, getRule, listMeetings, recordMeeting, scheduleMeeting, setRule, updateMeeting } from "./council";
import {
  addComment,
  addProgramme,
  comparePlanVersions,
  createPlan,
  getPlan,
  getVersion,
  listClusterPlans,
  listPlans,
  removeProgramme,
  revisePlan,
  saveProgress,
  submitPlan,
  updatePlan,
  updateProgramme,
} from "./plans";
import {
  addPressurePoint,
  addStrategy,
  addStudyPart,
  getStudy,
  removePressurePoint,
  removeStrategy,
  removeStudyPart,
  saveBaseline,
  saveStudySummary,
  updatePressurePoint,
  updateStrategy,
  updateStudyPart,
} from "./study";

const tags = ["planning"];
const READERS = "province admins of the province, the cluster's managers and council members, and national admins";
const EDITORS =
  "For province admins of the province, the cluster's managers and national admins (403 for other readers, 404 out of scope).";
const LOCKED =
  "A plan that is submitted or approved is not changed: 409 `plan_locked` (open a revision of an approved plan first).";

const pdfHeaders = { "cache-control": "private, no-store" } as const;

export const planningRoutes: FastifyPluginAsyncZod = async (app) => {
  // ------------------------------------------------------------- study

  app.get(
    "/clusters/:id/study",
    {
      schema: {
        tags,
        operationId: "getStudy",
        summary: "The cluster's diagnostic study: parts, pressure points, SWOT, vision, strategies, baseline",
        description: `For ${READERS}; anyone else gets 404. A cluster without a study yet answers an empty one. \`can\` says what the caller may do.`,
        params: IdParams,
        response: { 200: StudyOut },
      },
    },
    async (req) => getStudy(app.deps, actorOf(req), req.params.id),
  );

  app.put(
    "/clusters/:id/study",
    {
      schema: {
        tags,
        operationId: "saveStudySummary",
        summary: "Save the study's vision and SWOT",
        description: `${EDITORS} Replaces the vision and the four SWOT lists; returns the study.`,
        params: IdParams,
        body: StudySummaryInput,
        response: { 200: StudyOut },
      },
    },
    async (req) => saveStudySummary(app.deps, actorOf(req), req.params.id, req.body),
  );

  app.put(
    "/clusters/:id/study/baseline",
    {
      schema: {
        tags,
        operationId: "saveBaseline",
        summary: "Save the study's measured figures as the cluster's baseline",
        description: `${EDITORS} Replaces the baseline (each indicator once: 400 \`duplicate_indicator\`); the indicators module reads it. Returns the study.`,
        params: IdParams,
        body: BaselineInput,
        response: { 200: StudyOut },
      },
    },
    async (req) => saveBaseline(app.deps, actorOf(req), req.params.id, req.body),
  );

  app.post(
    "/clusters/:id/study/parts",
    {
      schema: {
        tags,
        operationId: "addStudyPart",
        summary: "Add a part of the study at one level (cluster, industry, province, national, international)",
        description: `${EDITORS} Returns the study (201). Files are attached to the part through the attachments API (owner \`study_part\`).`,
        params: IdParams,
        body: StudyPartInput,
        response: { 201: StudyOut },
      },
    },
    async (req, reply) => reply.code(201).send(await addStudyPart(app.deps, actorOf(req), req.params.id, req.body)),
  );

  app.patch(
    "/clusters/:id/study/parts/:itemId",
    {
      schema: {
        tags,
        operationId: "updateStudyPart",
        summary: "Change a part of the study",
        description: `${EDITORS} Changes the given fields; returns the study.`,
        params: StudyItemParams,
        body: StudyPartUpdateInput,
        response: { 200: StudyOut },
      },
    },
    async (req) => updateStudyPart(app.deps, actorOf(req), req.params.id, req.params.itemId, req.body),
  );

  app.delete(
    "/clusters/:id/study/parts/:itemId",
    {
      schema: {
        tags,
        operationId: "removeStudyPart",
        summary: "Remove a part of the study",
        description: `${EDITORS} A part holding attached files stays: 409 \`part_has_attachments\`.`,
        params: StudyItemParams,
        response: { 204: NoContent("Removed") },
      },
    },
    async (req, reply) => {
      await removeStudyPart(app.deps, actorOf(req), req.params.id, req.params.itemId);
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/clusters/:id/study/pressure-points",
    {
      schema: {
        tags,
        operationId: "addPressurePoint",
        summary: "Add a pressure point (نقطه فشار) with its category, severity and evidence",
        description: `${EDITORS} Returns the study (201).`,
        params: IdParams,
        body: PressurePointInput,
        response: { 201: StudyOut },
      },
    },
    async (req, reply) => reply.code(201).send(await addPressurePoint(app.deps, actorOf(req), req.params.id, req.body)),
  );

  app.patch(
    "/clusters/:id/study/pressure-points/:itemId",
    {
      schema: {
        tags,
        operationId: "updatePressurePoint",
        summary: "Change a pressure point",
        description: `${EDITORS} Changes the given fields; returns the study.`,
        params: StudyItemParams,
        body: PressurePointUpdateInput,
        response: { 200: StudyOut },
      },
    },
    async (req) => updatePressurePoint(app.deps, actorOf(req), req.params.id, req.params.itemId, req.body),
  );

  app.delete(
    "/clusters/:id/study/pressure-points/:itemId",
    {
      schema: {
        tags,
        operationId: "removePressurePoint",
        summary: "Remove a pressure point",
        description: `${EDITORS} One a programme answers stays: 409 \`pressure_point_in_use\`. Strategies let go of it.`,
        params: StudyItemParams,
        response: { 204: NoContent("Removed") },
      },
    },
    async (req, reply) => {
      await removePressurePoint(app.deps, actorOf(req), req.params.id, req.params.itemId);
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/clusters/:id/study/strategies",
    {
      schema: {
        tags,
        operationId: "addStrategy",
        summary: "Add a strategy and the pressure points it answers",
        description: `${EDITORS} The pressure points must be the cluster's (400 \`unknown_pressure_point\`). Returns the study (201).`,
        params: IdParams,
        body: StrategyInput,
        response: { 201: StudyOut },
      },
    },
    async (req, reply) => reply.code(201).send(await addStrategy(app.deps, actorOf(req), req.params.id, req.body)),
  );

  app.patch(
    "/clusters/:id/study/strategies/:itemId",
    {
      schema: {
        tags,
        operationId: "updateStrategy",
        summary: "Change a strategy (given pressure points replace its links)",
        description: `${EDITORS} Returns the study.`,
        params: StudyItemParams,
        body: StrategyUpdateInput,
        response: { 200: StudyOut },
      },
    },
    async (req) => updateStrategy(app.deps, actorOf(req), req.params.id, req.params.itemId, req.body),
  );

  app.delete(
    "/clusters/:id/study/strategies/:itemId",
    {
      schema: {
        tags,
        operationId: "removeStrategy",
        summary: "Remove a strategy",
        description: `${EDITORS} One a programme serves stays: 409 \`strategy_in_use\`.`,
        params: StudyItemParams,
        response: { 204: NoContent("Removed") },
      },
    },
    async (req, reply) => {
      await removeStrategy(app.deps, actorOf(req), req.params.id, req.params.itemId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/clusters/:id/chain",
    {
      schema: {
        tags,
        operationId: "getPlanningChain",
        summary: "The chain pressure point → strategy → programme → targets, with what hangs loose",
        description: `For ${READERS}; anyone else gets 404. Flags a pressure point no programme answers, a strategy no programme serves, a programme with no activity and no milestone done by the middle of its plan's year and a target not measured by its programme's end.`,
        params: IdParams,
        response: { 200: ChainOut },
      },
    },
    async (req) => getChain(app.deps, actorOf(req), req.params.id),
  );

  // ------------------------------------------------------------- areas

  app.get(
    "/provinces/:code/planning-areas",
    {
      schema: {
        tags,
        operationId: "listPlanningAreas",
        summary: "The province's own intervention areas (beside the built-in ones)",
        description: "For any signed-in caller: the names plan forms and printed plans show.",
        params: ProvinceParams,
        response: { 200: AreasOut },
      },
    },
    async (req) => listAreas(app.deps, actorOf(req), req.params.code),
  );

  app.post(
    "/provinces/:code/planning-areas",
    {
      schema: {
        tags,
        operationId: "addPlanningArea",
        summary: "Add an intervention area of the province's own",
        description:
          "For province admins of the province and national admins. A current area of the same name answers 409 `area_exists`. Returns the list (201).",
        params: ProvinceParams,
        body: AreaInput,
        response: { 201: AreasOut },
      },
    },
    async (req, reply) => reply.code(201).send(await addArea(app.deps, actorOf(req), req.params.code, req.body)),
  );

  app.delete(
    "/provinces/:code/planning-areas/:areaId",
    {
      schema: {
        tags,
        operationId: "archivePlanningArea",
        summary: "Archive an intervention area (programmes filed under it keep it)",
        description: "For province admins of the province and national admins.",
        params: z.strictObject({ code: ProvinceParams.shape.code, areaId: Id }),
        response: { 204: NoContent("Archived") },
      },
    },
    async (req, reply) => {
      await archiveArea(app.deps, actorOf(req), req.params.code, req.params.areaId);
      return reply.code(204).send(null);
    },
  );

  // ------------------------------------------------------------- plans

  app.get(
    "/clusters/:id/plans",
    {
      schema: {
        tags,
        operationId: "listClusterPlans",
        summary: "The cluster's action plans, by project year",
        description: `For ${READERS}; anyone else gets 404.`,
        params: IdParams,
        response: { 200: PlansOut },
      },
    },
    async (req) => listClusterPlans(app.deps, actorOf(req), req.params.id),
  );

  app.post(
    "/clusters/:id/plans",
    {
      schema: {
        tags,
        operationId: "createPlan",
        summary: "Start the action plan of a project year (a draft)",
        description: `${EDITORS} One plan per project year (409 \`plan_year_taken\`); its period is at most a year (400 \`plan_period_too_long\`). Returns the plan (201).`,
        params: IdParams,
        body: PlanInput,
        response: { 201: PlanOut },
      },
    },
    async (req, reply) => reply.code(201).send(await createPlan(app.deps, actorOf(req), req.params.id, req.body)),
  );

  app.get(
    "/plans",
    {
      schema: {
        tags,
        operationId: "listPlans",
        summary: "Plans the caller may read, e.g. a province's plans awaiting approval (status=submitted)",
        description:
          "Scoped to the caller's reach (a council member sees their clusters' plans); oldest submission first; paged.",
        querystring: PlanListQuery,
        response: { 200: PlansOut },
      },
    },
    async (req) => listPlans(app.deps, actorOf(req), req.query),
  );

  app.get(
    "/plans/:id",
    {
      schema: {
        tags,
        operationId: "getPlan",
        summary: "A plan with its programmes, progress, versions and comments",
        description: `For ${READERS}; anyone else gets 404. Each programme carries its percentage and status from its milestones and, once a version is approved, that version's dates (the timeline's bars behind).`,
        params: IdParams,
        response: { 200: PlanOut },
      },
    },
    async (req) => getPlan(app.deps, actorOf(req), req.params.id),
  );

  app.patch(
    "/plans/:id",
    {
      schema: {
        tags,
        operationId: "updatePlan",
        summary: "Change a plan's title or period",
        description: `${EDITORS} ${LOCKED} A period leaving a programme outside answers 400 \`programme_outside_year\`.`,
        params: IdParams,
        body: PlanUpdateInput,
        response: { 200: PlanOut },
      },
    },
    async (req) => updatePlan(app.deps, actorOf(req), req.params.id, req.body),
  );

  app.post(
    "/plans/:id/programmes",
    {
      schema: {
        tags,
        operationId: "addProgramme",
        summary: "Add a programme to a plan",
        description: `${EDITORS} ${LOCKED} Its dates must lie in the plan's year (400 \`programme_outside_year\`), its cost shares add up to its budget (400 \`shares_mismatch\`), its area, strategy and pressure points be the province's and the cluster's (400 \`unknown_area\`, \`unknown_strategy\`, \`unknown_pressure_point\`). Returns the plan (201).`,
        params: IdParams,
        body: ProgrammeInput,
        response: { 201: PlanOut },
      },
    },
    async (req, reply) => reply.code(201).send(await addProgramme(app.deps, actorOf(req), req.params.id, req.body)),
  );

  app.patch(
    "/plans/:id/programmes/:programmeId",
    {
      schema: {
        tags,
        operationId: "updateProgramme",
        summary: "Change a programme (given targets replace its targets)",
        description: `${EDITORS} ${LOCKED} The same rules as \`addProgramme\`. Returns the plan.`,
        params: ProgrammeParams,
        body: ProgrammeUpdateInput,
        response: { 200: PlanOut },
      },
    },
    async (req) => updateProgramme(app.deps, actorOf(req), req.params.id, req.params.programmeId, req.body),
  );

  app.delete(
    "/plans/:id/programmes/:programmeId",
    {
      schema: {
        tags,
        operationId: "removeProgramme",
        summary: "Remove a programme from a plan",
        description: `${EDITORS} ${LOCKED} Returns the plan.`,
        params: ProgrammeParams,
        response: { 200: PlanOut },
      },
    },
    async (req) => removeProgramme(app.deps, actorOf(req), req.params.id, req.params.programmeId),
  );

  app.put(
    "/plans/:id/programmes/:programmeId/progress",
    {
      schema: {
        tags,
        operationId: "saveProgrammeProgress",
        summary: "Report a programme's implementation: spend, actual dates, milestones, target measurements",
        description: `${EDITORS} Allowed in any status (an approved plan is carried out without a revision); no version keeps it. Milestones given with an id keep it, others are added, those left out removed; a day done or measured in the future answers 400 \`date_in_future\`. Returns the plan.`,
        params: ProgrammeParams,
        body: ProgressInput,
        response: { 200: PlanOut },
      },
    },
    async (req) => saveProgress(app.deps, actorOf(req), req.params.id, req.params.programmeId, req.body),
  );

  app.post(
    "/plans/:id/submit",
    {
      schema: {
        tags,
        operationId: "submitPlan",
        summary: "Submit a draft or returned plan to the steering council",
        description: `${EDITORS} A plan without programmes answers 400 \`plan_empty\`; one already submitted or approved 409 \`plan_locked\`. The council's current members with an account are notified in the app and by mail. Returns the plan.`,
        params: IdParams,
        response: { 200: PlanOut },
      },
    },
    async (req) => submitPlan(app.deps, actorOf(req), req.params.id),
  );

  app.post(
    "/plans/:id/revise",
    {
      schema: {
        tags,
        operationId: "revisePlan",
        summary: "Open a revision of an approved plan (it needs approval again)",
        description: `${EDITORS} The approved version stays as it was; the plan becomes a draft compared against it (\`comparePlanVersions\` with from=<version>). Not approved: 409 \`plan_not_approved\`.`,
        params: IdParams,
        response: { 200: PlanOut },
      },
    },
    async (req) => revisePlan(app.deps, actorOf(req), req.params.id),
  );

  app.post(
    "/plans/:id/comments",
    {
      schema: {
        tags,
        operationId: "commentOnPlan",
        summary: "Comment on a submitted plan (council members, from their own account)",
        description: `For ${READERS}. Only a submitted plan takes comments (409 \`plan_not_submitted\`). Returns the plan (201).`,
        params: IdParams,
        body: CommentInput,
        response: { 201: PlanOut },
      },
    },
    async (req, reply) => reply.code(201).send(await addComment(app.deps, actorOf(req), req.params.id, req.body)),
  );

  app.get(
    "/plans/:id/versions/:versionNo",
    {
      schema: {
        tags,
        operationId: "getPlanVersion",
        summary: "An approved version of a plan, as it was approved",
        description: `For ${READERS}. Versions never change.`,
        params: VersionParams,
        response: { 200: VersionOut },
      },
    },
    async (req) => getVersion(app.deps, actorOf(req), req.params.id, req.params.versionNo),
  );

  app.get(
    "/plans/:id/compare",
    {
      schema: {
        tags,
        operationId: "comparePlanVersions",
        summary: "What changed between two versions of a plan (or a version and the plan as it is now)",
        description: `For ${READERS}. \`from\` and \`to\` are version numbers or \`current\`. Returns programmes added and removed, each kept programme's changed fields, the plan's changed fields and the budget delta.`,
        params: IdParams,
        querystring: CompareQuery,
        response: { 200: ComparisonOut },
      },
    },
    async (req) => comparePlanVersions(app.deps, actorOf(req), req.params.id, req.query),
  );

  app.get(
    "/plans/:id/plan.pdf",
    {
      schema: {
        tags,
        operationId: "getPlanPdf",
        summary: "An approved version of the plan as a Persian A4 PDF (the last approved by default)",
        description: `For ${READERS}. Letterhead, Jalali dates, the programmes and targets in tables that repeat their headers across pages, page numbers and signature lines for the approving meeting's attendees. A plan never approved answers 409 \`plan_not_approved\`.`,
        params: IdParams,
        querystring: PdfQuery,
        response: { 200: FileDownload("application/pdf", "The approved plan as a PDF file (A4, Persian)") },
      },
    },
    async (req, reply) => {
      // Loaded on first use: the Typst binding and its fonts stay out of processes that never render.
      const { planPdf } = await import("./pdf");
      const doc = await planPdf(app.deps, actorOf(req), req.params.id, req.query.version);
      return reply
        .type("application/pdf")
        .headers({ ...pdfHeaders, "content-disposition": doc.disposition })
        .send(doc.pdf);
    },
  );

  // ------------------------------------------------------------- council

  app.get(
    "/clusters/:id/council-rule",
    {
      schema: {
        tags,
        operationId: "getQuorumRule",
        summary: "The council's quorum rule, its seats on a day (today by default) and how many make a quorum",
        description: `For ${READERS}. Without a rule of its own a council needs more than half its seats. \`on\` counts the seats current that day, as recording a meeting of that day does.`,
        params: IdParams,
        querystring: QuorumRuleQuery,
        response: { 200: QuorumRuleOut },
      },
    },
    async (req) => getRule(app.deps, actorOf(req), req.params.id, req.query.on),
  );

  app.put(
    "/clusters/:id/council-rule",
    {
      schema: {
        tags,
        operationId: "setQuorumRule",
        summary: "Set the council's quorum rule: majority, two thirds or a fixed number",
        description: `${EDITORS} \`min_count\` needs \`count\`.`,
        params: IdParams,
        body: QuorumRuleSchema,
        response: { 200: QuorumRuleOut },
      },
    },
    async (req) => setRule(app.deps, actorOf(req), req.params.id, req.body),
  );

  app.get(
    "/council-meetings",
    {
      schema: {
        tags,
        operationId: "listCouncilMeetings",
        summary: "Council meetings the caller may read: a cluster's, or the upcoming ones (upcoming=true)",
        description: "Scoped to the caller's reach; a cluster's latest first, upcoming ones soonest first; paged.",
        querystring: MeetingListQuery,
        response: { 200: MeetingsOut },
      },
    },
    async (req) => listMeetings(app.deps, actorOf(req), req.query),
  );

  app.post(
    "/clusters/:id/council-meetings",
    {
      schema: {
        tags,
        operationId: "scheduleCouncilMeeting",
        summary: "Schedule a council meeting: date, place or online, agenda",
        description: `${EDITORS} Returns the meeting (201); its attendance and decisions are recorded once it is held.`,
        params: IdParams,
        body: MeetingInput,
        response: { 201: MeetingOut },
      },
    },
    async (req, reply) => reply.code(201).send(await scheduleMeeting(app.deps, actorOf(req), req.params.id, req.body)),
  );

  app.get(
    "/council-meetings/:id",
    {
      schema: {
        tags,
        operationId: "getCouncilMeeting",
        summary: "A council meeting with its attendance, quorum, decisions and minutes",
        description: `For ${READERS}.`,
        params: IdParams,
        response: { 200: MeetingOut },
      },
    },
    async (req) => getMeeting(app.deps, actorOf(req), req.params.id),
  );

  app.patch(
    "/council-meetings/:id",
    {
      schema: {
        tags,
        operationId: "updateCouncilMeeting",
        summary: "Change a scheduled meeting's date, place or agenda",
        description: `${EDITORS} A recorded meeting stays as recorded: 409 \`meeting_already_recorded\`.`,
        params: IdParams,
        body: MeetingUpdateInput,
        response: { 200: MeetingOut },
      },
    },
    async (req) => updateMeeting(app.deps, actorOf(req), req.params.id, req.body),
  );

  app.put(
    "/council-meetings/:id/record",
    {
      schema: {
        tags,
        operationId: "recordCouncilMeeting",
        summary: "Record a held meeting once: attendance, decisions with votes, minutes",
        description: `${EDITORS} Refused, with nothing changed: a meeting dated after today (400 \`meeting_in_future\`), one already recorded (409 \`meeting_already_recorded\`), an attendee not on the council that day (400 \`unknown_attendee\`), more votes than attendees (400 \`votes_exceed_attendees\`), a plan decision without a quorum (400 \`no_quorum\`), on a plan of another cluster (400 \`unknown_plan\`) or not submitted (400 \`plan_not_submitted\`), an approval with no more votes for than against (400 \`motion_not_carried\`), a plan decision at a meeting held before the plan was submitted (400 \`meeting_before_submission\`). An approval makes the plan's content its next numbered version.`,
        params: IdParams,
        body: MeetingRecordInput,
        response: { 200: MeetingOut },
      },
    },
    async (req) => recordMeeting(app.deps, actorOf(req), req.params.id, req.body),
  );

  app.get(
    "/council-meetings/:id/minutes.pdf",
    {
      schema: {
        tags,
        operationId: "getCouncilMinutesPdf",
        summary: "A meeting's minutes as a Persian A4 PDF",
        description: `For ${READERS}. Letterhead, Jalali date, attendees, agenda, decisions with votes, minutes and signature lines for the attendees.`,
        params: IdParams,
        response: { 200: FileDownload("application/pdf", "The minutes as a PDF file (A4, Persian)") },
      },
    },
    async (req, reply) => {
      const { minutesPdf } = await import("./pdf");
      const doc = await minutesPdf(app.deps, actorOf(req), req.params.id);
      return reply
        .type("application/pdf")
        .headers({ ...pdfHeaders, "content-disposition": doc.disposition })
        .send(doc.pdf);
    },
  );
};
