import Add from "@mui/icons-material/Add";
import ContentCopy from "@mui/icons-material/ContentCopy";
import DeleteOutline from "@mui/icons-material/DeleteOutline";
import PublicOutlined from "@mui/icons-material/PublicOutlined";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Checkbox from "@mui/material/Checkbox";
import Dialog from "@mui/material/Dialog";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import FormControlLabel from "@mui/material/FormControlLabel";
import IconButton from "@mui/material/IconButton";
import Switch from "@mui/material/Switch";
import { useTheme } from "@mui/material/styles";
import TextField from "@mui/material/TextField";
import Tooltip from "@mui/material/Tooltip";
import Typography from "@mui/material/Typography";
import useMediaQuery from "@mui/material/useMediaQuery";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import {
  PUBLIC_QUESTION_KINDS,
  type PublicRegistrationSettingsInput as SettingsInputSchema,
  type PublicRegistrationSettings as SettingsSchema,
} from "../../../core/schemas/activities";
import { ApiError, api, errorMessage } from "../../app/api";
import { useFormat } from "../../app/format";
import { DialogActionsRow } from "../../components/DialogActionsRow";
import { ErrorState } from "../../components/ErrorState";
import { Loading } from "../../components/Loading";
import { useNotify } from "../../components/Notifier";
import { activityPath } from "./shared";

type Settings = z.infer<typeof SettingsSchema>;
type SettingsInput = z.infer<typeof SettingsInputSchema>;
type Kind = (typeof PUBLIC_QUESTION_KINDS)[number];
/** A question as edited: a choice's options as typed, one a line. */
type Draft = { id?: string; label: string; kind: Kind; options: string; required: boolean };

/** The server's limit on a form's questions. */
const MAX_QUESTIONS = 20;

const draftOf = (s: Settings): Draft[] =>
  s.questions.map((q) => ({
    id: q.id,
    label: q.label,
    kind: q.kind,
    options: q.options.join("\n"),
    required: q.required,
  }));

const bodyOf = (open: boolean, drafts: Draft[]): SettingsInput => ({
  open,
  questions: drafts.map((d) => ({
    ...(d.id ? { id: d.id } : {}),
    label: d.label.trim(),
    kind: d.kind,
    ...(d.kind === "choice"
      ? {
          options: d.options
            .split("\n")
            .map((o) => o.trim())
            .filter(Boolean),
        }
      : {}),
    required: d.required,
  })),
});

const settingsPath = (activityId: string) => `${activityPath(activityId)}/public-registration`;

/** The link, once open, with a button that copies it. */
function LinkLine({ url }: { url: string }) {
  const { t } = useTranslation();
  const notify = useNotify();
  return (
    <Box sx={{ display: "flex", alignItems: "center", gap: 1, minWidth: 0 }}>
      <Typography
        component="code"
        dir="ltr"
        sx={{ fontSize: 13, overflowWrap: "anywhere", flex: 1, minWidth: 0 }}
        data-testid="public-link-url"
      >
        {url}
      </Typography>
      <Tooltip title={t("common.copy")}>
        <IconButton
          size="small"
          aria-label={t("activities.publicLink.copy")}
          onClick={() => void navigator.clipboard?.writeText(url).then(() => notify.success(t("common.copied")))}
          data-testid="public-link-copy"
        >
          <ContentCopy fontSize="small" />
        </IconButton>
      </Tooltip>
    </Box>
  );
}

