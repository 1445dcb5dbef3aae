// `npm run build:server`: the server as one ES module for plain node
// (dist/server/main.js), its npm packages left as imports. `npm start` runs
// it; tsx stays for development and the CLI. The API tests build it first
// (test/support/build-server.ts) so their server processes run current code.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const SERVER_BUNDLE = path.join(ROOT, "dist/server/main.js");

export async function buildServer() {
  await build({
    entryPoints: [path.join(ROOT, "src/server/main.ts")],
    outfile: SERVER_BUNDLE,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    sourcemap: true,
    logLevel: "warning",
  });
  return SERVER_BUNDLE;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildServer();
