import RateReviewOutlined from "@mui/icons-material/RateReviewOutlined";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Dialog from "@mui/material/Dialog";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import FormControl from "@mui/material/FormControl";
import FormHelperText from "@mui/material/FormHelperText";
import FormLabel from "@mui/material/FormLabel";
import Rating from "@mui/material/Rating";
import TextField from "@mui/material/TextField";
import { useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { SurveyOut } from "../../../core/schemas/activities";
import { api, errorMessage } from "../../app/api";
import { useFormat } from "../../app/format";
import { DialogActionsRow } from "../../components/DialogActionsRow";
import { useNotify } from "../../components/Notifier";
import { enc } from "./shared";

export type Survey = z.infer<typeof SurveyOut>;

export const surveyPath = (registrationId: string) => `/registrations/${enc(registrationId)}/survey`;

/**
 * One registrant's satisfaction (1–5 and a comment): typed in by a manager
 * from the paper form, or given by the member's user for their staff. A
 * second answer replaces the first.
 */
export function SurveyDialog({
  registrationId,
  name,
  paper,
  onClose,
  onSaved,
}: {
  registrationId: string;
  name: string;
  /** A manager copying a paper form (the title says so). */
  paper: boolean;
  onClose: () => void;
  onSaved: (s: Survey) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [alert, setAlert] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const labelId = useId();

  const save = async () => {
    if (!score) {
      setError(t("survey.scoreRequired"));
      return;
    }
    setBusy(true);
    setAlert(null);
    try {
      const body = { score, comment: comment.trim() === "" ? null : comment.trim() };
      onSaved(await api.put<Survey>(surveyPath(registrationId), body));
    } catch (e) {
      setAlert(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="xs">
      <form
        noValidate
        style={{ display: "contents" }}
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <DialogTitle>{paper ? t("survey.paperTitle", { name }) : t("survey.title", { name })}</DialogTitle>
        <DialogContent>
          <Box sx={{ display: "grid", gap: 2, pt: 1 }}>
            {alert && <Alert severity="error">{alert}</Alert>}
            <FormControl error={!!error} required>
              <FormLabel id={labelId}>{t("survey.question")}</FormLabel>
              <Rating
                name={`survey-${registrationId}`}
                value={score}
                max={5}
                size="large"
                onChange={(_e, v) => {
                  setScore(v);
                  setError(null);
                }}
                getLabelText={(v) => t("survey.scoreN", { n: f.num(v) })}
                aria-labelledby={labelId}
                data-testid="survey-score"
                sx={{ fontSize: 40, mt: 1 }}
              />
              <FormHelperText>{error ?? t("survey.scoreHelp")}</FormHelperText>
            </FormControl>
            <TextField
              label={t("survey.comment")}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              multiline
              minRows={2}
              slotProps={{ htmlInput: { maxLength: 2000, "data-testid": "survey-comment" } }}
            />
          </Box>
        </DialogContent>
        <DialogActionsRow onCancel={onClose} submitLabel={t("survey.save")} disabled={busy} testId="survey-save" />
      </form>
    </Dialog>
  );
}

/** A registration row's "survey" action: a manager's paper form, or the member's answer for their staff. */
export function SurveyButton({
  registrationId,
  name,
  paper,
}: {
  registrationId: string;
  name: string;
  paper: boolean;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const notify = useNotify();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        size="small"
        startIcon={<RateReviewOutlined />}
        onClick={() => setOpen(true)}
        aria-label={t("survey.openFor", { name })}
        data-testid="survey-open"
      >
        {t("survey.open")}
      </Button>
      {open && (
        <SurveyDialog
          registrationId={registrationId}
          name={name}
          paper={paper}
          onClose={() => setOpen(false)}
          onSaved={() => {
            setOpen(false);
            notify.success(t("survey.saved"));
            // The average shows in the activity's survey panel and its beneficiary figures.
            void qc.invalidateQueries({
              predicate: (q) => typeof q.queryKey[0] === "string" && /\/(surveys|beneficiaries)$/.test(q.queryKey[0]),
            });
          }}
        />
      )}
    </>
  );
}
