import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  ActivitiesOut,
  ActivityCopyInput,
  ActivityInput,
  ActivityListQuery,
  ActivityOut,
  CalendarOut,
  CalendarQuery,
  RegistrationBatchOut,
  RegistrationCancelInput,
  RegistrationDecisionInput,
  RegistrationInput,
  RegistrationListQuery,
  RegistrationOut,
  RegistrationsOut,
} from "../../../core/schemas/activities";
import { IdParams, NoContent } from "../../../core/schemas/common";
import { actorOf } from "../../app";
import {
  copyActivity,
  createActivity,
  getActivity,
  getCalendar,
  listActivities,
  removeActivity,
  updateActivity,
} from "./activities";
import { attendanceRoutes } from "./attendance-routes";
import { beneficiariesRoutes } from "./beneficiaries-routes";
import { publicRegistrationRoutes } from "./public-routes";
import { acceptOffer, cancelRegistration, decideRegistration, listRegistrations, register } from "./registrations";
import { sharingRoutes } from "./sharing-routes";

const tags = ["activities"];
const READERS =
  "province admins of the province, the cluster's managers, council members and member enterprises' users, and national admins";
const MANAGERS =
  "For province admins of the province, the cluster's managers and national admins (403 for other readers, 404 out of scope).";
const RULES =
  "The end is not before the start (400 `end_before_start`); sessions fall inside the activity's dates (400 `session_outside_activity`); the cost shares add up to the cost (400 `activity_shares_mismatch`); the programme is one of the cluster's action plans' (400 `unknown_programme`); a training's trainer is a person of the directory the caller can see (400 `unknown_trainer`); an exhibition's enterprises are members of the cluster (400 `unknown_exhibitor`).";

