import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Paper from "@mui/material/Paper";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { errorMessage } from "../../app/api";
import { useLogin, useMe } from "../../app/auth";
import { LanguageSwitch } from "../../components/LanguageSwitch";
import { Loading } from "../../components/Loading";

/** Only same-site paths are followed after sign-in. */
function safeNext(next: string | null): string {
  return next?.startsWith("/") && !next.startsWith("//") && !next.startsWith("/login") ? next : "/";
}

export default function LoginPage() {
  const { t } = useTranslation();
  const me = useMe();
  const login = useLogin();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const emailRef = useRef<HTMLInputElement>(null);

  // Focused once the form is painted: autoFocus would force a layout inside React's commit.
  useEffect(() => {
    if (!me.isPending) emailRef.current?.focus();
  }, [me.isPending]);

  useEffect(() => {
    document.title = `${t("login.title")} · ${t("app.name")}`;
  }, [t]);

  // Until /auth/me answers: a sign-in sent meanwhile would race it for the cached session.
  if (me.isPending) return <Loading minHeight="100vh" />;
  if (me.data && !login.isPending && !login.isSuccess) return <Navigate to={safeNext(params.get("next"))} replace />;

  function submit(e: FormEvent) {
    e.preventDefault();
    login.mutate(
      { email: email.trim(), password },
      { onSuccess: () => navigate(safeNext(params.get("next")), { replace: true }) },
    );
  }

  return (
    <Box
      component="main"
      sx={{
        minHeight: "100vh",
        display: "flex",
        flexDirection: "column",
        alignItems: "center",
        justifyContent: "center",
        p: 2,
        background: "linear-gradient(160deg, #e0f2f1 0%, #f5f7f6 60%)",
      }}
    >
      <Paper variant="outlined" sx={{ width: "100%", maxWidth: 400, p: { xs: 3, sm: 4 } }}>
        <Box sx={{ display: "flex", alignItems: "center", mb: 1 }}>
          <Typography variant="h4" component="h1" sx={{ fontWeight: 700, color: "primary.main", flexGrow: 1 }}>
            {t("app.name")}
          </Typography>
          <LanguageSwitch color="primary" />
        </Box>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 3 }}>
          {t("app.tagline")}
        </Typography>
        <Typography variant="h6" component="h2" sx={{ mb: 2 }}>
          {t("login.title")}
        </Typography>
        <Box component="form" onSubmit={submit} noValidate sx={{ display: "grid", gap: 2 }}>
          {login.isError && (
            <Alert severity="error" data-testid="login-error">
              {errorMessage(login.error)}
            </Alert>
          )}
          <TextField
            label={t("login.email")}
            type="email"
            autoComplete="username"
            inputRef={emailRef}
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            slotProps={{ htmlInput: { "data-testid": "login-email", dir: "ltr" } }}
          />
          <TextField
            label={t("login.password")}
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            slotProps={{ htmlInput: { "data-testid": "login-password", dir: "ltr" } }}
          />
          <Button type="submit" variant="contained" size="large" disabled={login.isPending} data-testid="login-submit">
            {login.isPending ? t("login.submitting") : t("login.submit")}
          </Button>
        </Box>
      </Paper>
    </Box>
  );
}
