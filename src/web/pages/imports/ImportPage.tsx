import Download from "@mui/icons-material/Download";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import LinearProgress from "@mui/material/LinearProgress";
import Link from "@mui/material/Link";
import Stack from "@mui/material/Stack";
import Tab from "@mui/material/Tab";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableContainer from "@mui/material/TableContainer";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import Tabs from "@mui/material/Tabs";
import Typography from "@mui/material/Typography";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link as RouterLink, useParams } from "react-router";
import type { z } from "zod";
import {
  IMPORT_FIELDS,
  IMPORT_OUTCOMES,
  type ImportMappingValue,
  type ImportPreviewOut,
  type ImportProblemDto,
  type ImportRowOut,
  type ImportRunDto,
} from "../../../core/schemas/imports";
import { API_BASE, ApiError, api } from "../../app/api";
import { useFormat } from "../../app/format";
import { BackButton } from "../../components/BackButton";
import { type Column, DataTable } from "../../components/DataTable";
import { ErrorState } from "../../components/ErrorState";
import { Loading } from "../../components/Loading";
import { useNotify } from "../../components/Notifier";
import { PageHeader } from "../../components/PageHeader";
import { Section } from "../../components/Section";
import { SelectField } from "../../components/SelectField";

type Preview = z.infer<typeof ImportPreviewOut>;
type RowOut = z.infer<typeof ImportRowOut>;
const BUSY = ["checking", "importing"];

/** One import, step by step: sheet and header row, columns, dry run, import with its progress, the result. */
export default function ImportPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation("imports");
  const qc = useQueryClient();
  const key = ["/imports", id];
  const run = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => api.get<ImportRunDto>(`/imports/${encodeURIComponent(id)}`, undefined, signal),
    // The page polls while the job runs: the progress bar moves with the committed batches.
    refetchInterval: (q) => (q.state.data && BUSY.includes(q.state.data.state) ? 700 : false),
  });
  const wasBusy = run.data && BUSY.includes(run.data.state);
  useEffect(() => {
    // A finished job's problems and rows are read afresh.
    if (!wasBusy) void qc.invalidateQueries({ queryKey: ["/imports", id, "lists"] });
  }, [wasBusy, id, qc]);

  if (run.isPending) return <Loading />;
  if (run.isError) return <ErrorState error={run.error} onRetry={() => void run.refetch()} />;
  const r = run.data;
  return (
    <Stack spacing={2}>
      <BackButton to={`/clusters/${r.clusterId}`} label={r.clusterName} />
      <PageHeader title={t("imports.pageTitle", { file: r.fileName })} testId="import-page" />
      <Typography color="text.secondary">
        {t(`imports.kinds.${r.kind}`)} · {r.clusterName} ·{" "}
        <Chip size="small" label={t(`imports.states.${r.state}`)} data-testid="import-state" />
      </Typography>
      {r.error && <Alert severity="error">{r.error}</Alert>}
      {BUSY.includes(r.state) ? (
        <Progress run={r} />
      ) : r.state === "done" ? (
        <Result run={r} />
      ) : (
        <>
          <Settings run={r} />
          {r.state === "checked" && <DryRun run={r} />}
        </>
      )}
    </Stack>
  );
}

function Progress({ run }: { run: ImportRunDto }) {
  const { t } = useTranslation("imports");
  const f = useFormat();
  const total = Math.max(run.counts.total, run.processed, 1);
  const pct = Math.min(100, Math.round((run.processed / total) * 100));
  return (
    <Section title={run.state === "checking" ? t("imports.checkingTitle") : t("imports.importingTitle")}>
      <LinearProgress
        variant="determinate"
        value={pct}
        aria-label={t("imports.progressLabel")}
        data-testid="import-progress"
        sx={{ height: 10, borderRadius: 1, mb: 1 }}
      />
      <Typography variant="body2">
        {t("imports.progress", { done: f.num(run.processed), total: f.num(total), pct: f.num(pct) })}
      </Typography>
    </Section>
  );
}

