/**
 * From a sheet's header row to a mapping, and from one row to the values an
 * enterprise or a person is written with plus everything wrong with it.
 */

import { toAsciiDigits } from "../../../core/normalize";
import {
  type FieldDef,
  IMPORT_FIELDS,
  type ImportKindName,
  type ImportMappingValue,
} from "../../../core/schemas/imports";
import { Phone, PostalCode, WebUrl } from "../../../core/schemas/members";
import {
  type Cell,
  cellText,
  headerKey,
  isBlank,
  parseCompanyId,
  parseCount,
  parseDate,
  parseEmail,
  parseList,
  parseMobile,
  parseNumber,
  parsePersonId,
} from "./cells";

/** Header names offices use for each field, Persian and English; compared by headerKey(). */
const SYNONYMS: Record<string, readonly string[]> = {
  name: [
    "نام",
    "نام بنگاه",
    "نام شرکت",
    "نام واحد",
    "نام واحد تولیدی",
    "عنوان بنگاه",
    "عنوان واحد",
    "عنوان شرکت",
    "نام و نام خانوادگی",
    "نام کامل",
    "name",
    "company",
    "company name",
    "enterprise",
    "full name",
  ],
  nationalId: ["شناسه ملی", "شناسه ملی شرکت", "کد ملی", "شماره ملی", "national id", "company id", "nationalid"],
  city: ["شهر", "شهرستان", "محل", "city", "town"],
  address: ["نشانی", "آدرس", "address"],
  postalCode: ["کد پستی", "کدپستی", "postal code", "zip"],
  phone: ["تلفن", "تلفن ثابت", "شماره تماس", "تلفن تماس", "phone", "tel", "telephone"],
  mobile: ["موبایل", "همراه", "تلفن همراه", "شماره همراه", "mobile", "cell"],
  email: ["ایمیل", "پست الکترونیک", "رایانامه", "email", "e-mail"],
  website: ["وب سایت", "وبسایت", "سایت", "website", "web"],
  contactPerson: ["رابط", "نام رابط", "مدیرعامل", "مدیر عامل", "نام مدیرعامل", "contact", "contact person"],
  employeesIndustrial: ["تعداد کارکنان", "کارکنان", "اشتغال", "تعداد اشتغال", "اشتغال صنعتی", "employees", "staff"],
  employeesGuild: ["اشتغال صنفی", "کارکنان صنفی", "guild employees"],
  capacity: ["ظرفیت", "ظرفیت تولید", "ظرفیت اسمی", "capacity"],
  capacityUnit: ["واحد ظرفیت", "واحد", "capacity unit", "unit"],
  products: ["محصولات", "محصول", "محصولات اصلی", "products", "product"],
  joinedOn: ["تاریخ عضویت", "تاریخ پیوستن", "تاریخ", "joined", "joined on", "date"],
  jobTitle: ["سمت", "عنوان شغلی", "شغل", "job title", "title", "role"],
  skills: ["مهارت", "مهارتها", "مهارت ها", "تخصص", "skills", "skill"],
  enterpriseNationalId: [
    "شناسه ملی بنگاه",
    "شناسه ملی شرکت محل کار",
    "شناسه بنگاه",
    "enterprise national id",
    "employer id",
  ],
};

const KEYS: Record<string, Set<string>> = Object.fromEntries(
  Object.entries(SYNONYMS).map(([f, names]) => [f, new Set(names.map(headerKey))]),
);

export function fieldsOf(kind: ImportKindName): readonly FieldDef[] {
  return IMPORT_FIELDS[kind];
}

/**
 * The mapping a header row suggests: the cluster's remembered one (field →
 * normalised header) where its headers are there, then known names; a
 * column goes to one field at most, the first fitting one.
 */
export function suggestMapping(
  kind: ImportKindName,
  headers: readonly string[],
  remembered: Readonly<Record<string, string>> | null,
): { mapping: ImportMappingValue; byColumn: (string | null)[] } {
  const keys = headers.map(headerKey);
  const taken = new Set<number>();
  const mapping: Record<string, number> = {};
  const fields = fieldsOf(kind);
  const assign = (field: string, idx: number) => {
    if (idx < 0 || taken.has(idx) || field in mapping || !keys[idx]) return;
    mapping[field] = idx;
    taken.add(idx);
  };
  if (remembered) for (const f of fields) if (remembered[f.id]) assign(f.id, keys.indexOf(remembered[f.id]!));
  // Exact known names first, for every field, before the person kind's «کد ملی» can take «شناسه ملی بنگاه».
  for (const f of fields)
    assign(
      f.id,
      keys.findIndex((k, i) => !taken.has(i) && KEYS[f.id]?.has(k)),
    );
  const byColumn = headers.map(() => null as string | null);
  for (const [f, i] of Object.entries(mapping)) byColumn[i] = f;
  return { mapping: mapping as ImportMappingValue, byColumn };
}

/** What a row says about one field, once read. */
export type FieldValue = string | number | string[] | null;

export interface RowProblem {
  code: string;
  /** The column (0-based) of the cell, when the problem is one cell's. */
  column: number | null;
  value: string | null;
  params?: Record<string, string | number>;
}

