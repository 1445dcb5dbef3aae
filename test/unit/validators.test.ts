import { describe, expect, it } from "vitest";
import {
  isCompanyNationalId,
  isIban,
  isMobile,
  isNationalId,
  isPostalCode,
  normalizeMobile,
} from "../../src/core/validators";

/**
 * Independent re-implementation of the legal-id (شناسه ملی) check digit, as in
 * verifyIranianLegalId: weights 29,27,23,19,17 repeating, each digit plus
 * (tens digit + 2), mod 11, 10 → 0.
 */
function legalIdCheckDigit(first10: string): number {
  const weights = [29, 27, 23, 19, 17];
  const t = Number(first10[9]) + 2;
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += (t + Number(first10[i])) * weights[i % 5];
  const r = sum % 11;
  return r === 10 ? 0 : r;
}

/** Independent national-id (کد ملی) check digit: weights 10..2, mod 11. */
function nationalIdCheckDigit(first9: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(first9[i]) * (10 - i);
  const r = sum % 11;
  return r < 2 ? r : 11 - r;
}

describe("isNationalId", () => {
  it("the fixtures really have the right check digit", () => {
    expect(nationalIdCheckDigit("049937089")).toBe(9);
    expect(nationalIdCheckDigit("001354241")).toBe(9);
  });

  it.each([
    ["0499370899", "valid"],
    ["0013542419", "valid"],
    ["۰۴۹۹۳۷۰۸۹۹", "Persian digits"],
    ["٠٤٩٩٣٧٠٨٩٩", "Arabic-Indic digits"],
    ["049-937089-9", "with dashes"],
    [" 0499370899 ", "surrounded by spaces"],
  ])("accepts %s (%s)", (input) => {
    expect(isNationalId(input)).toBe(true);
  });

  it.each([
    ["0499370898", "wrong check digit"],
    ["0499370890", "wrong check digit"],
    ["۰۴۹۹۳۷۰۸۹۸", "wrong check digit, Persian digits"],
    ["1111111111", "all-same digits (passes mod-11 but is reserved)"],
    ["0000000000", "all zeros"],
    ["5555555555", "all-same digits"],
    ["499370899", "9 digits (leading zero dropped)"],
    ["04993708999", "11 digits"],
    ["049937089a", "contains a letter"],
    ["", "empty"],
  ])("rejects %s (%s)", (input) => {
    expect(isNationalId(input)).toBe(false);
  });

  it("1111111111 is rejected as a sequence, not by the checksum", () => {
    // Documents why the all-same case matters: its check digit is "valid".
    expect(nationalIdCheckDigit("111111111")).toBe(1);
    expect(isNationalId("1111111111")).toBe(false);
  });
});

describe("isCompanyNationalId", () => {
  it("the fixture really has the right check digit", () => {
    expect(legalIdCheckDigit("1038028479")).toBe(0);
  });

  it.each([
    ["10380284790", "valid"],
    ["۱۰۳۸۰۲۸۴۷۹۰", "Persian digits"],
    ["1038-0284-790", "with dashes"],
  ])("accepts %s (%s)", (input) => {
    expect(isCompanyNationalId(input)).toBe(true);
  });

  it("accepts every id whose check digit is computed independently", () => {
    for (const first10 of ["1010101010", "1400765091", "1032018436", "1086212345", "1410000123"]) {
      const id = `${first10}${legalIdCheckDigit(first10)}`;
      expect(isCompanyNationalId(id), id).toBe(true);
      const wrong = `${first10}${(legalIdCheckDigit(first10) + 1) % 10}`;
      expect(isCompanyNationalId(wrong), wrong).toBe(false);
    }
  });

  it.each([
    ["10380284791", "wrong check digit"],
    ["10380284799", "wrong check digit"],
    ["1038028479", "10 digits"],
    ["103802847900", "12 digits"],
    ["00000000000", "all zeros"],
    ["10300000000", "zero middle digits"],
    ["0499370899", "a personal national id"],
    ["1038028479a", "contains a letter"],
    ["", "empty"],
  ])("rejects %s (%s)", (input) => {
    expect(isCompanyNationalId(input)).toBe(false);
  });
});

