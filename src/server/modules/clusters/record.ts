/**
 * The cluster's registry record (شناسنامه خوشه) as a PDF: the registry facts,
 * the figures with their sources, the life-cycle timeline and the contracts
 * with their milestones, on the province company's letterhead. The layout is
 * record.typ; this file turns the cluster into the data it prints (Persian
 * digits, Jalali dates, labels of states and contract kinds).
 */
import { isoToJalali } from "../../../core/jalali";
import { toPersianDigits } from "../../../core/normalize";
import type { Actor } from "../../../core/permissions";
import type { Deps } from "../../context";
import { t } from "../../i18n";
import { attachmentDisposition, safeFileName } from "../../pdf/disposition";
import { documentFrame } from "../../pdf/frame";
import { renderPdf } from "../../pdf/render";
import { getCluster } from "./registry";
import type { ClusterDetailDto } from "./shared";

export const RECORD_TEMPLATE = "modules/clusters/record.typ";

const faNumber = new Intl.NumberFormat("fa-IR");
const num = (n: number | null) => (n === null ? null : toPersianDigits(faNumber.format(n)));
const date = (iso: string | null | undefined) => (iso ? toPersianDigits(isoToJalali(iso) ?? iso) : null);
/** The record is a Persian document: its words come from the Persian locale files. */
const fa = (key: string, params?: Record<string, string | number>) => t("fa", key, params);
const r = (key: string, params?: Record<string, string | number>) => fa(`record.${key}`, params);
const rials = (n: number | null) => (n === null ? null : r("rials", { n: num(n) ?? "" }));
const state = (s: string | null) => (s ? fa(`states.${s}`) : null);

/** The template's fixed words (headings, column names, tags). */
const LABEL_KEYS = [
  "title",
  "registry",
  "province",
  "currentState",
  "projectYear",
  "agentContractEnd",
  "place",
  "sector",
  "isic",
  "productGroups",
  "advantage",
  "enterprisesAndJobs",
  "enterprises",
  "jobs",
  "timeline",
  "noSteps",
  "row",
  "date",
  "step",
  "details",
  "reason",
  "contracts",
  "noContracts",
  "endingSoon",
  "lead",
  "number",
  "period",
  "amount",
  "noMilestones",
  "milestone",
  "planned",
  "actual",
  "overdue",
] as const;

/** "source · date" under a figure, as the lines the template joins. */
function provenance(source: string | null, on: string | null): string[] {
  return [source ? r("source", { source }) : null, on ? r("figureDate", { date: on }) : null].filter(
    (x): x is string => x !== null,
  );
}

/**
 * What record.typ prints: every word and phrase already written, in the
 * reader's digits and calendar. The template only lays it out, so no text
 * is built in Typst and none is written outside the locale files.
 */
export function recordData(c: ClusterDetailDto, now: Date = new Date()) {
  const jobsTotal =
    c.jobsIndustrial !== null || c.jobsGuild !== null ? (c.jobsIndustrial ?? 0) + (c.jobsGuild ?? 0) : null;
  const frame = documentFrame(c.provinceNameFa, now);
  const stateSince = date(c.stateSince);
  return {
    labels: Object.fromEntries(LABEL_KEYS.map((k) => [k, r(k)])) as Record<(typeof LABEL_KEYS)[number], string>,
    letterhead: frame.letterhead,
    page: frame.page,
    generated: frame.generated,
    footer: frame.footer,
    closing: r("closing", { generated: frame.generated, system: frame.system }),
    cluster: {
      nameFa: c.nameFa,
      nameEn: c.nameEn,
      province: c.provinceNameFa,
      state: stateSince ? r("stateSince", { state: state(c.state) ?? "", since: stateSince }) : state(c.state),
      implementationYear:
        c.implementationYear === null ? null : r("yearOf", { n: toPersianDigits(c.implementationYear) }),
      place: c.place,
      sector: c.sector,
      isicCodes: c.isicCodes.map(toPersianDigits).join(fa("common.listSeparator")),
      productGroups: c.productGroups.join(fa("common.listSeparator")),
      advantageNote: c.advantageNote,
      enterprises: {
        value: c.estEnterprises === null ? null : r("enterprisesValue", { n: num(c.estEnterprises) ?? "" }),
        provenance: provenance(c.estEnterprisesSource, date(c.estEnterprisesDate)),
      },
      jobs: {
        value:
          jobsTotal === null
            ? null
            : r("jobsValue", {
                total: num(jobsTotal) ?? "",
                industrial: num(c.jobsIndustrial ?? 0) ?? "",
                guild: num(c.jobsGuild ?? 0) ?? "",
              }),
        provenance: provenance(c.jobsSource, date(c.jobsDate)),
      },
      agentContractEnd: date(c.agentContractEnd),
    },
    // Oldest step first: a record reads as a history.
    timeline: [...c.transitions].reverse().map((tr, i) => ({
      n: toPersianDigits(i + 1),
      date: date(tr.happenedOn),
      step:
        tr.fromState === null
          ? r("stepFirst", { to: state(tr.toState) ?? "" })
          : r("stepMove", { from: state(tr.fromState) ?? "", to: state(tr.toState) ?? "" }),
      approvals: tr.approvals
        ? r("approvals", {
            committee: date(tr.approvals.provincialCommittee) ?? "",
            national: date(tr.approvals.nationalOrganisation) ?? "",
          })
        : null,
      note: tr.note,
      reason: tr.reason,
      by: tr.createdByName ? r("by", { name: tr.createdByName }) : null,
    })),
    contracts: c.contracts.map((k) => ({
      kind: fa(`contracts.kinds.${k.kind}`),
      organisation: k.organisation,
      leadPerson: k.leadPerson,
      number: k.contractNumber ? toPersianDigits(k.contractNumber) : null,
      period: r("periodValue", { start: date(k.startDate) ?? "", end: date(k.endDate) ?? "" }),
      amount: rials(k.amountRials),
      endingSoon: k.endingSoon,
      milestones: k.milestones.map((m, i) => ({
        n: toPersianDigits(i + 1),
        title: m.title,
        planned: date(m.plannedDate),
        actual: date(m.actualDate),
        amount: rials(m.amountRials),
        overdue: m.overdue,
      })),
    })),
  };
}

export type RecordData = ReturnType<typeof recordData>;

/** «شناسنامه خوشه صنعتی بسته‌بندی»: the document's name, without saying «خوشه» twice. */
export function recordTitle(nameFa: string): string {
  return /^خوشه(\s|$)/.test(nameFa) ? r("titleOf", { name: nameFa }) : r("titleOfCluster", { name: nameFa });
}

/** The record of a cluster the actor may read (404 otherwise), with its download headers. */
export async function clusterRecordPdf(deps: Deps, actor: Actor | null, id: string) {
  const cluster = await getCluster(deps, actor, id);
  const { pdf } = await renderPdf({ template: RECORD_TEMPLATE, data: recordData(cluster) });
  return {
    pdf,
    disposition: attachmentDisposition(
      safeFileName(recordTitle(cluster.nameFa), "pdf"),
      `cluster-record-${cluster.id.slice(0, 8)}.pdf`,
    ),
  };
}
