import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { IdParams, NoContent, pageOf } from "../../../core/schemas/common";
import {
  GrantInput,
  ResetPasswordInput,
  UserCreatedOut,
  UserCreateInput,
  UserGrantParams,
  UserListQuery,
  UserOut,
  UserUpdateInput,
} from "../../../core/schemas/users";
import { actorOf } from "../../app";
import { addGrant, revokeGrant } from "./grants";
import { createUser, getUser, listUsers, resetPassword, updateUser } from "./users";

const tags = ["users"];

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/users",
    {
      schema: {
        tags,
        operationId: "listUsers",
        summary: "Users in the caller's scope",
        description:
          "For province admins (users whose home or a role is in their province) and national admins (everyone); others get 403. Returns a page of users with their grants, searchable by name or e-mail, and the total.",
        querystring: UserListQuery,
        response: { 200: pageOf(UserOut) },
      },
    },
    async (req) => listUsers(app.deps, actorOf(req), req.query),
  );

  app.post(
    "/users",
    {
      schema: {
        tags,
        operationId: "createUser",
        summary: "Create a user",
        description:
          "Creates the user (201). When the e-mail already belongs to a person outside the caller's view, that person is given the requested role instead and told by e-mail (200, `invited: true`); a grant is required unless the caller is a national admin.",
        body: UserCreateInput,
        response: { 200: UserCreatedOut, 201: UserCreatedOut },
      },
    },
    async (req, reply) => {
      const r = await createUser(app.deps, actorOf(req), req.body);
      return reply.code(r.invited ? 200 : 201).send({ ...r.user, invited: r.invited });
    },
  );

  app.get(
    "/users/:id",
    {
      schema: {
        tags,
        operationId: "getUser",
        summary: "One user",
        description:
          "Returns the user with their grants and whether the caller may manage the account (`can.manage`). Users outside the caller's view answer 404.",
        params: IdParams,
        response: { 200: UserOut },
      },
    },
    async (req) => getUser(app.deps, actorOf(req), req.params.id),
  );

  app.patch(
    "/users/:id",
    {
      schema: {
        tags,
        operationId: "updateUser",
        summary: "Rename, (de)activate or set a user's language",
        description:
          "For admins who may manage the account (403 when it is visible but not theirs to manage, 404 when not visible). Deactivating signs the user out everywhere and revokes the API tokens they issued; nobody may deactivate themselves (400 `cannot_change_self`).",
        params: IdParams,
        body: UserUpdateInput,
        response: { 200: UserOut },
      },
    },
    async (req) => updateUser(app.deps, actorOf(req), req.params.id, req.body),
  );

  app.post(
    "/users/:id/password",
    {
      schema: {
        tags,
        operationId: "resetUserPassword",
        summary: "Reset a user's password",
        description:
          "Sets a new password for a user the caller may manage (204), ends all their sessions, forgets their browsers, revokes the API tokens they issued and tells them by e-mail. A weak password answers 400 `weak_password`.",
        params: IdParams,
        body: ResetPasswordInput,
        response: { 204: NoContent("Password set; the user's sessions ended") },
      },
    },
    async (req, reply) => {
      await resetPassword(app.deps, actorOf(req), req.params.id, req.body.password);
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/users/:id/grants",
    {
      schema: {
        tags,
        operationId: "addUserGrant",
        summary: "Grant a role",
        description:
          "Gives a visible user one role at a scope the caller may grant (403 otherwise) and notifies them; returns the user with their grants (201). The scope must fit the role (400 `invalid_grant_scope`), a duplicate answers 409 `grant_exists`, and nobody changes their own grants (400 `cannot_change_self`).",
        params: IdParams,
        body: GrantInput,
        response: { 201: UserOut },
      },
    },
    async (req, reply) => reply.code(201).send(await addGrant(app.deps, actorOf(req), req.params.id, req.body)),
  );

  app.delete(
    "/users/:id/grants/:grantId",
    {
      schema: {
        tags,
        operationId: "revokeUserGrant",
        summary: "Revoke a role",
        description:
          "Removes one of a visible user's grants, if its scope is the caller's to grant (403 otherwise), notifies them and returns the user with the grants left. An unknown grant answers 404; nobody revokes their own (400 `cannot_change_self`).",
        params: UserGrantParams,
        response: { 200: UserOut },
      },
    },
    async (req) => revokeGrant(app.deps, actorOf(req), req.params.id, req.params.grantId),
  );
};
