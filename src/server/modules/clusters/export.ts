/**
 * The registry as an Excel workbook: a right-to-left sheet for Persian users,
 * Jalali dates as text beside the ISO dates (Excel has no Jalali calendar).
 */
import ExcelJS from "exceljs";
import { isoToJalali, todayIso } from "../../../core/jalali";
import type { Actor } from "../../../core/permissions";
import { authorizeAnywhere } from "../../auth/authorize";
import type { Deps } from "../../context";
import { type Lang, t } from "../../i18n";
import { orderByKeys } from "../../services/keyset";
import {
  applyFilters,
  baseQuery,
  type ClusterDetailDto,
  type ContractDto,
  contractsOf,
  type ListClustersQuery,
  registryOrder,
  toDetail,
  withProvince,
} from "./shared";

/** All registry rows matching the filters, for the export (bounded by the registry's size). */
export async function clustersForExport(
  deps: Deps,
  actor: Actor | null,
  q: Omit<ListClustersQuery, "limit" | "offset">,
): Promise<ClusterDetailDto[]> {
  const a = authorizeAnywhere(actor, "cluster.read");
  const db = deps.database.db;
  const rows = await orderByKeys(withProvince(applyFilters(baseQuery(db), a, q)), registryOrder(q.sort, q.order))
    .limit(50_000)
    .execute();
  const today = todayIso();
  const contracts = new Map<string, ContractDto[]>();
  for (let i = 0; i < rows.length; i += 500) {
    const part = await contractsOf(
      db,
      rows.slice(i, i + 500).map((r) => r.id),
      today,
    );
    for (const [k, v] of part) contracts.set(k, v);
  }
  return rows.map((r) => toDetail(r, contracts.get(r.id) ?? [], today));
}

const COLUMNS = [
  "name",
  "nameEn",
  "province",
  "place",
  "sector",
  "isic",
  "productGroups",
  "state",
  "stateSinceJalali",
  "stateSinceIso",
  "estEnterprises",
  "jobsIndustrial",
  "jobsGuild",
  "implementationYear",
  "agentContractEndJalali",
  "agentContractEndIso",
  "warnings",
] as const;

export async function exportClustersXlsx(
  deps: Deps,
  actor: Actor | null,
  lang: Lang,
  q: Omit<ListClustersQuery, "limit" | "offset">,
): Promise<Buffer> {
  const rows = await clustersForExport(deps, actor, q);
  const wb = new ExcelJS.Workbook();
  wb.creator = "Khooshe";
  wb.created = new Date();
  const ws = wb.addWorksheet(t(lang, "clusterExport.sheet"), {
    views: [{ rightToLeft: lang === "fa", state: "frozen", ySplit: 1 }],
  });
  ws.columns = COLUMNS.map((key) => ({
    header: t(lang, `clusterExport.${key}`),
    key,
    width: key === "name" || key === "productGroups" ? 32 : 16,
  }));
  ws.getRow(1).font = { bold: true };
  for (const c of rows) {
    ws.addRow({
      name: c.nameFa,
      nameEn: c.nameEn ?? "",
      province: lang === "fa" ? c.provinceNameFa : c.provinceNameEn,
      place: c.place ?? "",
      sector: c.sector ?? "",
      isic: c.isicCodes.join("، "),
      productGroups: c.productGroups.join("، "),
      state: t(lang, `states.${c.state}`),
      stateSinceJalali: c.stateSince ? (isoToJalali(c.stateSince) ?? "") : "",
      stateSinceIso: c.stateSince ?? "",
      estEnterprises: c.estEnterprises ?? "",
      jobsIndustrial: c.jobsIndustrial ?? "",
      jobsGuild: c.jobsGuild ?? "",
      implementationYear: c.implementationYear ?? "",
      agentContractEndJalali: c.agentContractEnd ? (isoToJalali(c.agentContractEnd) ?? "") : "",
      agentContractEndIso: c.agentContractEnd ?? "",
      warnings: c.warnings.map((w) => t(lang, `clusterExport.warning_${w}`)).join("، "),
    });
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
