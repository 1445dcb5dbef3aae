import Box from "@mui/material/Box";
import Typography from "@mui/material/Typography";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { todayIso } from "../../../core/jalali";
import { StudyInput } from "../../../core/schemas/feasibility";
import { api } from "../../app/api";
import { useFormat } from "../../app/format";
import type { FeasibilityCriterion, FeasibilityStudy } from "../../app/types";
import { DateField, FormDialog, PickerField, SelectField, TextField, useSchemaForm } from "../../components/form";
import { ClusterPicker } from "../../components/pickers";

const SCORES = Array.from({ length: 11 }, (_, i) => i);

const grid2 = {
  display: "grid",
  gap: 2,
  gridTemplateColumns: { xs: "minmax(0, 1fr)", sm: "minmax(0, 1fr) minmax(0, 1fr)" },
};

/**
 * Record a feasibility study of one of the province's clusters (StudyInput),
 * scoring every current criterion 0–10: the scores are the body's list, one
 * per criterion in the list's order, each still unscored (null) until chosen.
 */
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
  const qc = useQueryClient();
  const base = `/provinces/${encodeURIComponent(code)}/feasibility`;
  const today = todayIso();
  const form = useSchemaForm(StudyInput, {
    clusterId: null,
    studyDate: today,
    author: "",
    summary: null,
    scores: criteria.map((c) => ({ criterionId: c.id, score: null })),
  });

  return (
    <FormDialog
      form={form}
      title={t("feasibility.addStudyTitle")}
      onSubmit={async (body) => {
        const s = await api.post<FeasibilityStudy>(`${base}/studies`, body);
        void qc.invalidateQueries({ queryKey: [base] });
        onSaved(s);
      }}
      codes={{ date_in_future: "studyDate" }}
      submitLabel={t("feasibility.addStudy")}
      submitTestId="study-submit"
      onClose={onClose}
    >
      <PickerField
        as={ClusterPicker}
        name="clusterId"
        label={t("feasibility.cluster")}
        provinceCode={code}
        secondary={(c) => t(`states.${c.state}`)}
        testId="study-cluster"
        required
      />
      <Box sx={grid2}>
        <DateField name="studyDate" label={t("feasibility.studyDate")} required maxDate={today} testId="study-date" />
        <TextField name="author" label={t("feasibility.author")} required testId="study-author" />
      </Box>
      <TextField name="summary" label={t("feasibility.summary")} multiline minRows={2} testId="study-summary" />
      <Typography variant="subtitle2">{t("feasibility.scoresTitle")}</Typography>
      <Box sx={{ ...grid2, gap: 1.5 }}>
        {criteria.map((c, i) => (
          <SelectField
            key={c.id}
            name={`scores.${i}.score`}
            label={t("feasibility.scoreLabel", { name: c.name, weight: f.num(c.weight) })}
            parse={Number}
            testId={`study-score-${i}`}
            required
          >
            <option value="">{t("feasibility.chooseScore")}</option>
            {SCORES.map((n) => (
              <option key={n} value={String(n)}>
                {f.num(n)}
              </option>
            ))}
          </SelectField>
        ))}
      </Box>
    </FormDialog>
  );
}
