/**
 * Any filtered directory list (a saved view too) as an Excel workbook, the
 * way the registry's export is built: a right-to-left sheet for Persian
 * users, Jalali dates as text beside the ISO dates. People's personal
 * columns (national ID, phones, e-mail, address, postal code) are filled
 * only for callers every one of whose grants that reads people also reads
 * their personal data (personal.read or keeping the record, person.manage,
 * at the same level); others get the columns empty.
 */
import ExcelJS from "exceljs";
import { isoToJalali } from "../../../core/jalali";
import { compactFa } from "../../../core/normalize";
import { type Actor, isNational, POLICY } from "../../../core/permissions";
import type { DirectoryExportQueryInput } from "../../../core/schemas/members";
import { authorizeAnywhere } from "../../auth/authorize";
import type { Deps } from "../../context";
import { matchesText } from "../../db/dialect";
import { type Lang, t } from "../../i18n";
import { ACTORS_TEXT_INDEX, directoryBase, directoryRows, effectiveFilters, pageExtras, toItem } from "./directory";

/** The most rows one export holds (a province's directory; the national one is larger than a sheet should be). */
export const EXPORT_MAX_ROWS = 50_000;

function seesPersonalEverywhere(a: Actor): boolean {
  if (isNational(a)) return true;
  return a.grants.every((g) => {
    if (g.role === "national_admin") return true;
    const read = POLICY["person.read"][g.role];
    if (!read) return true;
    return POLICY["personal.read"][g.role] === read || POLICY["person.manage"][g.role] === read;
  });
}

const COLUMNS = [
  "name",
  "kind",
  "detail",
  "products",
  "skills",
  "enterprise",
  "province",
  "city",
  "status",
  "sizeClass",
  "nationalId",
  "phone",
  "mobile",
  "email",
  "website",
  "address",
  "postalCode",
  "updatedJalali",
  "updatedIso",
] as const;

/** A label from the members namespace, or the value itself while the locale has none. */
function label(lang: Lang, group: string, value: string | null): string {
  if (!value) return "";
  const key = `${group}.${value}`;
  const s = t(lang, key);
  return s === key ? value : s;
}

export async function exportDirectoryXlsx(
  deps: Deps,
  actor: Actor | null,
  lang: Lang,
  q: DirectoryExportQueryInput,
): Promise<Buffer> {
  const a = authorizeAnywhere(actor, "cluster.read");
  const db = deps.database.db;
  const { lang: _lang, ...filters } = q;
  const f = await effectiveFilters(deps, a, filters);
  let base = await directoryBase(db, a, f);
  const needle = f.q ? compactFa(f.q) : "";
  if (needle) base = base.where(matchesText(deps.database.dialect, ACTORS_TEXT_INDEX, needle));
  const rows = await directoryRows(base).limit(EXPORT_MAX_ROWS).execute();
  const personal = seesPersonalEverywhere(a);
  const provinces = new Map(
    (await db.selectFrom("provinces").select(["code", "name_fa", "name_en"]).execute()).map((p) => [
      p.code,
      lang === "fa" ? p.name_fa : p.name_en,
    ]),
  );

  const wb = new ExcelJS.Workbook();
  wb.creator = "Khooshe";
  wb.created = new Date();
  const ws = wb.addWorksheet(t(lang, "directoryExport.sheet"), {
    views: [{ rightToLeft: lang === "fa", state: "frozen", ySplit: 1 }],
  });
  ws.columns = COLUMNS.map((key) => ({
    header: t(lang, `directoryExport.${key}`),
    key,
    width: key === "name" || key === "products" || key === "address" ? 32 : 16,
  }));
  ws.getRow(1).font = { bold: true };
  const sep = lang === "fa" ? "، " : ", ";
  for (let i = 0; i < rows.length; i += 500) {
    const part = rows.slice(i, i + 500);
    const extras = await pageExtras(db, part, f.clusterId);
    for (const r of part) {
      const item = toItem(r, extras);
      const isPerson = r.kind === "person";
      const hidden = isPerson && !personal;
      const updated = r.updated_at.slice(0, 10);
      ws.addRow({
        name: item.name,
        kind: label(lang, "actorKinds", item.kind),
        detail: item.institutionKind ? label(lang, "institutionKinds", item.institutionKind) : (r.job_title ?? ""),
        products: item.products.join(sep),
        skills: item.skills.map((s) => label(lang, "skills", s)).join(sep),
        enterprise: item.enterpriseName ?? "",
        province: item.provinceCode ? (provinces.get(item.provinceCode) ?? item.provinceCode) : "",
        city: item.city ?? "",
        status: label(lang, "membershipStatuses", item.status),
        sizeClass: label(lang, "sizeClasses", item.sizeClass),
        nationalId: hidden ? "" : ((isPerson ? r.person_national_id : r.enterprise_national_id) ?? ""),
        phone: hidden ? "" : (r.phone ?? ""),
        mobile: hidden ? "" : (r.mobile ?? ""),
        email: hidden ? "" : (r.email ?? ""),
        website: r.website ?? "",
        address: hidden ? "" : (r.address ?? ""),
        postalCode: hidden ? "" : (r.postal_code ?? ""),
        updatedJalali: isoToJalali(updated) ?? "",
        updatedIso: updated,
      });
    }
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
