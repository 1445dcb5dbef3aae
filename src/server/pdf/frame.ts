/**
 * What every Persian document prints around its body: the province
 * company's letterhead, the words around the page numbers and the footer
 * line saying where and when it was produced (khooshe.typ lays them out).
 */
import { instantToJalali } from "../../core/jalali";
import { toPersianDigits } from "../../core/normalize";
import { t } from "../i18n";

const fa = (key: string, params?: Record<string, string | number>) => t("fa", key, params);

export function documentFrame(provinceNameFa: string, now: Date = new Date()) {
  const system = fa("pdf.system");
  const generated = fa("pdf.generatedAt", {
    date: toPersianDigits(instantToJalali(now, "yyyy/MM/dd")),
    time: toPersianDigits(instantToJalali(now, "HH:mm")),
  });
  return {
    letterhead: {
      organisation: fa("pdf.organisation"),
      company: fa("pdf.company", { province: provinceNameFa }),
      system,
    },
    page: { word: fa("pdf.page"), of: fa("pdf.of") },
    generated,
    system,
    footer: fa("pdf.producedIn", { system, generated }),
  };
}
