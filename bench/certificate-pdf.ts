/**
 * PDF benchmark for a training's certificate (modules/activities/certificate.typ):
 * one landscape page with the letterhead, the holder, two signatories and
 * the verification code, its data read from the database as the download
 * does it, then renderPdf(). Prints the first render in the process
 * (compiler and fonts included) and the median of 20 warm renders, each for
 * another holder (so Typst's memoisation cannot reuse a whole page).
 *
 *   npx tsx bench/certificate-pdf.ts
 *   BENCH_RUNS=50 BENCH_OUT=/tmp/certificate.pdf npx tsx bench/certificate-pdf.ts
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { compactFa, normalizeFa, sortKeyFa } from "../src/core/normalize";
import { loadConfig } from "../src/server/config";
import { newCheckinCode } from "../src/server/modules/activities/attendance";
import {
  CERTIFICATE_TEMPLATE,
  certificatePdfData,
  newCertificateCode,
} from "../src/server/modules/activities/certificates";
import { renderPdf } from "../src/server/pdf/render";
import { openAndMigrate } from "../src/server/start";

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const OUT = process.env.BENCH_OUT;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "khooshe-certificate-pdf-"));
const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: "silent" } as NodeJS.ProcessEnv);
const database = await openAndMigrate(config);
const db = database.db;

// A cluster of its own (the demo's data is not needed for one page).
const now = new Date().toISOString();
const clusterName = "خوشه پوشاک زنجان";
const cluster = { id: randomUUID(), province_code: "IR-19" };
await db
  .insertInto("clusters")
  .values({
    id: cluster.id,
    province_code: cluster.province_code,
    name_fa: clusterName,
    name_en: null,
    name_norm: normalizeFa(clusterName),
    name_sort: sortKeyFa(clusterName),
    state: "implementation",
    created_at: now,
    updated_at: now,
    archived_at: null,
    place: null,
    sector: null,
    isic_codes: "[]",
    product_groups: "[]",
    advantage_note: null,
    est_enterprises: null,
    est_enterprises_source: null,
    est_enterprises_date: null,
    jobs_industrial: null,
    jobs_guild: null,
    jobs_source: null,
    jobs_date: null,
    state_since: now.slice(0, 10),
    resume_state: null,
    search_norm: compactFa(clusterName),
  })
  .execute();
const activityId = randomUUID();
await db
  .insertInto("activities")
  .values({
    id: activityId,
    cluster_id: cluster.id,
    province_code: cluster.province_code,
    kind: "training",
    title: "دوره الگوسازی و دوخت لباس زنانه با نرم‌افزار",
    description: null,
    online: 0,
    place: "مرکز طراحی هیدج",
    online_link: null,
    start_date: "2030-09-28",
    end_date: "2030-10-05",
    programme_id: null,
    organiser: null,
    capacity: null,
    cost_rials: 0,
    share_national: 0,
    share_province: 0,
    share_members: 0,
    share_others: 0,
    details: JSON.stringify({ hours: 24, mode: "in_person", trainerId: null }),
    status: "done",
    created_at: now,
    updated_at: now,
  })
  .execute();
await db
  .insertInto("activity_certificate_settings")
  .values({
    activity_id: activityId,
    cluster_id: cluster.id,
    min_attendance_percent: 80,
    signatories: JSON.stringify([
      { name: "مریم احمدی", title: "مدیر خوشه" },
      { name: "حسین نوری", title: "مدرس دوره" },
    ]),
    updated_at: now,
  })
  .execute();
const activity = await db.selectFrom("activities").selectAll().where("id", "=", activityId).executeTakeFirstOrThrow();

const certificates = [];
for (let i = 0; i < RUNS + 1; i++) {
  const registrationId = randomUUID();
  await db
    .insertInto("activity_registrations")
    .values({
      id: registrationId,
      activity_id: activityId,
      cluster_id: cluster.id,
      session_id: null,
      person_id: null,
      name: `شرکت‌کننده ${i + 1}`,
      mobile: `0912${String(i).padStart(7, "0")}`,
      enterprise_id: null,
      status: "accepted",
      reason: null,
      offered_until: null,
      position: null,
      registered_by: null,
      created_at: now,
      updated_at: now,
      checkin_code: newCheckinCode(),
    })
    .execute();
  const cert = {
    id: randomUUID(),
    activity_id: activityId,
    cluster_id: cluster.id,
    registration_id: registrationId,
    code: newCertificateCode(),
    holder_name: `زهرا کریمی‌نژاد ${i + 1}`,
    hours: 22.5,
    issued_at: now,
    issued_by: null,
    mailed_at: null,
  };
  await db.insertInto("activity_certificates").values(cert).execute();
  certificates.push(cert);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (n: number) => `${n.toFixed(1)} ms`;

const times: number[] = [];
let last: { pdf: Buffer; pages: number } = { pdf: Buffer.alloc(0), pages: 0 };
for (const cert of certificates) {
  const t0 = performance.now();
  const data = await certificatePdfData(db, cert, activity, "https://khooshe.example.ir");
  last = await renderPdf({ template: CERTIFICATE_TEMPLATE, data });
  times.push(performance.now() - t0);
}
const [first, ...warm] = times;
console.log(
  `certificate (${last.pages} page, ${(last.pdf.length / 1024).toFixed(0)} KiB): first ${ms(first!)}, then median ${ms(median(warm))}, max ${ms(Math.max(...warm))} (${warm.length} runs, each another holder)`,
);
if (OUT) fs.writeFileSync(OUT, last.pdf);
await database.close();
fs.rmSync(dir, { recursive: true, force: true });
