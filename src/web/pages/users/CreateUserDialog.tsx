import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Dialog from "@mui/material/Dialog";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import { useTheme } from "@mui/material/styles";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import useMediaQuery from "@mui/material/useMediaQuery";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api, errorMessage } from "../../app/api";
import { useAuth } from "../../app/auth";
import type { Locale, User } from "../../app/types";
import { DialogActionsRow } from "../../components/DialogActionsRow";
import { DialogForm } from "../../components/DialogForm";
import { EMPTY_GRANT, type GrantDraft, GrantFields, grantComplete, grantInput } from "../../components/GrantFields";

/** Error codes that belong to one field of the form. */
const FIELD_CODES: Record<string, string[]> = {
  email: ["email_taken"],
  password: ["weak_password"],
  provinceCode: ["unknown_province"],
  clusterId: ["unknown_cluster"],
  enterpriseId: ["unknown_enterprise"],
};
const FIELD_NAMES = ["name", "email", "password", "role", "provinceCode", "clusterId", "enterpriseId"];

export function CreateUserDialog({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  /** invited: the e-mail belonged to someone elsewhere, who was given the role instead. */
  onCreated: (u: User, invited: boolean) => void;
}) {
  const { isNational } = useAuth();
  const { t } = useTranslation();
  const theme = useTheme();
  const fullScreen = useMediaQuery(theme.breakpoints.down("sm"));
  const qc = useQueryClient();
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [locale, setLocale] = useState<Locale>("fa");
  const [grant, setGrant] = useState<GrantDraft>(EMPTY_GRANT);

  const create = useMutation({
    mutationFn: () =>
      api.post<User & { invited: boolean }>("/users", {
        name: name.trim(),
        email: email.trim(),
        password,
        locale,
        ...(grantInput(grant) ? { grant: grantInput(grant) } : {}),
      }),
    onSuccess: (u) => {
      void qc.invalidateQueries({ queryKey: ["/users"] });
      reset();
      onCreated(u, u.invited);
    },
  });

  function reset() {
    setName("");
    setEmail("");
    setPassword("");
    setLocale("fa");
    setGrant(EMPTY_GRANT);
    create.reset();
  }

  const err = create.error instanceof ApiError ? create.error : null;
  const fieldErr = (n: string) => err?.fieldError(n, ...(FIELD_CODES[n] ?? []));
  // The general alert only when no field shows the problem.
  const showAlert = create.isError && !FIELD_NAMES.some((n) => fieldErr(n));
  // Only national staff create people without a role (the server says so too).
  const grantOk = grant.role ? grantComplete(grant) : isNational;
  const valid = name.trim() !== "" && email.trim() !== "" && password !== "" && grantOk;

  function submit() {
    if (valid) create.mutate();
  }

  return (
    <Dialog open={open} onClose={onClose} fullScreen={fullScreen} maxWidth="sm" fullWidth>
      <DialogForm onSubmit={submit}>
        <DialogTitle>{t("users.createTitle")}</DialogTitle>
        <DialogContent>
          <Box sx={{ display: "grid", gap: 2, pt: 1 }}>
            {showAlert && <Alert severity="error">{errorMessage(create.error)}</Alert>}
            <TextField
              label={t("users.name")}
              value={name}
              required
              autoFocus
              onChange={(e) => setName(e.target.value)}
              error={!!fieldErr("name")}
              helperText={fieldErr("name")}
              slotProps={{ htmlInput: { "data-testid": "user-form-name" } }}
            />
            <TextField
              label={t("users.email")}
              type="email"
              value={email}
              required
              onChange={(e) => setEmail(e.target.value)}
              error={!!fieldErr("email")}
              helperText={fieldErr("email")}
              slotProps={{ htmlInput: { "data-testid": "user-form-email", dir: "ltr" } }}
            />
            <TextField
              label={t("users.password")}
              type="password"
              autoComplete="new-password"
              value={password}
              required
              onChange={(e) => setPassword(e.target.value)}
              error={!!fieldErr("password")}
              helperText={fieldErr("password") ?? t("users.passwordHint")}
              slotProps={{ htmlInput: { "data-testid": "user-form-password", dir: "ltr" } }}
            />
            <TextField
              select
              label={t("users.locale")}
              value={locale}
              onChange={(e) => setLocale(e.target.value as Locale)}
              slotProps={{
                select: { native: true },
                inputLabel: { shrink: true },
                htmlInput: { "data-testid": "user-form-locale" },
              }}
            >
              <option value="fa">{t("locales.fa")}</option>
              <option value="en">{t("locales.en")}</option>
            </TextField>
            <Typography variant="subtitle2" sx={{ mt: 1 }}>
              {t("users.firstGrant")}
            </Typography>
            <GrantFields
              value={grant}
              onChange={setGrant}
              optional={isNational}
              testIdPrefix="user-form"
              errors={{
                role: fieldErr("role"),
                provinceCode: fieldErr("provinceCode"),
                clusterId: fieldErr("clusterId"),
                enterpriseId: fieldErr("enterpriseId"),
              }}
            />
          </Box>
        </DialogContent>
        <DialogActionsRow
          onCancel={() => {
            reset();
            onClose();
          }}
          submitLabel={t("common.create")}
          disabled={!valid || create.isPending}
          testId="user-form-submit"
        />
      </DialogForm>
    </Dialog>
  );
}
