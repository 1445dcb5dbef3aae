import Add from "@mui/icons-material/Add";
import ContentCopy from "@mui/icons-material/ContentCopy";
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import IconButton from "@mui/material/IconButton";
import InputAdornment from "@mui/material/InputAdornment";
import TextField from "@mui/material/TextField";
import Tooltip from "@mui/material/Tooltip";
import Typography from "@mui/material/Typography";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { TokenCreateInput, type TokenItem } from "../../../core/schemas/tokens";
import { api } from "../../app/api";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { type Column, DataTable } from "../../components/DataTable";
import { DateField, FormDialog, TextField as FormTextField, useSchemaForm } from "../../components/form";
import { EMPTY_GRANT, GrantFields, grantCodes } from "../../components/form/GrantFields";
import { JalaliDate } from "../../components/JalaliDate";
import { useGrantText } from "../../components/labels";
import { useNotify } from "../../components/Notifier";
import { PageHeader } from "../../components/PageHeader";

function TokenScope({ token }: { token: TokenItem }) {
  const grantText = useGrantText();
  return <>{grantText(token)}</>;
}

/** Why a token is not active, from the server's state and revocation reason. */
function stateHint(tk: TokenItem): "suspended" | NonNullable<TokenItem["revokedReason"]> | null {
  if (tk.state === "suspended") return "suspended";
  if (tk.state === "revoked") return tk.revokedReason ?? "manual";
  return null;
}

export default function TokensPage() {
  const { t } = useTranslation();
  const notify = useNotify();
  const qc = useQueryClient();
  const [issuing, setIssuing] = useState(false);
  const [issued, setIssued] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<TokenItem | null>(null);

  const revoke = useMutation({
    mutationFn: (tk: TokenItem) => api.delete<void>(`/tokens/${encodeURIComponent(tk.id)}`),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ["/tokens"] });
      setRevoking(null);
      notify.success(t("tokens.revokedMessage"));
    },
    onError: (e) => {
      setRevoking(null);
      notify.error(e);
    },
  });

  const columns: Column<TokenItem>[] = [
    { key: "name", label: t("tokens.name"), render: (tk) => tk.name },
    {
      key: "scope",
      label: t("tokens.scope"),
      render: (tk) => <TokenScope token={tk} />,
    },
    {
      key: "issuedBy",
      label: t("tokens.issuedBy"),
      hideOnMobile: true,
      render: (tk) => tk.issuedByName ?? "—",
    },
    {
      key: "createdAt",
      label: t("tokens.createdAt"),
      hideOnMobile: true,
      render: (tk) => <JalaliDate value={tk.createdAt} withTime={false} />,
    },
    {
      key: "lastUsedAt",
      label: t("tokens.lastUsedAt"),
      hideOnMobile: true,
      render: (tk) => <JalaliDate value={tk.lastUsedAt} empty={t("tokens.never")} />,
    },
    {
      key: "expiresAt",
      label: t("tokens.expiresAt"),
      hideOnMobile: true,
      render: (tk) => <JalaliDate value={tk.expiresAt} withTime={false} empty={t("tokens.noExpiry")} />,
    },
    {
      key: "status",
      label: t("tokens.status"),
      render: (tk) => {
        const hint = stateHint(tk);
        const chip = (
          <Chip
            size="small"
            label={t(`tokens.statuses.${tk.state}`)}
            color={tk.state === "active" ? "success" : tk.state === "suspended" ? "warning" : "default"}
            data-testid={`token-state-${tk.state}`}
          />
        );
        return hint ? (
          <Tooltip title={t(`tokens.stateHints.${hint}`)}>
            <span>{chip}</span>
          </Tooltip>
        ) : (
          chip
        );
      },
    },
    {
      key: "actions",
      label: "",
      align: "right",
      render: (tk) =>
        !tk.revokedAt && (
          <Button size="small" color="error" onClick={() => setRevoking(tk)} data-testid="token-revoke">
            {t("tokens.revoke")}
          </Button>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t("tokens.title")}
        actions={
          <Button variant="contained" startIcon={<Add />} onClick={() => setIssuing(true)} data-testid="tokens-issue">
            {t("tokens.issue")}
          </Button>
        }
      />
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {t("tokens.intro")}
      </Typography>
      <DataTable<TokenItem>
        path="/tokens"
        columns={columns}
        rowKey={(tk) => tk.id}
        emptyText={t("tokens.empty")}
        testId="tokens-table"
        ariaLabel={t("tokens.title")}
      />
      {issuing && (
        <IssueTokenDialog
          onClose={() => setIssuing(false)}
          onIssued={(token) => {
            setIssuing(false);
            setIssued(token);
            void qc.invalidateQueries({ queryKey: ["/tokens"] });
          }}
        />
      )}
      {issued && <ShowTokenDialog token={issued} onClose={() => setIssued(null)} />}
      <ConfirmDialog
        open={revoking !== null}
        title={t("tokens.revokeTitle")}
        message={revoking ? t("tokens.revokeConfirm", { name: revoking.name }) : ""}
        confirmLabel={t("tokens.revoke")}
        danger
        busy={revoke.isPending}
        onConfirm={() => revoking && revoke.mutate(revoking)}
        onClose={() => setRevoking(null)}
      />
    </>
  );
}

