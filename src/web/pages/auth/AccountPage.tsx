import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Paper from "@mui/material/Paper";
import Typography from "@mui/material/Typography";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ChangePasswordForm } from "../../../core/schemas/auth";
import { api } from "../../app/api";
import { useAuth } from "../../app/auth";
import { FormAlert, SchemaForm, TextField, useSchemaForm } from "../../components/form";
import { PageHeader } from "../../components/PageHeader";

const EMPTY = { currentPassword: null, newPassword: null, repeatPassword: null };

export default function AccountPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const form = useSchemaForm(ChangePasswordForm, EMPTY);
  const [done, setDone] = useState(false);

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
        <SchemaForm
          form={form}
          onSubmit={async (body) => {
            setDone(false);
            await api.post<void>("/auth/password", body);
            form.reset(EMPTY);
            setDone(true);
          }}
          codes={{ wrong_current_password: "currentPassword", weak_password: "newPassword" }}
        >
          <Box sx={{ display: "grid", gap: 2 }}>
            {/* Until something new is typed: the confirmation is about the password just sent. */}
            {done && !form.formState.isDirty && (
              <Alert severity="success" data-testid="account-done">
                {t("account.changed")}
              </Alert>
            )}
            <FormAlert form={form} />
            <TextField
              name="currentPassword"
              label={t("account.currentPassword")}
              type="password"
              autoComplete="current-password"
              required
              ltr
              testId="account-current"
            />
            <TextField
              name="newPassword"
              label={t("account.newPassword")}
              type="password"
              autoComplete="new-password"
              required
              ltr
              helperText={t("common.passwordHint")}
              testId="account-new"
            />
            <TextField
              name="repeatPassword"
              label={t("account.repeatPassword")}
              type="password"
              autoComplete="new-password"
              required
              ltr
              testId="account-repeat"
            />
            <Box>
              <Button
                type="submit"
                variant="contained"
                disabled={form.formState.isSubmitting}
                data-testid="account-submit"
              >
                {t("account.submit")}
              </Button>
            </Box>
          </Box>
        </SchemaForm>
      </Paper>
    </>
  );
}
