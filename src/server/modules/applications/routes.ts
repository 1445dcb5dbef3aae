import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  AcceptInvitationInput,
  ApplicationFormOut,
  ApplicationInput,
  ApplicationListOut,
  ApplicationListQuery,
  ApplicationOut,
  ApplicationReceiptOut,
  ApplicationStatusOut,
  ApproveInput,
  InvitationInput,
  InvitationLookupOut,
  InvitationOut,
  RejectInput,
  TokenInput,
} from "../../../core/schemas/applications";
import { IdParams, NoContent } from "../../../core/schemas/common";
import { actorOf } from "../../app";
import { acceptInvitation, inviteForEnterprise, lookupInvitation } from "./invitations";
import { applicationForm, applicationStatus, submitApplication } from "./public";
import { approveApplication, getApplication, listApplications, rejectApplication } from "./review";
import { siteOrigin } from "./shared";

const tags = ["applications"];
/** The public form: a few applications per address and ten minutes (an office may apply for a few firms). */
const SUBMIT_LIMIT = { max: 10, timeWindow: "10 minutes" };
/** The private links' pages: enough for people, nothing for guessing (the tokens are 256 bits anyway). */
const LINK_LIMIT = { max: 30, timeWindow: "1 minute" };
/** An application is a few KB of text at most. */
const SMALL_BODY = 16 * 1024;

