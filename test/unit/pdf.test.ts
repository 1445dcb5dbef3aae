/**
 * renderPdf() and the cluster record template, without a server: the PDF's
 * text read back with pdftotext (Debian's poppler-utils), its fonts with
 * pdffonts, its page size with pdfinfo.
 */
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import type { ClusterRecordOut } from "../../src/core/schemas/clusters";
import { RECORD_TEMPLATE, recordData, recordTitle } from "../../src/server/modules/clusters/record";
import { attachmentDisposition, safeFileName } from "../../src/server/pdf/disposition";
import { PdfRenderError, renderPdf } from "../../src/server/pdf/render";

type Detail = import("zod").infer<typeof ClusterRecordOut>;

/** pdftotext's text without bidi controls, each ZWNJ back before its letter (see test/api/pdf.test.ts). */
function pdfText(pdf: Buffer): string {
  const raw = execFileSync("pdftotext", ["-enc", "UTF-8", "-", "-"], { input: pdf }).toString("utf8");
  return raw.replace(/[\u202A-\u202E\u2066-\u2069]/g, "").replace(/(\p{L})\u200C/gu, "\u200C$1");
}
const poppler = (tool: string, pdf: Buffer) =>
  execFileSync(tool, ["-"], { input: pdf, stdio: ["pipe", "pipe", "ignore"] }).toString("utf8");

function detail(over: Partial<Detail> = {}): Detail {
  return {
    id: "7f0c2a54-1111-4aaa-8bbb-000000000001",
    nameFa: "خوشه صنعتی بسته‌بندی",
    nameEn: "Packaging",
    provinceCode: "IR-26",
    provinceNameFa: "قزوین",
    provinceNameEn: "Qazvin",
    state: "approved",
    stateSince: "2014-01-15",
    place: "استان قزوین",
    sector: "بسته‌بندی",
    estEnterprises: 300,
    jobsIndustrial: 13_500,
    jobsGuild: 20_500,
    implementationYear: null,
    agentContractEnd: null,
    warnings: [],
    isicCodes: ["1702", "2220"],
    productGroups: ["پلیمری", "سلولزی", "شیشه‌ای", "فلزی"],
    advantageNote: null,
    estEnterprisesSource: "دبیرخانه خوشه",
    estEnterprisesDate: "2013-01-01",
    jobsSource: null,
    jobsDate: null,
    resumeState: null,
    nextStates: [],
    transitions: [
      {
        id: "t2",
        fromState: "identified",
        toState: "approved",
        happenedOn: "2014-01-15",
        note: null,
        reason: null,
        approvals: { provincialCommittee: "2014-01-05", nationalOrganisation: "2014-01-12" },
        createdBy: null,
        createdByName: "مریم رضایی",
        createdAt: "2014-01-15T08:00:00.000Z",
        attachments: [],
      },
      {
        id: "t1",
        fromState: null,
        toState: "identified",
        happenedOn: "2012-08-22",
        note: null,
        reason: null,
        approvals: null,
        createdBy: null,
        createdByName: null,
        createdAt: "2012-08-22T08:00:00.000Z",
        attachments: [],
      },
    ],
    contracts: [],
    ...over,
  };
}

const render = (c: Detail, now?: Date) => renderPdf({ template: RECORD_TEMPLATE, data: recordData(c, now) });