export interface ReadRow {
  row: number;
  values: Record<string, FieldValue>;
  problems: RowProblem[];
}

/** Reads one cell as its field's type: the value, or the problem with it. */
function readCell(f: FieldDef, c: Cell): { value: FieldValue } | { problem: string; params?: Record<string, number> } {
  if (isBlank(c)) return { value: null };
  switch (f.type) {
    case "text": {
      const s = cellText(c);
      return f.max && s.length > f.max ? { problem: "too_long", params: { max: f.max } } : { value: s };
    }
    case "companyId": {
      const v = parseCompanyId(c);
      return v ? { value: v } : { problem: "company_id_invalid" };
    }
    case "personId": {
      const v = parsePersonId(c);
      return v ? { value: v } : { problem: "person_id_invalid" };
    }
    case "int": {
      const v = parseCount(c);
      return v !== null ? { value: v } : { problem: parseNumber(c) === null ? "not_a_number" : "not_a_count" };
    }
    case "number": {
      const v = parseNumber(c);
      return v !== null && v >= 0 ? { value: v } : { problem: "not_a_number" };
    }
    case "date": {
      const v = parseDate(c);
      return v ? { value: v } : { problem: "not_a_date" };
    }
    case "mobile": {
      const v = parseMobile(c);
      return v ? { value: v } : { problem: "mobile_invalid" };
    }
    case "email": {
      const v = parseEmail(c);
      return v ? { value: v } : { problem: "email_invalid" };
    }
    // The profile API's own rules (core/schemas/members), so an import stores nothing the form would refuse.
    case "phone": {
      const v = Phone.safeParse(toAsciiDigits(cellText(c)));
      return v.success ? { value: v.data } : { problem: "phone_invalid" };
    }
    case "postal": {
      const v = PostalCode.safeParse(toAsciiDigits(cellText(c)));
      return v.success ? { value: toAsciiDigits(v.data).replace(/[\s-]/g, "") } : { problem: "postal_code_invalid" };
    }
    case "url": {
      const s = cellText(c);
      // «www.example.ir» as offices write it.
      const v = WebUrl.safeParse(/^https?:\/\//i.test(s) ? s : `https://${s}`);
      return v.success ? { value: v.data } : { problem: "url_invalid" };
    }
    case "list": {
      const items = parseList(c);
      const long = items.find((s) => s.length > 200);
      return long ? { problem: "too_long", params: { max: 200 } } : { value: items.slice(0, 50) };
    }
  }
}

/** One data row read through the mapping: its values and every problem, cell by cell. */
export function readRow(
  kind: ImportKindName,
  mapping: ImportMappingValue,
  row: number,
  cells: readonly Cell[],
): ReadRow {
  const values: Record<string, FieldValue> = {};
  const problems: RowProblem[] = [];
  for (const f of fieldsOf(kind)) {
    const col = (mapping as Record<string, number | undefined>)[f.id];
    if (col === undefined) continue;
    const c = cells[col] ?? null;
    const r = readCell(f, c);
    if ("problem" in r) {
      problems.push({ code: r.problem, column: col, value: cellText(c).slice(0, 200), params: r.params });
      values[f.id] = null;
      continue;
    }
    values[f.id] = r.value;
    if (f.required && r.value === null) problems.push({ code: "required_missing", column: col, value: null });
  }
  return { row, values, problems };
}

/** Words offices write for each skill (src/core/members SKILLS), Persian and English, by headerKey(). */
const SKILL_WORDS: Record<string, readonly string[]> = {
  designer: ["طراح", "طراحی", "طراح لباس", "طراح مد", "designer", "design"],
  pattern_maker: ["الگوساز", "الگوسازی", "الگو", "pattern maker", "pattern"],
  trainer: ["مربی", "آموزش", "مدرس", "trainer", "teacher"],
  consultant: ["مشاور", "مشاوره", "consultant"],
  researcher: ["پژوهشگر", "محقق", "پژوهش", "researcher"],
  technician: ["تکنسین", "فنی", "technician"],
  marketer: ["بازاریاب", "بازاریابی", "فروش", "marketer", "marketing"],
  export_specialist: ["کارشناس صادرات", "صادرات", "export specialist", "export"],
  craftsperson: ["صنعتگر", "استادکار", "هنرمند", "craftsperson", "artisan"],
  manager: ["مدیر", "مدیریت", "manager"],
};
const SKILL_BY_WORD = new Map<string, string>();
for (const [skill, words] of Object.entries(SKILL_WORDS)) {
  SKILL_BY_WORD.set(headerKey(skill), skill);
  for (const w of words) SKILL_BY_WORD.set(headerKey(w), skill);
}

/** A skill named in a cell («طراح», «Designer», «pattern_maker»), or null when not one of ours. */
export function skillOf(word: string): string | null {
  return SKILL_BY_WORD.get(headerKey(word)) ?? null;
}

/** The Persian word a skill is found by in search. */
export function skillWord(skill: string): string {
  return SKILL_WORDS[skill]?.[0] ?? skill;
}
