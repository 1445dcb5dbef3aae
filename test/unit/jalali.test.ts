import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { instantToJalali, isIsoDate, isoToJalali, isoToJalaliFa, jalaliToIso } from "../../src/core/jalali";

/**
 * Runs a block of tests with the process time zone set to `tz`. Node re-reads
 * TZ when it is assigned, so Date's local-time methods follow it. The helpers
 * must give the same answers whatever zone the server happens to run in.
 */
function inTimeZone(tz: string, body: () => void) {
  describe(`host TZ=${tz}`, () => {
    const saved = process.env.TZ;
    beforeAll(() => {
      process.env.TZ = tz;
    });
    afterAll(() => {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    });
    body();
  });
}

const HOST_ZONES = ["UTC", "Asia/Tehran", "America/New_York", "Europe/Berlin", "America/Santiago"];

/** ISO dates for `count` consecutive days from `startIso`, built with UTC arithmetic only. */
function isoDays(startIso: string, count: number): string[] {
  const t0 = Date.parse(`${startIso}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) => new Date(t0 + i * 86_400_000).toISOString().slice(0, 10));
}

/**
 * Jalali dates for `count` consecutive days from y/m/d, built from the calendar
 * rules alone: months 1–6 have 31 days, 7–11 have 30, Esfand 29 (30 in a leap year).
 */
function jalaliDays(y: number, m: number, d: number, count: number, leapYears: ReadonlySet<number>): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    out.push(`${y}/${String(m).padStart(2, "0")}/${String(d).padStart(2, "0")}`);
    const monthLength = m <= 6 ? 31 : m <= 11 ? 30 : leapYears.has(y) ? 30 : 29;
    d++;
    if (d > monthLength) {
      d = 1;
      m++;
      if (m > 12) {
        m = 1;
        y++;
      }
    }
  }
  return out;
}

// 1402/01/01 = 2023-03-21; 1403 is a leap year, 1402 and 1404 are not.
const DAYS = 800;
const ISO_RANGE = isoDays("2023-03-21", DAYS);
const JALALI_RANGE = jalaliDays(1402, 1, 1, DAYS, new Set([1403]));

describe("fixture sanity", () => {
  it("ranges cover the 1402 and 1403 year ends", () => {
    expect(ISO_RANGE[0]).toBe("2023-03-21");
    expect(ISO_RANGE[DAYS - 1]).toBe("2025-05-28");
    expect(JALALI_RANGE).toContain("1402/12/29");
    expect(JALALI_RANGE).not.toContain("1402/12/30");
    expect(JALALI_RANGE).toContain("1403/12/30");
    expect(JALALI_RANGE[DAYS - 1]).toBe("1404/03/07");
  });
});

describe("jalaliToIso", () => {
  it.each([
    ["1403/12/30", "2025-03-20"],
    ["1404/01/01", "2025-03-21"],
    ["۱۴۰۴/۰۱/۰۱", "2025-03-21"],
    ["١٤٠٤/٠١/٠١", "2025-03-21"],
    ["1404-01-01", "2025-03-21"],
    ["۱۴۰۳-۱۲-۳۰", "2025-03-20"],
    ["1404/1/1", "2025-03-21"],
    [" 1404/01/01 ", "2025-03-21"],
    ["1402/12/29", "2024-03-19"],
    ["1403/01/01", "2024-03-20"],
    ["1403/06/31", "2024-09-21"],
    ["1403/07/01", "2024-09-22"],
    ["1403/07/30", "2024-10-21"],
    ["1357/11/22", "1979-02-11"],
    ["1399/12/30", "2021-03-20"],
  ])("%s → %s", (input, iso) => {
    expect(jalaliToIso(input)).toBe(iso);
  });

  it.each([
    ["1404/12/30", "1404 is not a leap year"],
    ["1402/12/30", "1402 is not a leap year"],
    ["1403/13/01", "month 13"],
    ["1403/00/10", "month 0"],
    ["1403/01/00", "day 0"],
    ["1403/01/32", "day 32"],
    ["1403/07/31", "second-half months have 30 days"],
    ["1403/12/31", "Esfand never has 31 days"],
    ["14040101", "no separators"],
    ["1404/01", "no day"],
    ["1404/01/01/", "trailing separator"],
    ["1404.01.01", "dots"],
    ["404/01/01", "three-digit year"],
    ["1404/001/01", "three-digit month"],
    ["2025/03/21", "a Gregorian date typed into a Jalali field"],
    ["0999/01/01", "year far before any record"],
    ["abc", "garbage"],
    ["", "empty"],
  ])("%s → null (%s)", (input) => {
    expect(jalaliToIso(input)).toBeNull();
  });
});

describe("isoToJalali", () => {
  it.each([
    ["2025-03-20", "1403/12/30"],
    ["2025-03-21", "1404/01/01"],
    ["2024-03-19", "1402/12/29"],
    ["2024-03-20", "1403/01/01"],
    ["1979-02-11", "1357/11/22"],
    ["2024-02-29", "1402/12/10"],
  ])("%s → %s", (iso, jalali) => {
    expect(isoToJalali(iso)).toBe(jalali);
  });

  it.each(["2025-02-30", "2023-02-29", "2025-13-01", "2025-3-20", "20250320", "", "garbage"])("%s → null", (iso) => {
    expect(isoToJalali(iso)).toBeNull();
  });

  it("takes a pattern", () => {
    expect(isoToJalali("2025-03-21", "d MMMM yyyy")).toBe("1 فروردین 1404");
    expect(isoToJalali("2025-03-20", "yyyy-MM-dd")).toBe("1403-12-30");
  });

  it("isoToJalaliFa gives Persian digits, or empty for an invalid date", () => {
    expect(isoToJalaliFa("2025-03-20")).toBe("۱۴۰۳/۱۲/۳۰");
    expect(isoToJalaliFa("2025-02-30")).toBe("");
  });
});

for (const tz of HOST_ZONES) {
  inTimeZone(tz, () => {
    it("the time zone really is in effect", () => {
      const expectedJanOffset: Record<string, number> = {
        UTC: 0,
        "Asia/Tehran": -210,
        "America/New_York": 300,
        "Europe/Berlin": -60,
        "America/Santiago": 180,
      };
      expect(new Date(2025, 0, 15).getTimezoneOffset()).toBe(expectedJanOffset[tz]);
    });

    it(`isoToJalali matches the calendar-rule walk for ${DAYS} consecutive days`, () => {
      const got = ISO_RANGE.map((iso) => isoToJalali(iso));
      expect(got).toEqual(JALALI_RANGE);
    });

    it(`jalaliToIso matches the ISO walk for ${DAYS} consecutive days`, () => {
      const got = JALALI_RANGE.map((j) => jalaliToIso(j));
      expect(got).toEqual(ISO_RANGE);
    });

    it("round trips ISO → Jalali → ISO and Jalali → ISO → Jalali", () => {
      for (const iso of ISO_RANGE) expect(jalaliToIso(isoToJalali(iso)!)).toBe(iso);
      for (const j of JALALI_RANGE) expect(isoToJalali(jalaliToIso(j)!)).toBe(j);
    });

    it("round trips across Iran's historical DST years (1398–1400)", () => {
      const isos = isoDays("2019-03-01", 800);
      for (const iso of isos) {
        const j = isoToJalali(iso);
        expect(j, iso).not.toBeNull();
        expect(jalaliToIso(j!), iso).toBe(iso);
      }
    });

    it("instantToJalali gives Tehran wall-clock time (UTC+3:30)", () => {
      expect(instantToJalali("2025-03-20T20:30:00Z")).toBe("1404/01/01 00:00");
      expect(instantToJalali("2025-03-20T20:29:59Z")).toBe("1403/12/30 23:59");
      expect(instantToJalali("2025-03-21T00:00:00Z")).toBe("1404/01/01 03:30");
      expect(instantToJalali("2025-06-01T12:00:00.000Z")).toBe("1404/03/11 15:30");
      expect(instantToJalali(new Date("2024-12-31T22:15:00Z"))).toBe("1403/10/12 01:45");
      expect(instantToJalali("2025-03-21T00:00:00+03:30")).toBe("1404/01/01 00:00");
    });

    it("instantToJalali is right even when Tehran's wall clock falls in a host DST gap", () => {
      // 2025-03-09 02:30 in Tehran does not exist in New York; 2025-03-30 02:30 not in Berlin;
      // 2024-09-08 00:30 not in Santiago.
      expect(instantToJalali("2025-03-08T23:00:00Z")).toBe("1403/12/19 02:30");
      expect(instantToJalali("2025-03-29T23:00:00Z")).toBe("1404/01/10 02:30");
      expect(instantToJalali("2024-09-07T21:00:00Z")).toBe("1403/06/18 00:30");
    });

    it("instantToJalali agrees with plain UTC arithmetic every 37 minutes over a year", () => {
      const start = Date.UTC(2024, 11, 1);
      for (let t = start; t < start + 366 * 86_400_000; t += 37 * 60_000) {
        const wall = new Date(t + 3.5 * 3_600_000);
        const isoDate = wall.toISOString().slice(0, 10);
        const hhmm = wall.toISOString().slice(11, 16);
        expect(instantToJalali(new Date(t))).toBe(`${isoToJalali(isoDate)} ${hhmm}`);
      }
    });

    it("instantToJalali takes a pattern", () => {
      expect(instantToJalali("2025-03-20T20:30:00Z", "yyyy/MM/dd")).toBe("1404/01/01");
      expect(instantToJalali("2025-03-20T21:45:30Z", "HH:mm:ss")).toBe("01:15:30");
      expect(instantToJalali("2025-03-20T20:30:00Z", "d MMMM yyyy")).toBe("1 فروردین 1404");
    });
  });
}

describe("isIsoDate", () => {
  it.each(["2025-03-20", "2024-02-29", "2000-02-29", "1999-12-31", "2025-01-01"])("%s is an ISO date", (s) => {
    expect(isIsoDate(s)).toBe(true);
  });

  it.each([
    "2023-02-29",
    "1900-02-29",
    "2025-02-30",
    "2025-04-31",
    "2025-13-01",
    "2025-00-10",
    "2025-01-00",
    "2025-3-20",
    "20250320",
    "2025/03/20",
    "2025-03-20T00:00:00Z",
    " 2025-03-20",
    "۲۰۲۵-۰۳-۲۰",
    "",
    "garbage",
  ])("%s is not an ISO date", (s) => {
    expect(isIsoDate(s)).toBe(false);
  });
});
