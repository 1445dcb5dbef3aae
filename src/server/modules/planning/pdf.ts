/**
 * The approved plan and a meeting's minutes as Persian A4 documents
 * (plan.typ, minutes.typ): every word comes from the locale files and every
 * number and date arrives written in Persian digits and the Jalali
 * calendar; the templates only lay them out. The plan prints an approved
 * version (immutable), never the draft.
 */
import type { Kysely } from "kysely";
import { isoToJalali } from "../../../core/jalali";
import { toPersianDigits } from "../../../core/normalize";
import type { Actor } from "../../../core/permissions";
import { COST_SHARES, INTERVENTION_AREAS, type PlanSnapshot } from "../../../core/planning";
import type { Deps } from "../../context";
import type { DB } from "../../db/schema";
import { conflict } from "../../errors";
import { t } from "../../i18n";
import { attachmentDisposition, safeFileName } from "../../pdf/disposition";
import { documentFrame } from "../../pdf/frame";
import { renderPdf } from "../../pdf/render";
import { getMeeting, type MeetingDto } from "./council";
import { printableVersion } from "./plans";

export const PLAN_TEMPLATE = "modules/planning/plan.typ";
export const MINUTES_TEMPLATE = "modules/planning/minutes.typ";

const fa = (key: string, params?: Record<string, string | number>) => t("fa", key, params);
const faNumber = new Intl.NumberFormat("fa-IR");
const num = (n: number | null) => (n === null ? null : toPersianDigits(faNumber.format(n)));
const date = (iso: string | null) => (iso ? toPersianDigits(isoToJalali(iso) ?? iso) : null);
const rials = (n: number) => fa("planPdf.rials", { n: num(n) ?? "" });
const labels = <K extends string>(prefix: string, keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, fa(`${prefix}.${k}`)])) as Record<K, string>;

const PLAN_LABELS = [
  "title",
  "facts",
  "cluster",
  "province",
  "projectYear",
  "period",
  "version",
  "meeting",
  "programmeCount",
  "budget",
  "shares",
  "share",
  "amount",
  "programmes",
  "row",
  "programme",
  "area",
  "strategy",
  "dates",
  "responsible",
  "targets",
  "indicator",
  "baseline",
  "target",
  "verification",
  "noTargets",
  "signatures",
  "total",
] as const;

const MINUTES_LABELS = [
  "title",
  "facts",
  "cluster",
  "heldOn",
  "place",
  "attendance",
  "quorum",
  "attendees",
  "row",
  "name",
  "role",
  "agenda",
  "noAgenda",
  "decisions",
  "decision",
  "plan",
  "votes",
  "noDecisions",
  "minutes",
  "noMinutes",
  "signatures",
] as const;

async function provinceName(db: Kysely<DB>, code: string) {
  const p = await db.selectFrom("provinces").select("name_fa").where("code", "=", code).executeTakeFirstOrThrow();
  return p.name_fa;
}

async function areaNames(db: Kysely<DB>, provinceCode: string) {
  const own = await db
    .selectFrom("planning_areas")
    .select(["id", "name_fa"])
    .where("province_code", "=", provinceCode)
    .execute();
  const names = new Map<string, string>(own.map((a) => [a.id, a.name_fa]));
  for (const k of INTERVENTION_AREAS) names.set(k, fa(`interventionAreas.${k}`));
  return names;
}

const signatureOf = (a: MeetingDto["attendees"][number]) => ({
  name: a.personName,
  role: fa(`governanceRoles.${a.role}`),
});

