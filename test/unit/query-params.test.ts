import { describe, expect, it } from "vitest";
import { WrittenParams } from "../../src/web/components/useQueryParams";

const p = (s: string) => new URLSearchParams(s);

describe("WrittenParams: filters written to the address", () => {
  it("keeps both of two changes made before the router renders the first", () => {
    const w = new WrittenParams(p("kind=enterprise"));
    const first = w.write({ q: "فیلم" });
    expect(first?.toString()).toBe(p("kind=enterprise&q=فیلم").toString());
    // The province is picked before the debounced search has rendered.
    const second = w.write({ provinceCodes: "IR-26" });
    expect(Object.fromEntries(second!)).toEqual({ kind: "enterprise", q: "فیلم", provinceCodes: "IR-26" });
    // The router now renders the first write, late: the next change still starts from the second.
    w.rendered(first!);
    expect(Object.fromEntries(w.write({ productGroup: "polymer" })!)).toEqual({
      kind: "enterprise",
      q: "فیلم",
      provinceCodes: "IR-26",
      productGroup: "polymer",
    });
  });

  it("removes what is emptied, and writes nothing when nothing changes", () => {
    const w = new WrittenParams(p("q=کیف&status=member"));
    expect(w.write({ q: "کیف" })).toBeNull();
    expect(w.write({ status: "", q: null })?.toString()).toBe("");
  });

  it("takes a change from outside (a link, back) as the new start", () => {
    const w = new WrittenParams(p("q=a"));
    w.write({ kind: "person" });
    w.rendered(p("q=a&kind=person"));
    // Back to a list filtered otherwise: what this page wrote before is gone.
    w.rendered(p("status=left"));
    expect(Object.fromEntries(w.write({ q: "b" })!)).toEqual({ status: "left", q: "b" });
  });
});
