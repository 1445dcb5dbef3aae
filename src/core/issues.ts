/**
 * Wording for zod's size issues (a number, text or list too small or too
 * big), shared by the server's problem responses and the web forms. zod's
 * own Persian locale reads «خیلی کوچک: number باید >=1 باشد», with the type's
 * English name and a math sign; these say it in the user's words, from the
 * locale files (common form.*).
 */

export interface SizeIssueLike {
  code: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
}

/**
 * The locale key and the bound to put in it, or null for any other issue.
 * Text or a list that must hold at least one of something is simply
 * required («این بخش را پر کنید.»), as the forms say for an empty field.
 */
export function sizeIssueKey(issue: SizeIssueLike): { key: string; n: number } | null {
  const small = issue.code === "too_small";
  if (!small && issue.code !== "too_big") return null;
  const bound = small ? issue.minimum : issue.maximum;
  if (bound === undefined) return null;
  const n = Number(bound);
  const text = issue.origin === "string" || issue.origin === "array" || issue.origin === "set";
  if (small && text && n <= 1) return { key: "form.required", n };
  switch (issue.origin) {
    case "number":
    case "int":
    case "bigint":
      if (issue.inclusive === false) return { key: small ? "form.above" : "form.below", n };
      return { key: small ? "form.atLeast" : "form.atMost", n };
    case "string":
      return { key: small ? "form.minLength" : "form.maxLength", n };
    case "array":
    case "set":
      return { key: small ? "form.minItems" : "form.maxItems", n };
    default:
      return null;
  }
}
