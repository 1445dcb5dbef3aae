/** The public pages' strings in both languages, from the locale files at build time (vite.config.ts, staticPage). */
declare module "virtual:public-strings" {
  const strings: Record<"fa" | "en", Record<string, string>>;
  export default strings;
}
