/**
 * Activities as Excel workbooks, the way the registry's export is built: a
 * right-to-left sheet for Persian users, headings from the locale files,
 * Jalali dates as text (Excel has no Jalali calendar).
 *
 * - An activity's participants: every registration with its status,
 *   enterprise, mobile, when it came, its waiting place, the hours attended
 *   in each session and in all, and its certificate's code. Registrations are
 *   read a page at a time by key, and each page's attendance and
 *   certificates in one read each, so a course of thousands costs a few
 *   dozen queries, not one per person.
 * - A cluster's Jalali year: each activity that starts in it with its kind,
 *   programme, dates, seats and waiting list, how many attended, and its
 *   unique people and enterprises (the beneficiaries' aggregates), a chunk
 *   of activities per grouped read.
 */
import ExcelJS from "exceljs";
import type { Kysely } from "kysely";
import { ANY } from "../../../core/beneficiaries";
import { addDaysIso, instantToJalali, isoToJalali, jalaliToIso } from "../../../core/jalali";
import { toPersianDigits } from "../../../core/normalize";
import type { Actor } from "../../../core/permissions";
import type { Deps } from "../../context";
import type { DB } from "../../db/schema";
import { type Lang, t } from "../../i18n";
import { authorizeRecord, found } from "../../services/load";
import { groupedCode } from "./certificates";

/** Registrations per page of the participants' read (and the IN lists of its page's attendance and certificates). */
const PAGE = 500;
/** Activities per grouped read of the year's figures. */
const CHUNK = 500;

const sheetOptions = (lang: Lang) => ({ views: [{ rightToLeft: lang === "fa", state: "frozen" as const, ySplit: 1 }] });
const jalali = (iso: string) => isoToJalali(iso) ?? iso;

export interface Workbook {
  fileName: string;
  asciiName: string;
  content: Buffer;
}

