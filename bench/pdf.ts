/**
 * PDF benchmark: the cluster record template (modules/clusters/record.typ)
 * rendered by renderPdf(), for a usual record and for a cluster with so many
 * steps and contracts that its record runs to about 30 pages. Prints the time
 * of the first render in a process (compiler and fonts included), the median
 * of warm renders with the process's one compiler, and what a new compiler for
 * every render would cost instead.
 *
 *   npx tsx bench/pdf.ts
 *   BENCH_RUNS=50 BENCH_OUT=/tmp/record-30.pdf npx tsx bench/pdf.ts
 */
import fs from "node:fs";
import type { ClusterRecordOut } from "../src/core/schemas/clusters";
import { RECORD_TEMPLATE, recordData } from "../src/server/modules/clusters/record";
import { renderPdf, resetPdfCompiler } from "../src/server/pdf/render";

type Detail = import("zod").infer<typeof ClusterRecordOut>;

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const OUT = process.env.BENCH_OUT;

const STATES = [
  "feasibility",
  "approved",
  "agent_contracted",
  "diagnostic",
  "action_planning",
  "implementation",
] as const;

function isoDay(base: string, days: number): string {
  const d = new Date(`${base}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A cluster with `steps` life-cycle steps and `contracts` contracts of `milestones` milestones each. */
function cluster(steps: number, contracts: number, milestones: number, variant = 0): Detail {
  const v = variant ? ` (${variant})` : "";
  return {
    id: "7f0c2a54-1111-4aaa-8bbb-000000000001",
    nameFa: "خوشه پوشاک‌دوزی استان قزوین",
    nameEn: "Qazvin Clothing Cluster",
    provinceCode: "IR-26",
    provinceNameFa: "قزوین",
    provinceNameEn: "Qazvin",
    state: "implementation",
    stateSince: "2023-03-21",
    place: "قزوین، تاکستان و البرز",
    sector: "پوشاک و نساجی",
    estEnterprises: 300,
    jobsIndustrial: 13_500,
    jobsGuild: 20_500,
    implementationYear: 2,
    agentContractEnd: "2026-03-20",
    warnings: [],
    isicCodes: ["14", "1410", "1430"],
    productGroups: ["پوشاک مردانه", "پوشاک زنانه", "پوشاک بچگانه", "بافتنی"],
    advantageNote: "نزدیکی به بازار تهران، نیروی کار ماهر و سابقه طولانی تولید پوشاک در استان.",
    estEnterprisesSource: "دبیرخانه خوشه",
    estEnterprisesDate: "2013-01-01",
    jobsSource: "گزارش شرکت شهرک‌های صنعتی",
    jobsDate: "2023-01-01",
    resumeState: null,
    nextStates: [],
    transitions: Array.from({ length: steps }, (_, i) => ({
      id: `t${i}`,
      fromState: i === 0 ? null : STATES[(i - 1) % STATES.length]!,
      toState: i === 0 ? ("identified" as const) : STATES[i % STATES.length]!,
      happenedOn: isoDay("2012-08-22", i * 20),
      note: i % 2 ? `جلسه شورای راهبری خوشه برگزار شد و برنامه عملیاتی سال بعد بررسی شد${v}.` : null,
      reason: i % 5 === 4 ? "بازنگری در برنامه به درخواست کمیته استانی." : null,
      approvals:
        STATES[i % STATES.length] === "approved"
          ? {
              provincialCommittee: isoDay("2012-08-22", i * 20 - 9),
              nationalOrganisation: isoDay("2012-08-22", i * 20 - 2),
            }
          : null,
      createdBy: null,
      createdByName: "مریم رضایی",
      createdAt: "2024-01-01T00:00:00.000Z",
      attachments: [],
    })).reverse(),
    contracts: Array.from({ length: contracts }, (_, k) => ({
      id: `k${k}`,
      kind: k % 2 ? "supervisor" : "agent",
      organisation: `شرکت مشاوران توسعه شماره ${k + 1}${v}`,
      leadPerson: "دکتر حسینی",
      contractNumber: `۱۴۰۱/${200 + k}`,
      startDate: isoDay("2022-12-22", k * 30),
      endDate: isoDay("2025-12-21", k * 30),
      amountRials: 12_000_000_000 + k * 1_000_000,
      endingSoon: k === 0,
      milestones: Array.from({ length: milestones }, (_, m) => ({
        id: `m${k}-${m}`,
        title: `مرحله ${m + 1}: گزارش پیشرفت و برنامه‌ریزی${v}`,
        plannedDate: isoDay("2023-01-01", m * 45),
        actualDate: m % 3 ? isoDay("2023-01-05", m * 45) : null,
        amountRials: 500_000_000,
        overdue: m % 3 === 0,
      })),
    })),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (n: number) => `${n.toFixed(1)} ms`;

/**
 * Every run prints different text (as records of different clusters do), so
 * Typst's memoisation cannot hand back the previous run's layout; data building
 * is inside the timing, as it is in the request.
 */
async function measure(label: string, make: (variant: number) => Detail) {
  const times: number[] = [];
  let pages = 0;
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const c = make(i + 1);
    const t0 = performance.now();
    const r = await renderPdf({ template: RECORD_TEMPLATE, data: recordData(c) });
    times.push(performance.now() - t0);
    pages = r.pages;
    bytes = r.pdf.length;
  }
  const [firstRun, ...warm] = times;
  console.log(
    `${label}: ${pages} pages, ${(bytes / 1024).toFixed(0)} KiB — first ${ms(firstRun!)}, then median ${ms(median(warm))}, min ${ms(Math.min(...warm))}, max ${ms(Math.max(...warm))} (${warm.length} runs)`,
  );
  return { pages, median: median(warm) };
}

const usual = (v: number) => cluster(8, 2, 6, v);
const long = (v: number) => cluster(160, 26, 18, v);

let t0 = performance.now();
const first = await renderPdf({ template: RECORD_TEMPLATE, data: recordData(usual(0)) });
console.log(
  `first render in this process (compiler + fonts + record): ${ms(performance.now() - t0)}, ${first.pages} pages`,
);

await measure("record (usual cluster)", usual);
const big = await measure("record (long cluster)", long);

// The alternative to one compiler per process: a new one for every render.
const fresh: number[] = [];
for (let i = 0; i < 5; i++) {
  resetPdfCompiler();
  t0 = performance.now();
  await renderPdf({ template: RECORD_TEMPLATE, data: recordData(usual(1000 + i)) });
  fresh.push(performance.now() - t0);
}
console.log(`record with a new compiler each time: median ${ms(median(fresh))} (5 runs)`);

if (OUT) {
  fs.writeFileSync(OUT, (await renderPdf({ template: RECORD_TEMPLATE, data: recordData(long(0)) })).pdf);
  console.log(`wrote ${OUT}`);
}
if (big.pages < 28) console.log(`note: the long record has ${big.pages} pages, fewer than 30`);
