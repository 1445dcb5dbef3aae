import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { IdParams, NoContent, pageOf } from "../../../core/schemas/common";
import { TokenCreateInput, TokenIssuedOut, TokenOut } from "../../../core/schemas/tokens";
import { actorOf } from "../../app";
import { issueToken, listTokens, revokeToken } from "./service";

export const tokenRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/tokens",
    {
      schema: {
        tags: ["tokens"],
        operationId: "listTokens",
        summary: "API tokens in the caller's scope",
        description:
          "For province admins (tokens of their province) and national admins (all); others get 403. Returns each token's name, grant, issuer, expiry, last use and state (a suspended token's issuer lost the rights it carries), newest first, never its secret.",
        response: { 200: pageOf(TokenOut) },
      },
    },
    async (req) => listTokens(app.deps, actorOf(req)),
  );

  app.post(
    "/tokens",
    {
      schema: {
        tags: ["tokens"],
        operationId: "issueToken",
        summary: "Issue an API token (the secret is returned once)",
        description:
          "For province and national admins: the token carries one role grant the caller could give a person (403 otherwise) and an optional expiry date up to three years ahead (400 `expiry_not_future`, `expiry_too_far`). Returns the secret (`khs_…`, send it as `Authorization: Bearer`) once, with the token's record (201); only its hash is kept.",
        body: TokenCreateInput,
        response: { 201: TokenIssuedOut },
      },
    },
    async (req, reply) => reply.code(201).send(await issueToken(app.deps, actorOf(req), req.body)),
  );

  app.delete(
    "/tokens/:id",
    {
      schema: {
        tags: ["tokens"],
        operationId: "revokeToken",
        summary: "Revoke an API token",
        description:
          "Revokes a token in the caller's scope at once (204; revoking a revoked token changes nothing). Tokens out of scope answer 404.",
        params: IdParams,
        response: { 204: NoContent("Revoked") },
      },
    },
    async (req, reply) => {
      await revokeToken(app.deps, actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
};
