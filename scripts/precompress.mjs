#!/usr/bin/env node
/**
 * Writes a brotli (.br, quality 11) and a gzip (.gz, level 9) copy next to
 * every compressible file of the built web app, for @fastify/static's
 * `preCompressed`. A copy that would not be smaller is not written (the file
 * is then sent as is). Run after `vite build`:  node scripts/precompress.mjs [dir]
 */
import fs from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|txt|xml|webmanifest|map)$/;
const dir = path.resolve(process.argv[2] ?? "dist/web");

async function* files(d) {
  for (const e of await fs.readdir(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) yield* files(p);
    else if (COMPRESSIBLE.test(e.name)) yield p;
  }
}

async function precompress(file) {
  const raw = await fs.readFile(file);
  const [br, gz] = await Promise.all([
    brotli(raw, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
      },
    }),
    gzip(raw, { level: zlib.constants.Z_BEST_COMPRESSION }),
  ]);
  const written = { raw: raw.length, br: 0, gz: 0 };
  for (const [ext, out] of [
    [".br", br],
    [".gz", gz],
  ]) {
    // Stale copies from an earlier build must not outlive their file.
    await fs.rm(file + ext, { force: true });
    if (out.length >= raw.length) continue;
    await fs.writeFile(file + ext, out);
    written[ext === ".br" ? "br" : "gz"] = out.length;
  }
  return written;
}

try {
  await fs.access(path.join(dir, "index.html"));
} catch {
  console.error(`precompress: ${dir}/index.html is missing; run vite build first`);
  process.exit(1);
}
const list = [];
for await (const f of files(dir)) list.push(f);
const results = await Promise.all(list.map(precompress));
const sum = (k) => results.reduce((n, r) => n + (r[k] || r.raw), 0);
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log(
  `precompressed ${list.length} files in ${path.relative(process.cwd(), dir) || "."}: ${kib(sum("raw"))} → brotli ${kib(sum("br"))}, gzip ${kib(sum("gz"))}`,
);
