/**
 * Wording for zod's issues in the UI language, the way the server words them
 * (src/server/app.ts): a refinement that names an app error code
 * (params.code, e.g. date_out_of_range) reads as the app's own error; an
 * empty required field says so plainly; a size (too small, too long, too
 * few) in the app's words (core/issues.ts); anything else is zod's Persian
 * or English locale.
 */
import type { $ZodRawIssue } from "zod/v4/core";
import en from "zod/v4/locales/en.js";
import fa from "zod/v4/locales/fa.js";
import { sizeIssueKey } from "../../../core/issues";
import { formatNumber } from "../../app/format";
import { i18n, tDynamic } from "../../app/i18n";

const locales = { fa: fa(), en: en() };

const empty = (v: unknown) => v === undefined || v === null || v === "";

export function issueMessage(issue: $ZodRawIssue): string {
  const code = (issue as { params?: { code?: unknown } }).params?.code;
  if (issue.code === "custom" && typeof code === "string") return tDynamic(`errors.${code}`);
  const input = issue.input;
  if (empty(input) && issue.code !== "too_big" && issue.code !== "unrecognized_keys") return i18n.t("form.required");
  if (issue.code === "invalid_type" && typeof input === "number" && Number.isNaN(input)) {
    return i18n.t("form.notANumber");
  }
  if (issue.code === "invalid_format" && typeof input === "string") return i18n.t("form.badValue", { value: input });
  const size = sizeIssueKey(issue as Parameters<typeof sizeIssueKey>[0]);
  if (size) return tDynamic(size.key, { n: formatNumber(size.n, i18n.language) });
  const locale = i18n.language === "en" ? locales.en : locales.fa;
  const msg = locale.localeError(issue);
  return typeof msg === "string" ? msg : (msg?.message ?? i18n.t("form.badValue", { value: String(input) }));
}
