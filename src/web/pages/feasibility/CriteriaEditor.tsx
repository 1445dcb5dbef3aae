import AddCircleOutline from "@mui/icons-material/AddCircleOutline";
import DeleteOutline from "@mui/icons-material/DeleteOutline";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import IconButton from "@mui/material/IconButton";
import Typography from "@mui/material/Typography";
import { useQueryClient } from "@tanstack/react-query";
import { useFieldArray, useWatch } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { CriteriaInput } from "../../../core/schemas/feasibility";
import { api } from "../../app/api";
import { useFormat } from "../../app/format";
import type { FeasibilityCriteria } from "../../app/types";
import { FormAlert, NumberField, SchemaForm, TextField, useSchemaForm } from "../../components/form";
import { useNotify } from "../../components/Notifier";
import { Section } from "../../components/Section";

/** The list as PUT …/criteria takes it: each kept criterion by its id, in order. */
const draftOf = (c: FeasibilityCriteria) => ({
  items: c.items.map((x) => ({ id: x.id, name: x.name, weight: x.weight })),
});

/**
 * The province's weighted criteria, edited as one list and saved together
 * (CriteriaInput). The weights must total 100 and the names differ: the
 * running total shows above the list, and the server, which holds both rules,
 * says so in the alert. A removed criterion that studies scored is archived
 * by the server (its scores still show, but no longer count).
 */
export function CriteriaEditor({ code, criteria }: { code: string; criteria: FeasibilityCriteria }) {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const qc = useQueryClient();
  const base = `/provinces/${encodeURIComponent(code)}/feasibility`;
  const form = useSchemaForm(CriteriaInput, draftOf(criteria));
  // keyName: the rows' React keys, apart from the criterion's own id in the values.
  const rows = useFieldArray({ control: form.control, name: "items", keyName: "key" });
  const items = (useWatch({ control: form.control, name: "items" }) ?? []) as { name?: string; weight?: unknown }[];
  const total = items.reduce((s, x) => s + (typeof x.weight === "number" && !Number.isNaN(x.weight) ? x.weight : 0), 0);
  const dirty = form.formState.isDirty;

  return (
    <Section
      title={t("feasibility.criteriaTitle")}
      testId="criteria-editor"
      actions={
        <Typography
          variant="body2"
          sx={{ fontWeight: 600, color: total === 100 ? "success.main" : "error.main" }}
          data-testid="criteria-total"
        >
          {t("feasibility.weightTotal", { n: f.num(total) })}
        </Typography>
      }
    >
      <SchemaForm
        form={form}
        onSubmit={async (body) => {
          const c = await api.put<FeasibilityCriteria>(`${base}/criteria`, body);
          qc.setQueryData([base, "criteria"], c);
          void qc.invalidateQueries({ queryKey: [base] });
          form.reset(draftOf(c));
          notify.success(t("feasibility.criteriaSaved"));
        }}
      >
        <Box sx={{ display: "grid", gap: 1.5 }}>
          <FormAlert form={form} />
          {rows.fields.length === 0 && (
            <Typography variant="body2" color="text.secondary">
              {t("feasibility.noCriteria")}
            </Typography>
          )}
          {rows.fields.map((r, i) => (
            <Box
              key={r.key}
              sx={{ display: "grid", gap: 1, gridTemplateColumns: "minmax(0, 1fr) 96px auto", alignItems: "start" }}
              data-testid="criterion-row"
            >
              <TextField name={`items.${i}.name`} label={t("feasibility.criterion")} testId={`criteria-name-${i}`} />
              <NumberField
                name={`items.${i}.weight`}
                label={t("feasibility.weight")}
                testId={`criteria-weight-${i}`}
                // A weight has at most three digits: reading it back under so narrow a field adds nothing.
                format={() => null}
              />
              <IconButton
                onClick={() => rows.remove(i)}
                aria-label={t("feasibility.removeCriterion", { name: items[i]?.name ?? "" })}
              >
                <DeleteOutline />
              </IconButton>
            </Box>
          ))}
          <Box sx={{ display: "flex", gap: 1, flexWrap: "wrap", alignItems: "center" }}>
            <Button
              startIcon={<AddCircleOutline />}
              onClick={() => rows.append({ name: null, weight: null })}
              data-testid="criteria-add"
            >
              {t("feasibility.addCriterion")}
            </Button>
            <Box sx={{ flexGrow: 1 }} />
            {dirty && <Button onClick={() => form.reset()}>{t("feasibility.discard")}</Button>}
            <Button
              type="submit"
              variant="contained"
              disabled={!dirty || form.formState.isSubmitting}
              data-testid="criteria-save"
            >
              {t("common.save")}
            </Button>
          </Box>
        </Box>
      </SchemaForm>
    </Section>
  );
}
