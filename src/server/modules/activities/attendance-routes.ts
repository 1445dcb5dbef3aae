import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  CertificateCodeParams,
  CertificateIssueInput,
  CertificateIssueOut,
  CertificateListQuery,
  CertificateSettings,
  CertificatesOut,
  CertificateVerifyOut,
  CheckInInput,
  CheckInListOut,
  CheckInListQuery,
  CheckInParams,
  CheckInRow,
  CheckInUndoQuery,
  CheckInUpdateInput,
  TicketOut,
  WalkInInput,
} from "../../../core/schemas/activities";
import { FileDownload, IdParams, NoContent } from "../../../core/schemas/common";
import { actorOf } from "../../app";
import { siteOrigin } from "../applications/shared";
import { checkIn, checkInList, getTicket, undoCheckIn, updateCheckIn, walkIn } from "./attendance";
import {
  certificatePdf,
  getCertificateSettings,
  issueCertificates,
  listCertificates,
  putCertificateSettings,
  verifyCertificate,
} from "./certificates";

const tags = ["activities"];
const MANAGERS =
  "For province admins of the province, the cluster's managers and national admins (403 for other readers, 404 out of scope).";
const SESSION =
  "`sessionId` is one of the activity's sessions when it has sessions and absent when it has none (else 400 `unknown_session`).";
/** The public check: enough for people typing codes off paper, nothing for guessing (50-bit codes anyway). */
const VERIFY_LIMIT = { max: 30, timeWindow: "1 minute" };
const pdfHeaders = { "cache-control": "private, no-store" } as const;

