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
import { todayIso } from "../../../core/jalali";
import { api, formErrors } from "../../app/api";
import { useFormat } from "../../app/format";
import type { FeasibilityCriterion, FeasibilityStudy } from "../../app/types";
import { DialogActionsRow } from "../../components/DialogActionsRow";
import { DialogForm } from "../../components/DialogForm";
import { JalaliDateField } from "../../components/JalaliDateField";
import { ClusterPicker } from "../../components/pickers";
import { SelectField } from "../../components/SelectField";

const FIELDS: Record<string, readonly string[]> = {
  clusterId: [],
  studyDate: ["date_in_future"],
  author: [],
  summary: [],
};

const SCORES = Array.from({ length: 11 }, (_, i) => i);

/** Record a feasibility study of one of the province's clusters, scoring every current criterion 0–10. */
export function StudyDialog({
  code,
  criteria,
  onClose,
  onSaved,
}: {
  code: string;
  criteria: FeasibilityCriterion[];
  onClose: () => void;
  onSaved: (s: FeasibilityStudy) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const theme = useTheme();
  const fullScreen = useMediaQuery(theme.breakpoints.down("sm"));
  const qc = useQueryClient();
  const base = `/provinces/${encodeURIComponent(code)}/feasibility`;
  const [clusterId, setClusterId] = useState("");
  const [studyDate, setStudyDate] = useState<string | null>(todayIso());
  const [author, setAuthor] = useState("");
  const [summary, setSummary] = useState("");
  const [scores, setScores] = useState<Record<string, string>>({});
  const [tried, setTried] = useState(false);

  const save = useMutation({
    mutationFn: () =>
      api.post<FeasibilityStudy>(`${base}/studies`, {
        clusterId,
        studyDate,
        author: author.trim(),
        summary: summary.trim() || null,
        scores: criteria.map((c) => ({ criterionId: c.id, score: Number(scores[c.id]) })),
      }),
    onSuccess: (s) => {
      void qc.invalidateQueries({ queryKey: [base] });
      onSaved(s);
    },
  });

  const local: Record<string, string | undefined> = {
    clusterId: clusterId ? undefined : t("clusterForm.required"),
    studyDate: studyDate ? undefined : t("clusterForm.required"),
    author: author.trim() ? undefined : t("clusterForm.required"),
  };
  const missingScore = criteria.some((c) => scores[c.id] === undefined || scores[c.id] === "");
  const server = formErrors(save.error, FIELDS);
  const err = (n: string) => (tried ? local[n] : undefined) ?? server.field(n);

  function submit() {
    setTried(true);
    if (Object.values(local).some(Boolean) || missingScore || save.isPending) return;
    save.mutate();
  }

  return (
    <Dialog open onClose={onClose} fullScreen={fullScreen} maxWidth="sm" fullWidth>
      <DialogForm onSubmit={submit}>
        <DialogTitle>{t("feasibility.addStudyTitle")}</DialogTitle>
        <DialogContent>
          <Box sx={{ display: "grid", gap: 2, pt: 1 }}>
            {server.alert && <Alert severity="error">{server.alert}</Alert>}
            <ClusterPicker
              label={t("feasibility.cluster")}
              provinceCode={code}
              secondary={(c) => t(`states.${c.state}`)}
              value={clusterId}
              onChange={(id) => setClusterId(id ?? "")}
              testId="study-cluster"
              required
              error={!!err("clusterId")}
              helperText={err("clusterId")}
            />
            <Box
              sx={{
                display: "grid",
                gap: 2,
                gridTemplateColumns: { xs: "minmax(0, 1fr)", sm: "minmax(0, 1fr) minmax(0, 1fr)" },
              }}
            >
              <JalaliDateField
                label={`${t("feasibility.studyDate")} *`}
                value={studyDate}
                onChange={setStudyDate}
                maxDate={todayIso()}
                testId="study-date"
                error={!!err("studyDate")}
                helperText={err("studyDate")}
              />
              <TextField
                label={t("feasibility.author")}
                value={author}
                required
                onChange={(e) => setAuthor(e.target.value)}
                error={!!err("author")}
                helperText={err("author")}
                slotProps={{ htmlInput: { "data-testid": "study-author" } }}
              />
            </Box>
            <TextField
              label={t("feasibility.summary")}
              value={summary}
              multiline
              minRows={2}
              onChange={(e) => setSummary(e.target.value)}
              error={!!err("summary")}
              helperText={err("summary")}
              slotProps={{ htmlInput: { "data-testid": "study-summary" } }}
            />
            <Typography variant="subtitle2">{t("feasibility.scoresTitle")}</Typography>
            <Box
              sx={{
                display: "grid",
                gap: 1.5,
                gridTemplateColumns: { xs: "minmax(0, 1fr)", sm: "minmax(0, 1fr) minmax(0, 1fr)" },
              }}
            >
              {criteria.map((c, i) => {
                const missing = tried && (scores[c.id] === undefined || scores[c.id] === "");
                return (
                  <SelectField
                    key={c.id}
                    label={t("feasibility.scoreLabel", { name: c.name, weight: f.num(c.weight) })}
                    value={scores[c.id] ?? ""}
                    onChange={(v) => setScores((s) => ({ ...s, [c.id]: v }))}
                    testId={`study-score-${i}`}
                    required
                    error={missing}
                    helperText={missing ? t("feasibility.scoreMissing") : undefined}
                  >
                    <option value="">{t("feasibility.chooseScore")}</option>
                    {SCORES.map((n) => (
                      <option key={n} value={String(n)}>
                        {f.num(n)}
                      </option>
                    ))}
                  </SelectField>
                );
              })}
            </Box>
          </Box>
        </DialogContent>
        <DialogActionsRow
          onCancel={onClose}
          submitLabel={t("feasibility.addStudy")}
          disabled={save.isPending}
          testId="study-submit"
        />
      </DialogForm>
    </Dialog>
  );
}
