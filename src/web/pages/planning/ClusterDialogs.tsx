import Box from "@mui/material/Box";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { addDaysIso, addYearsIso, todayIso } from "../../../core/jalali";
import { PROJECT_YEARS } from "../../../core/planning";
import { MeetingInput, PlanInput, PlanUpdateInput } from "../../../core/schemas/planning";
import { api } from "../../app/api";
import { useFormat } from "../../app/format";
import { DateField, FormDialog, SelectField, TextField, useSchemaForm } from "../../components/form";
import { CheckboxField, LinesField } from "./fields";
import { enc, invalidatePlanning } from "./shared";
import type { Meeting, Plan } from "./types";

const grid2 = {
  display: "grid",
  gap: 2,
  gridTemplateColumns: { xs: "minmax(0, 1fr)", sm: "minmax(0, 1fr) minmax(0, 1fr)" },
};

/** Start the action plan of a project year (PlanInput): one per year, its period at most a year. */
export function PlanDialog({
  clusterId,
  takenYears,
  onClose,
  onSaved,
}: {
  clusterId: string;
  takenYears: readonly number[];
  onClose: () => void;
  onSaved: (p: Plan) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const free = PROJECT_YEARS.filter((y) => !takenYears.includes(y));
  const start = todayIso();
  const form = useSchemaForm(PlanInput, {
    projectYear: free[0] ?? null,
    title: "",
    periodStart: start,
    periodEnd: addDaysIso(addYearsIso(start, 1), -1),
  });
  const periodStart = form.watch("periodStart") as string | null;
  return (
    <FormDialog
      form={form}
      title={t("planning.plan.createTitle")}
      onSubmit={async (body) => {
        const p = await api.post<Plan>(`/clusters/${enc(clusterId)}/plans`, body);
        await invalidatePlanning(qc);
        onSaved(p);
      }}
      codes={{ plan_year_taken: "projectYear", plan_period_too_long: "periodEnd" }}
      submitLabel={t("planning.plan.create")}
      submitTestId="plan-submit"
      onClose={onClose}
    >
      <Box sx={grid2}>
        <SelectField
          name="projectYear"
          label={t("planning.plan.projectYear")}
          parse={Number}
          required
          testId="plan-year"
        >
          <option value="">{t("planning.plan.chooseYear")}</option>
          {PROJECT_YEARS.map((y) => (
            <option key={y} value={String(y)} disabled={takenYears.includes(y)}>
              {t("planning.plan.yearN", { n: f.num(y) })}
            </option>
          ))}
        </SelectField>
        <TextField name="title" label={t("planning.plan.title")} required testId="plan-title" />
        <DateField name="periodStart" label={t("planning.plan.periodStart")} required testId="plan-start" />
        <DateField
          name="periodEnd"
          label={t("planning.plan.periodEnd")}
          required
          minDate={periodStart ?? undefined}
          testId="plan-end"
          helperText={t("planning.plan.periodHint")}
        />
      </Box>
    </FormDialog>
  );
}

/** Change a plan's title or period (PlanUpdateInput); its programmes must stay inside the period. */
export function PlanEditDialog({ plan, onClose, onSaved }: { plan: Plan; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useSchemaForm(PlanUpdateInput, {
    title: plan.title,
    periodStart: plan.periodStart,
    periodEnd: plan.periodEnd,
  });
  const periodStart = form.watch("periodStart") as string | null;
  return (
    <FormDialog
      form={form}
      title={t("planning.plan.editTitle")}
      onSubmit={async (body) => {
        await api.patch<Plan>(`/plans/${enc(plan.id)}`, body);
        await invalidatePlanning(qc);
        onSaved();
      }}
      codes={{ plan_period_too_long: "periodEnd", programme_outside_year: "periodStart" }}
      submitLabel={t("common.save")}
      submitTestId="plan-edit-submit"
      onClose={onClose}
    >
      <TextField name="title" label={t("planning.plan.title")} required testId="plan-edit-title" />
      <Box sx={grid2}>
        <DateField name="periodStart" label={t("planning.plan.periodStart")} required testId="plan-edit-start" />
        <DateField
          name="periodEnd"
          label={t("planning.plan.periodEnd")}
          required
          minDate={periodStart ?? undefined}
          testId="plan-edit-end"
        />
      </Box>
    </FormDialog>
  );
}

/** Schedule a council meeting (MeetingInput): date, place or online, agenda. */
export function MeetingDialog({
  clusterId,
  onClose,
  onSaved,
}: {
  clusterId: string;
  onClose: () => void;
  onSaved: (m: Meeting) => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useSchemaForm(MeetingInput, { heldOn: todayIso(), place: null, online: false, agenda: [] });
  return (
    <FormDialog
      form={form}
      title={t("planning.meeting.scheduleTitle")}
      onSubmit={async (body) => {
        const m = await api.post<Meeting>(`/clusters/${enc(clusterId)}/council-meetings`, body);
        await invalidatePlanning(qc);
        onSaved(m);
      }}
      submitLabel={t("planning.meeting.schedule")}
      submitTestId="meeting-submit"
      onClose={onClose}
    >
      <Box sx={grid2}>
        <DateField name="heldOn" label={t("planning.meeting.heldOn")} required testId="meeting-date" />
        <TextField name="place" label={t("planning.meeting.place")} testId="meeting-place" />
      </Box>
      <CheckboxField name="online" label={t("planning.meeting.online")} testId="meeting-online" />
      <LinesField
        name="agenda"
        label={t("planning.meeting.agenda")}
        helperText={t("planning.onePerLine")}
        testId="meeting-agenda"
      />
    </FormDialog>
  );
}
