import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Id } from "../../../core/schemas";
import { actorOf } from "../../app";
import { requireActor } from "../../auth/authorize";
import { badRequest } from "../../errors";
import { addAttachment, listAttachments, type OwnerType, openAttachment } from "./service";

const AttachmentOut = z.object({
  id: z.string(),
  fileName: z.string(),
  mime: z.string(),
  size: z.number(),
  createdAt: z.string(),
});

/** Reads the one multipart file of a request and attaches it to its owner. */
async function upload(req: FastifyRequest, owner: { type: OwnerType; id: string }) {
  requireActor(req.auth.actor);
  if (!req.isMultipart()) throw badRequest("file_missing");
  const file = await req.file();
  if (!file) throw badRequest("file_missing");
  const content = await file.toBuffer();
  return addAttachment(req.server.deps, actorOf(req), owner, { fileName: file.filename, content });
}

export const attachmentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/clusters/:id/attachments",
    {
      schema: {
        tags: ["attachments"],
        summary: "A cluster's attachments",
        params: z.strictObject({ id: Id }),
        response: { 200: z.object({ items: z.array(AttachmentOut), total: z.number() }) },
      },
    },
    async (req) => listAttachments(app.deps, actorOf(req), { type: "cluster", id: req.params.id }),
  );

  app.post(
    "/clusters/:id/attachments",
    {
      schema: {
        tags: ["attachments"],
        summary: "Attach a file (multipart field `file`; PDF, Office or image, checked by content)",
        params: z.strictObject({ id: Id }),
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
        summary: "Attach evidence to a life-cycle step (multipart field `file`)",
        params: z.strictObject({ id: Id }),
        consumes: ["multipart/form-data"],
        response: { 201: AttachmentOut },
      },
    },
    async (req, reply) => reply.code(201).send(await upload(req, { type: "transition", id: req.params.id })),
  );

  app.get(
    "/attachments/:id",
    { schema: { tags: ["attachments"], summary: "Download a file", params: z.strictObject({ id: Id }) } },
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
