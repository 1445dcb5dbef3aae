import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import Typography from "@mui/material/Typography";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../app/api";
import { useAuth } from "../../app/auth";
import type { OutboxItem } from "../../app/types";
import { type Column, DataTable } from "../../components/DataTable";
import { JalaliDate } from "../../components/JalaliDate";
import { useNotify } from "../../components/Notifier";
import { PageHeader } from "../../components/PageHeader";

const STATUS_COLOR = { kept: "default", pending: "info", sent: "success", failed: "error" } as const;

function StatusChip({ status }: { status: OutboxItem["status"] }) {
  const { t } = useTranslation();
  return <Chip size="small" label={t(`outbox.statuses.${status}`)} color={STATUS_COLOR[status]} />;
}

export default function OutboxPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const notify = useNotify();
  const qc = useQueryClient();
  const [open, setOpen] = useState<OutboxItem | null>(null);
  const resend = useMutation({
    mutationFn: (m: OutboxItem) => api.post<void>(`/outbox/${encodeURIComponent(m.id)}/resend`),
    onSuccess: () => {
      setOpen(null);
      void qc.invalidateQueries({ queryKey: ["/outbox"] });
      notify.success(t("outbox.resent"));
    },
    onError: notify.error,
  });

  const columns: Column<OutboxItem>[] = [
    { key: "to", label: t("outbox.to"), render: (m) => <bdi>{m.to}</bdi> },
    { key: "subject", label: t("outbox.subject"), render: (m) => m.subject },
    { key: "status", label: t("outbox.status"), render: (m) => <StatusChip status={m.status} /> },
    {
      key: "createdAt",
      label: t("outbox.createdAt"),
      hideOnMobile: true,
      render: (m) => <JalaliDate value={m.createdAt} />,
    },
  ];

  return (
    <>
      <PageHeader title={t("outbox.title")} />
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {t("outbox.intro")}
      </Typography>
      <DataTable<OutboxItem>
        path="/outbox"
        columns={columns}
        rowKey={(m) => m.id}
        onRowClick={setOpen}
        emptyText={t("outbox.empty")}
        testId="outbox-table"
        ariaLabel={t("outbox.title")}
      />
      <Dialog open={open !== null} onClose={() => setOpen(null)} maxWidth="sm" fullWidth>
        {open && (
          <>
            <DialogTitle>{open.subject}</DialogTitle>
            <DialogContent dividers>
              <Box sx={{ display: "grid", gap: 0.5, mb: 2, fontSize: 14 }}>
                <div>
                  <Typography component="span" color="text.secondary" variant="body2">
                    {t("outbox.to")}:{" "}
                  </Typography>
                  <bdi>{open.to}</bdi>
                </div>
                <div>
                  <Typography component="span" color="text.secondary" variant="body2">
                    {t("outbox.createdAt")}:{" "}
                  </Typography>
                  <JalaliDate value={open.createdAt} />
                </div>
                {open.sentAt && (
                  <div>
                    <Typography component="span" color="text.secondary" variant="body2">
                      {t("outbox.sentAt")}:{" "}
                    </Typography>
                    <JalaliDate value={open.sentAt} />
                  </div>
                )}
                <div>
                  <StatusChip status={open.status} />{" "}
                  {open.attempts > 0 && (
                    <Typography component="span" color="text.secondary" variant="body2">
                      {t("outbox.attempts", { count: open.attempts })}
                    </Typography>
                  )}
                </div>
              </Box>
              {open.error && (
                <Alert severity={open.status === "pending" ? "warning" : "error"} sx={{ mb: 2 }}>
                  {open.status === "pending" ? t("outbox.retrying", { error: open.error }) : open.error}
                </Alert>
              )}
              <Typography
                component="pre"
                dir="auto"
                sx={{ whiteSpace: "pre-wrap", fontFamily: "inherit", m: 0, textAlign: "start" }}
                data-testid="outbox-body"
              >
                {open.body}
              </Typography>
            </DialogContent>
            <DialogActions>
              {can("outbox.manage") && (open.status === "failed" || open.status === "kept") && (
                <Button onClick={() => resend.mutate(open)} disabled={resend.isPending} data-testid="outbox-resend">
                  {t("outbox.resend")}
                </Button>
              )}
              <Button onClick={() => setOpen(null)}>{t("common.close")}</Button>
            </DialogActions>
          </>
        )}
      </Dialog>
    </>
  );
}
