/**
 * Fields bound to the surrounding schema form (FormDialog or SchemaForm) by
 * name: each shows its own error, or its helper text when it has none.
 * Values are what the request body takes: text (null when empty), numbers,
 * ISO dates, ids.
 */
import MuiTextField, { type TextFieldProps as MuiTextFieldProps } from "@mui/material/TextField";
import { type ComponentType, type ReactNode, useEffect, useState } from "react";
import { useController, useFormContext } from "react-hook-form";
import { parseWhole, useFormat } from "../../app/format";
import { JalaliDateField, type JalaliDateFieldProps } from "../JalaliDateField";
import { SelectField as PlainSelectField } from "../SelectField";

function useField(name: string) {
  const { control } = useFormContext();
  const { field, fieldState, formState } = useController({ name, control });
  return { field, error: fieldState.error?.message, busy: formState.isSubmitting };
}

type Common = {
  name: string;
  label: string;
  helperText?: ReactNode;
  testId?: string;
  required?: boolean;
  disabled?: boolean;
};

/** Text: empty is null, so an optional field is left out rather than sent as "". */
export function TextField({
  name,
  label,
  helperText,
  testId,
  ltr,
  dir,
  ...rest
}: Common & {
  /** Latin text (e-mail, English name, codes) reads left to right in either UI language. */
  ltr?: boolean;
  dir?: "auto";
} & Pick<MuiTextFieldProps, "type" | "autoFocus" | "autoComplete" | "multiline" | "minRows">) {
  const { field, error } = useField(name);
  return (
    <MuiTextField
      {...rest}
      label={label}
      name={field.name}
      inputRef={field.ref}
      value={field.value ?? ""}
      onChange={(e) => field.onChange(e.target.value === "" ? null : e.target.value)}
      onBlur={field.onBlur}
      error={!!error}
      helperText={error ?? helperText}
      slotProps={{ htmlInput: { "data-testid": testId, ...(ltr ? { dir: "ltr" } : dir ? { dir } : {}) } }}
    />
  );
}

/**
 * A whole number typed with Persian, Arabic-Indic or Latin digits (and group
 * separators): the form holds the number, null when empty, NaN when the text
 * is not a number (the schema says so). Below it, the number as read.
 */
export function NumberField({
  name,
  label,
  helperText,
  testId,
  format,
  ...rest
}: Common & {
  /** How the number reads under the field (grouped digits by default). */
  format?: (n: number) => ReactNode;
}) {
  const f = useFormat();
  const { field, error } = useField(name);
  const value = field.value as number | null | undefined;
  const [text, setText] = useState(() => (value == null || Number.isNaN(value) ? "" : f.digits(value)));
  // A value set from outside (reset) replaces the text; the user's own typing stays as typed.
  useEffect(() => {
    const typed = parseWhole(text);
    const same = typed === (value ?? null) || (Number.isNaN(typed) && Number.isNaN(value));
    if (!same) setText(value == null || Number.isNaN(value) ? "" : f.digits(value));
  }, [value, text, f.digits]);
  const shown = value != null && !Number.isNaN(value) ? (format ? format(value) : f.num(value)) : undefined;
  return (
    <MuiTextField
      {...rest}
      label={label}
      name={field.name}
      inputRef={field.ref}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        field.onChange(parseWhole(e.target.value));
      }}
      onBlur={field.onBlur}
      error={!!error}
      helperText={error ?? shown ?? helperText}
      slotProps={{ htmlInput: { "data-testid": testId, inputMode: "numeric" } }}
    />
  );
}

/** A Jalali date; the form holds the ISO date or null. */
export function DateField({
  name,
  label,
  helperText,
  testId,
  required,
  ...rest
}: Omit<Common, "helperText"> & { helperText?: string } & Pick<
    JalaliDateFieldProps,
    "minDate" | "maxDate" | "disablePast"
  >) {
  const { field, error } = useField(name);
  return (
    <JalaliDateField
      {...rest}
      label={required ? `${label} *` : label}
      value={(field.value as string | null | undefined) ?? null}
      onChange={field.onChange}
      testId={testId}
      error={!!error}
      helperText={error ?? helperText}
    />
  );
}

/**
 * A native select over fixed choices; the empty option is null. `parse`
 * turns the option's value into the form's (a number, say).
 */
export function SelectField({
  name,
  label,
  helperText,
  testId,
  children,
  parse,
  onPicked,
  ...rest
}: Common & {
  children: ReactNode;
  parse?: (v: string) => unknown;
  /** Called after the value changes (to clear fields that depend on it). */
  onPicked?: (v: unknown) => void;
}) {
  const { field, error } = useField(name);
  return (
    <PlainSelectField
      {...rest}
      label={label}
      value={field.value == null ? "" : String(field.value)}
      onChange={(v) => {
        const next = v === "" ? null : parse ? parse(v) : v;
        field.onChange(next);
        onPicked?.(next);
      }}
      testId={testId}
      error={!!error}
      helperText={error ?? helperText}
    >
      {children}
    </PlainSelectField>
  );
}

/** What a picker (ClusterPicker, UserPicker…) takes from the form. */
interface Bindable {
  value: string | null;
  onChange: (id: string | null, item: never) => void;
  error?: boolean;
  helperText?: ReactNode;
}

/** A searched picker (RemoteAutocomplete: ClusterPicker, EnterprisePicker, UserPicker); the form holds the id or null. */
export function PickerField<P extends Bindable>({
  as: Picker,
  name,
  helperText,
  ...rest
}: { as: ComponentType<P>; name: string; helperText?: ReactNode } & Omit<P, keyof Bindable>) {
  const { field, error } = useField(name);
  const props = {
    ...rest,
    value: (field.value as string | null | undefined) ?? null,
    onChange: (id: string | null) => field.onChange(id),
    error: !!error,
    helperText: error ?? helperText,
  } as unknown as P;
  return <Picker {...props} />;
}
