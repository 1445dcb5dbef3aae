/**
 * A tiny HTTP client for API tests: real requests to the listening app, with
 * the session cookie and CSRF header a browser would send.
 */
import type { TestEnv } from "./harness";

export interface Res<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export class Client {
  cookie: string | null = null;
  /** The browser's device cookie (`khooshe_device=…`), sent on sign-in requests like a browser would. */
  device: string | null = null;
  csrf: string | null = null;
  bearer: string | null = null;
  lang: "fa" | "en" = "fa";

  constructor(private readonly env: TestEnv) {}

  async req<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    extra: Record<string, string> = {},
  ): Promise<Res<T>> {
    const headers: Record<string, string> = { "accept-language": this.lang, ...extra };
    const cookies = [this.cookie, path.startsWith("/api/v1/auth") ? this.device : null].filter(Boolean);
    if (cookies.length) headers.cookie = cookies.join("; ");
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    if (this.csrf && method !== "GET" && !("x-csrf-token" in extra)) headers["x-csrf-token"] = this.csrf;
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (typeof body === "string") {
      payload = body;
      headers["content-type"] ??= "application/json";
    } else if (body !== undefined) {
      payload = JSON.stringify(body);
      headers["content-type"] = "application/json";
    }
    const r = await fetch(this.env.baseUrl + path, { method, headers, body: payload });
    for (const setCookie of r.headers.getSetCookie()) {
      const value = setCookie.split(";")[0]!;
      if (value.startsWith("khooshe_session=")) this.cookie = value === "khooshe_session=" ? null : value;
      if (value.startsWith("khooshe_device=")) this.device = value;
    }
    const text = await r.text();
    let parsed: unknown = text;
    if ((r.headers.get("content-type") ?? "").includes("json") && text) parsed = JSON.parse(text);
    return { status: r.status, headers: r.headers, body: parsed as T, text };
  }

  get<T = Record<string, unknown>>(path: string) {
    return this.req<T>("GET", path);
  }
  post<T = Record<string, unknown>>(path: string, body?: unknown) {
    return this.req<T>("POST", path, body);
  }
  patch<T = Record<string, unknown>>(path: string, body?: unknown) {
    return this.req<T>("PATCH", path, body);
  }
  del<T = Record<string, unknown>>(path: string) {
    return this.req<T>("DELETE", path);
  }

  async login(email: string, password: string): Promise<Res<{ csrfToken: string; user: { id: string } }>> {
    const r = await this.post<{ csrfToken: string; user: { id: string } }>("/api/v1/auth/login", { email, password });
    if (r.status === 200) this.csrf = r.body.csrfToken;
    return r;
  }
}

export async function signedIn(env: TestEnv, user: { email: string; password: string }): Promise<Client> {
  const c = new Client(env);
  const r = await c.login(user.email, user.password);
  if (r.status !== 200) throw new Error(`login failed for ${user.email}: ${r.status} ${r.text}`);
  return c;
}
