/**
 * The sign-in page's script (login.html): no React, no MUI, so the form
 * answers as soon as it is painted. It signs in as the app's requests are
 * made (JSON to /api/v1/auth/login, the UI language in Accept-Language, the
 * session cookie same-origin; no CSRF token, as there is no session yet),
 * remembers the language where the app reads it (localStorage, app/i18n.ts),
 * and goes on to the `next` page with a full navigation.
 */
import strings from "virtual:sign-in-strings";

type Locale = "fa" | "en";

/** The app's key for this browser's language (app/i18n.ts). */
const STORAGE_KEY = "khooshe.lang";
/** The readable cookie the server keeps beside the session's (SESSION_HINT_COOKIE). */
const HINT_COOKIE = "khooshe_signed_in";
const API = "/api/v1";

function storedLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === "en" ? "en" : "fa";
  } catch {
    return "fa";
  }
}

function rememberLocale(lng: unknown): void {
  if (lng !== "fa" && lng !== "en") return;
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // private mode: the app falls back to the account's language once it has the session
  }
}

let lang: Locale = storedLocale();
const t = (key: string): string => strings[lang][key] ?? key;

/** Only same-site paths are followed after sign-in (not //host, not /\host, not the sign-in page itself). */
function safeNext(next: string | null): string {
  return next?.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") && !/^\/login(?:[/?#]|$)/.test(next)
    ? next
    : "/";
}
const next = safeNext(new URLSearchParams(window.location.search).get("next"));

function element<T extends Element>(selector: string): T {
  const el = document.querySelector<T>(selector);
  if (!el) throw new Error(`login.html: ${selector} is missing`);
  return el;
}
const form = element<HTMLFormElement>("form");
const email = element<HTMLInputElement>('[data-testid="login-email"]');
const password = element<HTMLInputElement>('[data-testid="login-password"]');
const submit = element<HTMLButtonElement>('[data-testid="login-submit"]');
const submitText = element<HTMLElement>('[data-testid="login-submit"] [data-i18n]');
const alert = element<HTMLElement>('[data-testid="login-error"]');
const alertText = element<HTMLElement>('[data-testid="login-error"] p');
const languageSwitch = element<HTMLButtonElement>('[data-testid="lang-switch"]');

/** Writes the active language's strings into the page (the markup comes with the Persian ones). */
function render(): void {
  const html = document.documentElement;
  html.lang = lang;
  html.dir = lang === "fa" ? "rtl" : "ltr";
  document.title = `${t("login.title")} · ${t("app.name")}`;
  for (const el of document.querySelectorAll<HTMLElement>("[data-i18n]")) el.textContent = t(el.dataset.i18n ?? "");
  for (const el of document.querySelectorAll("*")) {
    for (const a of [...el.attributes]) {
      if (a.name.startsWith("data-i18n-")) el.setAttribute(a.name.slice("data-i18n-".length), t(a.value));
    }
  }
  languageSwitch.lang = lang === "fa" ? "en" : "fa";
}

function setPending(pending: boolean): void {
  submit.disabled = pending;
  submitText.dataset.i18n = pending ? "login.submitting" : "login.submit";
  submitText.textContent = pending ? t("login.submitting") : t("login.submit");
}

function showError(message: string | null): void {
  alert.hidden = message === null;
  alertText.textContent = message ?? "";
}

function headers(json: boolean): Record<string, string> {
  return {
    Accept: "application/json, application/problem+json",
    "Accept-Language": lang,
    ...(json ? { "Content-Type": "application/json" } : {}),
  };
}

/** A refused sign-in, with the server's message for it. */
class Refused extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

/** The server's localised message for a failed answer (problem+json `detail`, as the app's ApiError). */
async function refusal(res: Response): Promise<Refused> {
  if ((res.headers.get("content-type") ?? "").includes("json")) {
    try {
      const problem = (await res.json()) as { detail?: string; title?: string; code?: string };
      const message = problem.detail || problem.title;
      if (message) return new Refused(message, problem.code);
    } catch {
      // not JSON after all: the generic message
    }
  }
  return new Refused(t("common.unexpectedError"));
}

function goOn(locale: unknown): void {
  // The account's language, so the app opens in it without a flip.
  rememberLocale(locale);
  window.location.replace(next);
}

type Session = { user: { locale: string } };

function fetchSession(): Promise<Session | null> {
  return fetch(`${API}/auth/me`, { headers: headers(false), credentials: "same-origin" }).then(
    (res) => (res.ok ? (res.json() as Promise<Session>) : null),
    () => null,
  );
}

/** With the hint cookie a session may exist: if it does, the sign-in page is skipped. */
const mayHaveSession = document.cookie.split(/;\s*/).some((c) => c.startsWith(`${HINT_COOKIE}=`));
const session = mayHaveSession ? fetchSession() : Promise.resolve(null);
void session.then((me) => {
  if (me) goOn(me.user.locale);
});

form.addEventListener("submit", async (e) => {
  e.preventDefault();
  if (submit.disabled) return;
  setPending(true);
  showError(null);
  try {
    // A sign-in sent while the session check runs would race it.
    const me = await session;
    if (me) return;
    const res = await fetch(`${API}/auth/login`, {
      method: "POST",
      headers: headers(true),
      body: JSON.stringify({ email: email.value.trim(), password: password.value }),
      credentials: "same-origin",
    });
    if (!res.ok) {
      const refused = await refusal(res);
      // A live session without the hint cookie (one older than the cookie) refuses a sign-in
      // that lacks its CSRF token: there is a session, so go on with it.
      const live = refused.code === "csrf_failed" ? await fetchSession() : null;
      if (live) return goOn(live.user.locale);
      throw refused;
    }
    const signedIn = (await res.json()) as Session;
    goOn(signedIn.user.locale);
  } catch (err) {
    // fetch fails with a TypeError when the server cannot be reached.
    if (err instanceof Refused) showError(err.message);
    else if (err instanceof TypeError) showError(t("common.networkError"));
    else showError(t("common.unexpectedError"));
    setPending(false);
  }
});

languageSwitch.addEventListener("click", () => {
  lang = lang === "fa" ? "en" : "fa";
  rememberLocale(lang);
  render();
});

if (lang !== "fa") render();
email.focus();
