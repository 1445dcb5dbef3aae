/**
 * Where Khooshe's files are, whether the server runs from its TypeScript
 * sources (tsx, in development and tests) or as the built bundle
 * (dist/server/main.js, `npm start`): both find the project root by walking
 * up to Khooshe's package.json, so a path never depends on how deep the
 * running file sits.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, "package.json");
    if (fs.existsSync(pkg) && (JSON.parse(fs.readFileSync(pkg, "utf8")) as { name?: string }).name === "khooshe") {
      return dir;
    }
    if (path.dirname(dir) === dir) throw new Error(`Khooshe's package.json is not above ${from}`);
  }
}

export const ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));
/** The locale files, shared with the web app. */
export const LOCALES_DIR = path.join(ROOT, "src/web/locales");
/** The built web app (`npm run build:web`). */
export const WEB_DIST = path.join(ROOT, "dist/web");
/** The Typst root: templates and the kit are addressed from here (`/pdf/khooshe.typ`). */
export const TEMPLATE_ROOT = path.join(ROOT, "src/server");
