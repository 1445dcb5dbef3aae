import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  PublicActivityOut,
  PublicRegistrantInput,
  PublicRegistrationReceipt,
  PublicRegistrationSettings,
  PublicRegistrationSettingsInput,
  PublicRegistrationStatusOut,
  PublicTokenParams,
} from "../../../core/schemas/activities";
import { IdParams } from "../../../core/schemas/common";
import { actorOf } from "../../app";
import { siteOrigin } from "../applications/shared";
import {
  getPublicRegistration,
  publicAcceptOffer,
  publicActivity,
  publicCancel,
  publicRegister,
  publicStatus,
  setPublicRegistration,
} from "./public-registration";

const tags = ["activities"];
/** As the membership form's: a few registrations per address and ten minutes (an office may register a few people). */
const SUBMIT_LIMIT = { max: 10, timeWindow: "10 minutes" };
/** The links' pages: enough for people, nothing for guessing (the tokens are 256 bits anyway). */
const LINK_LIMIT = { max: 30, timeWindow: "1 minute" };
const MANAGERS =
  "For province admins of the province, the cluster's managers and national admins (403 for other readers, 404 out of scope).";
const STATUS =
  "Returns the status page: the activity, the registrant's status, the place in the waiting line (1: next) while waiting, the offer's end while offered, and the ticket with its QR code while accepted. An unknown token answers 404 `registration_status_unknown`.";

export const publicRegistrationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/activities/:id/public-registration",
    {
      schema: {
        tags,
        operationId: "getActivityPublicRegistration",
        summary: "The activity's public registration link and its form's questions",
        description: `${MANAGERS} \`token\` and \`url\` are null until the link is first set up.`,
        params: IdParams,
        response: { 200: PublicRegistrationSettings },
      },
    },
    async (req) => getPublicRegistration(app.deps, actorOf(req), req.params.id, siteOrigin(req)),
  );

  app.put(
    "/activities/:id/public-registration",
    {
      schema: {
        tags,
        operationId: "setActivityPublicRegistration",
        summary: "Open or close the activity's public registration link and set its questions",
        description: `${MANAGERS} The link's token is made the first time and kept after (closing and opening again keeps the address). Questions are text, number or a choice among options (a choice without options: 400 \`question_options_required\`); a question given with its id keeps it (twice: 400 \`question_id_duplicate\`), the others get one. Returns the settings with the link's address.`,
        params: IdParams,
        body: PublicRegistrationSettingsInput,
        response: { 200: PublicRegistrationSettings },
      },
    },
    async (req) => setPublicRegistration(app.deps, actorOf(req), req.params.id, req.body, siteOrigin(req)),
  );

  app.get(
    "/public/activities/:token",
    {
      schema: {
        tags,
        operationId: "getPublicActivity",
        summary: "The activity behind a public registration link (no account)",
        description:
          "Anyone may call it. The activity's title, cluster, days, place, the seats left (null: no limit; none left: a registration waits) and the form's questions. A closed or unknown link answers 404 `public_registration_closed`; an activity done or cancelled 400 `activity_closed`.",
        params: PublicTokenParams,
        response: { 200: PublicActivityOut },
      },
      config: { public: true, rateLimit: LINK_LIMIT },
    },
    async (req) => publicActivity(app.deps, req.params.token),
  );

  app.post(
    "/public/activities/:token/registrations",
    {
      schema: {
        tags,
        operationId: "registerPublicly",
        summary: "Register for an activity through its public link (no account)",
        description:
          "Anyone may call it, ten times per address in ten minutes (429 `rate_limited`). The registration takes a seat while one is left and joins the waiting list after, or waits for the manager's decision on a moderated activity, exactly as any registration; an accepted one is confirmed by mail when an e-mail is given. A mobile already registered for the activity answers 409 `already_registered`. The answers are checked against the questions, each field with its own error (`answer_required`, `answer_not_number`, `answer_not_option`, `unknown_question`), and nothing is stored on any error. A closed link: 404 `public_registration_closed`; an activity done or cancelled: 400 `activity_closed`. Returns the status and the private token of the status page, /registration#<statusToken> (201).",
        params: PublicTokenParams,
        body: PublicRegistrantInput,
        response: { 201: PublicRegistrationReceipt },
      },
      bodyLimit: 64 * 1024,
      config: { public: true, rateLimit: SUBMIT_LIMIT },
    },
    async (req, reply) => reply.code(201).send(await publicRegister(app.deps, req.lang, req.params.token, req.body)),
  );

  app.get(
    "/public/registrations/:token",
    {
      schema: {
        tags,
        operationId: "getPublicRegistrationStatus",
        summary: "A public registrant's status page, by its private token",
        description: `Anyone holding the token may call it. ${STATUS}`,
        params: PublicTokenParams,
        response: { 200: PublicRegistrationStatusOut },
      },
      config: { public: true, rateLimit: LINK_LIMIT },
    },
    async (req) => publicStatus(app.deps, req.params.token),
  );

  app.post(
    "/public/registrations/:token/cancel",
    {
      schema: {
        tags,
        operationId: "cancelPublicRegistration",
        summary: "Leave the waiting list or give the seat back, from the status page",
        description: `Anyone holding the token may call it. A seat given back is offered to the next on the waiting list. A registration no longer live: 409 \`registration_not_live\`. ${STATUS}`,
        params: PublicTokenParams,
        response: { 200: PublicRegistrationStatusOut },
      },
      config: { public: true, rateLimit: LINK_LIMIT },
    },
    async (req) => publicCancel(app.deps, req.params.token),
  );

  app.post(
    "/public/registrations/:token/accept-offer",
    {
      schema: {
        tags,
        operationId: "acceptPublicRegistrationOffer",
        summary: "Take the seat offered from the waiting list, from the status page",
        description: `Anyone holding the token may call it, before the offer ends (after: 400 \`offer_expired\`); a registration not offered a seat: 409 \`registration_not_offered\`. ${STATUS}`,
        params: PublicTokenParams,
        response: { 200: PublicRegistrationStatusOut },
      },
      config: { public: true, rateLimit: LINK_LIMIT },
    },
    async (req) => publicAcceptOffer(app.deps, req.params.token),
  );
};