function IssueTokenDialog({ onClose, onIssued }: { onClose: () => void; onIssued: (token: string) => void }) {
  const { t } = useTranslation();
  const form = useSchemaForm(TokenCreateInput, { name: "", ...EMPTY_GRANT, expiresAt: null });
  const role = form.watch("role");
  return (
    <FormDialog
      form={form}
      title={t("tokens.issueTitle")}
      onSubmit={async (body) => onIssued((await api.post<{ token: string; item: TokenItem }>("/tokens", body)).token)}
      codes={grantCodes(role)}
      submitLabel={t("tokens.issue")}
      submitTestId="token-form-submit"
      onClose={onClose}
    >
      <FormTextField
        name="name"
        label={t("tokens.name")}
        autoFocus
        required
        helperText={t("tokens.nameHint")}
        testId="token-form-name"
      />
      <GrantFields testIdPrefix="token-form" />
      <DateField
        name="expiresAt"
        label={t("tokens.expiresAtOptional")}
        disablePast
        helperText={t("tokens.expiryHint")}
      />
    </FormDialog>
  );
}

function ShowTokenDialog({ token, onClose }: { token: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(token);
      setCopied(true);
    } catch {
      const input = document.getElementById("issued-token") as HTMLInputElement | null;
      input?.select();
    }
  }
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth>
      <DialogTitle>{t("tokens.issuedTitle")}</DialogTitle>
      <DialogContent>
        <Alert severity="warning" sx={{ mb: 2 }}>
          {t("tokens.shownOnce")}
        </Alert>
        <TextField
          id="issued-token"
          value={token}
          label={t("tokens.token")}
          slotProps={{
            htmlInput: { readOnly: true, dir: "ltr", "data-testid": "token-value", style: { fontFamily: "monospace" } },
            input: {
              endAdornment: (
                <InputAdornment position="end">
                  <Tooltip title={copied ? t("common.copied") : t("common.copy")}>
                    <IconButton onClick={() => void copy()} aria-label={t("common.copy")} data-testid="token-copy">
                      <ContentCopy />
                    </IconButton>
                  </Tooltip>
                </InputAdornment>
              ),
            },
          }}
          onFocus={(e) => e.target.select()}
        />
        {copied && (
          <Typography variant="body2" color="success.main" sx={{ mt: 1 }} role="status">
            {t("common.copied")}
          </Typography>
        )}
      </DialogContent>
      <DialogActions>
        <Button variant="contained" onClick={onClose} data-testid="token-done">
          {t("tokens.done")}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
