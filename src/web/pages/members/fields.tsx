/**
 * The members forms' own bound fields, beside the form kit's: a group of
 * checkboxes over fixed choices (skills, the fields an enterprise
 * publishes) and an on/off switch. Bound by name like the kit's fields.
 */
import Box from "@mui/material/Box";
import Checkbox from "@mui/material/Checkbox";
import FormControlLabel from "@mui/material/FormControlLabel";
import FormHelperText from "@mui/material/FormHelperText";
import Switch from "@mui/material/Switch";
import Typography from "@mui/material/Typography";
import type { ReactNode } from "react";
import { useController, useFormContext } from "react-hook-form";

function useBound(name: string) {
  const { control } = useFormContext();
  const { field, fieldState } = useController({ name, control });
  return { field, error: fieldState.error?.message };
}

/** Several of a fixed list; the form holds the chosen values in the list's order. */
export function CheckboxesField({
  name,
  label,
  options,
  testId,
  helperText,
}: {
  name: string;
  label: string;
  options: readonly { value: string; label: string }[];
  testId?: string;
  helperText?: ReactNode;
}) {
  const { field, error } = useBound(name);
  const chosen = new Set((field.value as string[] | null | undefined) ?? []);
  return (
    <Box component="fieldset" sx={{ border: 0, p: 0, m: 0, minWidth: 0 }} data-testid={testId}>
      <Typography component="legend" variant="body2" color="text.secondary" sx={{ mb: 0.5 }}>
        {label}
      </Typography>
      <Box
        sx={{
          display: "grid",
          gridTemplateColumns: { xs: "minmax(0, 1fr) minmax(0, 1fr)", sm: "repeat(3, minmax(0, 1fr))" },
        }}
      >
        {options.map((o) => (
          <FormControlLabel
            key={o.value}
            sx={{ mx: 0 }}
            control={
              <Checkbox
                size="small"
                checked={chosen.has(o.value)}
                onChange={(e) => {
                  const next = new Set(chosen);
                  if (e.target.checked) next.add(o.value);
                  else next.delete(o.value);
                  field.onChange(options.map((x) => x.value).filter((v) => next.has(v)));
                }}
                slotProps={{ input: { "data-testid": testId ? `${testId}-${o.value}` : undefined } as object }}
              />
            }
            label={o.label}
          />
        ))}
      </Box>
      {(error || helperText) && <FormHelperText error={!!error}>{error ?? helperText}</FormHelperText>}
    </Box>
  );
}

/** On or off; the form holds a boolean. */
export function SwitchField({
  name,
  label,
  testId,
  helperText,
}: {
  name: string;
  label: string;
  testId?: string;
  helperText?: ReactNode;
}) {
  const { field, error } = useBound(name);
  return (
    <Box>
      <FormControlLabel
        sx={{ mx: 0 }}
        control={
          <Switch
            checked={!!field.value}
            onChange={(e) => field.onChange(e.target.checked)}
            slotProps={{ input: { "data-testid": testId } as object }}
          />
        }
        label={label}
      />
      {(error || helperText) && <FormHelperText error={!!error}>{error ?? helperText}</FormHelperText>}
    </Box>
  );
}

/** A titled group of a long form's fields. */
export function FormGroup({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Box component="fieldset" sx={{ border: 0, p: 0, m: 0, minWidth: 0, display: "grid", gap: 2 }}>
      <Typography component="legend" variant="subtitle2" color="text.secondary" sx={{ mb: 1 }}>
        {title}
      </Typography>
      {children}
    </Box>
  );
}

/** Two (or three) fields a row from tablets, one on phones. */
export const formGrid = (columns: 2 | 3 = 2) => ({
  display: "grid",
  gap: 2,
  gridTemplateColumns: {
    xs: "minmax(0, 1fr)",
    sm: columns === 2 ? "minmax(0, 1fr) minmax(0, 1fr)" : "repeat(3, minmax(0, 1fr))",
  },
});