export const attendanceRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/activities/:id/check-in",
    {
      schema: {
        tags,
        operationId: "getCheckInList",
        summary: "A session's check-in list: the accepted registrations and who has come",
        description: `${MANAGERS} The activity's accepted registrations for the whole activity and for the session (\`session\`: one of its sessions; required when it has sessions, else 400 \`unknown_session\`), walk-ins included, in the order they registered. \`q\` matches part of the name in normalised Persian (Arabic or Persian letters, with or without spaces and ZWNJ) or digits of the mobile (Persian digits too). \`counts\` are the session's registered, checked in and walk-ins whatever \`q\` is. Paged by \`page\` and \`pageSize\`.`,
        params: IdParams,
        querystring: CheckInListQuery,
        response: { 200: CheckInListOut },
      },
    },
    async (req) => checkInList(app.deps, actorOf(req), req.params.id, req.query),
  );

  app.post(
    "/activities/:id/check-ins",
    {
      schema: {
        tags,
        operationId: "checkIn",
        summary: "Check a registered person in, from the list or by the code scanned from their ticket",
        description: `${MANAGERS} Give \`registrationId\` or \`code\` (the ticket's QR), one of them. The registration must be accepted in this activity, for the whole activity or this session (else 400 \`not_registered\`); a cancelled activity takes none (400 \`activity_closed\`). ${SESSION} \`hours\` default to the session's length from its times, else the training's hours shared by its sessions (0 for kinds without hours). Returns the row (201); checking in again answers 200 with the row as it was. The activity's beneficiary figures move in the same transaction.`,
        params: IdParams,
        body: CheckInInput,
        response: { 200: CheckInRow, 201: CheckInRow },
      },
    },
    async (req, reply) => {
      const { row, created } = await checkIn(app.deps, actorOf(req), req.params.id, req.body);
      return reply.code(created ? 201 : 200).send(row);
    },
  );

  app.patch(
    "/activities/:id/check-ins/:registrationId",
    {
      schema: {
        tags,
        operationId: "updateCheckIn",
        summary: "Change the hours attended of a check-in",
        description: `${MANAGERS} ${SESSION} A registration of another activity: 404; one not checked in for the session: 400 \`not_checked_in\`. Returns the row.`,
        params: CheckInParams,
        body: CheckInUpdateInput,
        response: { 200: CheckInRow },
      },
    },
    async (req) => updateCheckIn(app.deps, actorOf(req), req.params.id, req.params.registrationId, req.body),
  );

  app.delete(
    "/activities/:id/check-ins/:registrationId",
    {
      schema: {
        tags,
        operationId: "undoCheckIn",
        summary: "Undo a check-in",
        description: `${MANAGERS} \`session\` as for the list. The registration stays; a person with no check-in left no longer counts among the activity's beneficiaries. Nothing to undo: 204 all the same, nothing written.`,
        params: CheckInParams,
        querystring: CheckInUndoQuery,
        response: { 204: NoContent("Undone") },
      },
    },
    async (req, reply) => {
      await undoCheckIn(app.deps, actorOf(req), req.params.id, req.params.registrationId, req.query.session);
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/activities/:id/walk-ins",
    {
      schema: {
        tags,
        operationId: "addWalkIn",
        summary: "Add someone who came without registering, and check them in",
        description: `${MANAGERS} A person of the directory the caller can see (\`personId\`; else 400 \`unknown_person\`) or a free \`name\` and \`mobile\`, with their \`enterpriseId\` when it is a member of the cluster (else 400 \`unknown_enterprise\`). Becomes an accepted registration flagged as a walk-in, past the capacity on purpose, checked in at once (${SESSION}). Someone with a live registration in the activity is checked in from the list instead (409 \`already_registered\`). Returns the row (201, \`walkIn\` true).`,
        params: IdParams,
        body: WalkInInput,
        response: { 201: CheckInRow },
      },
    },
    async (req, reply) => reply.code(201).send(await walkIn(app.deps, actorOf(req), req.params.id, req.body)),
  );

  app.get(
    "/registrations/:id/ticket",
    {
      schema: {
        tags,
        operationId: "getRegistrationTicket",
        summary: "A registration's ticket: its private check-in code and the code's QR (SVG)",
        description:
          "For the cluster's managers and the users of the person's enterprise (other readers 403, out of scope 404). The code is the registration's private token: shown on the confirmation and scanned at the door.",
        params: IdParams,
        response: { 200: TicketOut },
      },
    },
    async (req) => getTicket(app.deps, actorOf(req), req.params.id),
  );

  app.get(
    "/activities/:id/certificate-settings",
    {
      schema: {
        tags,
        operationId: "getCertificateSettings",
        summary: "A training's attendance rule and the signatories of its certificates",
        description: `${MANAGERS} Null until they are set. Other kinds of activity: 400 \`not_training\`.`,
        params: IdParams,
        response: { 200: CertificateSettings.nullable() },
      },
    },
    async (req) => getCertificateSettings(app.deps, actorOf(req), req.params.id),
  );

  app.put(
    "/activities/:id/certificate-settings",
    {
      schema: {
        tags,
        operationId: "putCertificateSettings",
        summary: "Set a training's attendance rule and its certificates' signatories",
        description: `${MANAGERS} \`minAttendancePercent\` (1–100) of the training's hours must be attended for a certificate; one to three signatories with their titles print on it. Other kinds of activity: 400 \`not_training\`. Returns the settings.`,
        params: IdParams,
        body: CertificateSettings,
        response: { 200: CertificateSettings },
      },
    },
    async (req) => putCertificateSettings(app.deps, actorOf(req), req.params.id, req.body),
  );

  app.get(
    "/activities/:id/certificates",
    {
      schema: {
        tags,
        operationId: "listActivityCertificates",
        summary: "A training's attendees: hours attended, whether they met the rule, their certificates",
        description: `${MANAGERS} The accepted registrations in the order they came, each with the hours of all their check-ins, \`eligible\` when they met the rule (never before the rule is set) and the certificate issued (its code grouped as printed). \`hoursRequired\` is the rule's share of the training's hours (all of them until a rule is set). Other kinds: 400 \`not_training\`. Paged by \`page\` and \`pageSize\`.`,
        params: IdParams,
        querystring: CertificateListQuery,
        response: { 200: CertificatesOut },
      },
    },
    async (req) => listCertificates(app.deps, actorOf(req), req.params.id, req.query),
  );

  app.post(
    "/activities/:id/certificates",
    {
      schema: {
        tags,
        operationId: "issueCertificates",
        summary: "Issue certificates to the given attendees or to all who met the attendance rule, and mail them",
        description: `${MANAGERS} Needs the rule set (400 \`certificate_settings_required\`); other kinds: 400 \`not_training\`. With \`registrationIds\`, each must be accepted in this activity (400 \`not_registered\`) and have met the rule (400 \`attendance_rule_not_met\`, nothing issued); with \`allEligible\`, everyone who met it. Someone issued a certificate already keeps it: \`issued\` lists the certificates this call wrote. With \`mail\`, the call's certificates not mailed yet are mailed (to the person's own address, else to the user who registered them) with the public verify link and the code; the mail carries no attachment.`,
        params: IdParams,
        body: CertificateIssueInput,
        response: { 200: CertificateIssueOut },
      },
    },
    async (req) => issueCertificates(app.deps, actorOf(req), req.params.id, req.body, siteOrigin(req)),
  );

  app.get(
    "/certificates/:id/pdf",
    {
      schema: {
        tags,
        operationId: "getCertificatePdf",
        summary: "A certificate as a Persian A4 PDF",
        description:
          "For the cluster's managers and the users of the holder's enterprise (other readers 403, out of scope 404). Landscape A4 with the province company's letterhead and the cluster, the holder, the training, its Jalali dates and hours, the signatories and their titles, the verification code and the public verify link.",
        params: IdParams,
        response: { 200: FileDownload("application/pdf", "The certificate as a PDF file (A4 landscape, Persian)") },
      },
    },
    async (req, reply) => {
      const doc = await certificatePdf(app.deps, actorOf(req), req.params.id, siteOrigin(req));
      return reply
        .type("application/pdf")
        .headers({ ...pdfHeaders, "content-disposition": doc.disposition })
        .send(doc.pdf);
    },
  );

  app.get(
    "/public/certificates/:code",
    {
      schema: {
        tags,
        operationId: "verifyCertificate",
        summary: "Check a certificate's code (public, no account)",
        description:
          "Anyone may call it, thirty times a minute per address (429 `rate_limited`). The code as typed off the paper: spaces, dashes, lower case and Persian digits are forgiven. Answers only the holder's name, the training's title, the cluster's name, the hours and the day it was issued; an unknown code 404 `certificate_not_found`.",
        params: CertificateCodeParams,
        response: { 200: CertificateVerifyOut },
      },
      config: { public: true, rateLimit: VERIFY_LIMIT },
    },
    async (req) => verifyCertificate(app.deps, req.params.code),
  );
};
