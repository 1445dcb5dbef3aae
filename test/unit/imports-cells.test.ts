import { describe, expect, it } from "vitest";
import { jalaliToIso } from "../../src/core/jalali";
import {
  cellText,
  cleanText,
  columnLetter,
  isTotalsRow,
  parseCompanyId,
  parseCount,
  parseDate,
  parseList,
  parseMobile,
  parseNumber,
  parsePersonId,
  plainCell,
} from "../../src/server/modules/imports/cells";
import { detectEncoding } from "../../src/server/modules/imports/detect";
import { readRow, skillOf, suggestMapping } from "../../src/server/modules/imports/fields";
import { companyId, personId } from "../../src/server/modules/imports/sample-sheets";

describe("messy cells", () => {
  it("reads exceljs values: formulas by their cached result, rich text, hyperlinks, errors", () => {
    expect(plainCell({ formula: "SUM(A1:A3)", result: 42 })).toBe(42);
    expect(plainCell({ sharedFormula: "A1", result: "x" })).toBe("x");
    expect(plainCell({ formula: "1/0", result: { error: "#DIV/0!" } })).toBeNull();
    expect(plainCell({ richText: [{ text: "شرکت " }, { text: "الف" }] })).toBe("شرکت الف");
    expect(plainCell({ text: "سایت", hyperlink: "https://x.ir" })).toBe("سایت");
    expect(plainCell({ error: "#N/A" })).toBeNull();
    expect(plainCell(undefined)).toBeNull();
  });

  it("keeps Arabic yeh and kaf as Persian letters and trims spaces and bidi controls", () => {
    expect(cleanText("  شركت   پلاستيك\u200F ")).toBe("شرکت پلاستیک");
    expect(cellText(12.300000000000001)).toBe("12.3");
    expect(cellText(new Date("2024-01-02T00:00:00Z"))).toBe("2024-01-02");
  });

  it("reads numbers stored as text in Persian and Arabic-Indic digits, with separators", () => {
    expect(parseNumber("۱۲۳")).toBe(123);
    expect(parseNumber("١٢٣")).toBe(123);
    expect(parseNumber("۱٬۲۵۰٬۰۰۰")).toBe(1_250_000);
    expect(parseNumber("1,250")).toBe(1250);
    expect(parseNumber("۳٫۵")).toBe(3.5);
    expect(parseNumber(" 12 ")).toBe(12);
    expect(parseNumber("−۵")).toBe(-5);
    expect(parseNumber(7)).toBe(7);
    for (const bad of ["بیست", "12a", "1,2", "", "۱۲ تن"]) expect(parseNumber(bad), bad).toBeNull();
    expect(parseCount("۱۲")).toBe(12);
    expect(parseCount("3.5")).toBeNull();
    expect(parseCount(-1)).toBeNull();
  });

  it("reads Jalali dates typed as text, Gregorian ones and Excel's date cells", () => {
    expect(parseDate("۱۴۰۲/۰۱/۰۵")).toBe(jalaliToIso("1402/01/05"));
    expect(parseDate("1402-1-5")).toBe(jalaliToIso("1402/01/05"));
    expect(parseDate("1402.01.05")).toBe(jalaliToIso("1402/01/05"));
    expect(parseDate("2024/01/02")).toBe("2024-01-02");
    expect(parseDate(new Date("2024-01-02T00:00:00Z"))).toBe("2024-01-02");
    expect(parseDate(45293)).toBe("2024-01-02");
    for (const bad of ["1402/13/01", "1402/12/31", "فردا", "2024/02/30", "1402"])
      expect(parseDate(bad), bad).toBeNull();
    // 1403 is a leap year in the Jalali calendar, 1402 is not.
    expect(parseDate("1403/12/30")).not.toBeNull();
  });

  it("checks national IDs as typed: Persian digits, dashes, a number that lost its leading zero", () => {
    const c = companyId(5);
    expect(parseCompanyId(c.replace(/\d/g, (d) => "۰۱۲۳۴۵۶۷۸۹"[Number(d)]!))).toBe(c);
    expect(parseCompanyId(Number(c))).toBe(c);
    expect(parseCompanyId(`${c.slice(0, 5)}-${c.slice(5)}`)).toBe(c);
    expect(parseCompanyId("12345678901")).toBeNull();
    const p = personId(3);
    expect(parsePersonId(p)).toBe(p);
    expect(parsePersonId("0012345679")).toBe(parsePersonId(12345679));
    expect(parseMobile(9121234567)).toBe("09121234567");
    expect(parseMobile("۰۹۱۲ ۱۲۳ ۴۵۶۷")).toBe("09121234567");
    expect(parseMobile("12345")).toBeNull();
  });

  it("splits lists on Persian and Latin separators", () => {
    expect(parseList("لیوان کاغذی، بطری؛ فیلم ,  ")).toEqual(["لیوان کاغذی", "بطری", "فیلم"]);
  });

  it("knows a totals row by its first text cell", () => {
    expect(isTotalsRow([null, "جمع", 12])).toBe(true);
    expect(isTotalsRow(["جمع کل:", 12])).toBe(true);
    expect(isTotalsRow([3, "مجموع"])).toBe(true);
    expect(isTotalsRow(["Total", 5])).toBe(true);
    expect(isTotalsRow(["جمع‌آوران پلاستیک", 5])).toBe(false);
    expect(isTotalsRow(["شرکت الف", "جمع"])).toBe(false);
  });

  it("names columns as Excel does", () => {
    expect([0, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(["A", "Z", "AA", "AB", "ZZ", "AAA"]);
  });

  it("tells UTF-8 from Windows-1256, a character cut at the end of the sample included", () => {
    expect(detectEncoding(Buffer.from("نام,شهر\n"))).toBe("utf8");
    expect(detectEncoding(Buffer.from("نام").subarray(0, 5))).toBe("utf8");
    expect(detectEncoding(Buffer.from([0xe4, 0xc7, 0xe3]))).toBe("windows-1256");
    expect(detectEncoding(Buffer.from([0xef, 0xbb, 0xbf, 0x41]))).toBe("utf8");
  });
});

describe("headers and rows", () => {
  it("suggests fields from Persian and English headers, the remembered mapping first", () => {
    const headers = ["ردیف", "نام واحد", "شناسه ملی", "شهرستان", "تعداد کارکنان", "E-mail", "وب سايت"];
    expect(suggestMapping("enterprise", headers, null).mapping).toEqual({
      name: 1,
      nationalId: 2,
      city: 3,
      employeesIndustrial: 4,
      email: 5,
      website: 6,
    });
    // This cluster keeps its name in «ردیف»'s neighbour «عنوان»; remembered from last time.
    const remembered = suggestMapping("enterprise", ["عنوان", "کد"], { name: "عنوان", nationalId: "کد" });
    expect(remembered.mapping).toEqual({ name: 0, nationalId: 1 });
  });

  it("reads a row cell by cell and says what is wrong where", () => {
    const r = readRow("enterprise", { name: 0, nationalId: 1, employeesIndustrial: 2, joinedOn: 3, website: 4 }, 7, [
      "شركت الف",
      "123",
      "ده",
      "1402/02/31",
      "www.alef.ir",
    ]);
    expect(r.values).toMatchObject({
      name: "شرکت الف",
      joinedOn: jalaliToIso("1402/02/31"),
      website: "https://www.alef.ir",
    });
    expect(r.problems.map((p) => [p.code, p.column, p.value])).toEqual([
      ["company_id_invalid", 1, "123"],
      ["not_a_number", 2, "ده"],
    ]);
    expect(readRow("enterprise", { name: 0 }, 8, [null]).problems[0]!.code).toBe("required_missing");
  });

  it("knows skills by their Persian and English words", () => {
    expect(["طراح", "Designer", "الگوسازی", "pattern_maker", "آشپز"].map(skillOf)).toEqual([
      "designer",
      "designer",
      "pattern_maker",
      "pattern_maker",
      null,
    ]);
  });
});
