/**
 * Builds the Fastify app: security plugins, OpenAPI, the per-request actor,
 * problem+json errors, module routes and the web app's static files. Tests
 * build it with buildApp() and talk to it over real HTTP or inject().
 */
import fs from "node:fs";
import { STATUS_CODES } from "node:http";
import type { Socket } from "node:net";
import path from "node:path";
import zlib from "node:zlib";
import compress from "@fastify/compress";
import cookie from "@fastify/cookie";
import multipart from "@fastify/multipart";
import rateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, {
  type ConnectionError,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from "fastify";
import { hasZodFastifySchemaValidationErrors, jsonSchemaTransform, validatorCompiler } from "fastify-type-provider-zod";
import { z } from "zod";
import { sizeIssueKey } from "../core/issues";
import type { Actor } from "../core/permissions";
import { ProblemOut } from "../core/schemas/common";
import { cleanIncomingText } from "../core/text";
import { type ResolvedAuth, resolveBearer, resolveSession, SESSION_COOKIE, SESSION_HINT_COOKIE } from "./auth/sessions";
import type { Config } from "./config";
import type { Deps } from "./context";
import { AppError, type ErrorParam, errorMessage, type FieldIssue } from "./errors";
import { helmetHeaders } from "./http/security-headers";
import { type ResponseSerializer, responseSerializer } from "./http/serializer";
import { type Lang, langFrom, t } from "./i18n";
import { apiTags, moduleRoutes } from "./modules/index";
import { WEB_DIST } from "./paths";

declare module "fastify" {
  interface FastifyInstance {
    deps: Deps;
    /** How responses are serialized; its `fallbacks` name the routes zod still serializes. */
    responseSerializer: ResponseSerializer;
  }
  interface FastifyRequest {
    auth: ResolvedAuth;
    lang: Lang;
  }
  interface FastifyContextConfig {
    /** Anyone may call the route; every other /api/ route answers anonymous callers 401. */
    public?: boolean;
  }
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);
/** Swagger UI's routes are registered by the plugin; they are public by where they live. */
const DOCS_PREFIX = "/api/docs";
const HSTS = "max-age=31536000; includeSubDomains";
/** The documented body of every multipart route: exactly one file, in the field `file`. */
const UPLOAD_BODY = {
  type: "object",
  properties: {
    file: { type: "string", format: "binary", description: "The one file of the request; a second one is refused." },
  },
  required: ["file"],
};
/** Vite's content-hashed build output: a new build has new names, so browsers keep these for good. */
const IMMUTABLE = "public, max-age=31536000, immutable";
/** The signed-in app has nothing for search engines. */
const ROBOTS_TXT = "User-agent: *\nDisallow: /\n";
/** JSON and problem+json are compressed on the fly; the web app's files are compressed at build time. */
const COMPRESSIBLE = /^application\/(?:[\w.-]+\+)?json(?:;|$)/;

/**
 * Documents the problem responses (the shared 4XX, any status a route gives
 * ProblemOut) as application/problem+json, the type they are sent with:
 * zod's transform leaves a bare schema, which swagger lists as
 * application/json. Other bodies (health's 503) keep their own type.
 */
function problemJson<T extends { schema: { response?: unknown } }>(
  zodResponse: Record<string, unknown> | undefined,
  out: T,
): T {
  const response = out.schema.response as Record<string, unknown> | undefined;
  if (!response || !zodResponse) return out;
  const documented: Record<string, unknown> = {};
  for (const [status, schema] of Object.entries(response)) {
    documented[status] =
      zodResponse[status] === ProblemOut
        ? {
            description: "A problem (RFC 9457): a stable `code` and a message in the caller's language.",
            content: { "application/problem+json": { schema } },
          }
        : schema;
  }
  return { ...out, schema: { ...out.schema, response: documented } };
}

export function actorOf(req: FastifyRequest): Actor | null {
  return req.auth.actor;
}

function problemBody(
  lang: Lang,
  status: number,
  code: string,
  params: Record<string, ErrorParam> = {},
  issues: FieldIssue[] = [],
) {
  const detail = errorMessage(lang, code, params);
  return {
    type: `https://khooshe.ir/problems/${code}`,
    title: code,
    status,
    code,
    detail,
    ...(issues.length ? { errors: issues.map((i) => ({ path: i.path, message: i.message ?? detail })) } : {}),
  };
}

function sendProblem(
  reply: FastifyReply,
  lang: Lang,
  status: number,
  code: string,
  params: Record<string, ErrorParam> = {},
  issues: FieldIssue[] = [],
) {
  return reply
    .code(status)
    .type("application/problem+json")
    .send(problemBody(lang, status, code, params, issues));
}

/**
 * Errors the router meets before any route or hook runs (a malformed escape,
 * an over-long parameter): problem+json like every other error, without
 * echoing the URL back.
 */
function onFrameworkError(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  const lang = langFrom(req.headers["accept-language"]);
  const [status, code] =
    err.code === "FST_ERR_BAD_URL"
      ? [400, "bad_url"]
      : err.code === "FST_ERR_MAX_PARAM_LENGTH"
        ? [414, "uri_too_long"]
        : [500, "internal_error"];
  if (status >= 500) req.log.error(err);
  reply.header("x-content-type-options", "nosniff");
  return sendProblem(reply, lang, status, code);
}

/**
 * Requests node refuses to parse (headers or URL over its size limit, a
 * garbled request line, a timeout) never reach Fastify: the answer is written
 * on the raw socket. Its headers cannot be trusted, so it is in Persian.
 */
function onClientError(err: ConnectionError, socket: Socket) {
  // A reset connection has no one left to answer.
  if (err.code === "ECONNRESET" || socket.destroyed) return;
  const [status, code] =
    err.code === "HPE_HEADER_OVERFLOW"
      ? [431, "headers_too_large"]
      : err.code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? [408, "request_timeout"]
        : [400, "bad_request"];
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify(problemBody("fa", status, code));
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ""}`,
    "Content-Type: application/problem+json; charset=utf-8",
    `Content-Length: ${Buffer.byteLength(body)}`,
    "X-Content-Type-Options: nosniff",
    "Cache-Control: no-store",
    "Connection: close",
  ].join("\r\n");
  // The rest of the request is not read: flush the answer, then close.
  socket.end(`${head}\r\n\r\n${body}`, () => socket.destroy());
}

/** Whether a route declared itself callable without signing in. */
function isPublic(req: FastifyRequest): boolean {
  return req.routeOptions.config.public === true;
}

/** Maps anything thrown to a problem; client mistakes never become a 5xx. */
/** The value a validation issue is about, looked up in the part of the request it names. */
function inputAt(req: FastifyRequest, context: string, segments: string[]): unknown {
  let node: unknown = (req as unknown as Record<string, unknown>)[context];
  for (const s of segments) node = node && typeof node === "object" ? (node as Record<string, unknown>)[s] : undefined;
  return node;
}

function problemOf(
  req: FastifyRequest,
  err: FastifyError | AppError | Error,
  lang: Lang,
): {
  status: number;
  code: string;
  params?: Record<string, ErrorParam>;
  issues?: FieldIssue[];
} {
  if (err instanceof AppError) return { status: err.status, code: err.code, params: err.params, issues: err.issues };
  if (hasZodFastifySchemaValidationErrors(err)) {
    const localeError = (lang === "fa" ? z.locales.fa() : z.locales.en()).localeError;
    const issues = err.validation.map((v) => {
      // The provider spreads the zod issue into params, minus code/path/message.
      const ctx = (err as { validationContext?: string }).validationContext ?? "body";
      const segments = v.instancePath.split("/").filter(Boolean);
      // zod words "received …" from the input, which the provider does not pass on.
      const issue = {
        ...v.params,
        code: v.keyword,
        message: v.message,
        input: inputAt(req, ctx, segments),
      } as unknown as Parameters<typeof localeError>[0] & { message: string };
      const where = segments.join(".");
      const path = [ctx, where].filter(Boolean).join(".");
      // A refinement that names an app error code (params.code) is worded like the app's own errors.
      const appCode = (v.params as { params?: { code?: unknown } }).params?.code;
      if (v.keyword === "custom" && typeof appCode === "string") return { path, message: errorMessage(lang, appCode) };
      const size = sizeIssueKey(issue);
      if (size) {
        const n = size.n.toLocaleString(lang === "fa" ? "fa-IR" : "en");
        return { path, message: t(lang, size.key, { n }) };
      }
      const msg = localeError(issue);
      return { path, message: typeof msg === "string" ? msg : (msg?.message ?? issue.message) };
    });
    return { status: 400, code: "validation_failed", issues };
  }
  const fe = err as FastifyError;
  switch (fe.code) {
    case "FST_ERR_CTP_INVALID_JSON_BODY":
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return { status: 400, code: "bad_json" };
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return { status: 413, code: "body_too_large" };
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
    case "FST_INVALID_MULTIPART_CONTENT_TYPE":
      return { status: 415, code: "unsupported_media_type" };
    case "FST_REQ_FILE_TOO_LARGE":
      return {
        status: 413,
        code: "file_too_large",
        params: { maxMb: Math.round(req.server.deps.config.attachmentMaxBytes / 1048576) },
      };
    case "FST_FILES_LIMIT":
      return { status: 400, code: "too_many_files" };
    case "FST_PARTS_LIMIT":
    case "FST_FIELDS_LIMIT":
      return { status: 400, code: "too_many_parts" };
    case "FST_PROTO_VIOLATION":
    case "FST_INVALID_JSON_FIELD_ERROR":
      return { status: 400, code: "multipart_invalid" };
  }
  if (err instanceof SyntaxError && fe.statusCode === 400) return { status: 400, code: "bad_json" };
  if (fe.statusCode === 429) return { status: 429, code: "rate_limited" };
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return { status: fe.statusCode, code: fe.statusCode === 404 ? "route_not_found" : "validation_failed" };
  }
  return { status: 500, code: "internal_error" };
}

export interface BuildOptions {
  logger?: boolean;
}

export async function buildApp(deps: Deps, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    logger: opts.logger ? { level: config.logLevel } : false,
    bodyLimit: 1024 * 1024,
    trustProxy: config.trustProxy,
    frameworkErrors: onFrameworkError,
    clientErrorHandler: onClientError,
  });
  app.decorate("deps", deps);
  app.decorateRequest("auth", null as unknown as ResolvedAuth);
  app.decorateRequest("lang", "fa");
  app.setValidatorCompiler(validatorCompiler);
  // Compiled from each response schema (src/server/http/serializer.ts); checked against zod in tests.
  const serializer = responseSerializer({ check: config.responseCheck });
  app.decorate("responseSerializer", serializer);
  app.setSerializerCompiler(serializer.compiler);

  // Helmet's headers, worked out once (they depend on nothing in the request) and set on every answer.
  const securityHeaders = helmetHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Emotion (MUI) injects <style> tags at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:"],
        fontSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    // CSP frame-ancestors 'none' says the same for browsers that read CSP.
    xFrameOptions: { action: "deny" },
    // Only a request that came over HTTPS may tell the browser to stay on HTTPS (the onSend hook below).
    strictTransportSecurity: false,
  });
  app.addHook("onRequest", function securityHeadersHook(_req, reply, done) {
    reply.headers(securityHeaders);
    done();
  });
  app.addHook("onSend", async (req, reply, payload) => {
    // req.protocol believes X-Forwarded-Proto only when TRUST_PROXY is set.
    if (req.protocol === "https") reply.header("strict-transport-security", HSTS);
    return payload;
  });
  // JSON answers over 1 KB, gzip at level 6 first, brotli (quality 4) for a client that takes only br.
  // On these answers (1-30 KB of JSON with Persian text) gzip 6 is as small as brotli 4 (within
  // ±3%: a 10 KB registry page 2.11 vs 2.13 KB, a cluster 1.82 vs 1.81 KB) for about half the CPU
  // (58 vs 126 µs for that page, alone; in the server's profile 13-15% -> ~10% of its CPU); brotli's
  // dictionary pays off only on bigger documents (the 176 KB OpenAPI document: +6% as gzip). Lower
  // levels save little more CPU for 2-5% more bytes, and users are on slow provincial lines.
  // Only /api/ routes: static files are served precompressed (scripts/precompress.mjs);
  // binary downloads (xlsx, pdf, images) are not compressible types and pass untouched.
  app.addHook("onRoute", (route) => {
    if (!route.url.startsWith("/api/")) route.compress = false;
  });
  await app.register(compress, {
    globalCompression: true,
    globalDecompression: false,
    threshold: 1024,
    encodings: ["gzip", "br"],
    zlibOptions: { level: 6 },
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
    // Compress answers up to 64 KB in one call on the event loop instead of through a zlib stream
    // (the plugin's default on 2 cores streams from 8 KB): a 10 KB page costs ~70 µs of CPU in one
    // call against 300-400 µs as a stream (stream set-up, the thread pool hand-off), and on list-p1
    // that took the server from ~2.4 to ~1.4 ms of CPU per request (360 -> 600 req/s at 32
    // connections). The event loop is held at most ~0.5 ms (64 KB); larger answers still stream.
    syncThreshold: 64 * 1024,
    customTypes: COMPRESSIBLE,
  });
  await app.register(cookie);
  // The general limit guards the API; one page load fetches dozens of static assets.
  await app.register(rateLimit, {
    max: config.rateLimitPerMinute,
    timeWindow: "1 minute",
    allowList: (req) => !req.url.startsWith("/api/"),
  });
  await app.register(multipart, {
    limits: { fileSize: config.attachmentMaxBytes, files: 1, fields: 10, parts: 12 },
  });

  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Khooshe API",
        version: "1",
        description:
          "Business-cluster development platform. Authenticate with the session cookie (browser, plus the x-csrf-token header on unsafe methods) or `Authorization: Bearer <token>`. Errors are application/problem+json with a stable `code`; messages follow Accept-Language (fa by default).",
        contact: { name: "Khooshe", url: "https://khooshe.ir" },
      },
      // Paths in this document are absolute (/api/v1/…) on the server that serves it.
      servers: [{ url: "/", description: "The server this document was fetched from" }],
      // Each module declares its operations' tags on its manifest (Spectral's operation-tag-defined;
      // checked in test/api/openapi.test.ts).
      tags: apiTags(),
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer" },
          session: { type: "apiKey", in: "cookie", name: SESSION_COOKIE },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: (input) => {
      const zodResponse = (input.schema as { response?: Record<string, unknown> } | undefined)?.response;
      const out = problemJson(zodResponse, jsonSchemaTransform(input));
      // zod cannot validate a file stream, so multipart routes document their one `file` here.
      const consumes = (input.schema as { consumes?: readonly string[] } | undefined)?.consumes;
      if (!consumes?.includes("multipart/form-data") || out.schema.body) return out;
      return { ...out, schema: { ...out.schema, body: UPLOAD_BODY } };
    },
  });
  app.addHook("onRoute", (route) => {
    if (route.url === DOCS_PREFIX || route.url.startsWith(`${DOCS_PREFIX}/`)) {
      route.config = { ...route.config, public: true };
    }
  });
  await app.register(swaggerUi, { routePrefix: DOCS_PREFIX, staticCSP: true });
  // Every API route documents its errors: problem+json with a stable code.
  app.addHook("onRoute", (route) => {
    if (!route.url.startsWith("/api/v1") || !route.schema) return;
    const response = (route.schema.response ?? {}) as Record<string, unknown>;
    response["4XX"] ??= ProblemOut;
    route.schema.response = response;
  });
  app.get("/api/openapi.json", { schema: { hide: true }, config: { public: true } }, async () => app.swagger());

  // Who is asking, in which language; and CSRF for cookie sessions.
  app.addHook("onRequest", async (req, reply) => {
    req.lang = langFrom(req.headers["accept-language"]);
    req.auth = { actor: null, sessionId: null, csrfToken: null, problem: null };
    if (!req.url.startsWith("/api/")) return;
    const authz = req.headers.authorization;
    if (authz) {
      const m = /^Bearer\s+(\S+)$/i.exec(authz);
      req.auth = m ? await resolveBearer(deps, m[1]!) : { ...req.auth, problem: "invalid_token" };
      if (!req.auth.actor) return sendProblem(reply, req.lang, 401, req.auth.problem ?? "invalid_token");
      return;
    }
    const cookieValue = req.cookies[SESSION_COOKIE];
    if (cookieValue) {
      req.auth = await resolveSession(deps, cookieValue);
      // A stale cookie answers "session expired" everywhere except on public routes (where one signs in anew).
      if (!req.auth.actor && !isPublic(req)) {
        reply.clearCookie(SESSION_COOKIE, { path: "/" });
        reply.clearCookie(SESSION_HINT_COOKIE, { path: "/" });
        return sendProblem(reply, req.lang, 401, "session_expired");
      }
    }
    // Deny by default: before its body is parsed or validated, a route that has not
    // declared itself public refuses anonymous callers. Unknown addresses stay 404.
    if (!req.auth.actor && !isPublic(req) && req.routeOptions.url?.startsWith("/api/")) {
      return sendProblem(reply, req.lang, 401, "unauthenticated");
    }
    if (req.auth.actor && UNSAFE.has(req.method)) {
      const sent = req.headers["x-csrf-token"];
      if (typeof sent !== "string" || sent !== req.auth.csrfToken) {
        return sendProblem(reply, req.lang, 403, "csrf_failed");
      }
    }
  });

  // Text from outside: control characters and broken Unicode are refused with
  // a field error, bidi controls removed (src/core/text.ts), before validation.
  app.addHook("preValidation", async (req) => {
    const issues: FieldIssue[] = [];
    for (const part of ["params", "query", "body"] as const) {
      const value = req[part];
      if (value === undefined || value === null) continue;
      for (const i of cleanIncomingText(value, (key) => /password/i.test(key))) {
        issues.push({ path: [part, i.path].filter(Boolean).join(".") });
      }
    }
    if (issues.length) throw new AppError(400, "invalid_characters", {}, issues);
  });

  app.setErrorHandler((err, req, reply) => {
    const p = problemOf(req, err as FastifyError, req.lang ?? "fa");
    if (p.status >= 500) req.log.error(err);
    return sendProblem(reply, req.lang ?? "fa", p.status, p.code, p.params, p.issues);
  });

  // Every module's routes, from its manifest (modules/index.ts).
  for (const routes of moduleRoutes.root()) await app.register(routes);
  await app.register(
    async (api) => {
      for (const routes of moduleRoutes.api()) await api.register(routes);
    },
    { prefix: "/api/v1" },
  );

  app.get("/robots.txt", { schema: { hide: true }, config: { public: true } }, async (_req, reply) =>
    reply.type("text/plain; charset=utf-8").header("cache-control", "public, max-age=86400").send(ROBOTS_TXT),
  );

  const hasWeb = fs.existsSync(path.join(WEB_DIST, "index.html"));
  /** /login, with or without a query: the sign-in page, login.html. */
  const SIGN_IN_PATH = /^\/login\/?(?:\?|$)/;
  /**
   * The public pages (public.html): the membership form of a cluster, the applicant's
   * status page and the invitation page; an activity's registration form, the
   * registrant's status page and the certificate check. For people without an account.
   */
  const PUBLIC_PAGE_PATH =
    /^\/(?:apply\/[0-9a-f-]{36}|application-status|invitation|register\/[A-Za-z0-9_-]{43}|registration|verify)\/?(?:\?|$)/;
  // wildcard: files are looked up per request, so a rebuilt web app needs no restart.
  // preCompressed: the .br/.gz copies written at build time, chosen by Accept-Encoding.
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: WEB_DIST,
      prefix: "/",
      preCompressed: true,
      cacheControl: false,
      setHeaders: (res, filePath) => {
        res.setHeader("vary", "accept-encoding");
        const rel = path.relative(WEB_DIST, filePath);
        // index.html (also as the SPA fallback below) is checked every time, so a new build shows at once.
        res.setHeader("cache-control", rel.startsWith(`assets${path.sep}`) ? IMMUTABLE : "no-cache");
      },
    });
  }
  /** A page of the web app: the sign-in page, or the SPA (which owns every other path, its 404 page included). */
  const sendPage = (req: FastifyRequest, reply: FastifyReply) => {
    // The sign-in page is its own small page (not the app's bundle).
    if (SIGN_IN_PATH.test(req.url)) return reply.code(200).sendFile("login.html");
    // So are the public pages of membership applications, which need no session.
    if (PUBLIC_PAGE_PATH.test(req.url)) return reply.code(200).sendFile("public.html");
    // Every page of the app needs a session: a browser without the cookie goes to the sign-in
    // page at once rather than downloading the app to be sent there (a first visit on a slow line).
    if (!req.cookies[SESSION_COOKIE]) {
      const next = req.url === "/" ? "" : `?next=${encodeURIComponent(req.url)}`;
      return reply.code(302).header("cache-control", "no-store").header("location", `/login${next}`).send();
    }
    return reply.code(200).sendFile("index.html");
  };
  // "/" is a page like any other, not the static files' directory index.
  if (hasWeb) app.get("/", { schema: { hide: true }, config: { public: true } }, sendPage);
  app.setNotFoundHandler((req, reply) => {
    const wantsPage =
      (req.method === "GET" || req.method === "HEAD") &&
      !req.url.startsWith("/api") &&
      !req.url.startsWith("/assets/") &&
      hasWeb;
    if (wantsPage) return sendPage(req, reply);
    return sendProblem(reply, req.lang ?? "fa", 404, "route_not_found");
  });

  return app;
}

export type { Config };
