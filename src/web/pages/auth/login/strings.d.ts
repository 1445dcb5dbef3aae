/** The sign-in page's strings in both languages, from the locale files at build time (vite.config.ts, signInPage). */
declare module "virtual:sign-in-strings" {
  const strings: Record<"fa" | "en", Record<string, string>>;
  export default strings;
}
