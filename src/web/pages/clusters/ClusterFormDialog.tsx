import Box from "@mui/material/Box";
import Typography from "@mui/material/Typography";
import { useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useEffect } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { todayIso } from "../../../core/jalali";
import { toAsciiDigits } from "../../../core/normalize";
import { ClusterCreateInput, ClusterUpdateInput } from "../../../core/schemas/clusters";
import { api } from "../../app/api";
import { splitList, useFormat } from "../../app/format";
import { provinceLabel, useScopeProvinces } from "../../app/lookups";
import type { ClusterDetail } from "../../app/types";
import { DateField, FormDialog, NumberField, SelectField, TextField, useSchemaForm } from "../../components/form";

const shape = ClusterCreateInput.shape;
const blank = (v: unknown) => v === null || v === undefined || (typeof v === "string" && v.trim() === "");

/**
 * What the form's fields hold, turned into the body the server's schema
 * checks: codes and product groups are typed as one line each, a figure with
 * nothing in it is no figure, and jobs typed in one kind only count 0 in the other.
 */
const adapters = {
  isicCodes: z.preprocess(
    (v) => splitList(toAsciiDigits(String(v ?? "")).replace(/\s+/g, ",")).map((x) => x.toUpperCase()),
    shape.isicCodes,
  ),
  productGroups: z.preprocess((v) => splitList(String(v ?? "")), shape.productGroups),
  estEnterprises: z.preprocess(
    (v) => (Object.values((v ?? {}) as object).every(blank) ? null : v),
    shape.estEnterprises,
  ),
  jobs: z.preprocess((v) => {
    const j = (v ?? {}) as { industrial?: unknown; guild?: unknown };
    if (Object.values(j).every(blank)) return null;
    if (blank(j.industrial) === blank(j.guild)) return j;
    return { ...j, industrial: j.industrial ?? 0, guild: j.guild ?? 0 };
  }, shape.jobs),
};
const CreateForm = ClusterCreateInput.extend({
  ...adapters,
  identifiedOn: z.preprocess((v) => v ?? undefined, shape.identifiedOn),
});
const UpdateForm = ClusterUpdateInput.extend(adapters);

function draftOf(c: ClusterDetail | undefined, sep: string) {
  return {
    nameFa: c?.nameFa ?? "",
    nameEn: c?.nameEn ?? null,
    place: c?.place ?? null,
    sector: c?.sector ?? null,
    isicCodes: c?.isicCodes.join(", ") ?? null,
    productGroups: c?.productGroups.join(sep) ?? null,
    advantageNote: c?.advantageNote ?? null,
    estEnterprises: {
      value: c?.estEnterprises ?? null,
      source: c?.estEnterprisesSource ?? null,
      date: c?.estEnterprisesDate ?? null,
    },
    jobs: {
      industrial: c?.jobsIndustrial ?? null,
      guild: c?.jobsGuild ?? null,
      source: c?.jobsSource ?? null,
      date: c?.jobsDate ?? null,
    },
  };
}

function FormGroup({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Box component="fieldset" sx={{ border: 0, p: 0, m: 0, minWidth: 0, display: "grid", gap: 2 }}>
      <Typography component="legend" variant="subtitle2" color="text.secondary" sx={{ mb: 1 }}>
        {title}
      </Typography>
      {children}
    </Box>
  );
}

