/**
 * What the public pages' views share: the strings in the page's language,
 * the language switch, requests to /api/v1/public/… (JSON, Accept-Language)
 * and their refusals, Jalali dates, the token in the address's fragment.
 */
import strings from "virtual:public-strings";

type Locale = "fa" | "en";
const STORAGE_KEY = "khooshe.lang";
const API = "/api/v1/public";

function storedLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === "en" ? "en" : "fa";
  } catch {
    return "fa";
  }
}

let lang: Locale = storedLocale();
/** The string of a key in the page's language, with {{name}} filled from params. */
export const t = (key: string, params: Record<string, string> = {}): string =>
  (strings[lang][key] ?? key).replace(/\{\{(\w+)\}\}/g, (_, k: string) => params[k] ?? "");
export const currentLang = (): Locale => lang;

export function element<T extends Element>(selector: string, root: ParentNode = document): T {
  const el = root.querySelector<T>(selector);
  if (!el) throw new Error(`public.html: ${selector} is missing`);
  return el;
}

const alertBox = element<HTMLElement>('[data-testid="public-error"]');
/** The page's one general message (a failed request, a dead link); null hides it. */
export function showError(message: string | null): void {
  alertBox.hidden = message === null;
  alertBox.textContent = message ?? "";
}

/** A refused request: the server's message and, per field, its messages (problem+json). */
export class Refused extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly fields: Record<string, string>,
  ) {
    super(message);
  }
}

/** POSTs (or GETs, without a body) JSON; a failure is a Refused with the server's words, or the generic ones. */
export async function call<T>(path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(API + path, {
      method: body === undefined ? "GET" : "POST",
      headers: {
        Accept: "application/json, application/problem+json",
        "Accept-Language": lang,
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "omit",
    });
  } catch {
    throw new Refused(t("common.networkError"), undefined, {});
  }
  if (res.status === 204) return undefined as T;
  let json: unknown = null;
  try {
    json = await res.json();
  } catch {
    // not JSON: the generic message below
  }
  if (res.ok) return json as T;
  const p = (json ?? {}) as { detail?: string; code?: string; errors?: { path: string; message: string }[] };
  const fields: Record<string, string> = {};
  for (const e of p.errors ?? []) fields[e.path.replace(/^body\./, "")] ??= e.message;
  throw new Refused(p.detail || t("common.unexpectedError"), p.code, fields);
}

/** A date as a Jalali date in the page's language (Persian digits in Persian). */
export function jalali(iso: string): string {
  return new Intl.DateTimeFormat(lang === "fa" ? "fa-IR-u-ca-persian" : "en-US-u-ca-persian", {
    year: "numeric",
    month: "long",
    day: "numeric",
  }).format(new Date(iso));
}

/** The token in the address's fragment, when it looks like one. */
export function fragmentToken(): string | null {
  const token = window.location.hash.slice(1);
  return /^[A-Za-z0-9_-]{43}$/.test(token) ? token : null;
}

const rerenders: (() => void)[] = [];
/** Text a view writes itself (from the server's answer) is written again when the language switches. */
export function onLanguage(render: () => void): void {
  rerenders.push(render);
  render();
}

const languageSwitch = element<HTMLButtonElement>('[data-testid="lang-switch"]');
let titleKey = "public.applyTitle";
/** The key of the page's title (the view's heading). */
export function setTitle(key: string): void {
  titleKey = key;
}

export function render(): void {
  const html = document.documentElement;
  html.lang = lang;
  html.dir = lang === "fa" ? "rtl" : "ltr";
  document.title = `${t(titleKey)} · ${t("app.name")}`;
  for (const el of document.querySelectorAll<HTMLElement>("[data-i18n]")) el.textContent = t(el.dataset.i18n ?? "");
  for (const el of document.querySelectorAll("*")) {
    for (const a of [...el.attributes]) {
      if (a.name.startsWith("data-i18n-")) el.setAttribute(a.name.slice("data-i18n-".length), t(a.value));
    }
  }
  languageSwitch.lang = lang === "fa" ? "en" : "fa";
  for (const r of rerenders) r();
}

languageSwitch.addEventListener("click", () => {
  lang = lang === "fa" ? "en" : "fa";
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // private mode: the choice lasts for this page
  }
  render();
});