/** Sheet, header row and the mapping of columns to fields, with the sheet's first rows to choose from. */
function Settings({ run }: { run: ImportRunDto }) {
  const { t } = useTranslation("imports");
  const f = useFormat();
  const notify = useNotify();
  const qc = useQueryClient();
  const [sheet, setSheet] = useState<string | undefined>(run.sheet ?? undefined);
  const [headerRow, setHeaderRow] = useState<number | undefined>(run.headerRow ?? undefined);
  const [mapping, setMapping] = useState<ImportMappingValue | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const preview = useQuery({
    queryKey: ["/imports", run.id, "preview", sheet, headerRow],
    queryFn: ({ signal }) =>
      api.get<Preview>(`/imports/${encodeURIComponent(run.id)}/preview`, { sheet, headerRow }, signal),
  });
  useEffect(() => {
    if (preview.data) setMapping(preview.data.mapping);
  }, [preview.data]);
  const check = useMutation({
    mutationFn: (body: { sheet: string; headerRow: number; mapping: ImportMappingValue }) =>
      api.post<ImportRunDto>(`/imports/${encodeURIComponent(run.id)}/check`, body),
    onSuccess: (r) => {
      setFieldErrors({});
      qc.setQueryData(["/imports", run.id], r);
    },
    onError: (e) => {
      if (e instanceof ApiError && e.errors.length) {
        setFieldErrors(Object.fromEntries(e.errors.map((x) => [x.path.replace(/^body\.mapping\./, ""), x.message])));
      }
      notify.error(e);
    },
  });
  if (preview.isPending || !mapping) return <Loading minHeight={120} />;
  if (preview.isError) return <ErrorState error={preview.error} onRetry={() => void preview.refetch()} />;
  const p = preview.data;
  const fields = IMPORT_FIELDS[run.kind];
  const byField = mapping as Record<string, number | undefined>;
  const columnLabel = (i: number) => {
    const c = p.columns[i];
    return c ? `${c.letter} · ${c.header || t("imports.noHeader")}` : String(i);
  };
  const mapped = fields.filter((x) => byField[x.id] !== undefined);
  const dataRows = p.top.filter((row) => row.row > p.headerRow).slice(0, 5);
  return (
    <>
      <Section title={t("imports.stepSheet")} testId="import-sheet-step">
        <Box sx={{ display: "flex", gap: 2, flexWrap: "wrap", mb: 2 }}>
          <SelectField
            label={t("imports.sheet")}
            value={p.sheet}
            onChange={(v) => {
              setSheet(v);
              setHeaderRow(undefined);
            }}
            fullWidth={false}
            minWidth={220}
            testId="import-sheet"
          >
            {run.sheets.map((s) => (
              <option key={s.name} value={s.name}>
                {t("imports.sheetOption", { name: s.name, rows: f.num(s.rows) })}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t("imports.headerRow")}
            value={String(p.headerRow)}
            onChange={(v) => setHeaderRow(Number(v))}
            fullWidth={false}
            minWidth={220}
            testId="import-header-row"
          >
            {p.top.map((row) => (
              <option key={row.row} value={row.row}>
                {t("imports.rowOption", {
                  row: f.num(row.row),
                  text: row.cells.filter(Boolean).slice(0, 3).join(" · "),
                })}
              </option>
            ))}
          </SelectField>
        </Box>
        {/* Scrolls both ways: reachable and scrollable from the keyboard. */}
        <TableContainer sx={{ maxHeight: 320 }} tabIndex={0} role="region" aria-label={t("imports.topRows")}>
          <Table size="small" aria-label={t("imports.topRows")}>
            <TableHead>
              <TableRow>
                <TableCell>{t("imports.row")}</TableCell>
                {p.columns.map((c) => (
                  <TableCell key={c.index}>{c.letter}</TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {p.top.map((row) => (
                <TableRow key={row.row} selected={row.row === p.headerRow}>
                  <TableCell>{f.num(row.row)}</TableCell>
                  {p.columns.map((c) => (
                    <TableCell key={c.index} dir="auto" sx={row.row === p.headerRow ? { fontWeight: 700 } : undefined}>
                      {row.cells[c.index] ?? ""}
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      </Section>

      <Section title={t("imports.stepColumns")} testId="import-columns-step">
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {t("imports.columnsIntro")}
        </Typography>
        <Box sx={{ display: "grid", gridTemplateColumns: { xs: "1fr", sm: "1fr 1fr", md: "1fr 1fr 1fr" }, gap: 2 }}>
          {fields.map((x) => (
            <SelectField
              key={x.id}
              label={t(`importFields.${x.id}`)}
              required={"required" in x && x.required}
              value={byField[x.id] === undefined ? "" : String(byField[x.id])}
              onChange={(v) => {
                const next = { ...byField };
                if (v === "") delete next[x.id];
                else next[x.id] = Number(v);
                setMapping(next as ImportMappingValue);
              }}
              error={!!fieldErrors[x.id]}
              helperText={fieldErrors[x.id]}
              testId={`map-${x.id}`}
            >
              <option value="">{t("imports.notMapped")}</option>
              {p.columns.map((c) => (
                <option key={c.index} value={c.index}>
                  {columnLabel(c.index)}
                </option>
              ))}
            </SelectField>
          ))}
        </Box>
        <Typography variant="subtitle2" sx={{ mt: 3, mb: 1 }}>
          {t("imports.previewTitle")}
        </Typography>
        <TableContainer tabIndex={0} role="region" aria-label={t("imports.previewTitle")}>
          <Table size="small" aria-label={t("imports.previewTitle")} data-testid="import-preview">
            <TableHead>
              <TableRow>
                <TableCell>{t("imports.row")}</TableCell>
                {mapped.map((x) => (
                  <TableCell key={x.id}>{t(`importFields.${x.id}`)}</TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {dataRows.map((row) => (
                <TableRow key={row.row}>
                  <TableCell>{f.num(row.row)}</TableCell>
                  {mapped.map((x) => (
                    <TableCell key={x.id} dir="auto">
                      {row.cells[byField[x.id]!] ?? ""}
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
        <Box sx={{ mt: 2 }}>
          <Button
            variant="contained"
            disabled={check.isPending}
            onClick={() => check.mutate({ sheet: p.sheet, headerRow: p.headerRow, mapping })}
            data-testid="import-check"
          >
            {run.state === "checked" ? t("imports.checkAgain") : t("imports.check")}
          </Button>
        </Box>
      </Section>
    </>
  );
}

function Counts({ run, done }: { run: ImportRunDto; done: boolean }) {
  const { t } = useTranslation("imports");
  const f = useFormat();
  const items = [
    ["created", done ? t("imports.created") : t("imports.willCreate"), "success"],
    ["updated", done ? t("imports.updated") : t("imports.willUpdate"), "info"],
    ["skipped", t("imports.skipped"), "default"],
    ["failed", t("imports.failed"), "error"],
  ] as const;
  return (
    <Box sx={{ display: "flex", gap: 1, flexWrap: "wrap", mb: 2 }} data-testid="import-counts">
      {items.map(([k, label, color]) => (
        <Chip
          key={k}
          color={color}
          variant="outlined"
          label={`${label}: ${f.num(run.counts[k])}`}
          data-testid={`count-${k}`}
        />
      ))}
      {run.counts.blank > 0 && <Chip variant="outlined" label={t("imports.blank", { n: f.num(run.counts.blank) })} />}
    </Box>
  );
}

function FailedDownload({ run }: { run: ImportRunDto }) {
  const { t } = useTranslation("imports");
  if (run.counts.failed === 0) return null;
  return (
    <Button
      component="a"
      href={`${API_BASE}/imports/${encodeURIComponent(run.id)}/failed.xlsx`}
      startIcon={<Download />}
      variant="outlined"
      data-testid="import-failed-download"
    >
      {t("imports.downloadFailed")}
    </Button>
  );
}

/** What the dry run found: the counts, every problem by row and column, and the import button. */
function DryRun({ run }: { run: ImportRunDto }) {
  const { t } = useTranslation("imports");
  const f = useFormat();
  const notify = useNotify();
  const qc = useQueryClient();
  const apply = useMutation({
    mutationFn: () => api.post<ImportRunDto>(`/imports/${encodeURIComponent(run.id)}/apply`),
    onSuccess: (r) => qc.setQueryData(["/imports", run.id], r),
    onError: notify.error,
  });
  const columns: Column<ImportProblemDto>[] = [
    { key: "row", label: t("imports.row"), render: (p) => f.num(p.row), nowrap: true },
    {
      key: "column",
      label: t("imports.column"),
      render: (p) => (p.column ? `${p.column} · ${p.header ?? ""}` : "—"),
      nowrap: true,
    },
    {
      key: "value",
      label: t("imports.value"),
      render: (p) => <span dir="auto">{p.value ?? ""}</span>,
      hideOnMobile: true,
    },
    { key: "message", label: t("imports.problem"), render: (p) => p.message },
  ];
  const good = run.counts.created + run.counts.updated;
  return (
    <Section title={t("imports.dryRunTitle")} testId="import-dry-run">
      <Counts run={run} done={false} />
      <Box sx={{ display: "flex", gap: 1, flexWrap: "wrap", mb: 2 }}>
        <Button
          variant="contained"
          color="primary"
          disabled={apply.isPending || good === 0}
          onClick={() => apply.mutate()}
          data-testid="import-apply"
        >
          {t("imports.apply", { n: f.num(good) })}
        </Button>
        <FailedDownload run={run} />
      </Box>
      {run.problemsTotal > 0 ? (
        <DataTable<ImportProblemDto>
          key={`${run.id}-${run.problemsTotal}`}
          path={`/imports/${encodeURIComponent(run.id)}/problems`}
          columns={columns}
          rowKey={(p) => `${p.row}-${p.column}-${p.code}`}
          testId="import-problems"
          ariaLabel={t("imports.problemsTitle")}
        />
      ) : (
        <Alert severity="success">{t("imports.noProblems")}</Alert>
      )}
    </Section>
  );
}

/** The import's result: counts, and every row with what became of it, by outcome. */
function Result({ run }: { run: ImportRunDto }) {
  const { t } = useTranslation("imports");
  const f = useFormat();
  const [outcome, setOutcome] = useState<string>("all");
  const columns: Column<RowOut>[] = [
    { key: "row", label: t("imports.row"), render: (r) => f.num(r.row), nowrap: true },
    {
      key: "label",
      label: t("importFields.name"),
      render: (r) =>
        r.actorId && run.kind === "enterprise" ? (
          <RouterLinkText to={`/members/enterprises/${r.actorId}`} text={r.label ?? ""} />
        ) : r.actorId ? (
          <RouterLinkText to={`/members/people/${r.actorId}`} text={r.label ?? ""} />
        ) : (
          <span dir="auto">{r.label ?? ""}</span>
        ),
    },
    { key: "outcome", label: t("imports.outcome"), render: (r) => t(`imports.outcomes.${r.outcome}`), nowrap: true },
    { key: "reason", label: t("imports.reason"), render: (r) => r.reason ?? "" },
  ];
  return (
    <Section title={t("imports.resultTitle")} testId="import-result">
      <Counts run={run} done />
      <Box sx={{ mb: 2 }}>
        <FailedDownload run={run} />
      </Box>
      <Tabs value={outcome} onChange={(_, v: string) => setOutcome(v)} aria-label={t("imports.outcome")} sx={{ mb: 1 }}>
        <Tab value="all" label={t("imports.allRows")} />
        {IMPORT_OUTCOMES.map((o) => (
          <Tab key={o} value={o} label={t(`imports.outcomes.${o}`)} data-testid={`tab-${o}`} />
        ))}
      </Tabs>
      <DataTable<RowOut>
        path={`/imports/${encodeURIComponent(run.id)}/rows`}
        params={{ outcome: outcome === "all" ? undefined : outcome }}
        columns={columns}
        rowKey={(r) => String(r.row)}
        testId="import-rows"
        ariaLabel={t("imports.resultTitle")}
      />
    </Section>
  );
}

function RouterLinkText({ to, text }: { to: string; text: string }) {
  return (
    <Link component={RouterLink} to={to} dir="auto" underline="hover">
      {text}
    </Link>
  );
}
