import { describe, expect, it } from "vitest";
import { sortKeyFa } from "../../src/core/normalize";

const byKey = (names: string[]) => [...names].sort((a, b) => (sortKeyFa(a) < sortKeyFa(b) ? -1 : 1));

describe("sortKeyFa", () => {
  it("orders by the Persian alphabet, not by code point", () => {
    // Code-point order would put پ, چ, ژ, ک, گ and ی after the Arabic letters.
    expect(byKey(["یزد", "گیلان", "کرمان", "پوشاک", "بوشهر", "چرم", "ژلاتین", "زنجان", "اصفهان"])).toEqual([
      "اصفهان",
      "بوشهر",
      "پوشاک",
      "چرم",
      "زنجان",
      "ژلاتین",
      "کرمان",
      "گیلان",
      "یزد",
    ]);
  });

  it("treats spelling variants alike and shorter words first", () => {
    expect(sortKeyFa("كريم")).toBe(sortKeyFa("کریم"));
    expect(sortKeyFa("خوشه‌ها")).toBe(sortKeyFa("خوشهها"));
    expect(byKey(["خوشه پوشاک", "خوشه", "خوشه آجر"])).toEqual(["خوشه", "خوشه آجر", "خوشه پوشاک"]);
  });

  it("puts digits before letters and compares them in order", () => {
    expect(byKey(["خوشه ۲", "خوشه 1", "خوشه الف"])).toEqual(["خوشه 1", "خوشه ۲", "خوشه الف"]);
  });

  it("is made of decimal digits only, so every collation compares it the same way", () => {
    expect(sortKeyFa("Gold طلا 24!")).toMatch(/^\d+$/);
    expect(sortKeyFa("Gold").length).toBe(8);
  });
});
