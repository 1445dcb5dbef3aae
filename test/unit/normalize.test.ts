import { describe, expect, it } from "vitest";
import { normalizeFa, toAsciiDigits, toPersianDigits } from "../../src/core/normalize";

// Invisible characters are written as escapes so the cases can be read.
const ZWNJ = "\u200C";

/** [description, input, expected key] */
const CASES: ReadonlyArray<readonly [string, string, string]> = [
  // Arabic letters → Persian letters
  ["Arabic yeh ي → ی", "علي", "علی"],
  ["Arabic kaf ك → ک", "كتاب", "کتاب"],
  ["alef maksura ى → ی", "مصطفى", "مصطفی"],
  ["Arabic yeh and kaf together", "يك", "یک"],
  ["heh with yeh above ۀ → ه", "خانۀ", "خانه"],
  ["teh marbuta ة → ه", "مدرسة", "مدرسه"],
  ["heh + combining hamza above → ه", "خانه\u0654", "خانه"],
  ["alef with hamza above → ا", "أحمد", "احمد"],
  ["alef with hamza below → ا", "إسلام", "اسلام"],
  ["waw with hamza → و", "مؤسسه", "موسسه"],

  // Digits
  ["Persian digits → ASCII", "۰۱۲۳۴۵۶۷۸۹", "0123456789"],
  ["Arabic-Indic digits → ASCII", "٠١٢٣٤٥٦٧٨٩", "0123456789"],
  ["mixed Persian/Arabic-Indic digits inside text", "کد ۱٤۰٤", "کد 1404"],

  // Harakat and tatweel
  ["fatha removed", "کَتاب", "کتاب"],
  ["kasra removed", "کِتاب", "کتاب"],
  ["damma removed", "کُتاب", "کتاب"],
  ["tanwin fath removed", "حتماً", "حتما"],
  ["tanwin kasr removed", "کتابٍ", "کتاب"],
  ["tanwin damm removed", "کتابٌ", "کتاب"],
  ["shadda removed", "محمّد", "محمد"],
  ["sukun removed", "مِنْ", "من"],
  ["superscript alef removed", "رحمٰن", "رحمن"],
  ["all harakat at once", "بِسْمِ اللّٰهِ", "بسم الله"],
  ["tatweel removed", "کـــتاب", "کتاب"],

  // Bidi controls and other invisibles
  ["LRM U+200E removed", "\u200Eخوشه", "خوشه"],
  ["RLM U+200F removed", "خوشه\u200F", "خوشه"],
  ["LRE U+202A removed", "\u202Aabc", "abc"],
  ["RLE U+202B removed", "\u202Bخوشه", "خوشه"],
  ["PDF U+202C removed", "خوشه\u202C", "خوشه"],
  ["LRO U+202D removed", "\u202Dabc", "abc"],
  ["RLO U+202E removed", "\u202Eخوشه", "خوشه"],
  ["LRI U+2066 removed", "\u2066abc", "abc"],
  ["RLI U+2067 removed", "\u2067خوشه", "خوشه"],
  ["FSI U+2068 removed", "\u2068خوشه", "خوشه"],
  ["PDI U+2069 removed", "خوشه\u2069", "خوشه"],
  ["Arabic letter mark U+061C removed", "خو\u061Cشه", "خوشه"],
  ["bidi marks inside a number", "\u200F۱۲\u200E۳", "123"],
  ["ZWJ and BOM removed", "\uFEFFخو\u200Dشه", "خوشه"],
  ["invisible-only input gives empty key", "\u200F\u200C \u202B\u2069", ""],

  // Whitespace
  ["empty string", "", ""],
  ["leading/trailing whitespace trimmed", "   خوشه   ", "خوشه"],
  ["inner runs of spaces collapsed", "خوشه    صنعتی", "خوشه صنعتی"],
  ["tabs and newlines collapsed", "خوشه\t\n\r صنعتی", "خوشه صنعتی"],
  ["no-break and thin spaces collapsed", "خوشه\u00A0\u2009صنعتی", "خوشه صنعتی"],

  // Latin
  ["Latin lower-cased", "Khooshe ABC", "khooshe abc"],
  ["mixed Persian/Latin lower-cased", "شرکت ACME", "شرکت acme"],

  // NFKC
  ["Arabic presentation forms (U+FEDB kaf initial…) → base letters", "\uFEDB\uFEEE\uFEB7\uFEEA", "کوشه"],
  ["lam-alef ligature U+FEFB → لا", "\uFEFB", "لا"],
  ["Farsi yeh final form U+FBFD → ی", "عل\uFBFD", "علی"],
  ["Arabic yeh final form U+FEF2 → ی", "عل\uFEF2", "علی"],
  ["full-width Latin → ASCII lower case", "ＫＨＯＯＳＨＥ", "khooshe"],
  ["full-width digits → ASCII", "２０２５", "2025"],

  // ZWNJ rule: joined with ZWNJ, detached with a space, or attached give one key
  ["plural with ZWNJ", `خوشه${ZWNJ}ها`, "خوشهها"],
  ["plural detached", "خوشه ها", "خوشهها"],
  ["plural attached", "خوشهها", "خوشهها"],
  ["plural -های with ZWNJ in a phrase", `خوشه${ZWNJ}های صنعتی`, "خوشههای صنعتی"],
  ["plural -های detached in a phrase", "خوشه های صنعتی", "خوشههای صنعتی"],
  ["verbal prefix می with ZWNJ", `می${ZWNJ}روم`, "میروم"],
  ["verbal prefix می detached", "می روم", "میروم"],
  ["verbal prefix می attached", "میروم", "میروم"],
  ["verbal prefix نمی detached", "نمی روم", "نمیروم"],
  ["verbal prefix می mid-sentence", "ما می روم", "ما میروم"],
  ["superlative ترین detached", "بزرگ ترین", "بزرگترین"],
  ["comparative + plural both detached", "بزرگ تر ها", "بزرگترها"],
  ["detached suffix before Persian comma", "خوشه ها، شرکت ها", "خوشهها، شرکتها"],
  ["lone می is kept", "می", "می"],

  // Everything together
  ["kitchen sink", `  \u200Fخوشه${ZWNJ}هاي   صنعتيِ  ك۱۲ـ٣ ＡＢ `, "خوشههای صنعتی ک123 ab"],
];