describe("cluster record data", () => {
  it("gives Jalali dates and numbers in Persian digits, state names in Persian, the history oldest first", () => {
    const d = recordData(detail(), new Date("2025-03-20T20:30:00Z"));
    expect(d.letterhead.company).toBe("شرکت شهرک‌های صنعتی استان قزوین");
    expect(d.generated).toBe("۱۴۰۴/۰۱/۰۱ ساعت ۰۰:۰۰");
    expect(d.footer).toBe("تهیه‌شده در سامانه خوشه، ۱۴۰۴/۰۱/۰۱ ساعت ۰۰:۰۰");
    expect(d.cluster.state).toBe("تصویب‌شده، از ۱۳۹۲/۱۰/۲۵");
    expect(d.cluster.enterprises).toEqual({
      value: "۳۰۰ بنگاه",
      provenance: ["منبع: دبیرخانه خوشه", "تاریخ آمار: ۱۳۹۱/۱۰/۱۲"],
    });
    expect(d.cluster.jobs.value).toMatch(/^۳۴٬۰۰۰ نفر \(/);
    expect(d.cluster.isicCodes).toBe("۱۷۰۲، ۲۲۲۰");
    expect(d.timeline.map((s) => [s.n, s.date, s.step])).toEqual([
      ["۱", "۱۳۹۱/۰۶/۰۱", "ثبت در مرحله «شناسایی‌شده»"],
      ["۲", "۱۳۹۲/۱۰/۲۵", "از «شناسایی‌شده» به «تصویب‌شده»"],
    ]);
    expect(d.timeline[1]!.approvals).toBe("تصویب کمیته استانی: ۱۳۹۲/۱۰/۱۵ · تأیید سازمان: ۱۳۹۲/۱۰/۲۲");
    // The template's words come from the locale files, none from Typst.
    expect(d.labels.timeline).toBe("تاریخچه مراحل");
    expect(Object.values(d.labels).every((v) => /[\u0600-\u06FF]/.test(v))).toBe(true);
  });

  it("names the document without saying «خوشه» twice", () => {
    expect(recordTitle("خوشه صنعتی بسته‌بندی")).toBe("شناسنامه خوشه صنعتی بسته‌بندی");
    expect(recordTitle("پوشاک قم")).toBe("شناسنامه خوشه پوشاک قم");
  });
});

describe("renderPdf", () => {
  it("renders the record right to left with joined letters, ZWNJ, Persian digits and «صفحه ۱ از ۱»", async () => {
    const { pdf, pages } = await render(detail());
    expect(pages).toBe(1);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const text = pdfText(pdf);
    expect(text).toContain("خوشه صنعتی بسته‌بندی");
    expect(text).toContain("شرکت شهرک‌های صنعتی استان قزوین");
    expect(text).toContain("سازمان صنایع کوچک و شهرک‌های صنعتی ایران");
    expect(text.replace(/\s+/g, "")).toContain("پلیمری،سلولزی،شیشه‌ای،فلزی");
    expect(text).toContain("۱۳۹۱/۰۶/۰۱");
    expect(text.replace(/\s+/g, "")).toContain("صفحه۱از۱");
    expect(text).not.toMatch(/[\uFB50-\uFDFF\uFE70-\uFEFF]/);
    expect(poppler("pdfinfo", pdf)).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
  });

  it("prints Typst markup in the data as typed", async () => {
    const markup = "#pagebreak() #set page(width: 3cm) *پررنگ* _کج_ $x^2$ ] [ <برچسب> @ارجاع \\ // /* #let";
    const plain = await render(detail({ advantageNote: "متن ساده" }));
    const { pdf, pages } = await render(detail({ nameFa: "خوشه #پوشاک‌دوزی] *ممتاز* $ویژه$", advantageNote: markup }));
    // Evaluated, the note would have added pages or narrowed them; read as text it changes neither.
    expect(pages).toBe(plain.pages);
    expect(poppler("pdfinfo", pdf)).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts/);
    const text = pdfText(pdf);
    expect(text).toContain("خوشه #پوشاک‌دوزی] *ممتاز* $ویژه$");
    for (const piece of ["pagebreak()", "set page(width: 3cm)", "پررنگ", "کج", "x^2", "برچسب", "ارجاع", "let"]) {
      expect(text).toContain(piece);
    }
    // pdftotext moves neutral characters around in right-to-left lines, so count them instead: markup
    // read as markup would lose them (strong, emphasis, math, a label, a line break, a comment).
    const count = (s: string, ch: string) => s.split(ch).length - 1;
    for (const ch of ["#", "*", "_", "$", "^", "[", "]", "<", ">", "@", "\\", "/"]) {
      expect(count(text, ch), ch).toBeGreaterThanOrEqual(count(markup, ch));
    }
  });

  it("embeds only the Vazirmatn fonts from the npm package", async () => {
    const { pdf } = await render(detail({ nameEn: "Latin text [and] digits 0123 — «»" }));
    const fonts = poppler("pdffonts", pdf)
      .split("\n")
      .slice(2)
      .filter((l) => l.trim())
      .map((l) => l.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, ""));
    expect(fonts.length).toBeGreaterThan(0);
    expect(
      fonts.every((f) => /^Vazirmatn-(Regular|Medium|Bold)$/.test(f)),
      fonts.join(", "),
    ).toBe(true);
  });

  it("numbers the pages of a long record «صفحه ۲ از N», with the letterhead line on every page", async () => {
    const transitions = Array.from({ length: 120 }, (_, i) => ({
      ...detail().transitions[1]!,
      id: `t${i}`,
      note: `یادداشت مرحله شماره ${i + 1} درباره جلسه شورای راهبری خوشه`,
    }));
    const { pdf, pages } = await render(detail({ transitions }));
    expect(pages).toBeGreaterThanOrEqual(3);
    const perPage = pdfText(pdf).split("\f");
    const n = ["۰", "۱", "۲", "۳", "۴", "۵", "۶", "۷", "۸", "۹"];
    const fa = (k: number) => String(k).replace(/\d/g, (d) => n[Number(d)]!);
    for (let p = 1; p <= pages; p++) {
      const page = perPage[p - 1]!;
      expect(page.replace(/\s+/g, "")).toContain(`صفحه${fa(p)}از${fa(pages)}`);
      expect(page).toContain("شرکت شهرک‌های صنعتی استان قزوین");
    }
  });

  it("refuses a template outside src/server", async () => {
    await expect(renderPdf({ template: "../../package.json", data: {} })).rejects.toBeInstanceOf(PdfRenderError);
    await expect(renderPdf({ template: "/etc/passwd.typ", data: {} })).rejects.toBeInstanceOf(PdfRenderError);
    await expect(renderPdf({ template: "modules/clusters/missing.typ", data: {} })).rejects.toThrow(/not found/);
  });

  it("renders a warm record well under a second with the process's one compiler", async () => {
    await render(detail());
    const t0 = performance.now();
    const { ms } = await render(detail({ nameFa: "خوشه فرش دستباف" }));
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(ms).toBeLessThan(1000);
  });
});

