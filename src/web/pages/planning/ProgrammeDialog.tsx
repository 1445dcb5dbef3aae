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
import { COST_SHARES, INTERVENTION_AREAS } from "../../../core/planning";
import { ProgrammeInput, ProgrammeUpdateInput } from "../../../core/schemas/planning";
import { api } from "../../app/api";
import { useFormat } from "../../app/format";
import { DateField, FormDialog, NumberField, SelectField, TextField, useSchemaForm } from "../../components/form";
import { SharesSum } from "../../components/form/SharesSum";
import { CheckListField } from "./fields";
import { enc, invalidatePlanning, useRials } from "./shared";
import type { Area, Plan, Programme, Study } from "./types";

const grid2 = {
  display: "grid",
  gap: 2,
  gridTemplateColumns: { xs: "minmax(0, 1fr)", sm: "minmax(0, 1fr) minmax(0, 1fr)" },
};

const isBuiltIn = (v: string) => (INTERVENTION_AREAS as readonly string[]).includes(v);

const EMPTY_TARGET = { indicator: "", baseline: null, target: null, unit: "", verification: null };

function Targets() {
  const { t } = useTranslation();
  const f = useFormat();
  const { fields, append, remove } = useFieldArray({ name: "targets" });
  return (
    <Box sx={{ minWidth: 0 }} data-testid="programme-targets">
      <Box sx={{ display: "flex", alignItems: "center", gap: 1, mb: 1 }}>
        <Typography component="h3" variant="subtitle2" sx={{ flexGrow: 1 }}>
          {t("planning.programme.targets")}
        </Typography>
        <Button
          size="small"
          startIcon={<Add />}
          onClick={() => append({ ...EMPTY_TARGET })}
          data-testid="target-add"
          disabled={fields.length >= 20}
        >
          {t("planning.programme.addTarget")}
        </Button>
      </Box>
      {fields.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          {t("planning.programme.noTargets")}
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
              md: "minmax(0, 2fr) repeat(3, minmax(0, 1fr)) minmax(0, 1.5fr) auto",
            },
          }}
          data-testid="target-row"
        >
          <Box sx={{ gridColumn: { xs: "1 / -1", md: "auto" } }}>
            <TextField
              name={`targets.${i}.indicator`}
              label={t("planning.programme.indicator")}
              required
              testId={`target-${i}-indicator`}
            />
          </Box>
          <NumberField
            name={`targets.${i}.baseline`}
            label={t("planning.programme.baseline")}
            testId={`target-${i}-baseline`}
          />
          <NumberField
            name={`targets.${i}.target`}
            label={t("planning.programme.target")}
            required
            testId={`target-${i}-target`}
          />
          <TextField
            name={`targets.${i}.unit`}
            label={t("planning.programme.unit")}
            required
            testId={`target-${i}-unit`}
          />
          <TextField
            name={`targets.${i}.verification`}
            label={t("planning.programme.verification")}
            testId={`target-${i}-verification`}
          />
          <Tooltip title={t("planning.programme.removeTarget")}>
            <IconButton
              onClick={() => remove(i)}
              aria-label={t("planning.programme.removeTargetN", { n: f.num(i + 1) })}
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
 * Add a programme to a plan (ProgrammeInput) or change one (all its fields
 * sent): area, strategy and pressure points from the cluster's study, dates
 * inside the plan's year, the budget and who pays it (the shares must add up:
 * the sum runs under them), its quantified targets.
 */
