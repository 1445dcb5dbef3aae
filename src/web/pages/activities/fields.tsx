/**
 * Fields the activity form adds to the shared kit: a person of the members'
 * directory (the trainer, a registrant), enterprises of the cluster chosen
 * one by one (an exhibition's exhibitors) and a list typed with commas.
 */
import Box from "@mui/material/Box";
import Chip from "@mui/material/Chip";
import FormHelperText from "@mui/material/FormHelperText";
import MuiTextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { useQueries } from "@tanstack/react-query";
import { type ReactNode, useEffect, useState } from "react";
import { useController, useFormContext } from "react-hook-form";
import { useTranslation } from "react-i18next";
import type { DirectoryItem } from "../../../core/schemas/members";
import { api } from "../../app/api";
import { splitList } from "../../app/format";
import { EnterprisePicker } from "../../components/pickers";
import { RemoteAutocomplete } from "../../components/RemoteAutocomplete";
import { enc } from "./shared";

function useField(name: string) {
  const { control } = useFormContext();
  const { field, fieldState } = useController({ name, control });
  return { field, error: fieldState.error?.message };
}

/** A person of the directory the caller can see (people of the cluster first when given); the id in and out. */
export function PersonPicker(props: {
  value: string | null;
  onChange: (id: string | null, item: DirectoryItem | null) => void;
  label: string;
  clusterId?: string;
  /** Only this enterprise's staff (a member's user registering their own people). */
  enterpriseId?: string;
  testId?: string;
  error?: boolean;
  helperText?: ReactNode;
  valueLabel?: string | null;
  filterItem?: (p: DirectoryItem) => boolean;
}) {
  const { enterpriseId, clusterId, filterItem, ...rest } = props;
  return (
    <RemoteAutocomplete<DirectoryItem>
      {...rest}
      path="/directory"
      params={{ kind: "person", clusterId }}
      getId={(p) => p.id}
      getLabel={(p) => p.name}
      getSecondary={(p) => p.enterpriseName}
      filterItem={(p) => (!enterpriseId || p.enterpriseId === enterpriseId) && (!filterItem || filterItem(p))}
    />
  );
}

/** A directory person bound to the form (the trainer). */
export function PersonField({
  name,
  label,
  clusterId,
  valueLabel,
  testId,
}: {
  name: string;
  label: string;
  clusterId: string;
  valueLabel?: string | null;
  testId?: string;
}) {
  const { field, error } = useField(name);
  return (
    <PersonPicker
      label={label}
      clusterId={clusterId}
      value={(field.value as string | null | undefined) ?? null}
      onChange={(id) => field.onChange(id)}
      valueLabel={valueLabel}
      error={!!error}
      helperText={error}
      testId={testId}
    />
  );
}

const readList = (s: string, upper?: boolean) => splitList(s).map((x) => (upper ? x.toUpperCase() : x));

/** Texts typed with commas (Latin or Persian); the form holds the array. `upper` for codes. */
export function ListField({
  name,
  label,
  helperText,
  testId,
  upper,
  required,
}: {
  name: string;
  label: string;
  helperText?: ReactNode;
  testId?: string;
  upper?: boolean;
  required?: boolean;
}) {
  const { field, error } = useField(name);
  const value = (field.value as string[] | null | undefined) ?? [];
  const [text, setText] = useState(() => value.join("، "));
  // A value set from outside (reset) replaces the text; the user's own typing stays as typed.
  useEffect(() => {
    if (readList(text, upper).join("|") !== value.join("|")) setText(value.join("، "));
  }, [value, text, upper]);
  return (
    <MuiTextField
      label={label}
      required={required}
      value={text}
      name={field.name}
      inputRef={field.ref}
      onChange={(e) => {
        setText(e.target.value);
        field.onChange(readList(e.target.value, upper));
      }}
      onBlur={field.onBlur}
      error={!!error}
      helperText={error ?? helperText}
      slotProps={{ htmlInput: { "data-testid": testId, ...(upper ? { dir: "ltr" } : {}) } }}
    />
  );
}

/** Enterprises of the cluster, added one by one with the picker and removed by their chip. */
export function EnterprisesField({
  name,
  label,
  clusterId,
  testId,
}: {
  name: string;
  label: string;
  clusterId: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const { field, error } = useField(name);
  const ids = (field.value as string[] | null | undefined) ?? [];
  const [known, setKnown] = useState<Record<string, string>>({});
  // Names of enterprises set from outside (editing): one read each of those not picked here, cached.
  const names = useQueries({
    queries: ids
      .filter((id) => !known[id])
      .map((id) => ({
        queryKey: [`/enterprises/${enc(id)}`],
        queryFn: ({ signal }: { signal: AbortSignal }) =>
          api.get<{ id: string; name: string }>(`/enterprises/${enc(id)}`, undefined, signal),
        staleTime: 5 * 60_000,
      })),
  });
  const nameOf = (id: string) => known[id] ?? names.find((q) => q.data?.id === id)?.data?.name ?? "…";
  return (
    <Box sx={{ display: "grid", gap: 1 }} data-testid={testId}>
      <Typography component="h3" variant="subtitle2">
        {label}
      </Typography>
      {ids.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {t("activities.form.noExhibitors")}
        </Typography>
      ) : (
        <Box sx={{ display: "flex", flexWrap: "wrap", gap: 0.5 }}>
          {ids.map((id) => (
            <Chip
              key={id}
              label={<bdi>{nameOf(id)}</bdi>}
              onDelete={() => field.onChange(ids.filter((x) => x !== id))}
              data-testid="exhibitor-chip"
            />
          ))}
        </Box>
      )}
      <EnterprisePicker
        label={t("activities.form.addExhibitor")}
        clusterId={clusterId}
        value={null}
        onChange={(id, e) => {
          if (!id || ids.includes(id)) return;
          if (e) setKnown((k) => ({ ...k, [id]: e.name }));
          field.onChange([...ids, id]);
        }}
        testId={testId ? `${testId}-add` : undefined}
      />
      {error && <FormHelperText error>{error}</FormHelperText>}
    </Box>
  );
}
