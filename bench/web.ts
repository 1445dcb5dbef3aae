/**
 * Web delivery benchmark: the real server on a temp SQLite with the demo data
 * and the built web app (dist/web). Prints
 *   1. what the signed-in home page downloads (JS + CSS: raw, gzip, brotli, on the wire),
 *   2. Lighthouse 12 scores of the sign-in page (median of BENCH_WEB_RUNS runs,
 *      mobile by default, LIGHTHOUSE_PRESET=desktop for the desktop preset), its
 *      metrics and bytes transferred per run, and the audits that cost points (BENCH_WEB_REPORT=file.json keeps the last report),
 *   3. the price of dynamic JSON compression: req/s of a JSON list with
 *      identity, gzip and brotli.
 *
 *   npm run build:web && npm run bench:web
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import autocannon from "autocannon";
import * as chromeLauncher from "chrome-launcher";
import lighthouse, { desktopConfig, type Flags, type Result } from "lighthouse";
import { chromium } from "playwright-core";
import { loadConfig } from "../src/server/config";
import { DEMO_PASSWORD } from "../src/server/demo/data";
import { loadDemo } from "../src/server/demo/load";
import { createServer, openAndMigrate } from "../src/server/start";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROME_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"];
const RUNS = Number(process.env.BENCH_WEB_RUNS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const DESKTOP = process.env.LIGHTHOUSE_PRESET === "desktop";
const WEB_DIST = path.resolve(import.meta.dirname, "../dist/web");
const CATEGORIES = ["performance", "accessibility", "best-practices"] as const;
/** Per run, with their medians: the metrics behind the performance score and the bytes transferred. */
const METRICS = [
  "first-contentful-paint",
  "largest-contentful-paint",
  "total-blocking-time",
  "cumulative-layout-shift",
  "speed-index",
  "total-byte-weight",
] as const;

const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

