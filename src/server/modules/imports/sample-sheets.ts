/**
 * Spreadsheets as offices keep them, generated for the import tests and the
 * import benchmark: a title row or two above Persian headers, numbers stored
 * as text in Persian digits, Jalali dates typed as text, Arabic letter
 * forms, a formula, a totals row at the bottom, blank rows.
 */
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { toPersianDigits } from "../../../core/normalize";
import { isCompanyNationalId, isNationalId } from "../../../core/validators";

/** A valid company national ID (11 digits) for n: the check digit found by the validator itself. */
export function companyId(n: number): string {
  const base = `1${String(40_000_000 + ((n * 7_919) % 900_000_000)).padStart(9, "0")}`;
  for (let c = 0; c < 10; c++) if (isCompanyNationalId(base + c)) return base + c;
  return companyId(n + 1_000_003);
}

/** A valid person national code (10 digits) for n. */
export function personId(n: number): string {
  const base = String(100_000_000 + ((n * 104_729) % 800_000_000)).padStart(9, "0");
  for (let c = 0; c < 10; c++) if (isNationalId(base + c)) return base + c;
  return personId(n + 1_000_003);
}

export interface EnterpriseSheetOptions {
  rows: number;
  /** Row i (0-based) gets a broken national ID. */
  badIdEvery?: number;
  /** Name prefix, so two files can overlap or not. */
  prefix?: string;
  /** A blank row every n rows. */
  blankEvery?: number;
  sheetName?: string;
}

export const ENTERPRISE_HEADERS = [
  "ردیف",
  "نام واحد",
  "شناسه ملی",
  "شهر",
  "تعداد کارکنان",
  "ظرفیت تولید",
  "تاریخ عضویت",
  "محصولات",
  "تلفن همراه",
];

/** The enterprise of data row i: name, id, city and the values the sheet holds for it. */
export function enterpriseRow(i: number, prefix = "شرکت") {
  const cities = ["قزوین", "البرز", "تاکستان", "آبیک"];
  return {
    // Arabic yeh and kaf, as an old keyboard typed them, in every third name.
    name: i % 3 === 0 ? `${prefix} پلاستيك شماره ${i}` : `${prefix} بسته‌بندی شماره ${i}`,
    nationalId: companyId(i + 1),
    city: cities[i % cities.length]!,
    employees: 5 + (i % 40),
  };
}

/** Writes a workbook with a title block, Persian headers, messy cells, a totals row; returns its bytes. */
export async function enterpriseWorkbook(o: EnterpriseSheetOptions): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  const ended = new Promise((r) => out.on("end", r));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet(o.sheetName ?? "بنگاه‌ها");
  ws.addRow(["فهرست بنگاه‌های خوشه بسته‌بندی قزوین"]).commit();
  ws.addRow(["تهیه‌شده در دبیرخانه خوشه — ۱۴۰۲"]).commit();
  ws.addRow(ENTERPRISE_HEADERS).commit();
  let excelRow = 3;
  for (let i = 0; i < o.rows; i++) {
    if (o.blankEvery && i > 0 && i % o.blankEvery === 0) {
      ws.addRow([]).commit();
      excelRow++;
    }
    const e = enterpriseRow(i, o.prefix);
    const bad = o.badIdEvery !== undefined && i % o.badIdEvery === o.badIdEvery - 1;
    excelRow++;
    ws.addRow([
      i + 1,
      e.name,
      // Text in Persian digits, a real number, or broken.
      bad
        ? `${e.nationalId.slice(0, 10)}${(Number(e.nationalId[10]) + 1) % 10}`
        : i % 2
          ? toPersianDigits(e.nationalId)
          : Number(e.nationalId),
      e.city,
      // Employees as text in Persian digits half the time.
      i % 2 ? toPersianDigits(e.employees) : e.employees,
      // Capacity as a formula, its cached result read.
      { formula: `${e.employees}*100`, result: e.employees * 100 },
      // A Jalali date typed as text.
      toPersianDigits(`1402/0${1 + (i % 9)}/1${i % 9}`),
      "لیوان کاغذی، ظرف یکبار مصرف",
      i % 4 === 0 ? `0912${String(1_000_000 + i).slice(-7)}` : null,
    ]).commit();
  }
  ws.addRow([null, "جمع", null, null, { formula: `SUM(E4:E${excelRow})`, result: 0 }]).commit();
  ws.commit();
  const notes = wb.addWorksheet("توضیحات");
  notes.addRow(["این برگه درون‌ریزی نمی‌شود"]).commit();
  notes.commit();
  await wb.commit();
  await ended;
  return Buffer.concat(chunks);
}
