import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  GrantInput,
  Id,
  Order,
  Paging,
  ResetPasswordInput,
  SearchText,
  UserCreatedOut,
  UserCreateInput,
  UserOut,
  UserUpdateInput,
} from "../../../core/schemas";
import { actorOf, ctxOf } from "../../app";
import { addGrant, createUser, getUser, listUsers, resetPassword, revokeGrant, updateUser } from "./service";

const tags = ["users"];
const IdParams = z.strictObject({ id: Id });

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/users",
    {
      schema: {
        tags,
        summary: "Users in the caller's scope",
        querystring: z.strictObject({
          q: SearchText.optional(),
          active: z.enum(["true", "false"]).optional(),
          sort: z.enum(["name", "email", "createdAt"]).default("name"),
          order: Order,
          ...Paging,
        }),
        response: { 200: z.object({ items: z.array(UserOut), total: z.number() }) },
      },
    },
    async (req) =>
      listUsers(app.deps, actorOf(req), {
        ...req.query,
        active: req.query.active === undefined ? undefined : req.query.active === "true",
      }),
  );

  app.post(
    "/users",
    {
      schema: {
        tags,
        summary: "Create a user",
        description:
          "Creates the user (201). When the e-mail already belongs to a person outside the caller's view, that person is given the requested role instead and told by e-mail (200, `invited: true`); a grant is required unless the caller is a national admin.",
        body: UserCreateInput,
        response: { 200: UserCreatedOut, 201: UserCreatedOut },
      },
    },
    async (req, reply) => {
      const r = await createUser(app.deps, ctxOf(req), req.body);
      return reply.code(r.invited ? 200 : 201).send({ ...r.user, invited: r.invited });
    },
  );

  app.get(
    "/users/:id",
    { schema: { tags, summary: "One user", params: IdParams, response: { 200: UserOut } } },
    async (req) => getUser(app.deps, actorOf(req), req.params.id),
  );

  app.patch(
    "/users/:id",
    {
      schema: {
        tags,
        summary: "Rename, (de)activate or set a user's language",
        params: IdParams,
        body: UserUpdateInput,
        response: { 200: UserOut },
      },
    },
    async (req) => updateUser(app.deps, ctxOf(req), req.params.id, req.body),
  );

  app.post(
    "/users/:id/password",
    { schema: { tags, summary: "Reset a user's password", params: IdParams, body: ResetPasswordInput } },
    async (req, reply) => {
      await resetPassword(app.deps, ctxOf(req), req.params.id, req.body.password);
      return reply.code(204).send();
    },
  );

  app.post(
    "/users/:id/grants",
    { schema: { tags, summary: "Grant a role", params: IdParams, body: GrantInput, response: { 201: UserOut } } },
    async (req, reply) => reply.code(201).send(await addGrant(app.deps, ctxOf(req), req.params.id, req.body)),
  );

  app.delete(
    "/users/:id/grants/:grantId",
    {
      schema: {
        tags,
        summary: "Revoke a role",
        params: z.strictObject({ id: Id, grantId: Id }),
        response: { 200: UserOut },
      },
    },
    async (req) => revokeGrant(app.deps, ctxOf(req), req.params.id, req.params.grantId),
  );
};
