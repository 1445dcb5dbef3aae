import Autocomplete from "@mui/material/Autocomplete";
import Box from "@mui/material/Box";
import CircularProgress from "@mui/material/CircularProgress";
import Paper, { type PaperProps } from "@mui/material/Paper";
import TextField from "@mui/material/TextField";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { createContext, type ReactNode, useContext, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type QueryValue } from "../app/api";
import { useFormat } from "../app/format";
import type { Page } from "../app/types";
import { useDebounced } from "./useDebounced";

/** How many matches one search asks for: enough to pick from, small at national scale. */
export const PICKER_LIMIT = 20;

/** What the list shows for one record: the label goes into the input once chosen. */
interface PickerOption {
  id: string;
  label: string;
  secondary?: string;
}

export interface RemoteAutocompleteProps<T> {
  /** A list endpoint that takes q, limit (and offset) and answers {items, total}. */
  path: string;
  /** Fixed filters sent with every search (provinceCode, active…). */
  params?: Record<string, QueryValue>;
  /** The chosen record's id; null or "" for none. */
  value: string | null;
  onChange: (id: string | null, item: T | null) => void;
  getId: (item: T) => string;
  getLabel: (item: T) => string;
  /** A second, smaller line in the list (province, e-mail…) to tell like names apart. */
  getSecondary?: (item: T) => string | null | undefined;
  /** Drop records from the list that may not be chosen (the current value always stays). */
  filterItem?: (item: T) => boolean;
  /** Fetch one record by id, for a value set from outside (editing, a link) before any search. */
  resolve?: (id: string, signal: AbortSignal) => Promise<T>;
  /** The label of a value the caller already knows the name of (e.g. member.userName). */
  valueLabel?: string | null;
  label: string;
  /** Hint in the empty input; "type to search" by default. */
  placeholder?: string;
  /** Goes on the <input>, so tests can fill it and then click an option. */
  testId?: string;
  error?: boolean;
  helperText?: ReactNode;
  disabled?: boolean;
  required?: boolean;
}

// The note under the list ("20 of 1,234 — keep typing") reaches the popup paper through context.
const FooterContext = createContext<ReactNode>(null);

function PickerPaper({ children, ...rest }: PaperProps) {
  const footer = useContext(FooterContext);
  return (
    <Paper {...rest}>
      {children}
      {footer && (
        <Box
          // Clicking the note must not blur the input (which would close the list).
          onMouseDown={(e) => e.preventDefault()}
          data-testid="picker-footer"
          sx={{ px: 2, py: 1, borderTop: 1, borderColor: "divider", color: "text.secondary", typography: "caption" }}
        >
          {footer}
        </Box>
      )}
    </Paper>
  );
}

/**
 * A picker over a large server-side list (clusters, enterprises, users):
 * searches as the user types (debounced, q + limit on the server, which
 * normalises Persian text), shows loading / no-match / type-to-search states,
 * and keeps the chosen record's label whatever the list shows next. Value in
 * and out is the record's id, like a select's value.
 */
