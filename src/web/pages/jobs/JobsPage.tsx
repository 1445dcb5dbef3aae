import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import TextField from "@mui/material/TextField";
import Tooltip from "@mui/material/Tooltip";
import Typography from "@mui/material/Typography";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { toPersianDigits } from "../../../core/normalize";
import { api } from "../../app/api";
import type { JobItem, JobState } from "../../app/types";
import { type Column, DataTable } from "../../components/DataTable";
import { JalaliDate } from "../../components/JalaliDate";
import { useNotify } from "../../components/Notifier";
import { PageHeader } from "../../components/PageHeader";

const STATE_COLOR = { queued: "info", running: "warning", done: "success", failed: "error" } as const;
const STATES: JobState[] = ["failed", "queued", "running", "done"];

/** The job queue for national staff: failures first, with their last error and a retry. */
export default function JobsPage() {
  const { t, i18n } = useTranslation();
  const notify = useNotify();
  const qc = useQueryClient();
  const [state, setState] = useState<JobState>("failed");
  const digits = (n: number) => (i18n.language === "fa" ? toPersianDigits(String(n)) : String(n));
  const retry = useMutation({
    mutationFn: (j: JobItem) => api.post<JobItem>(`/jobs/${encodeURIComponent(j.id)}/retry`),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ["/jobs"] });
      notify.success(t("jobs.retried"));
    },
    onError: notify.error,
  });

  const columns: Column<JobItem>[] = [
    { key: "kind", label: t("jobs.kind"), render: (j) => t(`jobs.kinds.${j.kind}`, { defaultValue: j.kind }) },
    {
      key: "state",
      label: t("jobs.state"),
      render: (j) => <Chip size="small" label={t(`jobs.states.${j.state}`)} color={STATE_COLOR[j.state]} />,
    },
    {
      key: "attempts",
      label: t("jobs.attempts"),
      hideOnMobile: true,
      render: (j) => `${digits(j.attempts)} / ${digits(j.maxAttempts)}`,
    },
    {
      key: "lastError",
      label: t("jobs.lastError"),
      render: (j) =>
        j.lastError ? (
          <Tooltip title={j.lastError}>
            <Typography variant="body2" noWrap sx={{ maxWidth: 320 }} dir="auto">
              {j.lastError}
            </Typography>
          </Tooltip>
        ) : (
          "—"
        ),
    },
    {
      key: "createdAt",
      label: t("jobs.createdAt"),
      hideOnMobile: true,
      render: (j) => <JalaliDate value={j.createdAt} />,
    },
    {
      key: "actions",
      label: "",
      align: "right",
      render: (j) =>
        j.state === "failed" && (
          <Button size="small" onClick={() => retry.mutate(j)} disabled={retry.isPending} data-testid="job-retry">
            {t("jobs.retry")}
          </Button>
        ),
    },
  ];

  return (
    <>
      <PageHeader title={t("jobs.title")} />
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {t("jobs.intro")}
      </Typography>
      <DataTable<JobItem>
        path="/jobs"
        params={{ state }}
        columns={columns}
        rowKey={(j) => j.id}
        emptyText={t("jobs.empty")}
        testId="jobs-table"
        ariaLabel={t("jobs.title")}
        toolbar={
          <TextField
            select
            size="small"
            sx={{ width: 220, maxWidth: "100%" }}
            label={t("jobs.state")}
            value={state}
            onChange={(e) => setState(e.target.value as JobState)}
            slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
          >
            {STATES.map((s) => (
              <option key={s} value={s}>
                {t(`jobs.states.${s}`)}
              </option>
            ))}
          </TextField>
        }
      />
    </>
  );
}