/** What plan.typ prints for one approved version. */
export async function planPdfData(
  db: Kysely<DB>,
  plan: { cluster_id: string; province_code: string },
  version: { versionNo: number; approvedOn: string; meetingId: string | null; snapshot: PlanSnapshot },
  meeting: MeetingDto | null,
  now = new Date(),
) {
  const [cluster, province, areas, strategies] = await Promise.all([
    db.selectFrom("clusters").select("name_fa").where("id", "=", plan.cluster_id).executeTakeFirstOrThrow(),
    provinceName(db, plan.province_code),
    areaNames(db, plan.province_code),
    db.selectFrom("planning_strategies").select(["id", "title"]).where("cluster_id", "=", plan.cluster_id).execute(),
  ]);
  const strategyTitle = new Map(strategies.map((s) => [s.id, s.title]));
  const s = version.snapshot;
  const total = s.programmes.reduce((n, p) => n + p.budgetRials, 0);
  const frame = documentFrame(province, now);
  const title = fa("planPdf.titleOf", { year: toPersianDigits(s.projectYear) });
  return {
    ...frame,
    labels: labels("planPdf", PLAN_LABELS),
    title,
    planTitle: s.title,
    facts: [
      [fa("planPdf.cluster"), cluster.name_fa],
      [fa("planPdf.province"), province],
      [fa("planPdf.projectYear"), toPersianDigits(s.projectYear)],
      [
        fa("planPdf.period"),
        fa("planPdf.periodValue", { start: date(s.periodStart) ?? "", end: date(s.periodEnd) ?? "" }),
      ],
      [
        fa("planPdf.version"),
        fa("planPdf.versionValue", { n: toPersianDigits(version.versionNo), date: date(version.approvedOn) ?? "" }),
      ],
      [fa("planPdf.meeting"), meeting ? fa("planPdf.meetingValue", { date: date(meeting.heldOn) ?? "" }) : null],
      [fa("planPdf.programmeCount"), num(s.programmes.length)],
      [fa("planPdf.budget"), rials(total)],
    ],
    shares: COST_SHARES.map((k) => [fa(`costShares.${k}`), rials(s.programmes.reduce((n, p) => n + p.shares[k], 0))]),
    shareTotal: rials(total),
    programmes: s.programmes.map((p, i) => ({
      n: num(i + 1),
      title: p.title,
      objective: p.objective,
      area: areas.get(p.area) ?? p.area,
      strategy: p.strategyId ? (strategyTitle.get(p.strategyId) ?? null) : null,
      dates: fa("planPdf.periodValue", { start: date(p.startDate) ?? "", end: date(p.endDate) ?? "" }),
      budget: num(p.budgetRials),
      responsible: p.responsible,
    })),
    targets: s.programmes.flatMap((p, i) =>
      p.targets.map((tg) => ({
        programme: `${num(i + 1)}. ${p.title}`,
        indicator: tg.indicator,
        baseline: num(tg.baseline),
        target: num(tg.target),
        unit: tg.unit,
        verification: tg.verification,
      })),
    ),
    signatures: (meeting?.attendees ?? []).map(signatureOf),
    subject: cluster.name_fa,
  };
}

export async function planPdf(deps: Deps, actor: Actor | null, planId: string, versionNo?: number) {
  const db = deps.database.db;
  const { plan, version } = await printableVersion(deps, actor, planId, versionNo);
  const meeting = version.meetingId ? await getMeeting(deps, actor, version.meetingId) : null;
  const data = await planPdfData(db, plan, version, meeting);
  const rendered = await renderPdf({ template: PLAN_TEMPLATE, data });
  return {
    ...rendered,
    disposition: attachmentDisposition(
      safeFileName(`${data.title} - ${data.subject}`, "pdf"),
      `action-plan-${planId.slice(0, 8)}-v${version.versionNo}.pdf`,
    ),
  };
}

/** What minutes.typ prints for a held meeting. */
export async function minutesPdfData(db: Kysely<DB>, m: MeetingDto, now = new Date()) {
  const province = await provinceName(db, m.provinceCode);
  const frame = documentFrame(province, now);
  const where = [m.place, m.online ? fa("minutesPdf.online") : null].filter((x): x is string => !!x);
  return {
    ...frame,
    labels: labels("minutesPdf", MINUTES_LABELS),
    title: fa("minutesPdf.title"),
    subject: m.clusterName,
    facts: [
      [fa("minutesPdf.cluster"), m.clusterName],
      [fa("minutesPdf.heldOn"), date(m.heldOn)],
      [fa("minutesPdf.place"), where.length ? where.join(fa("common.listSeparator")) : null],
      [
        fa("minutesPdf.attendance"),
        fa("minutesPdf.attendanceValue", { present: num(m.attendees.length) ?? "", seats: num(m.seats ?? 0) ?? "" }),
      ],
      [
        fa("minutesPdf.quorum"),
        fa(m.quorate ? "minutesPdf.quorate" : "minutesPdf.notQuorate", { needed: num(m.quorumNeeded ?? 0) ?? "" }),
      ],
    ],
    attendees: m.attendees.map((a, i) => ({ n: num(i + 1), ...signatureOf(a) })),
    agenda: m.agenda.map((item, i) => ({ n: num(i + 1), item })),
    decisions: m.decisions.map((d, i) => ({
      n: num(i + 1),
      text: d.text,
      kind: fa(`decisionKinds.${d.kind}`),
      plan: d.planTitle,
      votes: fa("minutesPdf.votesValue", {
        for: num(d.votesFor) ?? "",
        against: num(d.votesAgainst) ?? "",
        abstain: num(d.votesAbstain) ?? "",
      }),
    })),
    minutes: m.minutes,
    signatures: m.attendees.map(signatureOf),
  };
}

export async function minutesPdf(deps: Deps, actor: Actor | null, meetingId: string) {
  const m = await getMeeting(deps, actor, meetingId);
  if (m.status !== "held") throw conflict("meeting_not_recorded");
  const data = await minutesPdfData(deps.database.db, m);
  const rendered = await renderPdf({ template: MINUTES_TEMPLATE, data });
  return {
    ...rendered,
    disposition: attachmentDisposition(
      safeFileName(`${data.title} - ${m.clusterName} - ${date(m.heldOn)}`, "pdf"),
      `council-minutes-${meetingId.slice(0, 8)}.pdf`,
    ),
  };
}
