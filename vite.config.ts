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
        const login = chunks.find((c) => c.facadeModuleId?.endsWith("/pages/login/LoginPage.tsx"));
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

export default defineConfig({
  root: "src/web",
  plugins: [react(), preloadSignIn()],
  build: { outDir: "../../dist/web", emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { "/api": "http://127.0.0.1:3000" } },
});