/** JS and CSS the signed-in home page loads, sized from the built files and as sent. */
async function signedInBundle(base: string) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROME_FLAGS });
  try {
    const page = await browser.newPage();
    const assets = new Map<string, Promise<number>>();
    page.on("requestfinished", (req) => {
      const u = new URL(req.url());
      if (/^\/assets\/.+\.(js|css)$/.test(u.pathname)) {
        assets.set(
          u.pathname,
          req.sizes().then((s) => s.responseBodySize),
        );
      }
    });
    await page.goto(`${base}/login`);
    await page.getByTestId("login-email").fill("admin@khooshe.ir");
    await page.getByTestId("login-password").fill(DEMO_PASSWORD);
    await page.getByTestId("login-submit").click();
    await page.getByTestId("home-title").waitFor();
    await page.getByTestId("nav-home").waitFor();
    let raw = 0;
    let gz = 0;
    let br = 0;
    let wire = 0;
    for (const [p, sent] of assets) {
      const bytes = fs.readFileSync(path.join(WEB_DIST, p));
      raw += bytes.length;
      gz += zlib.gzipSync(bytes, { level: 9 }).length;
      br += zlib.brotliCompressSync(bytes).length;
      wire += await sent;
    }
    let allRaw = 0;
    let allGz = 0;
    for (const f of fs.readdirSync(path.join(WEB_DIST, "assets"))) {
      if (!/\.(js|css)$/.test(f)) continue;
      const bytes = fs.readFileSync(path.join(WEB_DIST, "assets", f));
      allRaw += bytes.length;
      allGz += zlib.gzipSync(bytes, { level: 9 }).length;
    }
    console.log(
      `signed-in home page: ${assets.size} JS/CSS files, ${kb(raw)} raw, ${kb(gz)} gzip, ${kb(br)} brotli, ${kb(wire)} on the wire`,
    );
    console.log(`all JS/CSS of the app: ${kb(allRaw)} raw, ${kb(allGz)} gzip`);
  } finally {
    await browser.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function lighthouseScores(url: string) {
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: CHROME_FLAGS });
  try {
    const flags: Flags = {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: [...CATEGORIES],
    };
    const scores: Record<string, number[]> = Object.fromEntries(CATEGORIES.map((c) => [c, []]));
    const values: Record<string, number[]> = Object.fromEntries(METRICS.map((m) => [m, []]));
    let last: Result | undefined;
    // A run whose trace failed (NO_NAVSTART, now and then on a fresh browser) is retried, not counted.
    for (let ok = 0, tries = 0; ok < RUNS; tries++) {
      if (tries >= RUNS + 3) throw new Error("Lighthouse failed too often");
      const r = await lighthouse(url, flags, DESKTOP ? desktopConfig : undefined);
      if (!r) throw new Error("Lighthouse returned no result");
      if (r.lhr.runtimeError) {
        console.log(`  (run failed, retried: ${r.lhr.runtimeError.code})`);
        continue;
      }
      ok++;
      last = r.lhr;
      for (const c of CATEGORIES) scores[c]!.push(r.lhr.categories[c]?.score ?? 0);
      for (const m of METRICS) values[m]!.push(r.lhr.audits[m]?.numericValue ?? Number.NaN);
    }
    console.log(
      `\nLighthouse ${last?.lighthouseVersion} (${DESKTOP ? "desktop" : "mobile"}), ${url}, median of ${RUNS}`,
    );
    for (const c of CATEGORIES) {
      console.log(
        `  ${c.padEnd(16)} ${median(scores[c]!).toFixed(2)}   (runs: ${scores[c]!.map((s) => s.toFixed(2)).join(" ")})`,
      );
    }
    if (!last) return;
    if (process.env.BENCH_WEB_REPORT) fs.writeFileSync(process.env.BENCH_WEB_REPORT, JSON.stringify(last));
    for (const m of METRICS) {
      const unit = m === "cumulative-layout-shift" ? "" : m === "total-byte-weight" ? " B" : " ms";
      const fmt = (v: number) => (unit ? String(Math.round(v)) : v.toFixed(3));
      console.log(`  ${m.padEnd(24)} ${fmt(median(values[m]!))}${unit}   (runs: ${values[m]!.map(fmt).join(" ")})`);
    }
    // What costs points in the last run.
    for (const c of CATEGORIES) {
      for (const ref of last.categories[c]?.auditRefs ?? []) {
        const a = last.audits[ref.id];
        if (!a || a.score === null || a.score >= 0.9 || (ref.weight === 0 && a.scoreDisplayMode !== "metricSavings"))
          continue;
        console.log(`  ! ${c}: ${a.id} (${a.score}) ${a.title}${a.displayValue ? ` — ${a.displayValue}` : ""}`);
      }
    }
  } finally {
    chrome.kill();
  }
}

async function compressionPrice(base: string, cookie: string) {
  const url = `${base}/api/v1/clusters?limit=50`;
  const probe = await fetch(url, { headers: { cookie, "accept-encoding": "identity" } });
  const size = (await probe.arrayBuffer()).byteLength;
  console.log(
    `\nJSON compression, GET /api/v1/clusters?limit=50 (${kb(size)}), ${SECONDS} s each, 10 connections, ${os.cpus().length} cores`,
  );
  for (const enc of ["identity", "gzip", "br"]) {
    const r = await autocannon({
      url,
      duration: SECONDS,
      connections: 10,
      headers: { cookie, "accept-encoding": enc },
    });
    console.log(
      `  ${enc.padEnd(9)} ${String(Math.round(r.requests.average)).padStart(6)} req/s   p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(r.latency.p99).padStart(4)} ms   ${kb(r.throughput.average)}/s${r.non2xx || r.errors ? `   (non-2xx ${r.non2xx}, errors ${r.errors})` : ""}`,
    );
  }
}

async function main() {
  if (!fs.existsSync(path.join(WEB_DIST, "index.html"))) {
    throw new Error("dist/web is missing: run `npm run build:web` first");
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "khooshe-bench-web-"));
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    RATE_LIMIT_PER_MINUTE: "100000000",
  } as NodeJS.ProcessEnv);
  const database = await openAndMigrate(config);
  await loadDemo(database);
  const app = await createServer(config, database);
  try {
    await app.listen({ port: 0, host: "127.0.0.1" });
    const addr = app.server.address();
    const base = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
    await signedInBundle(base);
    await lighthouseScores(`${base}/login`);
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "admin@khooshe.ir", password: DEMO_PASSWORD }),
    });
    await compressionPrice(base, (login.headers.get("set-cookie") ?? "").split(";")[0]!);
  } finally {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