/** The form once the settings are loaded: open or closed, the organiser's questions, the link. */
function SettingsForm({
  activityId,
  settings,
  onClose,
}: {
  activityId: string;
  settings: Settings;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const notify = useNotify();
  const [open, setOpen] = useState(settings.open);
  const [drafts, setDrafts] = useState<Draft[]>(() => draftOf(settings));
  const [saved, setSaved] = useState<Settings>(settings);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const change = (i: number, patch: Partial<Draft>) =>
    setDrafts((list) => list.map((d, j) => (j === i ? { ...d, ...patch } : d)));

  const save = async () => {
    // The same checks as the server's, worded here so nothing is sent that it would refuse.
    const own: Record<string, string> = {};
    const body = bodyOf(open, drafts);
    body.questions.forEach((q, i) => {
      if (!q.label) own[`questions.${i}.label`] = t("activities.publicLink.labelRequired");
      if (q.kind === "choice" && (q.options ?? []).length === 0)
        own[`questions.${i}.options`] = t("activities.publicLink.optionsRequired");
    });
    setErrors(own);
    setAlert(null);
    if (Object.keys(own).length > 0) return;
    setBusy(true);
    try {
      const s = await api.put<Settings>(settingsPath(activityId), body);
      qc.setQueryData([settingsPath(activityId)], s);
      setSaved(s);
      setDrafts(draftOf(s));
      notify.success(s.open ? t("activities.publicLink.savedOpen") : t("activities.publicLink.savedClosed"));
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
    <form
      noValidate
      style={{ display: "contents" }}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <DialogContent>
        <Box sx={{ display: "grid", gap: 2, pt: 1 }}>
          {alert && <Alert severity="error">{alert}</Alert>}
          <Typography variant="body2" color="text.secondary">
            {t("activities.publicLink.help")}
          </Typography>
          <FormControlLabel
            control={
              <Switch
                checked={open}
                onChange={(e) => setOpen(e.target.checked)}
                slotProps={{ input: { "data-testid": "public-link-toggle" } as object }}
              />
            }
            label={open ? t("activities.publicLink.open") : t("activities.publicLink.closed")}
          />
          {saved.open && saved.url ? (
            <LinkLine url={saved.url} />
          ) : (
            <Typography variant="body2" color="text.secondary" data-testid="public-link-closed-note">
              {t("activities.publicLink.closedNote")}
            </Typography>
          )}
          <Typography variant="subtitle2" component="h3">
            {t("activities.publicLink.questions")}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {t("activities.publicLink.questionsHelp")}
          </Typography>
          {drafts.map((d, i) => {
            const n = f.num(i + 1);
            return (
              <Box
                // A question's position is its identity while edited (new ones have no id yet).
                // biome-ignore lint/suspicious/noArrayIndexKey: drafts have no id of their own
                key={i}
                role="group"
                aria-label={t("activities.publicLink.questionN", { n })}
                sx={{ display: "grid", gap: 1, p: 1.5, border: 1, borderColor: "divider", borderRadius: 1 }}
              >
                <Box sx={{ display: "flex", gap: 1, alignItems: "flex-start", flexWrap: "wrap" }}>
                  <TextField
                    label={t("activities.publicLink.label", { n })}
                    value={d.label}
                    onChange={(e) => change(i, { label: e.target.value })}
                    error={!!errors[`questions.${i}.label`]}
                    helperText={errors[`questions.${i}.label`]}
                    required
                    sx={{ flex: "2 1 200px" }}
                    slotProps={{ htmlInput: { maxLength: 300, "data-testid": `public-question-${i}-label` } }}
                  />
                  <TextField
                    select
                    label={t("activities.publicLink.kind", { n })}
                    value={d.kind}
                    onChange={(e) => change(i, { kind: e.target.value as Kind })}
                    sx={{ flex: "1 1 130px" }}
                    slotProps={{
                      select: { native: true },
                      inputLabel: { shrink: true },
                      htmlInput: { "data-testid": `public-question-${i}-kind` },
                    }}
                  >
                    {PUBLIC_QUESTION_KINDS.map((k) => (
                      <option key={k} value={k}>
                        {t(`activities.publicLink.kinds.${k}`)}
                      </option>
                    ))}
                  </TextField>
                  <IconButton
                    onClick={() => setDrafts((list) => list.filter((_d, j) => j !== i))}
                    aria-label={t("activities.publicLink.remove", { n })}
                    sx={{ mt: 1 }}
                    data-testid={`public-question-${i}-remove`}
                  >
                    <DeleteOutline />
                  </IconButton>
                </Box>
                {d.kind === "choice" && (
                  <TextField
                    label={t("activities.publicLink.options", { n })}
                    value={d.options}
                    onChange={(e) => change(i, { options: e.target.value })}
                    error={!!errors[`questions.${i}.options`]}
                    helperText={errors[`questions.${i}.options`] ?? t("activities.publicLink.optionsHelp")}
                    required
                    multiline
                    minRows={2}
                    slotProps={{ htmlInput: { "data-testid": `public-question-${i}-options` } }}
                  />
                )}
                <FormControlLabel
                  control={
                    <Checkbox
                      checked={d.required}
                      onChange={(e) => change(i, { required: e.target.checked })}
                      slotProps={{ input: { "data-testid": `public-question-${i}-required` } as object }}
                    />
                  }
                  label={t("activities.publicLink.required")}
                />
              </Box>
            );
          })}
          {drafts.length < MAX_QUESTIONS && (
            <Button
              startIcon={<Add />}
              onClick={() => setDrafts((list) => [...list, { label: "", kind: "text", options: "", required: false }])}
              sx={{ justifySelf: "start" }}
              data-testid="public-question-add"
            >
              {t("activities.publicLink.addQuestion")}
            </Button>
          )}
        </Box>
      </DialogContent>
      <DialogActionsRow onCancel={onClose} submitLabel={t("common.save")} disabled={busy} testId="public-link-save" />
    </form>
  );
}

/** The activity's public registration link: open or closed, its form's questions, the address to share. */
export function PublicLinkDialog({ activityId, onClose }: { activityId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const theme = useTheme();
  const fullScreen = useMediaQuery(theme.breakpoints.down("sm"));
  const path = settingsPath(activityId);
  const q = useQuery({ queryKey: [path], queryFn: ({ signal }) => api.get<Settings>(path, undefined, signal) });
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" fullScreen={fullScreen} aria-labelledby="public-link-title">
      <DialogTitle id="public-link-title">{t("activities.publicLink.title")}</DialogTitle>
      {q.isPending ? (
        <DialogContent>
          <Loading />
        </DialogContent>
      ) : q.isError ? (
        <DialogContent>
          <ErrorState error={q.error} onRetry={() => void q.refetch()} />
        </DialogContent>
      ) : (
        <SettingsForm activityId={activityId} settings={q.data} onClose={onClose} />
      )}
    </Dialog>
  );
}

/** The managers' button on the activity page that opens the dialog. */
export function PublicLinkButton({ activityId }: { activityId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button startIcon={<PublicOutlined />} onClick={() => setOpen(true)} data-testid="public-link-open">
        {t("activities.publicLink.button")}
      </Button>
      {open && <PublicLinkDialog activityId={activityId} onClose={() => setOpen(false)} />}
    </>
  );
}