export const activitiesRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(sharingRoutes);
  await app.register(attendanceRoutes);
  await app.register(beneficiariesRoutes);
  await app.register(publicRegistrationRoutes);
  app.get(
    "/activities",
    {
      schema: {
        tags,
        operationId: "listActivities",
        summary: "Activities the caller may read, by type, programme, cluster, province and dates",
        description:
          "Scoped to the caller's reach (a member's users see their clusters' activities); `from` and `to` keep the activities overlapping those days; by start date; paged.",
        querystring: ActivityListQuery,
        response: { 200: ActivitiesOut },
      },
    },
    async (req) => listActivities(app.deps, actorOf(req), req.query),
  );

  app.post(
    "/clusters/:id/activities",
    {
      schema: {
        tags,
        operationId: "createActivity",
        summary: "Record an activity of the cluster with its kind's details and its sessions",
        description: `${MANAGERS} ${RULES} Returns the activity (201).`,
        params: IdParams,
        body: ActivityInput,
        response: { 201: ActivityOut },
      },
    },
    async (req, reply) => reply.code(201).send(await createActivity(app.deps, actorOf(req), req.params.id, req.body)),
  );

  app.get(
    "/clusters/:id/activities/calendar",
    {
      schema: {
        tags,
        operationId: "getActivityCalendar",
        summary: "A Jalali month of the cluster's calendar: the activities overlapping it and the sessions held in it",
        description: `For ${READERS}; anyone else gets 404. \`month\` is the ISO date of the Jalali month's first day (another day: 400 \`not_month_start\`).`,
        params: IdParams,
        querystring: CalendarQuery,
        response: { 200: CalendarOut },
      },
    },
    async (req) => getCalendar(app.deps, actorOf(req), req.params.id, req.query.month),
  );

  app.get(
    "/activities/:id",
    {
      schema: {
        tags,
        operationId: "getActivity",
        summary: "An activity with its kind's details, cost shares and sessions",
        description: `For ${READERS}; anyone else gets 404. \`can\` says what the caller may do.`,
        params: IdParams,
        response: { 200: ActivityOut },
      },
    },
    async (req) => getActivity(app.deps, actorOf(req), req.params.id),
  );

  app.put(
    "/activities/:id",
    {
      schema: {
        tags,
        operationId: "updateActivity",
        summary: "Replace an activity: its fields, its kind's details and its sessions",
        description: `${MANAGERS} The sessions list replaces the activity's: a session given with its id is kept (another activity's id: 400 \`unknown_session\`), the others are removed. ${RULES} Returns the activity.`,
        params: IdParams,
        body: ActivityInput,
        response: { 200: ActivityOut },
      },
    },
    async (req) => updateActivity(app.deps, actorOf(req), req.params.id, req.body),
  );

  app.delete(
    "/activities/:id",
    {
      schema: {
        tags,
        operationId: "removeActivity",
        summary: "Remove an activity and its sessions",
        description: `${MANAGERS} Audited with what it was.`,
        params: IdParams,
        response: { 204: NoContent("Removed") },
      },
    },
    async (req, reply) => {
      await removeActivity(app.deps, actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/activities/:id/copy",
    {
      schema: {
        tags,
        operationId: "copyActivity",
        summary: "Copy an activity as a template on new dates",
        description: `${MANAGERS} The copy has the same fields and details, starts on \`startDate\` and ends on \`endDate\` (by default as long after as the original), its sessions move by as many days as its start, and it is planned. Its rules are checked again as a new activity's. Returns the copy (201).`,
        params: IdParams,
        body: ActivityCopyInput,
        response: { 201: ActivityOut },
      },
    },
    async (req, reply) => reply.code(201).send(await copyActivity(app.deps, actorOf(req), req.params.id, req.body)),
  );

  app.post(
    "/activities/:id/registrations",
    {
      schema: {
        tags,
        operationId: "registerForActivity",
        summary: "Register people for an activity or one of its sessions, several at once",
        description:
          "The cluster's managers register anyone of the directory they can see, or a free name and mobile (walk-ins, the public); a member enterprise's users register their own enterprise's staff (another person: 400 `unknown_person`; a free name: 403). Each takes a seat while one is left and goes to the waiting list after, never over the capacity (the session's when `sessionId` is given, else the activity's); on a moderated activity each is pending a manager's decision. A person registered already and still live is refused, the whole batch with them (409 `already_registered`); a done or cancelled activity takes none (400 `activity_closed`). Returns the registrations (201).",
        params: IdParams,
        body: RegistrationInput,
        response: { 201: RegistrationBatchOut },
      },
    },
    async (req, reply) => reply.code(201).send(await register(app.deps, actorOf(req), req.params.id, req.body)),
  );

  app.get(
    "/activities/:id/registrations",
    {
      schema: {
        tags,
        operationId: "listActivityRegistrations",
        summary: "An activity's registrations and waiting list, by status and session",
        description:
          "The cluster's managers see everyone's; a member enterprise's users see the registrations of their own enterprise's staff only (an empty list when none; the cluster's other readers 403). By the order they came; waiting ones carry their `position`. Paged.",
        params: IdParams,
        querystring: RegistrationListQuery,
        response: { 200: RegistrationsOut },
      },
    },
    async (req) => listRegistrations(app.deps, actorOf(req), req.params.id, req.query),
  );

  app.post(
    "/registrations/:id/cancel",
    {
      schema: {
        tags,
        operationId: "cancelRegistration",
        summary: "Cancel a registration or leave the waiting list",
        description:
          "For the cluster's managers and the users of the person's enterprise (others 403). A seat it held is offered to the next on the waiting list for the activity's `offerHours`, in the app and by mail, and passes on when the offer runs out. A registration no longer live: 409 `registration_not_live`.",
        params: IdParams,
        body: RegistrationCancelInput,
        response: { 200: RegistrationOut },
      },
    },
    async (req) => cancelRegistration(app.deps, actorOf(req), req.params.id, req.body?.reason ?? null),
  );

  app.post(
    "/registrations/:id/accept-offer",
    {
      schema: {
        tags,
        operationId: "acceptRegistrationOffer",
        summary: "Take a seat offered from the waiting list",
        description:
          "For the cluster's managers and the users of the person's enterprise. Before `offeredUntil` only (after: 400 `offer_expired`); a registration not offered a seat: 409 `registration_not_offered`.",
        params: IdParams,
        response: { 200: RegistrationOut },
      },
    },
    async (req) => acceptOffer(app.deps, actorOf(req), req.params.id),
  );

  app.post(
    "/registrations/:id/decide",
    {
      schema: {
        tags,
        operationId: "decideRegistration",
        summary: "Accept or reject a pending registration of a moderated activity",
        description: `${MANAGERS} Accepted takes a seat, or the waiting list when none is left; rejected needs a reason (400 \`reason_required\`). A registration not pending: 409 \`registration_not_pending\`.`,
        params: IdParams,
        body: RegistrationDecisionInput,
        response: { 200: RegistrationOut },
      },
    },
    async (req) => decideRegistration(app.deps, actorOf(req), req.params.id, req.body),
  );
};