/** Register a cluster (no `cluster`) or edit its registry record. */
export function ClusterFormDialog({
  cluster,
  onClose,
  onSaved,
}: {
  cluster?: ClusterDetail;
  onClose: () => void;
  onSaved: (c: ClusterDetail) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const scope = useScopeProvinces(!cluster);
  const editing = !!cluster;
  const defaultProvince = scope.items.length === 1 ? scope.items[0].code : "";
  const draft = draftOf(cluster, t("common.listSeparator"));
  const form = useSchemaForm(
    editing ? UpdateForm : CreateForm,
    editing ? draft : { ...draft, provinceCode: defaultProvince || null, identifiedOn: null },
  );
  // The only province becomes the choice once the list arrives.
  useEffect(() => {
    if (!editing && defaultProvince && !form.getValues("provinceCode")) form.setValue("provinceCode", defaultProvince);
  }, [editing, defaultProvince, form]);
  const today = todayIso();
  const grid = (columns: 2 | 3) => ({
    display: "grid",
    gap: 2,
    gridTemplateColumns: {
      xs: "minmax(0, 1fr)",
      sm: columns === 2 ? "minmax(0, 1fr) minmax(0, 1fr)" : "minmax(0, 1fr) minmax(0, 1fr) minmax(0, 1fr)",
    },
  });

  return (
    <FormDialog
      form={form}
      title={editing ? t("clusterForm.editTitle") : t("clusterForm.createTitle")}
      maxWidth="md"
      onSubmit={async (body) => {
        const c = cluster
          ? await api.patch<ClusterDetail>(`/clusters/${encodeURIComponent(cluster.id)}`, body)
          : await api.post<ClusterDetail>("/clusters", body);
        void qc.invalidateQueries({ queryKey: ["/clusters"] });
        qc.setQueryData(["/clusters", c.id], c);
        onSaved(c);
      }}
      codes={{ cluster_name_taken: "nameFa", unknown_province: "provinceCode" }}
      submitLabel={editing ? t("common.save") : t("clusterForm.submit")}
      submitTestId="cluster-form-submit"
      onClose={onClose}
    >
      <Box sx={{ display: "grid", gap: 3 }}>
        <FormGroup title={t("clusterForm.identity")}>
          <Box sx={grid(2)}>
            <TextField name="nameFa" label={t("clusterForm.nameFa")} required testId="cluster-form-nameFa" />
            <TextField name="nameEn" label={t("clusterForm.nameEn")} ltr testId="cluster-form-nameEn" />
            {!editing && (
              <SelectField
                name="provinceCode"
                label={t("clusterForm.province")}
                testId="cluster-form-province"
                required
                disabled={scope.isPending}
              >
                <option value="">{t("grant.chooseProvince")}</option>
                {scope.items.map((p) => (
                  <option key={p.code} value={p.code}>
                    {provinceLabel(p, f.lng)}
                  </option>
                ))}
              </SelectField>
            )}
            {!editing && (
              <DateField
                name="identifiedOn"
                label={t("clusterForm.identifiedOn")}
                maxDate={today}
                testId="cluster-form-identifiedOn"
                helperText={t("clusterForm.identifiedOnHint")}
              />
            )}
            <TextField
              name="place"
              label={t("clusterForm.place")}
              helperText={t("clusterForm.placeHint")}
              testId="cluster-form-place"
            />
            <TextField name="sector" label={t("clusterForm.sector")} testId="cluster-form-sector" />
            <TextField
              name="isicCodes"
              label={t("clusterForm.isic")}
              ltr
              helperText={t("clusterForm.isicHint")}
              testId="cluster-form-isic"
            />
            <TextField
              name="productGroups"
              label={t("clusterForm.productGroups")}
              helperText={t("clusterForm.productGroupsHint")}
              testId="cluster-form-productGroups"
            />
          </Box>
          <TextField
            name="advantageNote"
            label={t("clusterForm.advantage")}
            multiline
            minRows={3}
            helperText={t("clusterForm.advantageHint")}
            testId="cluster-form-advantage"
          />
        </FormGroup>

        <FormGroup title={t("clusterForm.enterprisesTitle")}>
          <Box sx={grid(3)}>
            <NumberField
              name="estEnterprises.value"
              label={t("clusterForm.enterprises")}
              testId="cluster-form-enterprises"
            />
            <TextField
              name="estEnterprises.source"
              label={t("clusterForm.source")}
              testId="cluster-form-enterprises-source"
            />
            <DateField
              name="estEnterprises.date"
              label={t("clusterForm.figureDate")}
              maxDate={today}
              testId="cluster-form-enterprises-date"
            />
          </Box>
        </FormGroup>

        <FormGroup title={t("clusterForm.jobsTitle")}>
          <Box sx={grid(2)}>
            <NumberField
              name="jobs.industrial"
              label={t("clusterForm.jobsIndustrial")}
              testId="cluster-form-jobs-industrial"
            />
            <NumberField name="jobs.guild" label={t("clusterForm.jobsGuild")} testId="cluster-form-jobs-guild" />
            <TextField name="jobs.source" label={t("clusterForm.source")} testId="cluster-form-jobs-source" />
            <DateField
              name="jobs.date"
              label={t("clusterForm.figureDate")}
              maxDate={today}
              testId="cluster-form-jobs-date"
            />
          </Box>
        </FormGroup>
      </Box>
    </FormDialog>
  );
}
