import Add from "@mui/icons-material/Add";
import DeleteOutline from "@mui/icons-material/DeleteOutline";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import IconButton from "@mui/material/IconButton";
import Typography from "@mui/material/Typography";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useFieldArray, useFormContext, useWatch } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { todayIso } from "../../../core/jalali";
import { LEGAL_FORMS, MEMBERSHIP_STATUSES, PUBLISHABLE_FIELDS, sizeClassOf } from "../../../core/members";
import { Id } from "../../../core/schemas/common";
import { EnterpriseCreateInput, type EnterpriseDetailOut, EnterpriseUpdateInput } from "../../../core/schemas/members";
import { api } from "../../app/api";
import type { ClusterDetail } from "../../app/types";
import {
  DateField,
  FormDialog,
  NumberField,
  PickerField,
  SelectField,
  TextField,
  useSchemaForm,
} from "../../components/form";
import { ClusterPicker } from "../../components/pickers";
import { ContactFields, contactDraft } from "./ContactFields";
import { CheckboxesField, FormGroup, formGrid, SwitchField } from "./fields";
import { SizeThresholds } from "./labels";

export type EnterpriseDetail = z.infer<typeof EnterpriseDetailOut>;

const enc = encodeURIComponent;
const blank = (v: unknown) => v === null || v === undefined || (typeof v === "string" && v.trim() === "");

/** Product rows with no name typed are rows not filled in, not errors. */
const products = z.preprocess(
  (v) => (Array.isArray(v) ? v.filter((p: { name?: unknown }) => !blank(p?.name)) : v),
  EnterpriseUpdateInput.shape.products,
);
const UpdateForm = EnterpriseUpdateInput.extend({ products });
const CreateForm = EnterpriseCreateInput.extend({ products, clusterId: Id });

function draftOf(e?: EnterpriseDetail) {
  return {
    name: e?.name ?? null,
    nationalId: e?.nationalId ?? null,
    legalForm: e?.legalForm ?? null,
    employeesIndustrial: e?.employeesIndustrial ?? null,
    employeesGuild: e?.employeesGuild ?? null,
    products: e?.products.map((p) => ({ name: p.name, productGroup: p.productGroup })) ?? [],
    capacity: e?.capacity ?? null,
    capacityUnit: e?.capacityUnit ?? null,
    certificates: e?.certificates ?? null,
    exportExperience: e?.exportExperience ?? null,
    exportMarkets: e?.exportMarkets ?? null,
    contactPerson: e?.contactPerson ?? null,
    notes: e?.notes ?? null,
    published: e?.published ?? false,
    publishedFields: e?.publishedFields ?? [],
    ...contactDraft(e),
  };
}

/** The class the typed employees give, live under the fields, with the thresholds. */
function SizeLive() {
  const { t } = useTranslation();
  const [a, b] = useWatch({ name: ["employeesIndustrial", "employeesGuild"] }) as [unknown, unknown];
  const n = (v: unknown) => (typeof v === "number" && !Number.isNaN(v) ? v : 0);
  const known = typeof a === "number" || typeof b === "number";
  const cls = known ? sizeClassOf(n(a) + n(b)) : null;
  return (
    <Box sx={{ gridColumn: "1 / -1" }} data-testid="enterprise-form-size">
      <Typography variant="body2">
        {t("enterprise.sizeClass")}: {cls ? t(`sizeClasses.${cls}`) : t("enterprise.sizeUnknown")}
      </Typography>
      <SizeThresholds current={cls} />
    </Box>
  );
}

