import i18next, { type BackendModule } from "i18next";
import { initReactI18next } from "react-i18next";
import type common from "../locales/fa/common.json";
import type { WEB_MODULES } from "../modules";
import type { Locale } from "./types";

/**
 * Strings come in one i18next namespace per module
 * (src/web/locales/{fa,en}/<module>.json) plus "common" for the frame and
 * the shared components. Only the active language's "common" loads with the
 * app; a module's namespace loads with its pages and with what it
 * contributes elsewhere (navigation, home cards, cluster-page sections).
 * Keys are written without a namespace prefix: a key not in "common" is
 * looked up in the module namespaces (fallbackNS), and the locale test
 * makes sure no key is defined in two of them.
 */
type Modules = (typeof WEB_MODULES)[number];
type ModuleName = Modules["name"];
type ModuleResources = { [M in Modules as M["name"]]: NonNullable<M["messages"]> };

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "common";
    fallbackNS: ModuleName[];
    resources: { common: typeof common } & ModuleResources;
  }
}

/** Every namespace file, each its own chunk: fetched once, cached as an immutable asset. */
const FILES = import.meta.glob<{ default: Record<string, unknown> }>("../locales/*/*.json");

const NAMESPACES = [...new Set(Object.keys(FILES).map((p) => p.slice(p.lastIndexOf("/") + 1, -".json".length)))].filter(
  (ns) => ns !== "common",
);

const chunkBackend: BackendModule = {
  type: "backend",
  init() {},
  read(lng, ns, done) {
    const load = FILES[`../locales/${lng}/${ns}.json`];
    if (!load) {
      done(null, {});
      return;
    }
    load().then(
      (m) => done(null, m.default),
      (err: unknown) => done(err instanceof Error ? err : new Error(String(err)), false),
    );
  },
};

const STORAGE_KEY = "khooshe.lang";

export const LOCALES: readonly Locale[] = ["fa", "en"];

export function isLocale(v: unknown): v is Locale {
  return v === "fa" || v === "en";
}

function storedLocale(): Locale {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return isLocale(v) ? v : "fa";
  } catch {
    return "fa";
  }
}

export const i18n = i18next.createInstance();

function applyToDocument(lng: string): void {
  const html = document.documentElement;
  html.lang = lng;
  html.dir = lng === "fa" ? "rtl" : "ltr";
  if (i18n.hasLoadedNamespace("common")) document.title = i18n.t("app.name");
}

i18n.on("languageChanged", applyToDocument);
i18n.on("loaded", () => applyToDocument(i18n.language));

/** Resolves when the active language's common strings are in (the entry renders after it). */
export const i18nReady = i18n
  .use(chunkBackend)
  .use(initReactI18next)
  .init({
    lng: storedLocale(),
    // No fallback language: it would fetch the Persian files for English
    // readers too; the locale test keeps both languages key for key.
    fallbackLng: false,
    supportedLngs: ["fa", "en"],
    ns: ["common"],
    defaultNS: "common",
    fallbackNS: NAMESPACES,
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
    react: { useSuspense: true },
  });

// init resolves the language after a tick (the backend); until then the stored choice holds.
applyToDocument(i18n.language ?? storedLocale());

/** Loads the namespaces a page or a contribution needs (in the active language, and later on a switch). */
export function loadNamespaces(ns: readonly string[]): Promise<void> {
  return ns.length === 0 ? Promise.resolve() : i18n.loadNamespaces([...ns]);
}

/** Every module namespace: the audit page names every module's events. */
export const ALL_NAMESPACES: readonly string[] = NAMESPACES;

export function currentLocale(): Locale {
  return isLocale(i18n.language) ? i18n.language : "fa";
}

/** Switches the UI language and remembers it in this browser. */
export async function changeLocale(lng: Locale): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // private mode: the choice lasts for this page only
  }
  if (i18n.language !== lng) await i18n.changeLanguage(lng);
}

type LooseT = (key: string, options?: Record<string, unknown>) => string;

/**
 * Translates a key built at run time (audit actions, notification kinds,
 * error codes, navigation labels from module manifests) that the typed t()
 * cannot check; falls back to defaultValue.
 */
export function tDynamic(key: string, options?: Record<string, unknown>): string {
  return (i18n.t as unknown as LooseT)(key, options);
}
