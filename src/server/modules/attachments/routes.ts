import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { AttachmentOut } from "../../../core/schemas/attachments";
import { FileDownload, IdParams, pageOf } from "../../../core/schemas/common";
import { actorOf } from "../../app";
import { requireActor } from "../../auth/authorize";
import { AppError, badRequest, type ErrorCode } from "../../errors";
import { addAttachment, authorizeAttach, listAttachments, type OwnerType, openAttachment } from "./service";

/** The multipart parser's own errors, by code; anything else it throws is a malformed body. */
const PARSER_PROBLEMS: Record<string, ErrorCode> = {
  FST_FILES_LIMIT: "too_many_files",
  FST_PARTS_LIMIT: "too_many_parts",
  FST_FIELDS_LIMIT: "too_many_parts",
};

/** Maps whatever the multipart parser throws to a client error; it never becomes a 500. */
function multipartProblem(req: FastifyRequest, err: unknown): AppError {
  if (err instanceof AppError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  if (code === "FST_REQ_FILE_TOO_LARGE") {
    return new AppError(413, "file_too_large", {
      maxMb: Math.round(req.server.deps.config.attachmentMaxBytes / 1048576),
    });
  }
  // busboy's "Boundary not found", "Unexpected end of form", "Malformed part header", …
  return new AppError(400, (typeof code === "string" && PARSER_PROBLEMS[code]) || "multipart_invalid");
}

/**
 * Reads the request's one file. The whole body is read, so a second file
 * (refused by the parser's files limit of 1) or a file cut short is noticed
 * instead of being ignored after the first file.
 */
export async function readOneFile(req: FastifyRequest): Promise<{ fileName: string; content: Buffer }> {
  if (!req.isMultipart()) throw badRequest("file_missing");
  let file: { fileName: string; content: Buffer } | null = null;
  try {
    for await (const part of req.files()) {
      if (file) throw badRequest("too_many_files");
      file = { fileName: part.filename, content: await part.toBuffer() };
    }
  } catch (err) {
    throw multipartProblem(req, err);
  }
  if (!file) throw badRequest("file_missing");
  return file;
}

/** Reads the one multipart file of a request and attaches it to its owner. */
async function upload(req: FastifyRequest, owner: { type: OwnerType; id: string }) {
  requireActor(req.auth.actor);
  // Authorised before the body is read: someone without the right is not made to upload 10 MB first.
  await authorizeAttach(req.server.deps, actorOf(req), owner);
  const file = await readOneFile(req);
  return addAttachment(req.server.deps, actorOf(req), owner, file);
}

export const attachmentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/clusters/:id/attachments",
    {
      schema: {
        tags: ["attachments"],
        operationId: "listClusterAttachments",
        summary: "A cluster's attachments",
        description:
          "Anyone who may read the cluster (404 otherwise): the files attached to it, with name, type, size and when they were added. Download one with `downloadAttachment`.",
        params: IdParams,
        response: { 200: pageOf(AttachmentOut) },
      },
    },
    async (req) => listAttachments(app.deps, actorOf(req), { type: "cluster", id: req.params.id }),
  );

  app.post(
    "/clusters/:id/attachments",
    {
      schema: {
        tags: ["attachments"],
        operationId: "attachClusterFile",
        summary: "Attach a file (multipart field `file`; PDF, Office or image, checked by content)",
        description:
          "For those who may edit the cluster (403 for other readers, 404 out of scope), checked before the body is read. Returns the attachment (201). A type not allowed answers 400 `file_type_not_allowed`, content that is not what the extension says 400 `file_type_mismatch`, a file over the size limit 413 `file_too_large`, a second file 400 `too_many_files`.",
        params: IdParams,
        consumes: ["multipart/form-data"],
        response: { 201: AttachmentOut },
      },
    },
    async (req, reply) => reply.code(201).send(await upload(req, { type: "cluster", id: req.params.id })),
  );

  app.post(
    "/transitions/:id/attachments",
    {
      schema: {
        tags: ["attachments"],
        operationId: "attachTransitionFile",
        summary: "Attach evidence to a life-cycle step (multipart field `file`)",
        description:
          "Like `attachClusterFile`, for one step of a cluster's life-cycle history (minutes, approval letters, contracts): for those who may edit the cluster. Returns the attachment (201).",
        params: IdParams,
        consumes: ["multipart/form-data"],
        response: { 201: AttachmentOut },
      },
    },
    async (req, reply) => reply.code(201).send(await upload(req, { type: "transition", id: req.params.id })),
  );

  app.get(
    "/attachments/:id",
    {
      schema: {
        tags: ["attachments"],
        operationId: "downloadAttachment",
        summary: "Download a file",
        description:
          "Anyone who may read the record the file is attached to: the file's bytes in its own media type, as an attachment download that is not cached. Files the caller may not see answer 404.",
        params: IdParams,
        response: {
          200: FileDownload(
            "*/*",
            "The file, with the media type it was checked as (PDF, Office document or image)",
            "attachment, with the file's name (RFC 5987 filename*)",
          ),
        },
      },
    },
    async (req, reply) => {
      const f = await openAttachment(app.deps, actorOf(req), req.params.id);
      return reply
        .type(f.mime)
        .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`)
        .header("cache-control", "private, no-store")
        .send(f.content);
    },
  );
};
