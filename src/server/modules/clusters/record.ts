/**
 * The cluster's registry record (شناسنامه خوشه) as a PDF: the registry facts,
 * the figures with their sources, the life-cycle timeline and the contracts
 * with their milestones, on the province company's letterhead. The layout is
 * record.typ; this file turns the cluster into the data it prints (Persian
 * digits, Jalali dates, labels of states and contract kinds).
 */
import { instantToJalali, isoToJalali } from "../../../core/jalali";
import { toPersianDigits } from "../../../core/normalize";
import type { Actor } from "../../../core/permissions";
import type { Deps } from "../../context";
import { t } from "../../i18n";
import { attachmentDisposition, safeFileName } from "../../pdf/disposition";
import { renderPdf } from "../../pdf/render";
import { getCluster } from "./registry";
import type { ClusterDetailDto } from "./shared";

export const RECORD_TEMPLATE = "modules/clusters/record.typ";

const faNumber = new Intl.NumberFormat("fa-IR");
const num = (n: number | null) => (n === null ? null : toPersianDigits(faNumber.format(n)));
const date = (iso: string | null | undefined) => (iso ? toPersianDigits(isoToJalali(iso) ?? iso) : null);
const rials = (n: number | null) => (n === null ? null : `${num(n)} ریال`);
const state = (s: string | null) => (s ? t("fa", `states.${s}`) : null);

/** What record.typ prints: everything already in the reader's digits and calendar. */
export function recordData(c: ClusterDetailDto, now: Date = new Date()) {
  const jobsTotal =
    c.jobsIndustrial !== null || c.jobsGuild !== null ? (c.jobsIndustrial ?? 0) + (c.jobsGuild ?? 0) : null;
  return {
    letterhead: {
      organisation: "سازمان صنایع کوچک و شهرک‌های صنعتی ایران",
      company: `شرکت شهرک‌های صنعتی استان ${c.provinceNameFa}`,
      system: "سامانه خوشه",
    },
    generated: toPersianDigits(instantToJalali(now, "yyyy/MM/dd 'ساعت' HH:mm")),
    cluster: {
      nameFa: c.nameFa,
      nameEn: c.nameEn,
      province: c.provinceNameFa,
      state: state(c.state),
      stateSince: date(c.stateSince),
      implementationYear: c.implementationYear === null ? null : toPersianDigits(c.implementationYear),
      place: c.place,
      sector: c.sector,
      isicCodes: c.isicCodes.map(toPersianDigits),
      productGroups: c.productGroups,
      advantageNote: c.advantageNote,
      enterprises: {
        value: num(c.estEnterprises),
        source: c.estEnterprisesSource,
        date: date(c.estEnterprisesDate),
      },
      jobs: {
        total: num(jobsTotal),
        industrial: num(c.jobsIndustrial ?? (jobsTotal === null ? null : 0)),
        guild: num(c.jobsGuild ?? (jobsTotal === null ? null : 0)),
        source: c.jobsSource,
        date: date(c.jobsDate),
      },
      agentContractEnd: date(c.agentContractEnd),
    },
    // Oldest step first: a record reads as a history.
    timeline: [...c.transitions].reverse().map((tr, i) => ({
      n: toPersianDigits(i + 1),
      date: date(tr.happenedOn),
      from: state(tr.fromState),
      to: state(tr.toState),
      note: tr.note,
      reason: tr.reason,
      approvals: tr.approvals
        ? {
            committee: date(tr.approvals.provincialCommittee),
            national: date(tr.approvals.nationalOrganisation),
          }
        : null,
      by: tr.createdByName,
    })),
    contracts: c.contracts.map((k) => ({
      kind: t("fa", `contracts.kinds.${k.kind}`),
      organisation: k.organisation,
      leadPerson: k.leadPerson,
      number: k.contractNumber ? toPersianDigits(k.contractNumber) : null,
      start: date(k.startDate),
      end: date(k.endDate),
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
  return /^خوشه(\s|$)/.test(nameFa) ? `شناسنامه ${nameFa}` : `شناسنامه خوشه ${nameFa}`;
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
