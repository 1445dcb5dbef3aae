import type { Kysely } from "kysely";
import type { MigrationContext } from "./index";

/**
 * Reference data: Iran's 31 provinces with their ISO 3166-2:IR codes (the
 * 2020 revision). A data-only migration; it repeats the normalisation rule
 * inline because migrations never import app code — for these names the rule
 * only has to join the ZWNJ-free words as typed.
 */
const PROVINCES = [
  { code: "IR-00", nameFa: "مرکزی", nameEn: "Markazi" },
  { code: "IR-01", nameFa: "گیلان", nameEn: "Gilan" },
  { code: "IR-02", nameFa: "مازندران", nameEn: "Mazandaran" },
  { code: "IR-03", nameFa: "آذربایجان شرقی", nameEn: "East Azerbaijan" },
  { code: "IR-04", nameFa: "آذربایجان غربی", nameEn: "West Azerbaijan" },
  { code: "IR-05", nameFa: "کرمانشاه", nameEn: "Kermanshah" },
  { code: "IR-06", nameFa: "خوزستان", nameEn: "Khuzestan" },
  { code: "IR-07", nameFa: "فارس", nameEn: "Fars" },
  { code: "IR-08", nameFa: "کرمان", nameEn: "Kerman" },
  { code: "IR-09", nameFa: "خراسان رضوی", nameEn: "Razavi Khorasan" },
  { code: "IR-10", nameFa: "اصفهان", nameEn: "Isfahan" },
  { code: "IR-11", nameFa: "سیستان و بلوچستان", nameEn: "Sistan and Baluchestan" },
  { code: "IR-12", nameFa: "کردستان", nameEn: "Kurdistan" },
  { code: "IR-13", nameFa: "همدان", nameEn: "Hamadan" },
  { code: "IR-14", nameFa: "چهارمحال و بختیاری", nameEn: "Chaharmahal and Bakhtiari" },
  { code: "IR-15", nameFa: "لرستان", nameEn: "Lorestan" },
  { code: "IR-16", nameFa: "ایلام", nameEn: "Ilam" },
  { code: "IR-17", nameFa: "کهگیلویه و بویراحمد", nameEn: "Kohgiluyeh and Boyer-Ahmad" },
  { code: "IR-18", nameFa: "بوشهر", nameEn: "Bushehr" },
  { code: "IR-19", nameFa: "زنجان", nameEn: "Zanjan" },
  { code: "IR-20", nameFa: "سمنان", nameEn: "Semnan" },
  { code: "IR-21", nameFa: "یزد", nameEn: "Yazd" },
  { code: "IR-22", nameFa: "هرمزگان", nameEn: "Hormozgan" },
  { code: "IR-23", nameFa: "تهران", nameEn: "Tehran" },
  { code: "IR-24", nameFa: "اردبیل", nameEn: "Ardabil" },
  { code: "IR-25", nameFa: "قم", nameEn: "Qom" },
  { code: "IR-26", nameFa: "قزوین", nameEn: "Qazvin" },
  { code: "IR-27", nameFa: "گلستان", nameEn: "Golestan" },
  { code: "IR-28", nameFa: "خراسان شمالی", nameEn: "North Khorasan" },
  { code: "IR-29", nameFa: "خراسان جنوبی", nameEn: "South Khorasan" },
  { code: "IR-30", nameFa: "البرز", nameEn: "Alborz" },
];

export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  const rows = PROVINCES.map((p) => ({
    code: p.code,
    name_fa: p.nameFa,
    name_en: p.nameEn,
    name_norm: p.nameFa.replace(/\u200c/g, "").toLowerCase(),
  }));
  // biome-ignore lint/suspicious/noExplicitAny: migrations work on an untyped schema
  await (db as Kysely<any>).insertInto("provinces").values(rows).execute();
}
