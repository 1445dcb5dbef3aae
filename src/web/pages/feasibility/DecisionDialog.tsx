import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { todayIso } from "../../../core/jalali";
import { DecisionInput } from "../../../core/schemas/feasibility";
import { api } from "../../app/api";
import { useFormat } from "../../app/format";
import type { FeasibilityDecision, FeasibilityStudy } from "../../app/types";
import { DateField, FormDialog, SelectField, TextField, useSchemaForm } from "../../components/form";

/** Records which studied cluster the province takes first, and why (DecisionInput). */
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
  const qc = useQueryClient();
  const base = `/provinces/${encodeURIComponent(code)}/feasibility`;
  const today = todayIso();
  // Each studied cluster once, in rank order; the best one is the default choice.
  const choices = studies.filter((s, i) => studies.findIndex((x) => x.clusterId === s.clusterId) === i);
  const form = useSchemaForm(DecisionInput, {
    decidedOn: today,
    chosenClusterId: choices[0]?.clusterId ?? null,
    reason: null,
  });
  return (
    <FormDialog
      form={form}
      title={t("feasibility.decisionTitle")}
      onSubmit={async (body) => {
        await api.post<FeasibilityDecision>(`${base}/decisions`, body);
        void qc.invalidateQueries({ queryKey: [base] });
        onSaved();
      }}
      codes={{ date_in_future: "decidedOn", no_study_for_cluster: "chosenClusterId" }}
      submitLabel={t("feasibility.recordDecision")}
      submitTestId="decision-submit"
      onClose={onClose}
    >
      <DateField name="decidedOn" label={t("feasibility.decidedOn")} required maxDate={today} testId="decision-date" />
      <SelectField name="chosenClusterId" label={t("feasibility.chosen")} testId="decision-cluster" required>
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
        name="reason"
        label={t("feasibility.reason")}
        required
        multiline
        minRows={3}
        testId="decision-reason"
      />
    </FormDialog>
  );
}
