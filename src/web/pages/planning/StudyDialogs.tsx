import Box from "@mui/material/Box";
import Typography from "@mui/material/Typography";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { todayIso } from "../../../core/jalali";
import { BASELINE_INDICATORS, PRESSURE_CATEGORIES, SEVERITIES, STUDY_LEVELS, SWOT_KINDS } from "../../../core/planning";
import { IsoDate } from "../../../core/schemas/common";
import {
  BaselineFigure,
  PressurePointInput,
  PressurePointUpdateInput,
  StrategyInput,
  StrategyUpdateInput,
  StudyPartInput,
  StudyPartUpdateInput,
  StudySummaryInput,
} from "../../../core/schemas/planning";
import { api } from "../../app/api";
import { useFormat } from "../../app/format";
import { DateField, FormDialog, NumberField, SelectField, TextField, useSchemaForm } from "../../components/form";
import { CheckListField, LinesField } from "./fields";
import { enc, invalidatePlanning } from "./shared";
import type { PressurePoint, Strategy, Study, StudyPart } from "./types";

const grid2 = {
  display: "grid",
  gap: 2,
  gridTemplateColumns: { xs: "minmax(0, 1fr)", sm: "minmax(0, 1fr) minmax(0, 1fr)" },
};

interface DialogProps {
  clusterId: string;
  onClose: () => void;
  onSaved: () => void;
}

/** Send a study write and refresh what planning shows (the study, the chain). */
function useStudyWrite(clusterId: string) {
  const qc = useQueryClient();
  const base = `/clusters/${enc(clusterId)}/study`;
  return async (method: "post" | "patch" | "put", path: string, body: unknown) => {
    await api[method]<Study>(`${base}${path}`, body);
    await invalidatePlanning(qc);
  };
}

/** The vision and the four SWOT lists (StudySummaryInput). */
export function SummaryDialog({ clusterId, study, onClose, onSaved }: DialogProps & { study: Study }) {
  const { t } = useTranslation();
  const write = useStudyWrite(clusterId);
  const form = useSchemaForm(StudySummaryInput, { vision: study.vision, swot: study.swot });
  return (
    <FormDialog
      form={form}
      title={t("planning.study.summaryTitle")}
      onSubmit={async (body) => {
        await write("put", "", body);
        onSaved();
      }}
      submitLabel={t("common.save")}
      submitTestId="summary-submit"
      onClose={onClose}
      maxWidth="md"
    >
      <TextField name="vision" label={t("planning.study.vision")} multiline minRows={2} testId="summary-vision" />
      <Box sx={grid2}>
        {SWOT_KINDS.map((k) => (
          <LinesField
            key={k}
            name={`swot.${k}`}
            label={t(`swotKinds.${k}`)}
            helperText={t("planning.onePerLine")}
            testId={`summary-${k}`}
          />
        ))}
      </Box>
    </FormDialog>
  );
}

/** A part of the study at one level (StudyPartInput), or a change to one. */
export function PartDialog({ clusterId, part, onClose, onSaved }: DialogProps & { part?: StudyPart }) {
  const { t } = useTranslation();
  const write = useStudyWrite(clusterId);
  const form = useSchemaForm(part ? StudyPartUpdateInput : StudyPartInput, {
    level: part?.level ?? null,
    title: part?.title ?? "",
    findings: part?.findings ?? "",
    sources: part?.sources ?? null,
  });
  return (
    <FormDialog
      form={form}
      title={part ? t("planning.study.editPart") : t("planning.study.addPart")}
      onSubmit={async (body) => {
        if (part) await write("patch", `/parts/${enc(part.id)}`, body);
        else await write("post", "/parts", body);
        onSaved();
      }}
      submitLabel={part ? t("common.save") : t("planning.add")}
      submitTestId="part-submit"
      onClose={onClose}
    >
      <Box sx={grid2}>
        <SelectField name="level" label={t("planning.study.level")} required testId="part-level">
          <option value="">{t("planning.choose")}</option>
          {STUDY_LEVELS.map((l) => (
            <option key={l} value={l}>
              {t(`studyLevels.${l}`)}
            </option>
          ))}
        </SelectField>
        <TextField name="title" label={t("planning.study.partTitle")} required testId="part-title" />
      </Box>
      <TextField
        name="findings"
        label={t("planning.study.findings")}
        required
        multiline
        minRows={3}
        testId="part-findings"
      />
      <TextField name="sources" label={t("planning.study.sources")} multiline testId="part-sources" />
    </FormDialog>
  );
}

