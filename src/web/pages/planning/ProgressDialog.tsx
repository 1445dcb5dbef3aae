import Add from "@mui/icons-material/Add";
import DeleteOutline from "@mui/icons-material/DeleteOutline";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import IconButton from "@mui/material/IconButton";
import Tooltip from "@mui/material/Tooltip";
import Typography from "@mui/material/Typography";
import { useQueryClient } from "@tanstack/react-query";
import { useFieldArray } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { todayIso } from "../../../core/jalali";
import { ProgressInput } from "../../../core/schemas/planning";
import { api } from "../../app/api";
import { useFormat } from "../../app/format";
import { DateField, FormDialog, NumberField, TextField, useSchemaForm } from "../../components/form";
import { enc, invalidatePlanning } from "./shared";
import type { Plan, Programme } from "./types";

const grid2 = {
  display: "grid",
  gap: 2,
  gridTemplateColumns: { xs: "minmax(0, 1fr)", sm: "minmax(0, 1fr) minmax(0, 1fr)" },
};

function Milestones({ programme }: { programme: Programme }) {
  const { t } = useTranslation();
  const f = useFormat();
  const today = todayIso();
  const { fields, append, remove } = useFieldArray({ name: "milestones" });
  return (
    <Box sx={{ minWidth: 0 }} data-testid="progress-milestones">
      <Box sx={{ display: "flex", alignItems: "center", gap: 1, mb: 1 }}>
        <Typography component="h3" variant="subtitle2" sx={{ flexGrow: 1 }}>
          {t("planning.progress.milestones")}
        </Typography>
        <Button
          size="small"
          startIcon={<Add />}
          onClick={() => append({ title: "", plannedDate: programme.endDate, doneOn: null })}
          data-testid="milestone-add"
        >
          {t("planning.progress.addMilestone")}
        </Button>
      </Box>
      {fields.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          {t("planning.progress.noMilestones")}
        </Typography>
      )}
      {fields.map((row, i) => (
        <Box
          key={row.id}
          sx={{
            display: "grid",
            gap: 1,
            mb: 1.5,
            alignItems: "start",
            gridTemplateColumns: {
              xs: "minmax(0, 1fr) minmax(0, 1fr)",
              md: "minmax(0, 2fr) minmax(0, 1fr) minmax(0, 1fr) auto",
            },
          }}
          data-testid="milestone-row"
        >
          <TextField
            name={`milestones.${i}.title`}
            label={t("planning.progress.milestone")}
            required
            testId={`milestone-${i}-title`}
          />
          <DateField
            name={`milestones.${i}.plannedDate`}
            label={t("planning.progress.plannedDate")}
            required
            testId={`milestone-${i}-planned`}
          />
          <DateField
            name={`milestones.${i}.doneOn`}
            label={t("planning.progress.doneOn")}
            maxDate={today}
            testId={`milestone-${i}-done`}
          />
          <Tooltip title={t("planning.remove")}>
            <IconButton
              onClick={() => remove(i)}
              aria-label={t("planning.progress.removeMilestoneN", { n: f.num(i + 1) })}
            >
              <DeleteOutline />
            </IconButton>
          </Tooltip>
        </Box>
      ))}
    </Box>
  );
}

/**
 * Report a programme's implementation (ProgressInput): spend, actual dates,
 * milestones with the day each was done and the targets as measured. Open
 * in any status of the plan: an approved plan is carried out without a revision.
 */
export function ProgressDialog({
  plan,
  programme,
  onClose,
  onSaved,
}: {
  plan: Plan;
  programme: Programme;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const today = todayIso();
  const form = useSchemaForm(ProgressInput, {
    spentRials: programme.spentRials,
    actualStart: programme.actualStart,
    actualEnd: programme.actualEnd,
    milestones: programme.milestones.map((m) => ({
      id: m.id,
      title: m.title,
      plannedDate: m.plannedDate,
      doneOn: m.doneOn,
    })),
    measurements: programme.targets.map((g) => ({ targetId: g.id, value: g.measured, measuredOn: g.measuredOn })),
  });
  return (
    <FormDialog
      form={form}
      title={t("planning.progress.title", { name: programme.title })}
      onSubmit={async (body) => {
        await api.put<Plan>(`/plans/${enc(plan.id)}/programmes/${enc(programme.id)}/progress`, body);
        await invalidatePlanning(qc);
        onSaved();
      }}
      codes={{ unknown_milestone: "milestones", unknown_target: "measurements" }}
      submitLabel={t("common.save")}
      submitTestId="progress-submit"
      onClose={onClose}
      maxWidth="md"
    >
      <Box sx={grid2}>
        <NumberField name="spentRials" label={t("planning.progress.spent")} required testId="progress-spent" />
        <Box />
        <DateField
          name="actualStart"
          label={t("planning.progress.actualStart")}
          maxDate={today}
          testId="progress-start"
        />
        <DateField name="actualEnd" label={t("planning.progress.actualEnd")} maxDate={today} testId="progress-end" />
      </Box>
      <Milestones programme={programme} />
      {programme.targets.length > 0 && (
        <Box sx={{ minWidth: 0 }} data-testid="progress-measurements">
          <Typography component="h3" variant="subtitle2" sx={{ mb: 1 }}>
            {t("planning.progress.measurements")}
          </Typography>
          {programme.targets.map((g, i) => (
            <Box key={g.id} sx={{ ...grid2, mb: 1.5, alignItems: "start" }}>
              <NumberField
                name={`measurements.${i}.value`}
                label={t("planning.progress.measuredOf", {
                  indicator: g.indicator,
                  target: f.num(g.target),
                  unit: g.unit,
                })}
                testId={`measurement-${i}-value`}
              />
              <DateField
                name={`measurements.${i}.measuredOn`}
                label={t("planning.progress.measuredOn")}
                maxDate={today}
                testId={`measurement-${i}-date`}
              />
            </Box>
          ))}
        </Box>
      )}
    </FormDialog>
  );
}