export function ProgrammeDialog({
  plan,
  programme,
  study,
  areas,
  onClose,
  onSaved,
}: {
  plan: Plan;
  programme?: Programme;
  study: Study | undefined;
  areas: readonly Area[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const rials = useRials();
  const qc = useQueryClient();
  const form = useSchemaForm(programme ? ProgrammeUpdateInput : ProgrammeInput, {
    title: programme?.title ?? "",
    area: programme?.area ?? null,
    strategyId: programme?.strategyId ?? null,
    pressurePointIds: programme?.pressurePointIds ?? [],
    objective: programme?.objective ?? null,
    responsible: programme?.responsible ?? null,
    startDate: programme?.startDate ?? plan.periodStart,
    endDate: programme?.endDate ?? plan.periodEnd,
    budgetRials: programme?.budgetRials ?? null,
    shares: programme?.shares ?? { national: 0, province: 0, members: 0, others: 0 },
    targets:
      programme?.targets.map((g) => ({
        indicator: g.indicator,
        baseline: g.baseline,
        target: g.target,
        unit: g.unit,
        verification: g.verification,
      })) ?? [],
  });
  const startDate = form.watch("startDate") as string | null;
  const base = `/plans/${enc(plan.id)}/programmes`;
  return (
    <FormDialog
      form={form}
      title={programme ? t("planning.programme.editTitle") : t("planning.programme.addTitle")}
      onSubmit={async (body) => {
        if (programme) await api.patch<Plan>(`${base}/${enc(programme.id)}`, body);
        else await api.post<Plan>(base, body);
        await invalidatePlanning(qc);
        onSaved();
      }}
      codes={{
        shares_mismatch: "budgetRials",
        programme_outside_year: "startDate",
        unknown_area: "area",
        unknown_strategy: "strategyId",
        unknown_pressure_point: "pressurePointIds",
      }}
      submitLabel={programme ? t("common.save") : t("planning.add")}
      submitTestId="programme-submit"
      onClose={onClose}
      maxWidth="md"
    >
      <TextField name="title" label={t("planning.programme.title")} required testId="programme-title" />
      <Box sx={grid2}>
        <SelectField name="area" label={t("planning.programme.area")} required testId="programme-area">
          <option value="">{t("planning.choose")}</option>
          <optgroup label={t("planning.programme.builtInAreas")}>
            {INTERVENTION_AREAS.map((a) => (
              <option key={a} value={a}>
                {t(`interventionAreas.${a}`)}
              </option>
            ))}
          </optgroup>
          {programme && !isBuiltIn(programme.area) && !areas.some((a) => a.id === programme.area) && (
            <option value={programme.area}>{t("planning.programme.archivedArea")}</option>
          )}
          {areas.length > 0 && (
            <optgroup label={t("planning.programme.provinceAreas")}>
              {areas.map((a) => (
                <option key={a.id} value={a.id}>
                  {i18n.language === "en" && a.nameEn ? a.nameEn : a.nameFa}
                </option>
              ))}
            </optgroup>
          )}
        </SelectField>
        <SelectField name="strategyId" label={t("planning.programme.strategy")} testId="programme-strategy">
          <option value="">{t("planning.programme.noStrategy")}</option>
          {(study?.strategies ?? []).map((s) => (
            <option key={s.id} value={s.id}>
              {s.title}
            </option>
          ))}
        </SelectField>
      </Box>
      <CheckListField
        name="pressurePointIds"
        label={t("planning.programme.pressurePoints")}
        options={(study?.pressurePoints ?? []).map((p) => ({ id: p.id, label: p.title }))}
        empty={t("planning.study.noPoints")}
        testId="programme-points"
      />
      <TextField name="objective" label={t("planning.programme.objective")} multiline testId="programme-objective" />
      <Box sx={grid2}>
        <TextField name="responsible" label={t("planning.programme.responsible")} testId="programme-responsible" />
        <Box />
        <DateField
          name="startDate"
          label={t("planning.programme.startDate")}
          required
          minDate={plan.periodStart}
          maxDate={plan.periodEnd}
          testId="programme-start"
        />
        <DateField
          name="endDate"
          label={t("planning.programme.endDate")}
          required
          minDate={startDate ?? plan.periodStart}
          maxDate={plan.periodEnd}
          testId="programme-end"
        />
      </Box>
      <NumberField name="budgetRials" label={t("planning.programme.budget")} required testId="programme-budget" />
      <Box sx={grid2}>
        {COST_SHARES.map((k) => (
          <NumberField
            key={k}
            name={`shares.${k}`}
            label={t(`costShares.${k}`)}
            required
            testId={`programme-share-${k}`}
          />
        ))}
      </Box>
      <SharesSum
        totalField="budgetRials"
        testId="shares-sum"
        gapTestId="shares-mismatch"
        sumText={(sum, total) => t("planning.programme.sharesSum", { sum: rials(sum), budget: rials(total) })}
        gapText={(gap) =>
          gap > 0
            ? t("planning.programme.sharesShort", { n: f.num(gap) })
            : t("planning.programme.sharesOver", { n: f.num(-gap) })
        }
      />
      <Targets />
    </FormDialog>
  );
}
