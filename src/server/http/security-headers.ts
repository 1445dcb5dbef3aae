/**
 * Helmet's security headers, worked out once. @fastify/helmet builds the
 * helmet middleware anew on every request (parsing the CSP directives each
 * time) although nothing in them depends on the request here (no nonces):
 * the same options give the same headers, so helmet runs once at start
 * against a recording response, and an onRequest hook sets what it recorded.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import helmet, { type HelmetOptions } from "helmet";

/** The headers helmet sets for these options, lower-cased, as one object for `reply.headers()`. */
export function helmetHeaders(options: HelmetOptions): Record<string, string> {
  const csp = options.contentSecurityPolicy;
  const directives = typeof csp === "object" ? Object.values(csp.directives ?? {}) : [];
  if (directives.some((d) => typeof d === "function" || (Array.isArray(d) && d.some((v) => typeof v === "function")))) {
    // A directive computed per request (a nonce) cannot be worked out once.
    throw new Error("helmetHeaders: a CSP directive is a function; use @fastify/helmet for per-request headers");
  }
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
    getHeader(name: string) {
      return headers[name.toLowerCase()];
    },
  };
  let failed: unknown = null;
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (err?: unknown) => {
    failed = err ?? null;
  });
  if (failed) throw failed;
  return headers;
}
