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
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { todayIso } from "../../../core/jalali";
import { toAsciiDigits } from "../../../core/normalize";
import { api, formErrors } from "../../app/api";
import { parseWhole, splitList, useFormat } from "../../app/format";
import { provinceLabel, useScopeProvinces } from "../../app/lookups";
import type { ClusterDetail } from "../../app/types";
import { DialogActionsRow } from "../../components/DialogActionsRow";
import { DialogForm } from "../../components/DialogForm";
import { JalaliDateField } from "../../components/JalaliDateField";
import { SelectField } from "../../components/SelectField";

const ISIC = /^([A-U]|\d{2,4})$/;

/** Error codes that belong to one field of the form. */
const FIELDS: Record<string, readonly string[]> = {
  nameFa: ["cluster_name_taken"],
  nameEn: [],
  provinceCode: ["unknown_province"],
  identifiedOn: [],
  place: [],
  sector: [],
  isicCodes: [],
  productGroups: [],
  advantageNote: [],
  "estEnterprises.value": [],
  "estEnterprises.source": [],
  "estEnterprises.date": [],
  "jobs.industrial": [],
  "jobs.guild": [],
  "jobs.source": [],
  "jobs.date": [],
};

interface Draft {
  nameFa: string;
  nameEn: string;
  provinceCode: string;
  identifiedOn: string | null;
  place: string;
  sector: string;
  isic: string;
  productGroups: string;
  advantageNote: string;
  enterprises: string;
  enterprisesSource: string;
  enterprisesDate: string | null;
  jobsIndustrial: string;
  jobsGuild: string;
  jobsSource: string;
  jobsDate: string | null;
}