/** A pressure point (PressurePointInput): title, category, severity, evidence. */
export function PointDialog({ clusterId, point, onClose, onSaved }: DialogProps & { point?: PressurePoint }) {
  const { t } = useTranslation();
  const write = useStudyWrite(clusterId);
  const form = useSchemaForm(point ? PressurePointUpdateInput : PressurePointInput, {
    title: point?.title ?? "",
    category: point?.category ?? null,
    severity: point?.severity ?? 2,
    evidence: point?.evidence ?? null,
  });
  return (
    <FormDialog
      form={form}
      title={point ? t("planning.study.editPoint") : t("planning.study.addPoint")}
      onSubmit={async (body) => {
        if (point) await write("patch", `/pressure-points/${enc(point.id)}`, body);
        else await write("post", "/pressure-points", body);
        onSaved();
      }}
      submitLabel={point ? t("common.save") : t("planning.add")}
      submitTestId="point-submit"
      onClose={onClose}
    >
      <TextField name="title" label={t("planning.study.pointTitle")} required testId="point-title" />
      <Box sx={grid2}>
        <SelectField name="category" label={t("planning.study.category")} required testId="point-category">
          <option value="">{t("planning.choose")}</option>
          {PRESSURE_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`pressureCategories.${c}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          name="severity"
          label={t("planning.study.severity")}
          parse={Number}
          required
          testId="point-severity"
        >
          {SEVERITIES.map((s) => (
            <option key={s} value={String(s)}>
              {t(`severities.${s}`)}
            </option>
          ))}
        </SelectField>
      </Box>
      <TextField name="evidence" label={t("planning.study.evidence")} multiline minRows={2} testId="point-evidence" />
    </FormDialog>
  );
}

/** A strategy and the pressure points it answers (StrategyInput). */
export function StrategyDialog({
  clusterId,
  strategy,
  points,
  onClose,
  onSaved,
}: DialogProps & { strategy?: Strategy; points: PressurePoint[] }) {
  const { t } = useTranslation();
  const write = useStudyWrite(clusterId);
  const form = useSchemaForm(strategy ? StrategyUpdateInput : StrategyInput, {
    title: strategy?.title ?? "",
    description: strategy?.description ?? null,
    pressurePointIds: strategy?.pressurePointIds ?? [],
  });
  return (
    <FormDialog
      form={form}
      title={strategy ? t("planning.study.editStrategy") : t("planning.study.addStrategy")}
      onSubmit={async (body) => {
        if (strategy) await write("patch", `/strategies/${enc(strategy.id)}`, body);
        else await write("post", "/strategies", body);
        onSaved();
      }}
      codes={{ unknown_pressure_point: "pressurePointIds" }}
      submitLabel={strategy ? t("common.save") : t("planning.add")}
      submitTestId="strategy-submit"
      onClose={onClose}
    >
      <TextField name="title" label={t("planning.study.strategyTitle")} required testId="strategy-title" />
      <TextField
        name="description"
        label={t("planning.study.description")}
        multiline
        minRows={2}
        testId="strategy-description"
      />
      <CheckListField
        name="pressurePointIds"
        label={t("planning.study.answersPoints")}
        options={points.map((p) => ({ id: p.id, label: p.title }))}
        empty={t("planning.study.noPoints")}
        testId="strategy-points"
      />
    </FormDialog>
  );
}

/** The baseline's rows: every indicator, a value only where one was measured. */
const BaselineRows = z.strictObject({
  figures: z.array(
    BaselineFigure.extend({ value: BaselineFigure.shape.value.nullable(), measuredOn: IsoDate.nullable() }).superRefine(
      (r, ctx) => {
        if (r.value != null && r.measuredOn == null)
          ctx.addIssue({ code: "custom", path: ["measuredOn"], input: null });
      },
    ),
  ),
});

/** The study's measured figures as the cluster's baseline (BaselineInput: each indicator once). */
export function BaselineDialog({ clusterId, study, onClose, onSaved }: DialogProps & { study: Study }) {
  const { t } = useTranslation();
  const f = useFormat();
  const write = useStudyWrite(clusterId);
  const form = useSchemaForm(BaselineRows, {
    figures: BASELINE_INDICATORS.map((indicator) => {
      const had = study.baseline.find((b) => b.indicator === indicator);
      return {
        indicator,
        value: had?.value ?? null,
        measuredOn: had?.measuredOn ?? null,
        source: had?.source ?? null,
      };
    }),
  });
  const today = todayIso();
  return (
    <FormDialog
      form={form}
      title={t("planning.study.baselineTitle")}
      onSubmit={async (body) => {
        const figures = body.figures
          .filter((r) => r.value != null)
          .map((r) => ({ ...r, value: r.value as number, measuredOn: r.measuredOn as string }));
        await write("put", "/baseline", { figures });
        onSaved();
      }}
      submitLabel={t("common.save")}
      submitTestId="baseline-submit"
      onClose={onClose}
      maxWidth="md"
    >
      <Typography variant="body2" color="text.secondary">
        {t("planning.study.baselineHint")}
      </Typography>
      {BASELINE_INDICATORS.map((ind, i) => (
        <Box
          key={ind}
          sx={{
            display: "grid",
            gap: 1.5,
            alignItems: "start",
            gridTemplateColumns: { xs: "minmax(0, 1fr)", sm: "minmax(0, 1.2fr) minmax(0, 1fr) minmax(0, 1fr)" },
          }}
        >
          <NumberField
            name={`figures.${i}.value`}
            label={t(`baselineIndicators.${ind}`)}
            testId={`baseline-${ind}`}
            format={(n) => f.num(n)}
          />
          <DateField
            name={`figures.${i}.measuredOn`}
            label={t("planning.study.measuredOn")}
            maxDate={today}
            testId={`baseline-${ind}-date`}
          />
          <TextField
            name={`figures.${i}.source`}
            label={t("planning.study.source")}
            testId={`baseline-${ind}-source`}
          />
        </Box>
      ))}
    </FormDialog>
  );
}
