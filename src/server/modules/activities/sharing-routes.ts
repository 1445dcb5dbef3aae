/**
 * What leaves the app and what comes with an activity: its calendar file,
 * a user's private calendar feed of a cluster's activities, the
 * spreadsheets of an activity's participants and of a cluster's year, and
 * the activity's photos and documents.
 */
import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  ActivityAttachmentParams,
  ActivityYearExportQuery,
  CalendarFeedOut,
  FeedParams,
} from "../../../core/schemas/activities";
import { AttachmentOut } from "../../../core/schemas/attachments";
import { FileDownload, IdParams, NoContent, pageOf } from "../../../core/schemas/common";
import { actorOf } from "../../app";
import { requireActor } from "../../auth/authorize";
import { attachmentDisposition, safeFileName } from "../../pdf/disposition";
import { siteOrigin } from "../applications/shared";
import { readOneFile } from "../attachments/routes";
import { listAttachments } from "../attachments/service";
import { clusterYearXlsx, participantsXlsx, type Workbook } from "./export";
import { addActivityFile, authorizeActivityUpload, removeActivityFile } from "./files";
import { activityIcs, feedIcs, rotateFeed } from "./ics";

const tags = ["activities"];
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const MANAGERS =
  "For province admins of the province, the cluster's managers and national admins (403 for other readers, 404 out of scope).";
const CALENDAR = "text/calendar; charset=utf-8";
/** Calendar apps poll every few minutes to hours; a person subscribing from a few devices stays well under. */
const FEED_LIMIT = { max: 60, timeWindow: "1 minute" };