function draftOf(
  c: ClusterDetail | undefined,
  defaultProvince: string,
  sep: string,
  digits: (n: number) => string,
): Draft {
  return {
    nameFa: c?.nameFa ?? "",
    nameEn: c?.nameEn ?? "",
    provinceCode: c?.provinceCode ?? defaultProvince,
    identifiedOn: null,
    place: c?.place ?? "",
    sector: c?.sector ?? "",
    isic: c?.isicCodes.join(", ") ?? "",
    productGroups: c?.productGroups.join(sep) ?? "",
    advantageNote: c?.advantageNote ?? "",
    enterprises: c?.estEnterprises != null ? digits(c.estEnterprises) : "",
    enterprisesSource: c?.estEnterprisesSource ?? "",
    enterprisesDate: c?.estEnterprisesDate ?? null,
    jobsIndustrial: c?.jobsIndustrial != null ? digits(c.jobsIndustrial) : "",
    jobsGuild: c?.jobsGuild != null ? digits(c.jobsGuild) : "",
    jobsSource: c?.jobsSource ?? "",
    jobsDate: c?.jobsDate ?? null,
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
  const theme = useTheme();
  const fullScreen = useMediaQuery(theme.breakpoints.down("sm"));
  const qc = useQueryClient();
  const scope = useScopeProvinces(!cluster);
  const editing = !!cluster;
  const defaultProvince = scope.items.length === 1 ? scope.items[0].code : "";
  const [d, setD] = useState<Draft>(() => draftOf(cluster, defaultProvince, t("common.listSeparator"), f.digits));
  const [tried, setTried] = useState(false);
  const change = (patch: Partial<Draft>) => setD((x) => ({ ...x, ...patch }));
  // The only province becomes the choice once the list arrives.
  const provinceCode = d.provinceCode || defaultProvince;

  const isicCodes = splitList(toAsciiDigits(d.isic).replace(/\s+/g, ",")).map((x) => x.toUpperCase());
  const badIsic = isicCodes.filter((x) => !ISIC.test(x));
  const enterprises = parseWhole(d.enterprises);
  const jobsIndustrial = parseWhole(d.jobsIndustrial);
  const jobsGuild = parseWhole(d.jobsGuild);
  const hasJobs = jobsIndustrial !== null || jobsGuild !== null;

  const local: Record<string, string | undefined> = {
    nameFa: d.nameFa.trim() ? undefined : t("clusterForm.required"),
    provinceCode: editing || provinceCode ? undefined : t("clusterForm.required"),
    isicCodes: badIsic.length
      ? t("clusterForm.badIsic", { codes: badIsic.join(t("common.listSeparator")) })
      : undefined,
    "estEnterprises.value": Number.isNaN(enterprises)
      ? t("clusterForm.badNumber")
      : enterprises === null && (d.enterprisesSource.trim() || d.enterprisesDate)
        ? t("clusterForm.numberFirst")
        : undefined,
    "jobs.industrial": Number.isNaN(jobsIndustrial) ? t("clusterForm.badNumber") : undefined,
    "jobs.guild": Number.isNaN(jobsGuild) ? t("clusterForm.badNumber") : undefined,
    "jobs.source": !hasJobs && (d.jobsSource.trim() || d.jobsDate) ? t("clusterForm.numberFirst") : undefined,
  };
  const valid = Object.values(local).every((v) => v === undefined);

  const save = useMutation({
    mutationFn: () => {
      const common = {
        nameFa: d.nameFa.trim(),
        nameEn: d.nameEn.trim() || null,
        place: d.place.trim() || null,
        sector: d.sector.trim() || null,
        isicCodes,
        productGroups: splitList(d.productGroups),
        advantageNote: d.advantageNote.trim() || null,
        estEnterprises:
          enterprises === null
            ? null
            : { value: enterprises, source: d.enterprisesSource.trim() || null, date: d.enterprisesDate },
        jobs: hasJobs
          ? {
              industrial: jobsIndustrial ?? 0,
              guild: jobsGuild ?? 0,
              source: d.jobsSource.trim() || null,
              date: d.jobsDate,
            }
          : null,
      };
      if (cluster) return api.patch<ClusterDetail>(`/clusters/${encodeURIComponent(cluster.id)}`, common);
      return api.post<ClusterDetail>("/clusters", {
        ...common,
        provinceCode,
        ...(d.identifiedOn ? { identifiedOn: d.identifiedOn } : {}),
      });
    },
    onSuccess: (c) => {
      void qc.invalidateQueries({ queryKey: ["/clusters"] });
      qc.setQueryData(["/clusters", c.id], c);
      onSaved(c);
    },
  });

  const server = formErrors(save.error, FIELDS);
  const err = (name: string) => (tried ? local[name] : undefined) ?? server.field(name);
  const today = todayIso();

  function submit() {
    setTried(true);
    if (valid && !save.isPending) save.mutate();
  }

  const text = (
    name: string,
    label: string,
    value: string,
    onChange: (v: string) => void,
    testId: string,
    extra: { required?: boolean; helper?: string; multiline?: boolean; ltr?: boolean; numeric?: boolean } = {},
  ) => (
    <TextField
      label={label}
      value={value}
      required={extra.required}
      multiline={extra.multiline}
      minRows={extra.multiline ? 3 : undefined}
      onChange={(e) => onChange(e.target.value)}
      error={!!err(name)}
      helperText={err(name) ?? extra.helper}
      slotProps={{
        htmlInput: {
          "data-testid": testId,
          ...(extra.ltr ? { dir: "ltr" } : {}),
          ...(extra.numeric ? { inputMode: "numeric" } : {}),
        },
      }}
    />
  );

  const numberHelper = (n: number | null) => (n !== null && !Number.isNaN(n) ? f.num(n) : undefined);

  return (
    <Dialog open onClose={onClose} fullScreen={fullScreen} maxWidth="md" fullWidth>
      <DialogForm onSubmit={submit}>
        <DialogTitle>{editing ? t("clusterForm.editTitle") : t("clusterForm.createTitle")}</DialogTitle>
        <DialogContent>
          <Box sx={{ display: "grid", gap: 3, pt: 1 }}>
            {server.alert && <Alert severity="error">{server.alert}</Alert>}
            <FormGroup title={t("clusterForm.identity")}>
              <Box
                sx={{
                  display: "grid",
                  gap: 2,
                  gridTemplateColumns: { xs: "minmax(0, 1fr)", sm: "minmax(0, 1fr) minmax(0, 1fr)" },
                }}
              >
                {text(
                  "nameFa",
                  t("clusterForm.nameFa"),
                  d.nameFa,
                  (v) => change({ nameFa: v }),
                  "cluster-form-nameFa",
                  {
                    required: true,
                  },
                )}
                {text(
                  "nameEn",
                  t("clusterForm.nameEn"),
                  d.nameEn,
                  (v) => change({ nameEn: v }),
                  "cluster-form-nameEn",
                  {
                    ltr: true,
                  },
                )}
                {!editing && (
                  <SelectField
                    label={t("clusterForm.province")}
                    value={provinceCode}
                    onChange={(v) => change({ provinceCode: v })}
                    testId="cluster-form-province"
                    required
                    disabled={scope.isPending}
                    error={!!err("provinceCode")}
                    helperText={err("provinceCode")}
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
                  <JalaliDateField
                    label={t("clusterForm.identifiedOn")}
                    value={d.identifiedOn}
                    onChange={(v) => change({ identifiedOn: v })}
                    maxDate={today}
                    testId="cluster-form-identifiedOn"
                    error={!!err("identifiedOn")}
                    helperText={err("identifiedOn") ?? t("clusterForm.identifiedOnHint")}
                  />
                )}
                {text("place", t("clusterForm.place"), d.place, (v) => change({ place: v }), "cluster-form-place", {
                  helper: t("clusterForm.placeHint"),
                })}
                {text("sector", t("clusterForm.sector"), d.sector, (v) => change({ sector: v }), "cluster-form-sector")}
                {text("isicCodes", t("clusterForm.isic"), d.isic, (v) => change({ isic: v }), "cluster-form-isic", {
                  ltr: true,
                  helper: t("clusterForm.isicHint"),
                })}
                {text(
                  "productGroups",
                  t("clusterForm.productGroups"),
                  d.productGroups,
                  (v) => change({ productGroups: v }),
                  "cluster-form-productGroups",
                  { helper: t("clusterForm.productGroupsHint") },
                )}
              </Box>
              {text(
                "advantageNote",
                t("clusterForm.advantage"),
                d.advantageNote,
                (v) => change({ advantageNote: v }),
                "cluster-form-advantage",
                { multiline: true, helper: t("clusterForm.advantageHint") },
              )}
            </FormGroup>

            <FormGroup title={t("clusterForm.enterprisesTitle")}>
              <Box
                sx={{
                  display: "grid",
                  gap: 2,
                  gridTemplateColumns: { xs: "minmax(0, 1fr)", sm: "minmax(0, 1fr) minmax(0, 1fr) minmax(0, 1fr)" },
                }}
              >
                {text(
                  "estEnterprises.value",
                  t("clusterForm.enterprises"),
                  d.enterprises,
                  (v) => change({ enterprises: v }),
                  "cluster-form-enterprises",
                  { numeric: true, helper: numberHelper(enterprises) },
                )}
                {text(
                  "estEnterprises.source",
                  t("clusterForm.source"),
                  d.enterprisesSource,
                  (v) => change({ enterprisesSource: v }),
                  "cluster-form-enterprises-source",
                )}
                <JalaliDateField
                  label={t("clusterForm.figureDate")}
                  value={d.enterprisesDate}
                  onChange={(v) => change({ enterprisesDate: v })}
                  maxDate={today}
                  testId="cluster-form-enterprises-date"
                  error={!!err("estEnterprises.date")}
                  helperText={err("estEnterprises.date")}
                />
              </Box>
            </FormGroup>

            <FormGroup title={t("clusterForm.jobsTitle")}>
              <Box
                sx={{
                  display: "grid",
                  gap: 2,
                  gridTemplateColumns: { xs: "minmax(0, 1fr)", sm: "minmax(0, 1fr) minmax(0, 1fr)" },
                }}
              >
                {text(
                  "jobs.industrial",
                  t("clusterForm.jobsIndustrial"),
                  d.jobsIndustrial,
                  (v) => change({ jobsIndustrial: v }),
                  "cluster-form-jobs-industrial",
                  { numeric: true, helper: numberHelper(jobsIndustrial) },
                )}
                {text(
                  "jobs.guild",
                  t("clusterForm.jobsGuild"),
                  d.jobsGuild,
                  (v) => change({ jobsGuild: v }),
                  "cluster-form-jobs-guild",
                  { numeric: true, helper: numberHelper(jobsGuild) },
                )}
                {text(
                  "jobs.source",
                  t("clusterForm.source"),
                  d.jobsSource,
                  (v) => change({ jobsSource: v }),
                  "cluster-form-jobs-source",
                )}
                <JalaliDateField
                  label={t("clusterForm.figureDate")}
                  value={d.jobsDate}
                  onChange={(v) => change({ jobsDate: v })}
                  maxDate={today}
                  testId="cluster-form-jobs-date"
                  error={!!err("jobs.date")}
                  helperText={err("jobs.date")}
                />
              </Box>
            </FormGroup>
          </Box>
        </DialogContent>
        <DialogActionsRow
          onCancel={onClose}
          submitLabel={editing ? t("common.save") : t("clusterForm.submit")}
          disabled={save.isPending}
          testId="cluster-form-submit"
        />
      </DialogForm>
    </Dialog>
  );
}