/** An activity's participants with their attendance and certificates, for its managers (403 readers, 404 others). */
export async function participantsXlsx(
  deps: Deps,
  actor: Actor | null,
  activityId: string,
  lang: Lang,
): Promise<Workbook> {
  const db = deps.database.db;
  const activity = found(
    await db
      .selectFrom("activities")
      .select(["id", "title", "cluster_id", "province_code"])
      .where("id", "=", activityId)
      .executeTakeFirst(),
  );
  authorizeRecord(
    actor,
    { provinceCode: activity.province_code, clusterId: activity.cluster_id },
    "activities.read",
    "activities.manage",
  );
  const sessions = await db
    .selectFrom("activity_sessions")
    .select(["id", "starts_on"])
    .where("activity_id", "=", activityId)
    .orderBy("activity_id")
    .orderBy("position")
    .execute();
  const sessionColumn = new Map(sessions.map((s, i) => [s.id, `session${i}`]));

  const wb = new ExcelJS.Workbook();
  wb.creator = "Khooshe";
  wb.created = new Date();
  const ws = wb.addWorksheet(t(lang, "activityExport.participantsSheet"), sheetOptions(lang));
  const n = (i: number) => (lang === "fa" ? toPersianDigits(i + 1) : String(i + 1));
  ws.columns = [
    { header: t(lang, "activityExport.name"), key: "name", width: 28 },
    { header: t(lang, "activityExport.status"), key: "status", width: 14 },
    { header: t(lang, "activityExport.session"), key: "session", width: 14 },
    { header: t(lang, "activityExport.enterprise"), key: "enterprise", width: 28 },
    { header: t(lang, "activityExport.mobile"), key: "mobile", width: 14 },
    { header: t(lang, "activityExport.registeredAt"), key: "registeredAt", width: 18 },
    { header: t(lang, "activityExport.position"), key: "position", width: 12 },
    { header: t(lang, "activityExport.walkIn"), key: "walkIn", width: 10 },
    ...sessions.map((s, i) => ({
      header: t(lang, "activityExport.sessionHours", { n: n(i), date: jalali(s.starts_on) }),
      key: `session${i}`,
      width: 14,
    })),
    { header: t(lang, "activityExport.totalHours"), key: "totalHours", width: 12 },
    { header: t(lang, "activityExport.certificate"), key: "certificate", width: 14 },
  ];
  ws.getRow(1).font = { bold: true };

  // By the order they came, a page at a time after the last (created_at, id) seen; an activity holds
  // thousands at most, so each page's sort is small, and its attendance and certificates are one read each.
  let after: { createdAt: string; id: string } | null = null;
  for (;;) {
    let q = db
      .selectFrom("activity_registrations as r")
      .leftJoin("actors as e", "e.id", "r.enterprise_id")
      .select([
        "r.id",
        "r.name",
        "r.status",
        "r.session_id",
        "r.mobile",
        "r.created_at",
        "r.position",
        "r.walk_in",
        "e.name as enterprise_name",
      ])
      .where("r.activity_id", "=", activityId);
    if (after) {
      const { createdAt, id } = after;
      q = q.where((eb) =>
        eb.or([eb("r.created_at", ">", createdAt), eb.and([eb("r.created_at", "=", createdAt), eb("r.id", ">", id)])]),
      );
    }
    const page = await q.orderBy("r.created_at").orderBy("r.id").limit(PAGE).execute();
    if (page.length === 0) break;
    const ids = page.map((r) => r.id);
    const [attendance, certificates] = await Promise.all([
      db
        .selectFrom("activity_attendances")
        .select(["registration_id", "session_id", "hours"])
        .where("registration_id", "in", ids)
        .execute(),
      db
        .selectFrom("activity_certificates")
        .select(["registration_id", "code"])
        .where("activity_id", "=", activityId)
        .where("registration_id", "in", ids)
        .execute(),
    ]);
    const hours = new Map<string, Map<string | null, number>>();
    for (const a of attendance) {
      const of = hours.get(a.registration_id) ?? new Map<string | null, number>();
      of.set(a.session_id, Number(a.hours));
      hours.set(a.registration_id, of);
    }
    const codes = new Map(certificates.map((c) => [c.registration_id, groupedCode(c.code)]));
    for (const r of page) {
      const attended = hours.get(r.id) ?? new Map<string | null, number>();
      const row: Record<string, string | number> = {
        name: r.name,
        status: t(lang, `activityExport.statuses.${r.status}`),
        session: r.session_id ? n(sessions.findIndex((s) => s.id === r.session_id)) : "",
        enterprise: r.enterprise_name ?? "",
        mobile: r.mobile ?? "",
        registeredAt: instantToJalali(r.created_at),
        position: r.status === "waitlisted" && r.position !== null ? Number(r.position) : "",
        walkIn: Number(r.walk_in) === 1 ? t(lang, "activityExport.yes") : "",
        totalHours: [...attended.values()].reduce((s, h) => s + h, 0),
        certificate: codes.get(r.id) ?? "",
      };
      for (const [sessionId, h] of attended) {
        const key = sessionId ? sessionColumn.get(sessionId) : undefined;
        if (key) row[key] = h;
      }
      ws.addRow(row);
    }
    if (page.length < PAGE) break;
    const last = page[page.length - 1]!;
    after = { createdAt: last.created_at, id: last.id };
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: ws.columns.length } };
  return {
    fileName: t(lang, "activityExport.participantsFile", { title: activity.title }),
    asciiName: "participants.xlsx",
    content: Buffer.from(await wb.xlsx.writeBuffer()),
  };
}

/** Counts by activity, for a chunk of activity ids, from one grouped read. */
async function countsBy(
  db: Kysely<DB>,
  ids: readonly string[],
): Promise<{ seats: Map<string, { accepted: number; waiting: number }>; attended: Map<string, number> }> {
  const seats = new Map<string, { accepted: number; waiting: number }>();
  const attended = new Map<string, number>();
  if (ids.length === 0) return { seats, attended };
  const [regs, att] = await Promise.all([
    db
      .selectFrom("activity_registrations")
      .select(["activity_id", "status", (eb) => eb.fn.countAll<number | string>().as("n")])
      .where("activity_id", "in", ids)
      .where("status", "in", ["accepted", "waitlisted"])
      .groupBy(["activity_id", "status"])
      .execute(),
    db
      .selectFrom("activity_attendances")
      .select(["activity_id", (eb) => eb.fn.count<number | string>("registration_id").distinct().as("n")])
      .where("activity_id", "in", ids)
      .groupBy("activity_id")
      .execute(),
  ]);
  for (const r of regs) {
    const s = seats.get(r.activity_id) ?? { accepted: 0, waiting: 0 };
    if (r.status === "accepted") s.accepted = Number(r.n);
    else s.waiting = Number(r.n);
    seats.set(r.activity_id, s);
  }
  for (const a of att) attended.set(a.activity_id, Number(a.n));
  return { seats, attended };
}

