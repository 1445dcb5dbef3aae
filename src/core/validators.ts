/**
 * Validators for Iranian identifiers. Each accepts Persian or Arabic-Indic
 * digits as typed by users and checks the real checksum where there is one.
 */
import {
  isPhoneNumberValid,
  isShebaValid,
  verifyIranianLegalId,
  verifyIranianNationalId,
} from "@persian-tools/persian-tools";
import { toAsciiDigits } from "./normalize";

const clean = (s: string) => toAsciiDigits(s).replace(/[\s-]/g, "");

/** کد ملی: 10 digits with a mod-11 check digit. */
export function isNationalId(input: string): boolean {
  const s = clean(input);
  return /^\d{10}$/.test(s) && verifyIranianNationalId(s) === true;
}

/** شناسه ملی اشخاص حقوقی: 11 digits with a weighted check digit. */
export function isCompanyNationalId(input: string): boolean {
  const s = clean(input);
  return /^\d{11}$/.test(s) && verifyIranianLegalId(s) === true;
}

/** Iranian mobile number: 09xxxxxxxxx, +989…, 00989… or 989…. */
export function isMobile(input: string): boolean {
  const s = clean(input);
  return /^(\+98|0098|98|0)?9\d{9}$/.test(s) && isPhoneNumberValid(s);
}

/** Mobile number in its canonical 09xxxxxxxxx form, or null. */
export function normalizeMobile(input: string): string | null {
  if (!isMobile(input)) return null;
  const s = clean(input);
  return `0${s.slice(-10)}`;
}

/** کد پستی: 10 digits; the first five never contain 0 or 2 (Iran Post rule). */
export function isPostalCode(input: string): boolean {
  const s = clean(input);
  return /^(?!(\d)\1{3})[13-9]{4}[1346-9][013-9]{5}$/.test(s);
}

/** شبا: IR + 24 digits, ISO 7064 mod-97 checksum. */
export function isIban(input: string): boolean {
  const s = clean(input).toUpperCase();
  const withPrefix = s.startsWith("IR") ? s : `IR${s}`;
  return /^IR\d{24}$/.test(withPrefix) && isShebaValid(withPrefix);
}
