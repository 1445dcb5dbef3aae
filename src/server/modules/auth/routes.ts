import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { ACTIONS, type Action, canAnywhere } from "../../../core/permissions";
import { ChangePasswordInput, LoginInput, SessionOut, UpdateMeInput } from "../../../core/schemas/auth";
import { NoContent } from "../../../core/schemas/common";
import { DEVICE_COOKIE, DEVICE_MAX_AGE_S } from "../../auth/attempts";
import { requireActor } from "../../auth/authorize";
import { login, logout, SESSION_ABSOLUTE_MS, SESSION_COOKIE, SESSION_HINT_COOKIE } from "../../auth/sessions";
import { unauthenticated } from "../../errors";
import { changeOwnPassword, setOwnLocale } from "../users/account";
import { userDtoById } from "../users/shared";

async function sessionBody(req: FastifyRequest, userId: string, csrfToken: string | null) {
  const user = await userDtoById(req.server.deps.database.db, userId);
  if (!user) throw unauthenticated();
  const actor = { userId, grants: user.grants, via: "session" as const };
  const permissions: Action[] = ACTIONS.filter((a) => canAnywhere(actor, a));
  return { user, permissions, csrfToken };
}

function secureCookie(req: FastifyRequest): boolean {
  const s = req.server.deps.config.cookieSecure;
  return s === "auto" ? req.protocol === "https" : s;
}

function setSessionCookie(req: FastifyRequest, reply: FastifyReply, value: string) {
  reply.setCookie(SESSION_COOKIE, value, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: secureCookie(req),
    maxAge: Math.floor(SESSION_ABSOLUTE_MS / 1000),
  });
  reply.setCookie(SESSION_HINT_COOKIE, "1", {
    path: "/",
    httpOnly: false,
    sameSite: "lax",
    secure: secureCookie(req),
    maxAge: Math.floor(SESSION_ABSOLUTE_MS / 1000),
  });
}

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    "/auth/login",
    {
      schema: {
        tags: ["auth"],
        operationId: "login",
        summary: "Sign in with e-mail and password",
        description:
          "Anyone may call it. On success sets the httpOnly session cookie and returns the user, what they may do and the CSRF token to send as x-csrf-token on unsafe requests. Wrong credentials or a deactivated account answer 401 `invalid_credentials`; repeated failures lock the account or address for a while (429 `too_many_attempts`). API clients use a bearer token instead.",
        body: LoginInput,
        response: { 200: SessionOut },
      },
      config: { public: true, rateLimit: { max: 60, timeWindow: "1 minute" } },
    },
    async (req, reply) => {
      const r = await login(app.deps, req.body.email, req.body.password, {
        ip: req.ip,
        userAgent: req.headers["user-agent"] ?? null,
        deviceSecret: req.cookies[DEVICE_COOKIE] ?? null,
      });
      setSessionCookie(req, reply, r.cookieValue);
      // Marks this browser as one that signed in to the account: it passes the account's lock later.
      reply.setCookie(DEVICE_COOKIE, r.deviceSecret, {
        path: "/api/v1/auth",
        httpOnly: true,
        sameSite: "lax",
        secure: secureCookie(req),
        maxAge: DEVICE_MAX_AGE_S,
      });
      return sessionBody(req, r.userId, r.csrfToken);
    },
  );

  app.post(
    "/auth/logout",
    {
      schema: {
        tags: ["auth"],
        operationId: "logout",
        summary: "Sign out",
        description:
          "Ends the caller's session and clears its cookie (204). Any signed-in caller may call it; with a bearer token it changes nothing (revoke the token instead).",
        response: { 204: NoContent("Signed out; the session cookie is cleared") },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req.auth.actor);
      if (req.auth.sessionId) await logout(app.deps, actor, req.auth.sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      reply.clearCookie(SESSION_HINT_COOKIE, { path: "/" });
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/auth/me",
    {
      schema: {
        tags: ["auth"],
        operationId: "getSession",
        summary: "The signed-in user",
        description:
          "Returns the signed-in user (or the token's grant holder) with their role grants, the actions they may take somewhere and, for a session, its CSRF token. A missing or expired session answers 401 (`unauthenticated`, `session_expired`).",
        response: { 200: SessionOut },
      },
    },
    async (req) => {
      if (!req.auth.actor) throw unauthenticated(req.auth.problem ?? "unauthenticated");
      return sessionBody(req, req.auth.actor.userId, req.auth.csrfToken);
    },
  );

  app.patch(
    "/auth/me",
    {
      schema: {
        tags: ["auth"],
        operationId: "updateMyLanguage",
        summary: "Change my language",
        description:
          "Sets the signed-in user's language (fa or en) for e-mails and the web app, whatever their grants, and returns the session as `getSession` does.",
        body: UpdateMeInput,
        response: { 200: SessionOut },
      },
    },
    async (req) => {
      const actor = requireActor(req.auth.actor);
      await setOwnLocale(app.deps, actor, req.body.locale);
      return sessionBody(req, actor.userId, req.auth.csrfToken);
    },
  );

  app.post(
    "/auth/password",
    {
      schema: {
        tags: ["auth"],
        operationId: "changeMyPassword",
        summary: "Change my password",
        description:
          "Changes the signed-in user's password given the current one (204) and ends their other sessions. A wrong current password answers 400 `wrong_current_password` and counts towards the account's sign-in lock (429 `too_many_attempts`); a weak new one 400 `weak_password`.",
        body: ChangePasswordInput,
        response: { 204: NoContent("Password changed; other sessions ended") },
      },
    },
    async (req, reply) => {
      await changeOwnPassword(
        app.deps,
        req.auth.actor,
        req.body.currentPassword,
        req.body.newPassword,
        req.auth.sessionId,
      );
      return reply.code(204).send(null);
    },
  );
};