export function RemoteAutocomplete<T>(props: RemoteAutocompleteProps<T>) {
  const { t } = useTranslation();
  const f = useFormat();
  const id = props.value || null;
  const [picked, setPicked] = useState<T | null>(null);
  const [open, setOpen] = useState(false);
  const [input, setInput] = useState("");

  // Latest callbacks, so memoised options do not depend on inline functions.
  const latest = useRef(props);
  latest.current = props;

  const pickedFits = picked !== null && props.getId(picked) === id;
  const resolve = props.resolve;
  const resolved = useQuery({
    queryKey: [props.path, "picker-one", id],
    queryFn: ({ signal }) => resolve!(id!, signal),
    enabled: !!id && !pickedFits && !!resolve && !props.valueLabel,
    staleTime: 5 * 60_000,
    retry: false,
  });

  const item = id ? (pickedFits ? picked : (resolved.data ?? null)) : null;
  const selectedLabel = item ? props.getLabel(item) : (props.valueLabel ?? "");
  // Stable while id and label stay: a new object would make Autocomplete reset what the user is typing.
  const selected = useMemo<PickerOption | null>(() => (id ? { id, label: selectedLabel } : null), [id, selectedLabel]);

  // The input shows the chosen label: that is not a search, so list from the start.
  const text = input.trim();
  const q = selected && input === selected.label ? "" : text;
  const settledQ = useDebounced(q, 300);
  const typing = settledQ !== q;

  const list = useQuery({
    queryKey: [props.path, "picker", props.params ?? {}, settledQ],
    queryFn: ({ signal }) =>
      api.get<Page<T>>(props.path, { ...props.params, q: settledQ, limit: PICKER_LIMIT }, signal),
    enabled: open && !props.disabled,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });

  const options = useMemo<PickerOption[]>(() => {
    const p = latest.current;
    return (list.data?.items ?? [])
      .filter((x) => !p.filterItem || p.filterItem(x) || p.getId(x) === id)
      .map((x) => ({ id: p.getId(x), label: p.getLabel(x), secondary: p.getSecondary?.(x) ?? undefined }));
  }, [list.data, id]);

  const busy = open && (typing || list.isFetching);
  const total = list.data?.total ?? 0;
  const shown = list.data?.items.length ?? 0;
  let footer: ReactNode = null;
  if (open && !typing && list.data && total > shown) {
    footer = settledQ
      ? t("picker.moreMatches", { shown: f.num(shown), total: f.num(total) })
      : t("picker.typeToNarrow", { shown: f.num(shown), total: f.num(total) });
  }

  return (
    <FooterContext.Provider value={footer}>
      <Autocomplete<PickerOption, false, false, false>
        value={selected}
        options={options}
        open={open}
        onOpen={() => setOpen(true)}
        onClose={() => setOpen(false)}
        onInputChange={(_, v) => setInput(v)}
        onChange={(_, o) => {
          const found = o ? (list.data?.items.find((x) => props.getId(x) === o.id) ?? null) : null;
          setPicked(found);
          props.onChange(o?.id ?? null, found);
        }}
        // The server has already filtered; the list is its answer as is.
        filterOptions={(x) => x}
        getOptionLabel={(o) => o.label}
        isOptionEqualToValue={(a, b) => a.id === b.id}
        getOptionKey={(o) => o.id}
        autoHighlight
        disabled={props.disabled}
        loading={busy}
        loadingText={t("common.loading")}
        noOptionsText={list.isError ? t("grant.loadFailed") : q ? t("picker.noMatches") : t("picker.nothingToChoose")}
        slots={{ paper: PickerPaper }}
        renderOption={(liProps, o) => {
          const { key, ...rest } = liProps;
          return (
            <li key={key} {...rest}>
              <Box sx={{ minWidth: 0, overflowWrap: "anywhere" }}>
                <Box component="span" sx={{ display: "block" }}>
                  {o.label}
                </Box>
                {o.secondary && (
                  <Box component="span" sx={{ display: "block", typography: "caption", color: "text.secondary" }}>
                    <bdi>{o.secondary}</bdi>
                  </Box>
                )}
              </Box>
            </li>
          );
        }}
        renderInput={({ InputProps, inputProps, InputLabelProps, ...params }) => (
          <TextField
            {...params}
            label={props.label}
            required={props.required}
            error={props.error}
            helperText={props.helperText}
            placeholder={props.placeholder ?? t("picker.typeToSearch")}
            slotProps={{
              inputLabel: { ...InputLabelProps, shrink: true },
              htmlInput: { ...inputProps, "data-testid": props.testId },
              input: {
                ...InputProps,
                endAdornment: (
                  <>
                    {busy && <CircularProgress color="inherit" size={18} aria-label={t("common.loading")} />}
                    {InputProps.endAdornment}
                  </>
                ),
              },
            }}
          />
        )}
      />
    </FooterContext.Provider>
  );
}
