/**
 * PDF benchmark for planning: the approved first-year plan of Khorasan
 * clothing from the demo (22 programmes; modules/planning/plan.typ) and the
 * minutes of the meeting that approved it, rendered as the download does it
 * (the plan's data read from the database, then renderPdf()). Prints the
 * first download in the process (compiler and fonts included), the median of
 * warm downloads of the same plan (Typst's memoisation helps them), and the
 * median of warm renders whose text differs every run (as different plans'
 * do), with the data read once.
 *
 *   npx tsx bench/planning-pdf.ts
 *   BENCH_RUNS=50 BENCH_OUT=/tmp/plan-22.pdf npx tsx bench/planning-pdf.ts
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { SYSTEM_ACTOR } from "../src/core/permissions";
import { loadConfig } from "../src/server/config";
import type { Deps } from "../src/server/context";
import { loadDemo } from "../src/server/demo/load";
import { getMeeting } from "../src/server/modules/planning/council";
import { minutesPdf, PLAN_TEMPLATE, planPdf, planPdfData } from "../src/server/modules/planning/pdf";
import { getVersion } from "../src/server/modules/planning/plans";
import { renderPdf } from "../src/server/pdf/render";
import { openAndMigrate } from "../src/server/start";

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const OUT = process.env.BENCH_OUT;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "khooshe-planning-pdf-"));
const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: "silent" } as NodeJS.ProcessEnv);
const database = await openAndMigrate(config);
await loadDemo(database);
const deps = { database, config } as unknown as Deps;

const plan = await database.db
  .selectFrom("planning_plans")
  .select(["id", "programme_count"])
  .where("title", "=", "برنامه عملیاتی سال اول خوشه پوشاک خراسان رضوی")
  .executeTakeFirstOrThrow();
const version = await database.db
  .selectFrom("planning_versions")
  .select("meeting_id")
  .where("plan_id", "=", plan.id)
  .executeTakeFirstOrThrow();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (n: number) => `${n.toFixed(1)} ms`;

async function measure(label: string, render: () => Promise<{ pdf: Buffer; pages: number }>) {
  const times: number[] = [];
  let last: { pdf: Buffer; pages: number } = { pdf: Buffer.alloc(0), pages: 0 };
  for (let i = 0; i < RUNS + 1; i++) {
    const t0 = performance.now();
    last = await render();
    times.push(performance.now() - t0);
  }
  const [first, ...warm] = times;
  console.log(
    `${label}: ${last.pages} pages, ${(last.pdf.length / 1024).toFixed(0)} KiB — first ${ms(first!)}, then median ${ms(median(warm))}, max ${ms(Math.max(...warm))} (${warm.length} runs)`,
  );
  return last;
}

const planDoc = await measure(`approved plan (${plan.programme_count} programmes)`, () =>
  planPdf(deps, SYSTEM_ACTOR, plan.id),
);
const row = await database.db
  .selectFrom("planning_plans")
  .selectAll()
  .where("id", "=", plan.id)
  .executeTakeFirstOrThrow();
const v = await getVersion(deps, SYSTEM_ACTOR, plan.id, 1);
const data = await planPdfData(database.db, row, v, await getMeeting(deps, SYSTEM_ACTOR, version.meeting_id!));
let variant = 0;
await measure("approved plan, different text each run", () =>
  renderPdf({
    template: PLAN_TEMPLATE,
    data: {
      ...data,
      planTitle: `${data.planTitle} (${++variant})`,
      programmes: data.programmes.map((p) => ({ ...p, title: `${p.title} ${variant}` })),
    },
  }),
);
await measure("minutes of the approving meeting", () => minutesPdf(deps, SYSTEM_ACTOR, version.meeting_id!));
if (OUT) {
  fs.writeFileSync(OUT, planDoc.pdf);
  console.log(`wrote ${OUT}`);
}
await database.close();
fs.rmSync(dir, { recursive: true, force: true });