describe("download file names", () => {
  it("keeps Persian letters and the ZWNJ, drops characters file systems refuse", () => {
    expect(safeFileName("شناسنامه خوشه #پوشاک‌دوزی] *ممتاز* $ویژه$", "pdf")).toBe(
      "شناسنامه خوشه #پوشاک‌دوزی] ممتاز $ویژه$.pdf",
    );
    expect(safeFileName('a/b\\c:d?"e<f>g|h\u0007\u202Ei', "pdf")).toBe("a b c d e f g h i.pdf");
    expect(safeFileName("...", "pdf")).toBe("document.pdf");
    expect(Array.from(safeFileName("خ".repeat(300), "pdf"))).toHaveLength(124);
  });

  it("sends an ASCII filename and the UTF-8 filename* (RFC 5987)", () => {
    const h = attachmentDisposition("شناسنامه خوشه (قم)'s.pdf", "cluster-record.pdf");
    expect(h).toMatch(/^attachment; filename="cluster-record\.pdf"; filename\*=UTF-8''[A-Za-z0-9%._~-]+$/);
    expect(decodeURIComponent(h.split("''")[1]!)).toBe("شناسنامه خوشه (قم)'s.pdf");
    expect(attachmentDisposition("x.pdf", 'a"b\\c€.pdf')).toContain('filename="a_b_c_.pdf"');
  });
});
