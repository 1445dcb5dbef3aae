import Add from "@mui/icons-material/Add";
import DeleteOutline from "@mui/icons-material/DeleteOutline";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Dialog from "@mui/material/Dialog";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import IconButton from "@mui/material/IconButton";
import { useTheme } from "@mui/material/styles";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import useMediaQuery from "@mui/material/useMediaQuery";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { CertificateSettings as CertificateSettingsSchema } from "../../../core/schemas/activities";
import { ApiError, api, errorMessage } from "../../app/api";
import { parseWhole, useFormat } from "../../app/format";
import { DialogActionsRow } from "../../components/DialogActionsRow";
import { activityPath } from "./shared";

export type CertificateSettings = z.infer<typeof CertificateSettingsSchema>;

const MAX_SIGNATORIES = 3;

/** The training's attendance rule (share of its hours) and the one to three people who sign its certificates. */
export function CertificateSettingsDialog({
  activityId,
  settings,
  onClose,
  onSaved,
}: {
  activityId: string;
  settings: CertificateSettings | null;
  onClose: () => void;
  onSaved: (s: CertificateSettings) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const theme = useTheme();
  const fullScreen = useMediaQuery(theme.breakpoints.down("sm"));
  const [percent, setPercent] = useState(settings ? f.digits(settings.minAttendancePercent) : f.digits(75));
  const [signatories, setSignatories] = useState(settings?.signatories ?? [{ name: "", title: "" }]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const setSignatory = (i: number, field: "name" | "title", value: string) =>
    setSignatories((list) => list.map((s, j) => (j === i ? { ...s, [field]: value } : s)));

  const save = async () => {
    const own: Record<string, string> = {};
    const n = parseWhole(percent);
    if (n === null || Number.isNaN(n) || n < 1 || n > 100)
      own.minAttendancePercent = t("certificates.settings.percentInvalid");
    signatories.forEach((s, i) => {
      if (s.name.trim() === "") own[`signatories.${i}.name`] = t("certificates.settings.required");
      if (s.title.trim() === "") own[`signatories.${i}.title`] = t("certificates.settings.required");
    });
    setErrors(own);
    setAlert(null);
    if (Object.keys(own).length > 0 || n === null) return;
    setBusy(true);
    try {
      const body: CertificateSettings = {
        minAttendancePercent: n,
        signatories: signatories.map((s) => ({ name: s.name.trim(), title: s.title.trim() })),
      };
      onSaved(await api.put<CertificateSettings>(`${activityPath(activityId)}/certificate-settings`, body));
    } catch (e) {
      const fields: Record<string, string> = {};
      if (e instanceof ApiError) for (const fe of e.errors) fields[fe.path] = fe.message;
      setErrors(fields);
      if (Object.keys(fields).length === 0) setAlert(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" fullScreen={fullScreen}>
      <form
        noValidate
        style={{ display: "contents" }}
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <DialogTitle>{t("certificates.settings.title")}</DialogTitle>
        <DialogContent>
          <Box sx={{ display: "grid", gap: 2, pt: 1 }}>
            {alert && <Alert severity="error">{alert}</Alert>}
            <TextField
              label={t("certificates.settings.percent")}
              value={percent}
              onChange={(e) => setPercent(e.target.value)}
              error={!!errors.minAttendancePercent}
              helperText={errors.minAttendancePercent ?? t("certificates.settings.percentHelp")}
              required
              slotProps={{ htmlInput: { inputMode: "numeric", "data-testid": "certificate-percent" } }}
            />
            <Typography variant="subtitle2" component="h3">
              {t("certificates.settings.signatories")}
            </Typography>
            {signatories.map((s, i) => (
              // The list is short and edited in place; its position is its identity.
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id of their own
              <Box key={i} sx={{ display: "flex", gap: 1, alignItems: "flex-start", flexWrap: "wrap" }}>
                <TextField
                  label={t("certificates.settings.signatoryName", { n: f.num(i + 1) })}
                  value={s.name}
                  onChange={(e) => setSignatory(i, "name", e.target.value)}
                  error={!!errors[`signatories.${i}.name`]}
                  helperText={errors[`signatories.${i}.name`]}
                  required
                  sx={{ flex: "1 1 160px" }}
                  slotProps={{ htmlInput: { "data-testid": `signatory-name-${i}` } }}
                />
                <TextField
                  label={t("certificates.settings.signatoryTitle", { n: f.num(i + 1) })}
                  value={s.title}
                  onChange={(e) => setSignatory(i, "title", e.target.value)}
                  error={!!errors[`signatories.${i}.title`]}
                  helperText={errors[`signatories.${i}.title`]}
                  required
                  sx={{ flex: "1 1 160px" }}
                  slotProps={{ htmlInput: { "data-testid": `signatory-title-${i}` } }}
                />
                <IconButton
                  onClick={() => setSignatories((list) => list.filter((_s, j) => j !== i))}
                  disabled={signatories.length <= 1}
                  aria-label={t("certificates.settings.removeSignatory", { n: f.num(i + 1) })}
                  sx={{ mt: 1 }}
                >
                  <DeleteOutline />
                </IconButton>
              </Box>
            ))}
            {signatories.length < MAX_SIGNATORIES && (
              <Button
                startIcon={<Add />}
                onClick={() => setSignatories((list) => [...list, { name: "", title: "" }])}
                sx={{ justifySelf: "start" }}
                data-testid="signatory-add"
              >
                {t("certificates.settings.addSignatory")}
              </Button>
            )}
          </Box>
        </DialogContent>
        <DialogActionsRow
          onCancel={onClose}
          submitLabel={t("common.save")}
          disabled={busy}
          testId="certificate-settings-save"
        />
      </form>
    </Dialog>
  );
}
