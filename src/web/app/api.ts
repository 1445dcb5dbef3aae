/**
 * The one door to the server: JSON over /api/v1 with the session cookie,
 * the UI language in Accept-Language, the CSRF token on unsafe methods, and
 * RFC 9457 problem details turned into ApiError (message = localised detail).
 */
import { i18n, tDynamic } from "./i18n";

export const API_BASE = "/api/v1";

export interface FieldError {
  path: string;
  message: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  code?: string;
  detail?: string;
  errors?: FieldError[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly errors: FieldError[];

  constructor(status: number, problem: Problem, fallbackMessage: string) {
    super(problem.detail || problem.title || fallbackMessage);
    this.name = "ApiError";
    this.status = status;
    this.code = problem.code ?? "unknown";
    this.title = problem.title ?? "";
    this.errors = problem.errors ?? [];
  }
}

let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called once by the auth layer: what to do when the server answers 401. */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

export type QueryValue = string | number | boolean | null | undefined;

export function withQuery(path: string, query?: Record<string, QueryValue>): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === "") continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}${path.includes("?") ? "&" : "?"}${s}` : path;
}

export interface RequestOptions {
  method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  query?: Record<string, QueryValue>;
  /** A JSON body, or FormData for uploads. */
  body?: unknown;
  /** Do not send the user to /login on 401 (used by login and the session probe). */
  allow401?: boolean;
  signal?: AbortSignal;
}

/** The ApiError for a failed response (its problem details when it has them). */
async function problemOf(res: Response): Promise<ApiError> {
  let problem: Problem = {};
  const type = res.headers.get("content-type") ?? "";
  if (type.includes("json")) {
    try {
      problem = (await res.json()) as Problem;
    } catch {
      problem = {};
    }
  }
  const fallback = problem.code ? tDynamic(`errors.${problem.code}`, { defaultValue: "" }) : "";
  return new ApiError(res.status, problem, fallback || i18n.t("common.unexpectedError"));
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? "GET";
  const headers: Record<string, string> = {
    Accept: "application/json, application/problem+json",
    "Accept-Language": i18n.language || "fa",
  };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    body = options.body;
  } else if (options.body !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(options.body);
  }
  if (method !== "GET" && csrfToken) headers["x-csrf-token"] = csrfToken;

  let res: Response;
  try {
    res = await fetch(withQuery(`${API_BASE}${path}`, options.query), {
      method,
      headers,
      body,
      credentials: "same-origin",
      signal: options.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === "AbortError") throw e;
    throw new ApiError(0, { code: "network_error" }, i18n.t("common.networkError"));
  }

  if (res.status === 401 && !options.allow401) {
    csrfToken = null;
    onUnauthorized?.();
  }
  if (!res.ok) throw await problemOf(res);
  if (res.status === 204) return undefined as T;
  const type = res.headers.get("content-type") ?? "";
  if (!type.includes("json")) return undefined as T;
  return (await res.json()) as T;
}

export const api = {
  get: <T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal) =>
    request<T>(path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>(path, { method: "POST", body }),
  patch: <T>(path: string, body?: unknown) => request<T>(path, { method: "PATCH", body }),
  put: <T>(path: string, body?: unknown) => request<T>(path, { method: "PUT", body }),
  delete: <T>(path: string) => request<T>(path, { method: "DELETE" }),
};

/** The message to show for any error thrown by a query or mutation. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error && err.message) return err.message;
  return i18n.t("common.unexpectedError");
}

/**
 * Downloads a file from the API as the browser would from a link, but with
 * the UI language in Accept-Language (the server picks the file's language
 * from it) and the server's error message when it fails.
 */
export async function downloadFile(path: string, query: Record<string, QueryValue>, fallbackName: string) {
  let res: Response;
  try {
    res = await fetch(withQuery(`${API_BASE}${path}`, query), {
      headers: { "Accept-Language": i18n.language || "fa" },
      credentials: "same-origin",
    });
  } catch {
    throw new ApiError(0, { code: "network_error" }, i18n.t("common.networkError"));
  }
  if (res.status === 401) onUnauthorized?.();
  if (!res.ok) throw await problemOf(res);
  const disposition = res.headers.get("content-disposition") ?? "";
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.style.display = "none";
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
