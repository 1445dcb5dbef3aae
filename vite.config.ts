import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

const WEB = fileURLToPath(new URL("src/web/", import.meta.url));
const LOCALES = path.join(WEB, "locales");
const SIGN_IN_HTML = path.join(WEB, "login.html");
const SIGN_IN_SCRIPTS = path.join(WEB, "pages/auth/login");

type Tree = { [key: string]: string | Tree };
const readLocale = (lng: string, ns: string) =>
  JSON.parse(fs.readFileSync(path.join(LOCALES, lng, `${ns}.json`), "utf8")) as Tree;
const escapeHtml = (v: string) => v.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * What the first visit shows before any script has run: the app's name and
 * tagline (from the Persian locale file, Persian being the default) on the
 * sign-in page's background. On a slow line this paints within the HTML's
 * own round trip instead of after the entry script; React replaces it.
 * The page's meta description comes from the same file.
 */
function bootSplash(): Plugin {
  return {
    name: "khooshe:boot-splash",
    transformIndexHtml(html, ctx) {
      if (path.resolve(ctx.filename) !== path.join(WEB, "index.html")) return;
      const common = readLocale("fa", "common") as { app: { name: string; tagline: string; description: string } };
      const splash =
        `<div class="boot" aria-busy="true"><p class="boot-name">${escapeHtml(common.app.name)}</p>` +
        `<p class="boot-tagline">${escapeHtml(common.app.tagline)}</p></div>`;
      if (!html.includes('<div id="root"></div>')) throw new Error("boot-splash: #root is missing from index.html");
      const description = '<meta name="description" content="" />';
      if (!html.includes(description))
        throw new Error("boot-splash: the empty meta description is missing from index.html");
      return html
        .replace(description, `<meta name="description" content="${escapeHtml(common.app.description)}" />`)
        .replace('<div id="root"></div>', `<div id="root">${splash}</div>`);
    },
  };
}

/** The namespaces the sign-in page reads its strings from (looked up in this order, as i18next's fallbackNS). */
const SIGN_IN_NAMESPACES = ["common", "auth"];
const SIGN_IN_STRINGS = "virtual:sign-in-strings";

/** The keys the sign-in page shows: its markup's data-i18n attributes and its scripts' t("…") calls. */
function signInKeys(): string[] {
  const keys = new Set<string>();
  const html = fs.readFileSync(SIGN_IN_HTML, "utf8").replace(/<!--[\s\S]*?-->/g, "");
  for (const m of html.matchAll(/\sdata-i18n(?:-[a-z-]+)?="([\w.]+)"/g)) keys.add(m[1]!);
  for (const f of fs.readdirSync(SIGN_IN_SCRIPTS).filter((f) => /\.ts$/.test(f) && !f.endsWith(".d.ts"))) {
    const src = fs.readFileSync(path.join(SIGN_IN_SCRIPTS, f), "utf8");
    for (const m of src.matchAll(/\bt\("([\w.]+)"\)/g)) keys.add(m[1]!);
  }
  return [...keys].sort();
}

function signInStrings(lng: string, keys: string[]): Record<string, string> {
  const trees = SIGN_IN_NAMESPACES.map((ns) => readLocale(lng, ns));
  const lookup = (key: string) => {
    for (const tree of trees) {
      let node: string | Tree | undefined = tree;
      for (const part of key.split(".")) node = typeof node === "object" ? node[part] : undefined;
      if (typeof node === "string") return node;
    }
    throw new Error(`sign-in page: "${key}" is in none of ${lng}/{${SIGN_IN_NAMESPACES.join(",")}}.json`);
  };
  return Object.fromEntries(keys.map((k) => [k, lookup(k)]));
}

/**
 * The sign-in page (login.html) is plain HTML, CSS and a few KB of script,
 * not the React app, so it paints and answers at once on a slow phone. Its
 * strings come from the locale files at build time: the Persian ones are
 * written into the markup (elements with data-i18n="key" get the text,
 * data-i18n-<attribute>="key" the attribute), and the script imports both
 * languages' strings for the keys it uses (virtual:sign-in-strings) to switch.
 * GET /login serves it, here as on the server.
 */
function signInPage(): Plugin {
  const resolved = `\0${SIGN_IN_STRINGS}`;
  const toLoginHtml = (req: { url?: string }, _res: unknown, next: () => void) => {
    if (req.url && /^\/login\/?(?:\?|$)/.test(req.url)) req.url = `/login.html${req.url.replace(/^\/login\/?/, "")}`;
    next();
  };
  return {
    name: "khooshe:sign-in-page",
    resolveId: (id) => (id === SIGN_IN_STRINGS ? resolved : undefined),
    load(id) {
      if (id !== resolved) return;
      this.addWatchFile(SIGN_IN_HTML);
      for (const ns of SIGN_IN_NAMESPACES)
        for (const lng of ["fa", "en"]) this.addWatchFile(path.join(LOCALES, lng, `${ns}.json`));
      const keys = signInKeys();
      return `export default ${JSON.stringify({ fa: signInStrings("fa", keys), en: signInStrings("en", keys) })};`;
    },
    transformIndexHtml(html, ctx) {
      if (path.resolve(ctx.filename) !== SIGN_IN_HTML) return;
      const fa = signInStrings("fa", signInKeys());
      const text = (key: string) => escapeHtml(fa[key]!);
      return html
        .replace(/<!--[\s\S]*?-->\s*/g, "")
        .replace(/<title><\/title>/, () => `<title>${text("login.title")} · ${text("app.name")}</title>`)
        .replace(/(<([a-z0-9]+)\b[^>]*\sdata-i18n="([\w.]+)"[^>]*>)(<\/\2>)/g, (_m, open, _tag, key, close) => {
          return `${open}${text(key)}${close}`;
        })
        .replace(/\sdata-i18n-([a-z-]+)="([\w.]+)"/g, (m, attr, key) => `${m} ${attr}="${text(key)}"`);
    },
    configureServer: (server) => void server.middlewares.use(toLoginHtml),
    configurePreviewServer: (server) => void server.middlewares.use(toLoginHtml),
  };
}

export default defineConfig({
  root: "src/web",
  plugins: [react(), bootSplash(), signInPage()],
  build: {
    outDir: "../../dist/web",
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    // With two pages the polyfill would be a request of its own; a browser without modulepreload
    // (Safari before 17) only fetches the chunks a little later.
    modulePreload: { polyfill: false },
    rollupOptions: { input: { main: path.join(WEB, "index.html"), login: SIGN_IN_HTML } },
  },
  server: { proxy: { "/api": "http://127.0.0.1:3000" } },
});