/** The products, one row each: its name and its group (the cluster's groups to pick from). */
function ProductRows({ groups }: { groups: readonly string[] }) {
  const { t } = useTranslation();
  const { control } = useFormContext();
  const { fields, append, remove } = useFieldArray({ control, name: "products" });
  const values = useWatch({ name: "products" }) as { productGroup?: string | null }[] | undefined;
  return (
    <Box sx={{ display: "grid", gap: 1.5 }} data-testid="enterprise-form-products">
      {fields.map((row, i) => {
        const current = values?.[i]?.productGroup ?? null;
        const options = current && !groups.includes(current) ? [...groups, current] : groups;
        return (
          <Box
            key={row.id}
            sx={{
              display: "grid",
              gap: 1,
              alignItems: "start",
              gridTemplateColumns: { xs: "minmax(0, 1fr) auto", sm: "minmax(0, 2fr) minmax(0, 1fr) auto" },
            }}
          >
            <TextField
              name={`products.${i}.name`}
              label={t("enterprise.productName")}
              testId={`enterprise-form-product-${i}`}
            />
            <Box sx={{ gridRow: { xs: 2, sm: "auto" }, gridColumn: { xs: 1, sm: "auto" } }}>
              {groups.length > 0 ? (
                <SelectField
                  name={`products.${i}.productGroup`}
                  label={t("enterprise.productGroup")}
                  testId={`enterprise-form-product-group-${i}`}
                >
                  <option value="">{t("enterprise.noGroup")}</option>
                  {options.map((g) => (
                    <option key={g} value={g}>
                      {g}
                    </option>
                  ))}
                </SelectField>
              ) : (
                <TextField
                  name={`products.${i}.productGroup`}
                  label={t("enterprise.productGroup")}
                  testId={`enterprise-form-product-group-${i}`}
                />
              )}
            </Box>
            <IconButton onClick={() => remove(i)} aria-label={t("enterprise.removeProduct")} sx={{ mt: 1 }}>
              <DeleteOutline />
            </IconButton>
          </Box>
        );
      })}
      <Box>
        <Button
          size="small"
          startIcon={<Add />}
          onClick={() => append({ name: null, productGroup: null })}
          data-testid="enterprise-form-product-add"
        >
          {t("enterprise.addProduct")}
        </Button>
      </Box>
    </Box>
  );
}

/** The profile's fields, shared by the new-enterprise and the edit dialogs. */
function ProfileFields({ groups }: { groups: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <>
      <FormGroup title={t("enterprise.identity")}>
        <Box sx={formGrid(2)}>
          <TextField name="name" label={t("enterprise.name")} required testId="enterprise-form-name" />
          <TextField
            name="nationalId"
            label={t("enterprise.nationalId")}
            ltr
            helperText={t("enterprise.nationalIdHint")}
            testId="enterprise-form-nationalId"
          />
          <SelectField name="legalForm" label={t("enterprise.legalForm")} testId="enterprise-form-legalForm">
            <option value="">{t("enterprise.noLegalForm")}</option>
            {LEGAL_FORMS.map((f) => (
              <option key={f} value={f}>
                {t(`legalForms.${f}`)}
              </option>
            ))}
          </SelectField>
          <TextField
            name="contactPerson"
            label={t("enterprise.contactPerson")}
            testId="enterprise-form-contactPerson"
          />
        </Box>
      </FormGroup>
      <FormGroup title={t("enterprise.employees")}>
        <Box sx={formGrid(2)}>
          <NumberField
            name="employeesIndustrial"
            label={t("enterprise.employeesIndustrial")}
            testId="enterprise-form-employeesIndustrial"
          />
          <NumberField
            name="employeesGuild"
            label={t("enterprise.employeesGuild")}
            testId="enterprise-form-employeesGuild"
          />
          <SizeLive />
        </Box>
      </FormGroup>
      <FormGroup title={t("enterprise.products")}>
        <ProductRows groups={groups} />
      </FormGroup>
      <FormGroup title={t("enterprise.capacityExport")}>
        <Box sx={formGrid(2)}>
          <NumberField name="capacity" label={t("enterprise.capacity")} testId="enterprise-form-capacity" />
          <TextField
            name="capacityUnit"
            label={t("enterprise.capacityUnit")}
            helperText={t("enterprise.capacityUnitHint")}
            testId="enterprise-form-capacityUnit"
          />
          <SelectField
            name="exportExperience"
            label={t("enterprise.exportExperience")}
            parse={(v) => v === "true"}
            testId="enterprise-form-exportExperience"
          >
            <option value="">{t("enterprise.unknown")}</option>
            <option value="true">{t("common.yes")}</option>
            <option value="false">{t("common.no")}</option>
          </SelectField>
          <TextField
            name="exportMarkets"
            label={t("enterprise.exportMarkets")}
            testId="enterprise-form-exportMarkets"
          />
        </Box>
        <TextField
          name="certificates"
          label={t("enterprise.certificates")}
          multiline
          helperText={t("enterprise.certificatesHint")}
          testId="enterprise-form-certificates"
        />
      </FormGroup>
      <ContactFields testIdPrefix="enterprise-form" />
      <FormGroup title={t("enterprise.publishing")}>
        <SwitchField
          name="published"
          label={t("enterprise.publishedSwitch")}
          helperText={t("enterprise.publishedHint")}
          testId="enterprise-form-published"
        />
        <CheckboxesField
          name="publishedFields"
          label={t("enterprise.publishedFields")}
          options={PUBLISHABLE_FIELDS.map((f) => ({ value: f, label: t(`publishFields.${f}`) }))}
          testId="enterprise-form-publishedFields"
        />
      </FormGroup>
      <TextField name="notes" label={t("actorForm.notes")} multiline minRows={2} testId="enterprise-form-notes" />
    </>
  );
}