export const applicationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/public/clusters/:id/application-form",
    {
      schema: {
        tags,
        operationId: "getApplicationForm",
        summary: "Which cluster a public application form is for",
        description:
          "Anyone may call it. Returns the cluster's name and province for the public membership application form; a cluster that does not exist or is archived answers 404 `cluster_not_accepting`.",
        params: IdParams,
        response: { 200: ApplicationFormOut },
      },
      config: { public: true, rateLimit: LINK_LIMIT },
    },
    async (req) => applicationForm(app.deps, req.lang, req.params.id),
  );

  app.post(
    "/public/clusters/:id/applications",
    {
      schema: {
        tags,
        operationId: "submitApplication",
        summary: "Apply for membership of a cluster (public form, no account)",
        description:
          "Anyone may call it, ten times per address in ten minutes (429 `rate_limited`), with a body of at most 16 KB (413). Records the application (201) and mails the applicant the private status link; the answer carries its token once (the status page is /application-status#<token>). The company national ID, when given, must pass its checksum and the mobile number must be Iranian (field errors in the caller's language). A second application of the same enterprise (same company national ID or the same name, compared in normalised form) while one is pending answers 409 `application_pending`; one already a member 409 `application_already_member`; an archived or unknown cluster 404 `cluster_not_accepting`. The form's hidden `homepage` field is a honeypot: when filled the answer looks the same and nothing is recorded or sent.",
        params: IdParams,
        body: ApplicationInput,
        response: { 201: ApplicationReceiptOut },
      },
      bodyLimit: SMALL_BODY,
      config: { public: true, rateLimit: SUBMIT_LIMIT },
    },
    async (req, reply) =>
      reply.code(201).send(await submitApplication(app.deps, req.lang, siteOrigin(req), req.params.id, req.body)),
  );

  app.post(
    "/public/application-status",
    {
      schema: {
        tags,
        operationId: "getApplicationStatus",
        summary: "An application's outcome, by its private status token",
        description:
          "Anyone holding the token may call it (the token is in the body, not the URL, so it stays out of access logs). Returns the cluster's name, pending / approved / rejected, the rejection's reason and the dates: nothing else of the application. An unknown token answers 404 `application_status_unknown`.",
        body: TokenInput,
        response: { 200: ApplicationStatusOut },
      },
      bodyLimit: 1024,
      config: { public: true, rateLimit: LINK_LIMIT },
    },
    async (req) => applicationStatus(app.deps, req.body.token),
  );

  app.post(
    "/public/invitations/lookup",
    {
      schema: {
        tags,
        operationId: "lookupInvitation",
        summary: "Whom an invitation link is for, before the password is chosen",
        description:
          "Anyone holding the token may call it. Returns the invitee's e-mail and name and the enterprise; a used or unknown link answers 404 `invitation_invalid`, an expired one 410 `invitation_expired`.",
        body: TokenInput,
        response: { 200: InvitationLookupOut },
      },
      bodyLimit: 1024,
      config: { public: true, rateLimit: LINK_LIMIT },
    },
    async (req) => lookupInvitation(app.deps, req.body.token),
  );

  app.post(
    "/public/invitations/accept",
    {
      schema: {
        tags,
        operationId: "acceptInvitation",
        summary: "Choose the password of an invited member account (once)",
        description:
          "Anyone holding the token may call it. Sets the account's first password and activates it (204); the person then signs in at /login. The link works once and until it expires (404 `invitation_invalid`, 410 `invitation_expired`); the password follows the account rule (400 `weak_password`).",
        body: AcceptInvitationInput,
        response: { 204: NoContent("The password is set; sign in with it") },
      },
      bodyLimit: 2048,
      config: { public: true, rateLimit: LINK_LIMIT },
    },
    async (req, reply) => {
      await acceptInvitation(app.deps, req.body.token, req.body.password);
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/applications",
    {
      schema: {
        tags,
        operationId: "listApplications",
        summary: "The membership applications of the clusters the caller reviews",
        description:
          "For cluster managers (their cluster), province admins (their province) and national admins; others get 403. Optionally of one cluster (404 when the caller does not review it) and one status; pending ones oldest first, decided ones newest first, with the total.",
        querystring: ApplicationListQuery,
        response: { 200: ApplicationListOut },
      },
    },
    async (req) => listApplications(app.deps, actorOf(req), req.query),
  );

  app.get(
    "/applications/:id",
    {
      schema: {
        tags,
        operationId: "getApplication",
        summary: "One membership application",
        description:
          "For whoever reviews its cluster (404 otherwise). Returns everything the applicant sent, the decision and, while pending, the enterprise approving would link instead of creating one (same company national ID, or the same name in the cluster).",
        params: IdParams,
        response: { 200: ApplicationOut },
      },
    },
    async (req) => getApplication(app.deps, actorOf(req), req.params.id),
  );

  app.post(
    "/applications/:id/approve",
    {
      schema: {
        tags,
        operationId: "approveApplication",
        summary: "Approve: create or link the enterprise, make it a member, invite its member user",
        description:
          "For whoever reviews its cluster (404 otherwise). Creates the enterprise (or links the one with the same company national ID, or the same name in the cluster), makes it a member of the cluster, invites a member user by mail (the applicant's contact unless `inviteEmail`/`inviteName` say otherwise; `invite: false` for none) and mails the applicant; returns the application. Already decided: 409 `application_decided`.",
        params: IdParams,
        body: ApproveInput,
        response: { 200: ApplicationOut },
      },
    },
    async (req) => approveApplication(app.deps, actorOf(req), req.lang, siteOrigin(req), req.params.id, req.body),
  );

  app.post(
    "/applications/:id/reject",
    {
      schema: {
        tags,
        operationId: "rejectApplication",
        summary: "Reject with a reason, which the applicant is told",
        description:
          "For whoever reviews its cluster (404 otherwise). The reason is required; the applicant is mailed it and sees it on the status page. Already decided: 409 `application_decided`.",
        params: IdParams,
        body: RejectInput,
        response: { 200: ApplicationOut },
      },
    },
    async (req) => rejectApplication(app.deps, actorOf(req), req.params.id, req.body.reason),
  );

  app.post(
    "/enterprises/:id/member-invitations",
    {
      schema: {
        tags,
        operationId: "inviteMemberUser",
        summary: "Invite a member user for an enterprise of the caller's cluster",
        description:
          "For the office of a cluster the enterprise belongs to (member.invite; 404 when the caller cannot see the enterprise, 403 when they may see but not invite). Makes the person's account with a member grant on the enterprise and mails them a one-time link to choose their password (valid for 7 days); a person who already has an account gets the grant and is told to sign in. The answer (201) is the same either way.",
        params: IdParams,
        body: InvitationInput,
        response: { 201: InvitationOut },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await inviteForEnterprise(app.deps, actorOf(req), req.lang, siteOrigin(req), req.params.id, req.body)),
  );
};
