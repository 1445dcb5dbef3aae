import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import en from "../locales/en.json";
import fa from "../locales/fa.json";
import type { Locale } from "./types";

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: typeof fa };
  }
}

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
  document.title = i18n.t("app.name");
}

i18n.on("languageChanged", applyToDocument);

void i18n.use(initReactI18next).init({
  resources: { fa: { translation: fa }, en: { translation: en } },
  lng: storedLocale(),
  fallbackLng: "fa",
  supportedLngs: ["fa", "en"],
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
  showSupportNotice: false,
});

applyToDocument(i18n.language);

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
 * error codes) that the typed t() cannot check; falls back to defaultValue.
 */
export function tDynamic(key: string, options?: Record<string, unknown>): string {
  return (i18n.t as unknown as LooseT)(key, options);
}