describe("normalizeFa", () => {
  it("has a substantial table", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(35);
  });

  it.each(CASES)("%s", (_desc, input, expected) => {
    expect(normalizeFa(input)).toBe(expected);
  });

  it.each(CASES)("is idempotent: %s", (_desc, input) => {
    const once = normalizeFa(input);
    expect(normalizeFa(once)).toBe(once);
  });

  it("never leaves Arabic yeh/kaf, non-ASCII digits, harakat, tatweel, bidi marks or ZWNJ in a key", () => {
    const forbidden =
      /[\u064A\u0643\u0649\u06C0\u0629\u06F0-\u06F9\u0660-\u0669\u064B-\u065F\u0670\u0640\u200C-\u200F\u202A-\u202E\u2066-\u2069\u061C]/;
    for (const [, input] of CASES) {
      expect(normalizeFa(input)).not.toMatch(forbidden);
    }
  });

  const SAME_KEY_GROUPS: ReadonlyArray<readonly string[]> = [
    [`خوشه${ZWNJ}ها`, "خوشه ها", "خوشهها", "خوشه  ها", "خوشه\u200Fها"],
    [`می${ZWNJ}روم`, "می روم", "میروم"],
    [`نمی${ZWNJ}روم`, "نمی روم", "نمیروم"],
    [`بزرگ${ZWNJ}ترین`, "بزرگ ترین", "بزرگترین"],
    [`بزرگ${ZWNJ}ترها`, "بزرگ تر ها", `بزرگ${ZWNJ}تر ها`, "بزرگترها"],
    [`خوشه${ZWNJ}های صنعتی`, "خوشه های صنعتی", "خوشههای صنعتی", `خوشه${ZWNJ}هاي صنعتي`, "خوشه\u200Cهای صنعتی"],
    ["كيك", "کیک", "کیك", "\uFEDB\uFEF4\uFEDA"],
    ["۱۴۰۴", "١٤٠٤", "1404", "１４０４"],
  ];

  it.each(SAME_KEY_GROUPS.map((g) => [g[0], g] as const))("all spellings of «%s» give one key", (_first, group) => {
    const keys = new Set(group.map((s) => normalizeFa(s)));
    expect([...keys]).toHaveLength(1);
  });

  it("different words keep different keys", () => {
    expect(normalizeFa("خوشه")).not.toBe(normalizeFa("خوشهها"));
    expect(normalizeFa("کتاب")).not.toBe(normalizeFa("کتب"));
    expect(normalizeFa("خوشه صنعتی")).not.toBe(normalizeFa("خوشهصنعتی"));
  });

  describe("a query key is a substring of the stored key", () => {
    const stored = [
      `خوشه${ZWNJ}های صنعتی`,
      "خوشه های صنعتی",
      "خوشههای صنعتی",
      `خوشه${ZWNJ}هاي صنعتي`,
      `  خوشه${ZWNJ}های   صنعتی\u200F `,
      "خوشه\u200Cهاي صنعتیِ",
    ];
    const queries = [
      "خوشه",
      "خوشه ها",
      `خوشه${ZWNJ}ها`,
      "خوشهها",
      "خوشه های",
      `خوشه${ZWNJ}هاي`,
      "صنعتی",
      "صنعتي",
      "های صنعتی",
      "خوشه های صنعتی",
      " خوشه ",
    ];
    for (const s of stored) {
      for (const q of queries) {
        it(`«${q}» within «${s}»`, () => {
          expect(normalizeFa(s)).toContain(normalizeFa(q));
        });
      }
    }

    it("a query for an unrelated word is not a substring", () => {
      expect(normalizeFa("خوشه\u200Cهای صنعتی")).not.toContain(normalizeFa("کشاورزی"));
    });
  });
});