/**
 * Unique people and enterprises of each activity, or of the cluster, in the
 * year: the beneficiaries' aggregate row over every kind and role (what
 * GET /activities/:id/beneficiaries answers), for many scopes in one read of
 * the counts' index.
 */
async function uniqueCounts(
  db: Kysely<DB>,
  level: "activity" | "cluster",
  scopeIds: readonly string[],
  year: number,
): Promise<Map<string, { people: number; enterprises: number }>> {
  const out = new Map<string, { people: number; enterprises: number }>();
  if (scopeIds.length === 0) return out;
  const rows = await db
    .selectFrom("activity_beneficiary_counts")
    .select(["scope_id", "people", "enterprises"])
    .where("level", "=", level)
    .where("scope_id", "in", scopeIds)
    .where("year", "=", year)
    .where("activity_kind", "=", ANY)
    .where("role", "=", ANY)
    .execute();
  for (const r of rows) out.set(r.scope_id, { people: Number(r.people), enterprises: Number(r.enterprises) });
  return out;
}

/** A cluster's activities starting in a Jalali year with their figures, for the cluster's readers (404 others). */
export async function clusterYearXlsx(
  deps: Deps,
  actor: Actor | null,
  clusterId: string,
  year: number,
  lang: Lang,
): Promise<Workbook> {
  const db = deps.database.db;
  const cluster = found(
    await db
      .selectFrom("clusters")
      .select(["id", "name_fa", "province_code"])
      .where("id", "=", clusterId)
      .executeTakeFirst(),
  );
  authorizeRecord(actor, { provinceCode: cluster.province_code, clusterId }, "activities.read");
  const from = jalaliToIso(`${year}/01/01`)!;
  const to = addDaysIso(jalaliToIso(`${year + 1}/01/01`)!, -1);
  const activities = await db
    .selectFrom("activities")
    .leftJoin("planning_programmes as p", "p.id", "activities.programme_id")
    .select([
      "activities.id",
      "activities.title",
      "activities.kind",
      "activities.status",
      "activities.start_date",
      "activities.end_date",
      "p.title as programme_title",
    ])
    .where("activities.cluster_id", "=", clusterId)
    .where("activities.start_date", ">=", from)
    .where("activities.start_date", "<=", to)
    .orderBy("activities.start_date")
    .orderBy("activities.id")
    .execute();

  const wb = new ExcelJS.Workbook();
  wb.creator = "Khooshe";
  wb.created = new Date();
  const ws = wb.addWorksheet(t(lang, "activityExport.yearSheet"), sheetOptions(lang));
  const columns = [
    "title",
    "kind",
    "status",
    "programme",
    "startDate",
    "endDate",
    "accepted",
    "waiting",
    "attended",
    "people",
    "enterprises",
  ] as const;
  ws.columns = columns.map((key) => ({
    header: t(lang, `activityExport.${key}`),
    key,
    width: key === "title" || key === "programme" ? 32 : 14,
  }));
  ws.getRow(1).font = { bold: true };
  for (let i = 0; i < activities.length; i += CHUNK) {
    const part = activities.slice(i, i + CHUNK);
    const ids = part.map((a) => a.id);
    const [{ seats, attended }, beneficiaries] = await Promise.all([
      countsBy(db, ids),
      uniqueCounts(db, "activity", ids, year),
    ]);
    for (const a of part) {
      const b = beneficiaries.get(a.id);
      ws.addRow({
        title: a.title,
        kind: t(lang, `activityKinds.${a.kind}`),
        status: t(lang, `activityStatuses.${a.status}`),
        programme: a.programme_title ?? "",
        startDate: jalali(a.start_date),
        endDate: jalali(a.end_date),
        accepted: seats.get(a.id)?.accepted ?? 0,
        waiting: seats.get(a.id)?.waiting ?? 0,
        attended: attended.get(a.id) ?? 0,
        people: b?.people ?? 0,
        enterprises: b?.enterprises ?? 0,
      });
    }
  }
  // The cluster's own unique figures: a person at three activities is one person, not a sum of rows.
  const total = (await uniqueCounts(db, "cluster", [clusterId], year)).get(clusterId);
  const last = ws.addRow({
    title: t(lang, "activityExport.uniqueTotal"),
    people: total?.people ?? 0,
    enterprises: total?.enterprises ?? 0,
  });
  last.font = { bold: true };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return {
    fileName: t(lang, "activityExport.yearFile", { cluster: cluster.name_fa, year }),
    asciiName: `activities-${year}.xlsx`,
    content: Buffer.from(await wb.xlsx.writeBuffer()),
  };
}
