import type { Kysely } from "kysely";
import type { MigrationContext } from "./index";

/**
 * Reference data: Iran's 31 provinces with their ISO 3166-2:IR codes (the
 * 2020 revision). A data-only migration; it repeats the normalisation rule
 * inline because migrations never import app code — for these names the rule
 * only has to join the ZWNJ-free words as typed.
 */
const PROVINCES = [
  { code: "IR-00", nameFa: "مرکزی", nameEn: "Markazi", sort: "3923362443" },
  { code: "IR-01", nameFa: "گیلان", nameEn: "Gilan", sort: "3743381140" },
  { code: "IR-02", nameFa: "مازندران", nameEn: "Mazandaran", sort: "3911244021231140" },
  { code: "IR-03", nameFa: "آذربایجان شرقی", nameEn: "East Azerbaijan", sort: "1222231311431711400027233543" },
  { code: "IR-04", nameFa: "آذربایجان غربی", nameEn: "West Azerbaijan", sort: "1222231311431711400033231343" },
  { code: "IR-05", nameFa: "کرمانشاه", nameEn: "Kermanshah", sort: "3623391140271142" },
  { code: "IR-06", nameFa: "خوزستان", nameEn: "Khuzestan", sort: "20412426151140" },
  { code: "IR-07", nameFa: "فارس", nameEn: "Fars", sort: "34112326" },
  { code: "IR-08", nameFa: "کرمان", nameEn: "Kerman", sort: "3623391140" },
  { code: "IR-09", nameFa: "خراسان رضوی", nameEn: "Razavi Khorasan", sort: "2023112611400023294143" },
  { code: "IR-10", nameFa: "اصفهان", nameEn: "Isfahan", sort: "112834421140" },
  {
    code: "IR-11",
    nameFa: "سیستان و بلوچستان",
    nameEn: "Sistan and Baluchestan",
    sort: "2643261511400041001338411826151140",
  },
  { code: "IR-12", nameFa: "کردستان", nameEn: "Kurdistan", sort: "36232126151140" },
  { code: "IR-13", nameFa: "همدان", nameEn: "Hamadan", sort: "4239211140" },
  {
    code: "IR-14",
    nameFa: "چهارمحال و بختیاری",
    nameEn: "Chaharmahal and Bakhtiari",
    sort: "184211233919113800410013201543112343",
  },
  { code: "IR-15", nameFa: "لرستان", nameEn: "Lorestan", sort: "382326151140" },
  { code: "IR-16", nameFa: "ایلام", nameEn: "Ilam", sort: "1143381139" },
  {
    code: "IR-17",
    nameFa: "کهگیلویه و بویراحمد",
    nameEn: "Kohgiluyeh and Boyer-Ahmad",
    sort: "36423743384143420041001341432311193921",
  },
  { code: "IR-18", nameFa: "بوشهر", nameEn: "Bushehr", sort: "1341274223" },
  { code: "IR-19", nameFa: "زنجان", nameEn: "Zanjan", sort: "2440171140" },
  { code: "IR-20", nameFa: "سمنان", nameEn: "Semnan", sort: "2639401140" },
  { code: "IR-21", nameFa: "یزد", nameEn: "Yazd", sort: "432421" },
  { code: "IR-22", nameFa: "هرمزگان", nameEn: "Hormozgan", sort: "42233924371140" },
  { code: "IR-23", nameFa: "تهران", nameEn: "Tehran", sort: "1542231140" },
  { code: "IR-24", nameFa: "اردبیل", nameEn: "Ardabil", sort: "112321134338" },
  { code: "IR-25", nameFa: "قم", nameEn: "Qom", sort: "3539" },
  { code: "IR-26", nameFa: "قزوین", nameEn: "Qazvin", sort: "3524414340" },
  { code: "IR-27", nameFa: "گلستان", nameEn: "Golestan", sort: "373826151140" },
  { code: "IR-28", nameFa: "خراسان شمالی", nameEn: "North Khorasan", sort: "202311261140002739113843" },
  { code: "IR-29", nameFa: "خراسان جنوبی", nameEn: "South Khorasan", sort: "202311261140001740411343" },
  { code: "IR-30", nameFa: "البرز", nameEn: "Alborz", sort: "1138132324" },
];

export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  const rows = PROVINCES.map((p) => ({
    code: p.code,
    name_fa: p.nameFa,
    name_en: p.nameEn,
    name_norm: p.nameFa.replace(/\u200c/g, "").toLowerCase(),
    // Precomputed with sortKeyFa(): migrations never import app code.
    name_sort: p.sort,
  }));
  // biome-ignore lint/suspicious/noExplicitAny: migrations work on an untyped schema
  await (db as Kysely<any>).insertInto("provinces").values(rows).execute();
}
