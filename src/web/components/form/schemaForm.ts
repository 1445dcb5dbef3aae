/**
 * react-hook-form on the server's own zod schema: the form's values are the
 * request body (fields turn empty text into null, typed digits into numbers),
 * the resolver validates them with the route's schema, and a problem+json's
 * errors[].path lands on the same fields. Both go through fieldFor(): the
 * nearest field the form shows for a path ("milestones.2.title",
 * "isicCodes.3" → "isicCodes"), or the general alert when there is none.
 */
import { type FieldErrors, type FieldValues, type Resolver, set, type UseFormReturn, useForm } from "react-hook-form";
import type { z } from "zod";
import { ApiError, errorMessage } from "../../app/api";
import { issueMessage } from "./messages";

/** The field a problem's or an issue's path belongs to, among the fields the form shows. */
export function fieldFor(path: string | readonly PropertyKey[], names: Iterable<string>): string | null {
  const shown = new Set(names);
  const parts = (typeof path === "string" ? path.split(/[./]/) : path.map(String)).filter(Boolean);
  if (parts[0] === "body") parts.shift();
  for (let n = parts.length; n > 0; n--) {
    const name = parts.slice(0, n).join(".");
    if (shown.has(name)) return name;
  }
  return null;
}

/** Where the form keeps a message that no field shows (FormAlert reads it). */
const ROOT = "root.server";

/**
 * The form's starting values: the body's fields (a misspelt one is a type
 * error), each of any value, since a draft is not a body yet (a role not
 * chosen is null, a number not typed is null).
 */
export type Draft<T> = { [K in keyof T]?: unknown };

/** A form over a schema: loose values while it is filled in, the schema's output once it validates. */
export type SchemaFormReturn<Out> = UseFormReturn<FieldValues, unknown, Out>;

/** The zod resolver, with issues put on the nearest field the form shows (the rest go to the alert). */
export function schemaResolver<S extends z.ZodType>(schema: S): Resolver<FieldValues, unknown, z.output<S>> {
  return async (values, _context, options) => {
    const result = await schema.safeParseAsync(values, { error: issueMessage });
    if (result.success) return { values: result.data, errors: {} };
    const names = options.names ?? [];
    const flat: Record<string, string> = {};
    for (const issue of result.error.issues) {
      const name = fieldFor(issue.path, names) ?? ROOT;
      flat[name] ??= issue.message;
    }
    const errors: FieldErrors = {};
    for (const [name, message] of Object.entries(flat)) set(errors, name, { type: "schema", message });
    return { values: {}, errors };
  };
}

/** useForm on a schema: handleSubmit hands over the parsed body. */
export function useSchemaForm<S extends z.ZodType>(
  schema: S,
  defaultValues: Draft<z.input<S>>,
): SchemaFormReturn<z.output<S>> {
  return useForm<FieldValues, unknown, z.output<S>>({
    resolver: schemaResolver(schema),
    defaultValues: defaultValues as FieldValues,
  });
}

/** Any schema form, whatever its values. */
// biome-ignore lint/suspicious/noExplicitAny: forms of every shape share the helpers below
export type AnyForm = SchemaFormReturn<any>;

/**
 * Puts a failed request's problem on the form: each errors[].path on the
 * field that shows it (zod's message for validation_failed, the problem's
 * detail for a rule error that names its field, e.g. date_in_future), a rule
 * error whose code belongs to a field (`codes`: email_taken → "email") on
 * that field, and anything else in the general alert.
 */
export function applyProblem(form: AnyForm, error: unknown, codes: Record<string, string> = {}): void {
  const names = [...form.control._names.mount];
  let shown = false;
  if (error instanceof ApiError) {
    for (const e of error.errors) {
      const name = fieldFor(e.path, names);
      if (!name || form.getFieldState(name).error) continue;
      form.setError(name, {
        type: error.code,
        message: error.code === "validation_failed" ? e.message : error.message,
      });
      shown = true;
    }
    const owner = codes[error.code];
    if (!shown && owner && names.includes(owner)) {
      form.setError(owner, { type: error.code, message: error.message });
      shown = true;
    }
  }
  if (!shown) form.setError(ROOT, { type: "server", message: errorMessage(error) });
}

/** The message for the general alert: a problem no field shows, or a schema issue no field shows. */
export function alertOf(errors: FieldErrors): string | undefined {
  const root = errors.root as { server?: { message?: string } } | undefined;
  return root?.server?.message;
}
