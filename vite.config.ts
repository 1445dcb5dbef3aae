import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

const WEB = fileURLToPath(new URL("src/web/", import.meta.url));
const LOCALES = path.join(WEB, "locales");
const SIGN_IN_HTML = path.join(WEB, "login.html");
const SIGN_IN_SCRIPTS = path.join(WEB, "pages/auth/login");
const PUBLIC_HTML = path.join(WEB, "public.html");

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

/**
 * A page that is not the React app (the sign-in page, the public pages of
 * membership applications): plain HTML, CSS and a few KB of script, so it
 * paints and answers at once on a slow phone. Its strings come from the
 * locale files at build time: the Persian ones are written into the markup
 * (elements with data-i18n="key" get the text, data-i18n-<attribute>="key"
 * the attribute), and the script imports both languages' strings for the keys
 * it uses (its virtual module) to switch. The server serves it at its paths
 * (`routes`), and so do vite's dev and preview servers.
 */
interface StaticPage {
  name: string;
  html: string;
  /** The folder of its scripts (the keys of their t("…") calls are the strings it gets). */
  scripts: string;
  /** Looked up in this order, as i18next's fallbackNS. */
  namespaces: readonly string[];
  virtualId: string;
  /** The Persian title the markup is built with: `<title key> · <app.name>`. */
  titleKey: string;
  /** The page's addresses (path, with or without a query or trailing slash). */
  routes: RegExp;
}

/** The keys a page shows: its markup's data-i18n attributes and its scripts' t("…") calls. */
function pageKeys(p: StaticPage): string[] {
  const keys = new Set<string>([p.titleKey, "app.name"]);
  const html = fs.readFileSync(p.html, "utf8").replace(/<!--[\s\S]*?-->/g, "");
  for (const m of html.matchAll(/\sdata-i18n(?:-[a-z-]+)?="([\w.]+)"/g)) keys.add(m[1]!);
  for (const f of fs.readdirSync(p.scripts).filter((f) => /\.ts$/.test(f) && !f.endsWith(".d.ts"))) {
    const src = fs.readFileSync(path.join(p.scripts, f), "utf8");
    for (const m of src.matchAll(/\bt\("([\w.]+)"/g)) keys.add(m[1]!);
  }
  return [...keys].sort();
}

function pageStrings(p: StaticPage, lng: string, keys: string[]): Record<string, string> {
  const trees = p.namespaces.map((ns) => readLocale(lng, ns));
  const lookup = (key: string) => {
    for (const tree of trees) {
      let node: string | Tree | undefined = tree;
      for (const part of key.split(".")) node = typeof node === "object" ? node[part] : undefined;
      if (typeof node === "string") return node;
    }
    throw new Error(`${p.name} page: "${key}" is in none of ${lng}/{${p.namespaces.join(",")}}.json`);
  };
  return Object.fromEntries(keys.map((k) => [k, lookup(k)]));
}

function staticPage(p: StaticPage): Plugin {
  const resolved = `\0${p.virtualId}`;
  const file = `/${path.basename(p.html)}`;
  const toPageHtml = (req: { url?: string }, _res: unknown, next: () => void) => {
    if (req.url && p.routes.test(req.url)) req.url = `${file}${req.url.replace(/^[^?]*/, "")}`;
    next();
  };
  return {
    name: `khooshe:${p.name}-page`,
    resolveId: (id) => (id === p.virtualId ? resolved : undefined),
    load(id) {
      if (id !== resolved) return;
      this.addWatchFile(p.html);
      for (const ns of p.namespaces)
        for (const lng of ["fa", "en"]) this.addWatchFile(path.join(LOCALES, lng, `${ns}.json`));
      const keys = pageKeys(p);
      return `export default ${JSON.stringify({ fa: pageStrings(p, "fa", keys), en: pageStrings(p, "en", keys) })};`;
    },
    transformIndexHtml(html, ctx) {
      if (path.resolve(ctx.filename) !== p.html) return;
      const fa = pageStrings(p, "fa", pageKeys(p));
      const text = (key: string) => escapeHtml(fa[key]!);
      return html
        .replace(/<!--[\s\S]*?-->\s*/g, "")
        .replace(/<title><\/title>/, () => `<title>${text(p.titleKey)} · ${text("app.name")}</title>`)
        .replace(/(<([a-z0-9]+)\b[^>]*\sdata-i18n="([\w.]+)"[^>]*>)(<\/\2>)/g, (_m, open, _tag, key, close) => {
          return `${open}${text(key)}${close}`;
        })
        .replace(/\sdata-i18n-([a-z-]+)="([\w.]+)"/g, (m, attr, key) => `${m} ${attr}="${text(key)}"`);
    },
    configureServer: (server) => void server.middlewares.use(toPageHtml),
    configurePreviewServer: (server) => void server.middlewares.use(toPageHtml),
  };
}

/** GET /login serves the sign-in page (login.html), here as on the server. */
const SIGN_IN: StaticPage = {
  name: "sign-in",
  html: SIGN_IN_HTML,
  scripts: SIGN_IN_SCRIPTS,
  namespaces: ["common", "auth"],
  virtualId: "virtual:sign-in-strings",
  titleKey: "login.title",
  routes: /^\/login\/?(?:\?|$)/,
};

/**
 * The public pages (public.html): membership applications' form at
 * /apply/<cluster id>, the status page at /application-status and the
 * invitation page at /invitation; activities' registration form at
 * /register/<link token>, the registrant's page at /registration and the
 * certificate check at /verify (tokens and codes in the fragment). No account.
 */
const PUBLIC: StaticPage = {
  name: "public",
  html: PUBLIC_HTML,
  scripts: path.join(WEB, "pages/applications/public"),
  namespaces: ["common", "applications", "activities"],
  virtualId: "virtual:public-strings",
  titleKey: "public.applyTitle",
  routes:
    /^\/(?:apply\/[0-9a-f-]{36}|application-status|invitation|register\/[A-Za-z0-9_-]{43}|registration|verify)\/?(?:\?|$)/,
};

export default defineConfig({
  root: "src/web",
  plugins: [react(), bootSplash(), staticPage(SIGN_IN), staticPage(PUBLIC)],
  build: {
    outDir: "../../dist/web",
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    // With several pages the polyfill would be a request of its own; a browser without modulepreload
    // (Safari before 17) only fetches the chunks a little later.
    modulePreload: { polyfill: false },
    rollupOptions: { input: { main: path.join(WEB, "index.html"), login: SIGN_IN_HTML, public: PUBLIC_HTML } },
  },
  server: { proxy: { "/api": "http://127.0.0.1:3000" } },
});