describe("isMobile / normalizeMobile", () => {
  it.each([
    ["09121234567", "09121234567"],
    ["+989121234567", "09121234567"],
    ["00989121234567", "09121234567"],
    ["989121234567", "09121234567"],
    ["9121234567", "09121234567"],
    ["۰۹۱۲۱۲۳۴۵۶۷", "09121234567"],
    ["+۹۸۹۱۲۱۲۳۴۵۶۷", "09121234567"],
    ["٠٩١٢١٢٣٤٥٦٧", "09121234567"],
    ["0912 123 4567", "09121234567"],
    ["0912-123-4567", "09121234567"],
    ["09351234567", "09351234567"],
    ["09901234567", "09901234567"],
  ])("%s is a mobile number, canonical %s", (input, canonical) => {
    expect(isMobile(input)).toBe(true);
    expect(normalizeMobile(input)).toBe(canonical);
  });

  it.each([
    ["02112345678", "Tehran landline"],
    ["08121234567", "does not start 09"],
    ["0912123456", "too short"],
    ["091212345678", "too long"],
    ["+9809121234567", "country code and trunk zero"],
    ["+449121234567", "foreign country code"],
    ["0912123456a", "contains a letter"],
    ["", "empty"],
  ])("%s is not a mobile number (%s)", (input) => {
    expect(isMobile(input)).toBe(false);
    expect(normalizeMobile(input)).toBeNull();
  });

  it("normalizeMobile is idempotent", () => {
    const once = normalizeMobile("+98 912 123 4567");
    expect(once).toBe("09121234567");
    expect(normalizeMobile(once!)).toBe(once);
  });
});

describe("isPostalCode", () => {
  it.each([
    ["1193653471", "valid"],
    ["1581785115", "valid"],
    ["۱۱۹۳۶۵۳۴۷۱", "Persian digits"],
    ["11936-53471", "with the usual dash"],
  ])("accepts %s (%s)", (input) => {
    expect(isPostalCode(input)).toBe(true);
  });

  it.each([
    ["0193653471", "starts with 0"],
    ["1293653471", "2 in the first five digits"],
    ["1190653471", "0 in the first five digits"],
    ["1111653471", "four equal leading digits"],
    ["119365347", "9 digits"],
    ["11936534711", "11 digits"],
    ["119365347a", "contains a letter"],
    ["", "empty"],
  ])("rejects %s (%s)", (input) => {
    expect(isPostalCode(input)).toBe(false);
  });
});

describe("isIban", () => {
  /** Independent ISO 7064 mod-97 check for IR IBANs. */
  function mod97Ok(iban: string): boolean {
    const rearranged = `${iban.slice(4)}1827${iban.slice(2, 4)}`; // I=18, R=27
    return BigInt(rearranged) % 97n === 1n;
  }

  it("the fixture really passes mod-97", () => {
    expect(mod97Ok("IR820540102680020817909002")).toBe(true);
    expect(mod97Ok("IR820540102680020817909003")).toBe(false);
  });

  it.each([
    ["IR820540102680020817909002", "valid"],
    ["ir820540102680020817909002", "lower-case prefix"],
    ["820540102680020817909002", "without the IR prefix"],
    ["IR82 0540 1026 8002 0817 9090 02", "grouped with spaces"],
    ["IR۸۲۰۵۴۰۱۰۲۶۸۰۰۲۰۸۱۷۹۰۹۰۰۲", "Persian digits"],
  ])("accepts %s (%s)", (input) => {
    expect(isIban(input)).toBe(true);
  });

  it.each([
    ["IR820540102680020817909003", "wrong checksum"],
    ["IR830540102680020817909002", "wrong check digits"],
    ["IR8205401026800208179090", "too short"],
    ["IR8205401026800208179090021", "too long"],
    ["DE820540102680020817909002", "not an Iranian IBAN"],
    ["IR82054010268002081790900A", "contains a letter"],
    ["", "empty"],
  ])("rejects %s (%s)", (input) => {
    expect(isIban(input)).toBe(false);
  });

  it("changing any single digit breaks the checksum", () => {
    const valid = "IR820540102680020817909002";
    for (let i = 2; i < valid.length; i++) {
      const d = Number(valid[i]);
      const changed = `${valid.slice(0, i)}${(d + 1) % 10}${valid.slice(i + 1)}`;
      expect(isIban(changed), changed).toBe(false);
    }
  });
});
