/**
 * Form fields the planning forms add to the shared kit: a list of lines
 * (agenda items, SWOT entries), a set of checkboxes over ids (the pressure
 * points a strategy answers, the council members present) and a checkbox.
 */
import Box from "@mui/material/Box";
import Checkbox from "@mui/material/Checkbox";
import FormControl from "@mui/material/FormControl";
import FormControlLabel from "@mui/material/FormControlLabel";
import FormGroup from "@mui/material/FormGroup";
import FormHelperText from "@mui/material/FormHelperText";
import FormLabel from "@mui/material/FormLabel";
import MuiTextField from "@mui/material/TextField";
import { type ReactNode, useEffect, useState } from "react";
import { useController, useFormContext } from "react-hook-form";

function useField(name: string) {
  const { control } = useFormContext();
  const { field, fieldState } = useController({ name, control });
  return { field, error: fieldState.error?.message };
}

const linesOf = (text: string) =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

/** A list of short texts typed one per line; the form holds the array. */
export function LinesField({
  name,
  label,
  helperText,
  testId,
  minRows = 3,
}: {
  name: string;
  label: string;
  helperText?: ReactNode;
  testId?: string;
  minRows?: number;
}) {
  const { field, error } = useField(name);
  const value = (field.value as string[] | null | undefined) ?? [];
  const [text, setText] = useState(() => value.join("\n"));
  // A value set from outside (reset) replaces the text; the user's own typing stays as typed.
  useEffect(() => {
    if (linesOf(text).join("\n") !== value.join("\n")) setText(value.join("\n"));
  }, [value, text]);
  return (
    <MuiTextField
      label={label}
      multiline
      minRows={minRows}
      value={text}
      name={field.name}
      inputRef={field.ref}
      onChange={(e) => {
        setText(e.target.value);
        field.onChange(linesOf(e.target.value));
      }}
      onBlur={field.onBlur}
      error={!!error}
      helperText={error ?? helperText}
      slotProps={{ htmlInput: { "data-testid": testId } }}
    />
  );
}

/** Checkboxes over a list of choices; the form holds the chosen ids. */
export function CheckListField({
  name,
  label,
  options,
  helperText,
  testId,
  empty,
}: {
  name: string;
  label: string;
  options: readonly { id: string; label: ReactNode }[];
  helperText?: ReactNode;
  testId?: string;
  /** Shown instead of the boxes when there is nothing to choose. */
  empty?: ReactNode;
}) {
  const { field, error } = useField(name);
  const chosen = new Set((field.value as string[] | null | undefined) ?? []);
  return (
    <FormControl component="fieldset" error={!!error} data-testid={testId} sx={{ minWidth: 0 }}>
      <FormLabel component="legend" sx={{ fontSize: 14 }}>
        {label}
      </FormLabel>
      {options.length === 0 ? (
        <Box sx={{ color: "text.secondary", fontSize: 14, py: 0.5 }}>{empty}</Box>
      ) : (
        <FormGroup sx={{ maxHeight: 220, overflowY: "auto", flexWrap: "nowrap" }}>
          {options.map((o) => (
            <FormControlLabel
              key={o.id}
              label={o.label}
              control={
                <Checkbox
                  size="small"
                  checked={chosen.has(o.id)}
                  onChange={(e) => {
                    const next = new Set(chosen);
                    if (e.target.checked) next.add(o.id);
                    else next.delete(o.id);
                    field.onChange(options.map((x) => x.id).filter((id) => next.has(id)));
                  }}
                  slotProps={{ input: { "data-value": o.id } as object }}
                />
              }
            />
          ))}
        </FormGroup>
      )}
      {(error ?? helperText) && <FormHelperText>{error ?? helperText}</FormHelperText>}
    </FormControl>
  );
}

/** One checkbox; the form holds true or false. */
export function CheckboxField({ name, label, testId }: { name: string; label: string; testId?: string }) {
  const { field } = useField(name);
  return (
    <FormControlLabel
      label={label}
      control={
        <Checkbox
          checked={field.value === true}
          onChange={(e) => field.onChange(e.target.checked)}
          slotProps={{ input: { "data-testid": testId } as object }}
        />
      }
    />
  );
}
