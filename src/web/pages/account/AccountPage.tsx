import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Paper from "@mui/material/Paper";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api, errorMessage } from "../../app/api";
import { useAuth } from "../../app/auth";
import { PageHeader } from "../../components/PageHeader";

export default function AccountPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [repeat, setRepeat] = useState("");
  const [done, setDone] = useState(false);
  const change = useMutation({
    mutationFn: () => api.post<void>("/auth/password", { currentPassword: current, newPassword: next }),
    onSuccess: () => {
      setCurrent("");
      setNext("");
      setRepeat("");
      setDone(true);
    },
  });
  const mismatch = repeat !== "" && next !== repeat;
  const err = change.error instanceof ApiError ? change.error : null;
  const currentErr =
    err?.fieldError("currentPassword") ?? (err?.code === "wrong_current_password" ? err.message : undefined);
  const newErr = err?.fieldError("newPassword") ?? (err?.code === "weak_password" ? err.message : undefined);

  function submit(e: FormEvent) {
    e.preventDefault();
    setDone(false);
    if (current && next && next === repeat) change.mutate();
  }

  return (
    <>
      <PageHeader title={t("account.title")} />
      <Paper variant="outlined" sx={{ p: { xs: 2, sm: 3 }, maxWidth: 480 }}>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {t("account.signedInAs", { name: user.name })} <bdi>{user.email}</bdi>
        </Typography>
        <Typography variant="h6" component="h2" sx={{ fontSize: 17, fontWeight: 600, mb: 2 }}>
          {t("account.changePassword")}
        </Typography>
        <Box component="form" onSubmit={submit} noValidate sx={{ display: "grid", gap: 2 }}>
          {done && (
            <Alert severity="success" data-testid="account-done">
              {t("account.changed")}
            </Alert>
          )}
          {change.isError && !currentErr && !newErr && <Alert severity="error">{errorMessage(change.error)}</Alert>}
          <TextField
            label={t("account.currentPassword")}
            type="password"
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
            error={!!currentErr}
            helperText={currentErr}
            slotProps={{ htmlInput: { dir: "ltr", "data-testid": "account-current" } }}
          />
          <TextField
            label={t("account.newPassword")}
            type="password"
            autoComplete="new-password"
            value={next}
            onChange={(e) => setNext(e.target.value)}
            error={!!newErr}
            helperText={newErr ?? t("common.passwordHint")}
            slotProps={{ htmlInput: { dir: "ltr", "data-testid": "account-new" } }}
          />
          <TextField
            label={t("account.repeatPassword")}
            type="password"
            autoComplete="new-password"
            value={repeat}
            onChange={(e) => setRepeat(e.target.value)}
            error={mismatch}
            helperText={mismatch ? t("account.mismatch") : undefined}
            slotProps={{ htmlInput: { dir: "ltr", "data-testid": "account-repeat" } }}
          />
          <Box>
            <Button
              type="submit"
              variant="contained"
              disabled={!current || !next || next !== repeat || change.isPending}
              data-testid="account-submit"
            >
              {t("account.submit")}
            </Button>
          </Box>
        </Box>
      </Paper>
    </>
  );
}