describe("toPersianDigits", () => {
  it.each([
    ["0123456789", "۰۱۲۳۴۵۶۷۸۹"],
    ["1403/12/30", "۱۴۰۳/۱۲/۳۰"],
    ["abc 42", "abc ۴۲"],
    ["", ""],
    ["بدون عدد", "بدون عدد"],
  ])("%s → %s", (input, expected) => {
    expect(toPersianDigits(input)).toBe(expected);
  });

  it("accepts numbers", () => {
    expect(toPersianDigits(1404)).toBe("۱۴۰۴");
    expect(toPersianDigits(0)).toBe("۰");
    expect(toPersianDigits(-12.5)).toBe("-۱۲.۵");
  });
});

describe("toAsciiDigits", () => {
  it.each([
    ["۰۱۲۳۴۵۶۷۸۹", "0123456789"],
    ["٠١٢٣٤٥٦٧٨٩", "0123456789"],
    ["۱۴۰۴/٠١/۰۱", "1404/01/01"],
    ["کد ۱۲ab", "کد 12ab"],
    ["0912", "0912"],
    ["", ""],
  ])("%s → %s", (input, expected) => {
    expect(toAsciiDigits(input)).toBe(expected);
  });

  it("leaves everything but digits as typed (no other normalisation)", () => {
    expect(toAsciiDigits("علي ك\u200C")).toBe("علي ك\u200C");
  });

  it("round-trips with toPersianDigits", () => {
    for (let i = 0; i < 1000; i += 7) {
      expect(toAsciiDigits(toPersianDigits(i))).toBe(String(i));
    }
  });
});