export const sharingRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/activities/:id/ics",
    {
      schema: {
        tags,
        operationId: "getActivityIcs",
        summary: "An activity as a calendar file (.ics)",
        description:
          "For anyone who may read the activity (404 otherwise). One event per session, at its time in Tehran when it has one and all day otherwise; an activity without sessions is one all-day event over its days. Events keep their UIDs across downloads, so importing the file again updates them; a cancelled activity's events say so.",
        params: IdParams,
        response: { 200: FileDownload("text/calendar", "The calendar file (RFC 5545)") },
      },
    },
    async (req, reply) => {
      const f = await activityIcs(app.deps, actorOf(req), req.params.id, siteOrigin(req), req.lang);
      return reply
        .type(CALENDAR)
        .header("content-disposition", attachmentDisposition(safeFileName(f.fileName, "ics"), "activity.ics"))
        .header("cache-control", "private, no-store")
        .send(f.body);
    },
  );

  app.post(
    "/clusters/:id/calendar-feed",
    {
      schema: {
        tags,
        operationId: "rotateActivityFeed",
        summary: "The caller's private calendar feed of the cluster's activities (a new address each call)",
        description:
          "For anyone who may read the cluster's activities (404 otherwise). Returns the address of a feed calendar apps can subscribe to; calling again gives a new address and the old one stops answering. Only the token's SHA-256 is kept. Audited.",
        params: IdParams,
        response: { 200: CalendarFeedOut },
      },
    },
    async (req) => rotateFeed(app.deps, actorOf(req), req.params.id, siteOrigin(req)),
  );

  app.get(
    "/feeds/activities/:token.ics",
    {
      schema: {
        tags,
        operationId: "getActivityFeed",
        summary: "A private calendar feed of a cluster's activities (no sign-in; the token is the key)",
        description:
          "Anyone holding the address may call it, 60 times a minute per address (429 `rate_limited`). The cluster's activities from three months back to a year ahead, as in `getActivityIcs`, while the feed's user is active and may still read the cluster's activities; otherwise, or for a replaced token, 404. Revalidates with its ETag (304).",
        params: FeedParams,
        response: {
          200: FileDownload("text/calendar", "The feed (RFC 5545)", "inline"),
          304: NoContent("Unchanged since the ETag given in If-None-Match"),
        },
      },
      config: { public: true, rateLimit: FEED_LIMIT },
    },
    async (req, reply) => {
      const f = await feedIcs(app.deps, req.params.token, siteOrigin(req), req.lang);
      // Private: the address is a secret; calendar apps revalidate cheaply with the ETag.
      reply.header("cache-control", "private, max-age=900").header("etag", f.etag);
      if (req.headers["if-none-match"] === f.etag) return reply.code(304).send(null);
      return reply.type(CALENDAR).header("content-disposition", 'inline; filename="activities.ics"').send(f.body);
    },
  );

  const sendWorkbook = (reply: FastifyReply, w: Workbook) =>
    reply
      .type(XLSX)
      .header("content-disposition", attachmentDisposition(safeFileName(w.fileName, "xlsx"), w.asciiName))
      .header("cache-control", "private, no-store")
      .send(w.content);

  app.get(
    "/activities/:id/participants.xlsx",
    {
      schema: {
        tags,
        operationId: "exportActivityParticipants",
        summary: "An activity's participants, attendance and certificates as an Excel workbook",
        description: `${MANAGERS} Every registration by the order it came: name, status, session, enterprise, mobile, when registered (Jalali), waiting place, walk-in, the hours attended in each session and in all, and the certificate's code. Headings in the request's language; a right-to-left sheet in Persian.`,
        params: IdParams,
        response: { 200: FileDownload(XLSX, "The workbook") },
      },
    },
    async (req, reply) => sendWorkbook(reply, await participantsXlsx(app.deps, actorOf(req), req.params.id, req.lang)),
  );

  app.get(
    "/clusters/:id/activities.xlsx",
    {
      schema: {
        tags,
        operationId: "exportClusterActivities",
        summary: "A cluster's activities of a Jalali year with registrations, attendance and beneficiaries, as Excel",
        description:
          "For anyone who may read the cluster's activities (404 otherwise). Each activity starting in the year: kind, status, programme, dates (Jalali), registrations accepted and waiting, people who attended, unique people and enterprises served; then the cluster's unique people and enterprises of the year (not the sum: someone at three activities counts once).",
        params: IdParams,
        querystring: ActivityYearExportQuery,
        response: { 200: FileDownload(XLSX, "The workbook") },
      },
    },
    async (req, reply) =>
      sendWorkbook(reply, await clusterYearXlsx(app.deps, actorOf(req), req.params.id, req.query.year, req.lang)),
  );

  app.get(
    "/activities/:id/attachments",
    {
      schema: {
        tags,
        operationId: "listActivityAttachments",
        summary: "An activity's photos and documents",
        description:
          "For anyone who may read the activity (404 otherwise): its files, newest first, with name, type, size and when they were added. Download one with `downloadAttachment`.",
        params: IdParams,
        response: { 200: pageOf(AttachmentOut) },
      },
    },
    async (req) => listAttachments(app.deps, actorOf(req), { type: "activity", id: req.params.id }),
  );

  app.post(
    "/activities/:id/attachments",
    {
      schema: {
        tags,
        operationId: "attachActivityFile",
        summary: "Attach a photo or document to an activity (multipart field `file`)",
        description: `${MANAGERS} Checked before the body is read. Photos (JPEG, PNG, WebP) and documents (PDF, Word, Excel, PowerPoint): another type answers 400 \`file_type_not_allowed\`, content that is not what the name says (an executable called .jpg) 400 \`file_type_mismatch\`, a file over the size limit 413 \`file_too_large\`, a second file 400 \`too_many_files\`. Returns the attachment (201); audited.`,
        params: IdParams,
        consumes: ["multipart/form-data"],
        response: { 201: AttachmentOut },
      },
    },
    async (req, reply) => {
      requireActor(req.auth.actor);
      // Someone without the right is not made to upload 10 MB first.
      await authorizeActivityUpload(app.deps, actorOf(req), req.params.id);
      const file = await readOneFile(req);
      return reply.code(201).send(await addActivityFile(app.deps, actorOf(req), req.params.id, file));
    },
  );

  app.delete(
    "/activities/:id/attachments/:attachmentId",
    {
      schema: {
        tags,
        operationId: "removeActivityAttachment",
        summary: "Remove a photo or document of an activity",
        description: `${MANAGERS} A file of another record answers 404. Audited with the file's name and size.`,
        params: ActivityAttachmentParams,
        response: { 204: NoContent("Removed") },
      },
    },
    async (req, reply) => {
      await removeActivityFile(app.deps, actorOf(req), req.params.id, req.params.attachmentId);
      return reply.code(204).send(null);
    },
  );
};
