import fs from "node:fs";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

/**
 * The sign-in page is the first page of every visit without a session, and
 * it is lazy: without a hint the browser learns about its chunks only after
 * the entry has run. Preloading them from index.html saves that round trip.
 */
const SIGN_IN_NAMESPACES = ["common", "auth"];

function preloadSignIn(): Plugin {
  return {
    name: "khooshe:preload-sign-in",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler(_html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle) return;
        const chunks = Object.values(bundle).flatMap((o) => (o.type === "chunk" ? [o] : []));
        const byFile = new Map(chunks.map((c) => [c.fileName, c]));
        const login = chunks.find((c) => c.facadeModuleId?.endsWith("/pages/auth/LoginPage.tsx"));
        if (!login) throw new Error("preload-sign-in: the LoginPage chunk is missing");
        const files = new Set<string>();
        const visit = (file: string) => {
          const c = byFile.get(file);
          if (!c || c.isEntry || files.has(file)) return;
          files.add(file);
          for (const i of c.imports) visit(i);
        };
        visit(login.fileName);
        // The Persian strings it shows (Persian is the default language).
        for (const ns of SIGN_IN_NAMESPACES) {
          const chunk = chunks.find((c) => c.facadeModuleId?.endsWith(`/locales/fa/${ns}.json`));
          if (!chunk) throw new Error(`preload-sign-in: the fa/${ns} strings chunk is missing`);
          visit(chunk.fileName);
        }
        return [...files].map((f) => ({
          tag: "link",
          attrs: { rel: "modulepreload", crossorigin: true, href: `/${f}` },
          injectTo: "head" as const,
        }));
      },
    },
  };
}

/**
 * What the first visit shows before any script has run: the app's name and
 * tagline (from the Persian locale file, Persian being the default) on the
 * sign-in page's background. On a slow line this paints within the HTML's
 * own round trip instead of after the entry script; React replaces it.
 */
function bootSplash(): Plugin {
  return {
    name: "khooshe:boot-splash",
    transformIndexHtml(html) {
      const file = new URL("src/web/locales/fa/common.json", import.meta.url);
      const common = JSON.parse(fs.readFileSync(file, "utf8")) as {
        app: { name: string; tagline: string };
      };
      const escapeHtml = (v: string) => v.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
      const splash =
        `<div class="boot" aria-busy="true"><p class="boot-name">${escapeHtml(common.app.name)}</p>` +
        `<p class="boot-tagline">${escapeHtml(common.app.tagline)}</p></div>`;
      if (!html.includes('<div id="root"></div>')) throw new Error("boot-splash: #root is missing from index.html");
      return html.replace('<div id="root"></div>', `<div id="root">${splash}</div>`);
    },
  };
}

export default defineConfig({
  root: "src/web",
  plugins: [react(), preloadSignIn(), bootSplash()],
  build: { outDir: "../../dist/web", emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { "/api": "http://127.0.0.1:3000" } },
});
