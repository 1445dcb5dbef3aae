import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Dialog from "@mui/material/Dialog";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import { useTheme } from "@mui/material/styles";
import TextField from "@mui/material/TextField";
import useMediaQuery from "@mui/material/useMediaQuery";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { todayIso } from "../../../core/jalali";
import { api, formErrors } from "../../app/api";
import { useFormat } from "../../app/format";
import type { FeasibilityDecision, FeasibilityStudy } from "../../app/types";
import { DialogActionsRow } from "../../components/DialogActionsRow";
import { DialogForm } from "../../components/DialogForm";
import { JalaliDateField } from "../../components/JalaliDateField";
import { SelectField } from "../../components/SelectField";

/** Records which studied cluster the province takes first, and why. */
export function DecisionDialog({
  code,
  studies,
  onClose,
  onSaved,
}: {
  code: string;
  studies: FeasibilityStudy[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const theme = useTheme();
  const fullScreen = useMediaQuery(theme.breakpoints.down("sm"));
  const qc = useQueryClient();
  const base = `/provinces/${encodeURIComponent(code)}/feasibility`;
  // Each studied cluster once, in rank order; the best one is the default choice.
  const choices = studies.filter((s, i) => studies.findIndex((x) => x.clusterId === s.clusterId) === i);
  const [decidedOn, setDecidedOn] = useState<string | null>(todayIso());
  const [chosen, setChosen] = useState(choices[0]?.clusterId ?? "");
  const [reason, setReason] = useState("");
  const [tried, setTried] = useState(false);
  const save = useMutation({
    mutationFn: () =>
      api.post<FeasibilityDecision>(`${base}/decisions`, { decidedOn, chosenClusterId: chosen, reason: reason.trim() }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: [base] });
      onSaved();
    },
  });
  const local: Record<string, string | undefined> = {
    decidedOn: decidedOn ? undefined : t("clusterForm.required"),
    chosenClusterId: chosen ? undefined : t("clusterForm.required"),
    reason: reason.trim() ? undefined : t("clusterForm.required"),
  };
  const server = formErrors(save.error, {
    decidedOn: ["date_in_future"],
    chosenClusterId: ["no_study_for_cluster"],
    reason: [],
  });
  const err = (n: string) => (tried ? local[n] : undefined) ?? server.field(n);
  function submit() {
    setTried(true);
    if (Object.values(local).some(Boolean) || save.isPending) return;
    save.mutate();
  }
  return (
    <Dialog open onClose={onClose} fullScreen={fullScreen} maxWidth="sm" fullWidth>
      <DialogForm onSubmit={submit}>
        <DialogTitle>{t("feasibility.decisionTitle")}</DialogTitle>
        <DialogContent>
          <Box sx={{ display: "grid", gap: 2, pt: 1 }}>
            {server.alert && <Alert severity="error">{server.alert}</Alert>}
            <JalaliDateField
              label={`${t("feasibility.decidedOn")} *`}
              value={decidedOn}
              onChange={setDecidedOn}
              maxDate={todayIso()}
              testId="decision-date"
              error={!!err("decidedOn")}
              helperText={err("decidedOn")}
            />
            <SelectField
              label={t("feasibility.chosen")}
              value={chosen}
              onChange={setChosen}
              testId="decision-cluster"
              required
              error={!!err("chosenClusterId")}
              helperText={err("chosenClusterId")}
            >
              <option value="">{t("grant.chooseCluster")}</option>
              {choices.map((s) => (
                <option key={s.clusterId} value={s.clusterId}>
                  {t("feasibility.choiceLabel", {
                    rank: f.num(s.rank),
                    name: s.clusterName,
                    score: f.num(s.weightedScore),
                  })}
                </option>
              ))}
            </SelectField>
            <TextField
              label={t("feasibility.reason")}
              value={reason}
              required
              multiline
              minRows={3}
              onChange={(e) => setReason(e.target.value)}
              error={!!err("reason")}
              helperText={err("reason")}
              slotProps={{ htmlInput: { "data-testid": "decision-reason" } }}
            />
          </Box>
        </DialogContent>
        <DialogActionsRow
          onCancel={onClose}
          submitLabel={t("feasibility.recordDecision")}
          disabled={save.isPending}
          testId="decision-submit"
        />
      </DialogForm>
    </Dialog>
  );
}
