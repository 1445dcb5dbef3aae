import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Id, TokenCreateInput, TokenOut } from "../../../core/schemas";
import { actorOf } from "../../app";
import { issueToken, listTokens, revokeToken } from "./service";

export const tokenRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/tokens",
    {
      schema: {
        tags: ["tokens"],
        summary: "API tokens in the caller's scope",
        response: { 200: z.object({ items: z.array(TokenOut), total: z.number() }) },
      },
    },
    async (req) => listTokens(app.deps, actorOf(req)),
  );

  app.post(
    "/tokens",
    {
      schema: {
        tags: ["tokens"],
        summary: "Issue an API token (the secret is returned once)",
        body: TokenCreateInput,
        response: { 201: z.object({ token: z.string(), item: TokenOut }) },
      },
    },
    async (req, reply) => reply.code(201).send(await issueToken(app.deps, actorOf(req), req.body)),
  );

  app.delete(
    "/tokens/:id",
    { schema: { tags: ["tokens"], summary: "Revoke an API token", params: z.strictObject({ id: Id }) } },
    async (req, reply) => {
      await revokeToken(app.deps, actorOf(req), req.params.id);
      return reply.code(204).send();
    },
  );
};
