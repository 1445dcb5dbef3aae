import { describe, expect, it } from "vitest";
import { DATE_MAX, DATE_MIN, jalaliToIso } from "../../src/core/jalali";
import { IsoDate, Paging } from "../../src/core/schemas/common";
import { cleanIncomingText, stripBidiControls, textProblem } from "../../src/core/text";

describe("text hygiene", () => {
  it("refuses control characters and lone surrogates, keeps tab, newline, ZWNJ and Persian text", () => {
    expect(textProblem("بسته‌بندی\tقم\r\nخط دوم")).toBeNull();
    expect(textProblem("a\u0000b")).toBe("control_character");
    expect(textProblem("a\u001Bb")).toBe("control_character");
    expect(textProblem("a\u007Fb")).toBe("control_character");
    expect(textProblem("a\u0085b")).toBe("control_character");
    expect(textProblem("a\uD800b")).toBe("invalid_unicode");
    expect(textProblem("a\uDC00")).toBe("invalid_unicode");
    expect(textProblem("😀 emoji is a valid pair")).toBeNull();
  });

  it("strips bidi embeddings, overrides and isolates but not the marks or ZWNJ", () => {
    expect(stripBidiControls("invoice\u202Eexe.png")).toBe("invoiceexe.png");
    expect(stripBidiControls("\u2066a\u2067b\u2068c\u2069\u202A\u202B\u202C\u202D")).toBe("abc");
    expect(stripBidiControls("می‌شود\u200F\u200E")).toBe("می‌شود\u200F\u200E");
  });

  it("walks nested bodies, reports paths, cleans in place and leaves secrets as typed", () => {
    const body = {
      nameFa: "خوشه\u202E پوشاک",
      grant: { role: "member", note: ["ok", "bad\u0000"] },
      password: "pa\u202Ess",
      "key\u0001": 1,
    };
    const issues = cleanIncomingText(body, (k) => /password/i.test(k));
    expect(issues).toEqual([
      { path: "grant.note.1", problem: "control_character" },
      { path: "key\u0001", problem: "control_character" },
    ]);
    expect(body.nameFa).toBe("خوشه پوشاک");
    expect(body.password).toBe("pa\u202Ess");
  });
});

describe("dates and numbers from outside", () => {
  it("bounds every date to Jalali 1300/01/01 – 1500/12/29", () => {
    expect(DATE_MIN).toBe(jalaliToIso("1300/01/01"));
    expect(DATE_MAX).toBe(jalaliToIso("1500/12/29"));
    expect(IsoDate.safeParse("0000-01-01").success).toBe(false);
    expect(IsoDate.safeParse("9999-12-31").success).toBe(false);
    expect(IsoDate.safeParse("1921-03-20").success).toBe(false);
    expect(IsoDate.safeParse(DATE_MIN).success).toBe(true);
    expect(IsoDate.safeParse(DATE_MAX).success).toBe(true);
    expect(IsoDate.safeParse("2122-03-21").success).toBe(false);
  });

  it("takes only decimal integers for paging", () => {
    const limit = Paging.limit;
    expect(limit.parse("16")).toBe(16);
    expect(limit.parse(undefined)).toBe(50);
    for (const bad of ["0x10", "1e1", " 16", "16 ", "+16", "-1", "1.5", "", "0", "201", "١٦"]) {
      expect(limit.safeParse(bad).success, bad).toBe(false);
    }
  });
});
