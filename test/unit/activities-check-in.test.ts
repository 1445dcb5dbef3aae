/**
 * The check-in page's pure rules (src/web/pages/activities/CheckInRules.tsx,
 * qrScanner.ts): the ticket code in what the camera read or a person typed,
 * the hours typed in either digit set, and the session the page opens with.
 */
import { describe, expect, it } from "vitest";
import { defaultSession, parseHours } from "../../src/web/pages/activities/CheckInRules";
import { codeFromQr } from "../../src/web/pages/activities/qrScanner";

const CODE = "vxLwJy-oU-cdCOAG_jGPFMHA";

describe("codeFromQr", () => {
  it("takes a bare code, trimmed", () => {
    expect(codeFromQr(CODE)).toBe(CODE);
    expect(codeFromQr(`  ${CODE}\n`)).toBe(CODE);
  });

  it("takes the code at the end of a link (a status page's fragment, a path)", () => {
    expect(codeFromQr(`https://khooshe.ir/registration#${CODE}`)).toBe(CODE);
    expect(codeFromQr(`https://khooshe.ir/t/${CODE}/`)).toBe(CODE);
    expect(codeFromQr(`https://khooshe.ir/t?code=${CODE}`)).toBe(CODE);
  });

  it("joins a code typed with spaces between its groups", () => {
    expect(codeFromQr("vxLwJy-oU-cd COAG_jGPFMHA")).toBe(CODE);
  });

  it("refuses what is no ticket code: too short, other characters, another system's link", () => {
    expect(codeFromQr("")).toBeNull();
    expect(codeFromQr("abc123")).toBeNull();
    expect(codeFromQr("کد بلیت من اینجاست و بلند است")).toBeNull();
    expect(codeFromQr("https://example.com/some/page.html")).toBeNull();
    expect(codeFromQr(`${CODE}!`)).toBeNull();
  });
});

describe("parseHours", () => {
  it("reads Latin and Persian digits and either decimal mark", () => {
    expect(parseHours("3")).toBe(3);
    expect(parseHours("۳")).toBe(3);
    expect(parseHours("۲٫۵")).toBe(2.5);
    expect(parseHours("2.5")).toBe(2.5);
    expect(parseHours(" 1,75 ")).toBe(1.75);
    expect(parseHours("0")).toBe(0);
    expect(parseHours("24")).toBe(24);
  });

  it("is NaN outside 0–24 or for anything but a number", () => {
    for (const bad of ["", "25", "-1", "2.555", "دو", "2h", "1e1"]) expect(parseHours(bad), bad).toBeNaN();
  });
});

describe("defaultSession", () => {
  const s = (startsOn: string) => ({ id: startsOn, startsOn });
  const sessions = [s("2026-12-01"), s("2026-12-03"), s("2026-12-08")];

  it("opens today's session", () => {
    expect(defaultSession(sessions, "2026-12-03")?.id).toBe("2026-12-03");
  });

  it("else the next one, else the last", () => {
    expect(defaultSession(sessions, "2026-12-04")?.id).toBe("2026-12-08");
    expect(defaultSession(sessions, "2026-11-01")?.id).toBe("2026-12-01");
    expect(defaultSession(sessions, "2027-01-01")?.id).toBe("2026-12-08");
  });

  it("has none without sessions", () => {
    expect(defaultSession([], "2026-12-03")).toBeUndefined();
  });
});