/** The product groups of a cluster (its registry record), to choose a product's group from. */
function useClusterGroups(clusterId: string | null | undefined): string[] {
  const cluster = useQuery({
    queryKey: ["/clusters", clusterId],
    queryFn: ({ signal }) => api.get<ClusterDetail>(`/clusters/${enc(clusterId ?? "")}`, undefined, signal),
    enabled: !!clusterId,
    staleTime: 60_000,
  });
  return cluster.data?.productGroups ?? [];
}

const CODES = { national_id_taken: "nationalId", enterprise_duplicate: "name", cluster_not_found: "clusterId" };

/** Edit an enterprise's profile. */
export function EnterpriseEditDialog({
  enterprise,
  onClose,
  onSaved,
}: {
  enterprise: EnterpriseDetail;
  onClose: () => void;
  onSaved: (e: EnterpriseDetail) => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useSchemaForm(UpdateForm, draftOf(enterprise));
  const groups = useClusterGroups(enterprise.homeClusterId);
  return (
    <FormDialog
      form={form}
      title={t("enterprise.editTitle")}
      maxWidth="md"
      codes={CODES}
      submitLabel={t("common.save")}
      submitTestId="enterprise-form-submit"
      onClose={onClose}
      onSubmit={async (body) => {
        const e = await api.patch<EnterpriseDetail>(`/enterprises/${enc(enterprise.id)}`, body);
        qc.setQueryData(["/enterprises", e.id], e);
        void qc.invalidateQueries({ queryKey: ["/directory"] });
        onSaved(e);
      }}
    >
      <Box sx={{ display: "grid", gap: 3 }}>
        <ProfileFields groups={groups} />
      </Box>
    </FormDialog>
  );
}

/** Register a new enterprise in a cluster, as a member or an applicant. */
export function EnterpriseCreateDialog({
  clusterId,
  onClose,
  onCreated,
}: {
  clusterId: string | null;
  onClose: () => void;
  onCreated: (e: EnterpriseDetail) => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useSchemaForm(CreateForm, { ...draftOf(), clusterId, status: "member", joinedOn: todayIso() });
  const chosen = useWatch({ control: form.control, name: "clusterId" }) as string | null;
  const groups = useClusterGroups(chosen);
  return (
    <FormDialog
      form={form}
      title={t("enterprise.createTitle")}
      maxWidth="md"
      codes={CODES}
      submitLabel={t("enterprise.createSubmit")}
      submitTestId="enterprise-form-submit"
      onClose={onClose}
      onSubmit={async ({ clusterId: cluster, ...body }) => {
        const e = await api.post<EnterpriseDetail>(`/clusters/${enc(cluster)}/enterprises`, body);
        qc.setQueryData(["/enterprises", e.id], e);
        void qc.invalidateQueries({ queryKey: ["/directory"] });
        void qc.invalidateQueries({ queryKey: ["/enterprises"] });
        onCreated(e);
      }}
    >
      <Box sx={{ display: "grid", gap: 3 }}>
        <FormGroup title={t("enterprise.membership")}>
          <Box sx={formGrid(3)}>
            <PickerField
              as={ClusterPicker}
              name="clusterId"
              label={t("enterprise.cluster")}
              required
              testId="enterprise-form-cluster"
            />
            <SelectField name="status" label={t("membership.status")} testId="enterprise-form-status">
              {MEMBERSHIP_STATUSES.filter((s) => s === "member" || s === "applicant").map((s) => (
                <option key={s} value={s}>
                  {t(`membershipStatuses.${s}`)}
                </option>
              ))}
            </SelectField>
            <DateField
              name="joinedOn"
              label={t("membership.joinedOn")}
              maxDate={todayIso()}
              testId="enterprise-form-joinedOn"
            />
          </Box>
        </FormGroup>
        <ProfileFields groups={groups} />
      </Box>
    </FormDialog>
  );
}
