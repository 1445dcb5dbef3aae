import TextField from "@mui/material/TextField";
import type { ReactNode } from "react";

/**
 * A native <select> in the MUI outline: works well on phones, reads right in
 * RTL, and browser tests pick options by value.
 */
export function SelectField(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  children: ReactNode;
  testId?: string;
  error?: boolean;
  helperText?: ReactNode;
  disabled?: boolean;
  required?: boolean;
  fullWidth?: boolean;
  minWidth?: number | string;
}) {
  return (
    <TextField
      select
      label={props.label}
      value={props.value}
      required={props.required}
      disabled={props.disabled}
      error={props.error}
      helperText={props.helperText}
      fullWidth={props.fullWidth ?? true}
      onChange={(e) => props.onChange(e.target.value)}
      sx={props.minWidth ? { minWidth: props.minWidth } : undefined}
      slotProps={{
        select: { native: true },
        inputLabel: { shrink: true },
        htmlInput: { "data-testid": props.testId },
      }}
    >
      {props.children}
    </TextField>
  );
}
