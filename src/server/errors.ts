/**
 * Application errors carry a stable code; the error handler turns them into
 * RFC 9457 problem+json with a message in the caller's language.
 */
/**
 * Codes of the platform itself (HTTP, validation, sessions, storage); each
 * module lists its own in its manifest (modules/<name>/module.ts).
 */
export const PLATFORM_ERROR_CODES = [
  "validation_failed",
  "bad_json",
  "body_too_large",
  "unsupported_media_type",
  "not_found",
  "route_not_found",
  "unauthenticated",
  "session_expired",
  "forbidden",
  "csrf_failed",
  "rate_limited",
  "bad_url",
  "uri_too_long",
  "headers_too_large",
  "request_timeout",
  "bad_request",
  "database_unavailable",
  "internal_error",
  "date_in_future",
  "date_out_of_range",
  "invalid_characters",
  "end_before_start",
  "invalid_cursor",
] as const;

export type ErrorCode = (typeof PLATFORM_ERROR_CODES)[number] | ModuleErrorCode;

export interface FieldIssue {
  path: string;
  /** Omitted: the problem's own message applies to this field. */
  message?: string;
}

import { type Lang, t } from "./i18n";
import type { ModuleErrorCode } from "./modules/index";

/** The message for an error code in a language, with its parameters filled in. */
export function errorMessage(lang: Lang, code: string, params: Record<string, ErrorParam> = {}): string {
  const resolved = Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k, typeof v === "object" ? t(lang, v.t) : v]),
  );
  return t(lang, `errors.${code}`, resolved);
}

/** A message parameter: a value, or `{ t: key }` to be translated in the caller's language. */
export type ErrorParam = string | number | { t: string };

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    readonly params: Record<string, ErrorParam> = {},
    readonly issues: FieldIssue[] = [],
  ) {
    super(code);
  }
}

export const badRequest = (code: ErrorCode, params?: Record<string, ErrorParam>) => new AppError(400, code, params);
export const invalid = (path: string, message: string) =>
  new AppError(400, "validation_failed", {}, [{ path, message }]);
/** A 400 whose message applies to one field of the body. */
export const fieldError = (code: ErrorCode, path: string, params?: Record<string, ErrorParam>) =>
  new AppError(400, code, params, [{ path: `body.${path}` }]);
export const unauthenticated = (code: ErrorCode = "unauthenticated") => new AppError(401, code);
export const forbidden = () => new AppError(403, "forbidden");
export const notFound = () => new AppError(404, "not_found");
export const conflict = (code: ErrorCode) => new AppError(409, code);
export const tooMany = (code: ErrorCode, params?: Record<string, string | number>) => new AppError(429, code, params);
