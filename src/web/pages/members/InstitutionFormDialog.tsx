import Box from "@mui/material/Box";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { INSTITUTION_KINDS } from "../../../core/members";
import {
  InstitutionCreateInput,
  type InstitutionDetailOut,
  InstitutionUpdateInput,
} from "../../../core/schemas/members";
import { api } from "../../app/api";
import { FormDialog, PickerField, SelectField, TextField, useSchemaForm } from "../../components/form";
import { ClusterPicker } from "../../components/pickers";
import { ContactFields, contactDraft } from "./ContactFields";
import { FormGroup, formGrid } from "./fields";

export type InstitutionDetail = z.infer<typeof InstitutionDetailOut>;

const enc = encodeURIComponent;

/** The first cluster it serves is picked as one (more are added on its page); the body takes a list. */
const CreateForm = InstitutionCreateInput.extend({
  clusterIds: z.preprocess((v) => (v ? [v] : []), InstitutionCreateInput.shape.clusterIds),
});

function draftOf(i?: InstitutionDetail) {
  return {
    name: i?.name ?? null,
    institutionKind: i?.institutionKind ?? null,
    description: i?.description ?? null,
    notes: i?.notes ?? null,
    ...contactDraft(i),
  };
}

function InstitutionFields({ creating }: { creating: boolean }) {
  const { t } = useTranslation();
  return (
    <Box sx={{ display: "grid", gap: 3 }}>
      <FormGroup title={t("institution.identity")}>
        <Box sx={formGrid(2)}>
          <TextField name="name" label={t("institution.name")} required testId="institution-form-name" />
          <SelectField name="institutionKind" label={t("institution.kind")} required testId="institution-form-kind">
            <option value="">{t("institution.chooseKind")}</option>
            {INSTITUTION_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`institutionKinds.${k}`)}
              </option>
            ))}
          </SelectField>
          {creating && (
            <PickerField
              as={ClusterPicker}
              name="clusterIds"
              label={t("institution.cluster")}
              required
              helperText={t("institution.clusterHint")}
              testId="institution-form-cluster"
            />
          )}
        </Box>
        <TextField
          name="description"
          label={t("institution.description")}
          multiline
          minRows={2}
          testId="institution-form-description"
        />
      </FormGroup>
      <ContactFields testIdPrefix="institution-form" />
      <TextField name="notes" label={t("actorForm.notes")} multiline minRows={2} testId="institution-form-notes" />
    </Box>
  );
}

export function InstitutionEditDialog({
  institution,
  onClose,
  onSaved,
}: {
  institution: InstitutionDetail;
  onClose: () => void;
  onSaved: (i: InstitutionDetail) => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useSchemaForm(InstitutionUpdateInput, draftOf(institution));
  return (
    <FormDialog
      form={form}
      title={t("institution.editTitle")}
      maxWidth="md"
      submitLabel={t("common.save")}
      submitTestId="institution-form-submit"
      onClose={onClose}
      onSubmit={async (body) => {
        const i = await api.patch<InstitutionDetail>(`/institutions/${enc(institution.id)}`, body);
        qc.setQueryData(["/institutions", i.id], i);
        void qc.invalidateQueries({ queryKey: ["/directory"] });
        onSaved(i);
      }}
    >
      <InstitutionFields creating={false} />
    </FormDialog>
  );
}

export function InstitutionCreateDialog({
  clusterId,
  onClose,
  onCreated,
}: {
  clusterId?: string | null;
  onClose: () => void;
  onCreated: (i: InstitutionDetail) => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useSchemaForm(CreateForm, { ...draftOf(), clusterIds: clusterId ?? null });
  return (
    <FormDialog
      form={form}
      title={t("institution.createTitle")}
      maxWidth="md"
      codes={{ cluster_not_found: "clusterIds" }}
      submitLabel={t("institution.createSubmit")}
      submitTestId="institution-form-submit"
      onClose={onClose}
      onSubmit={async (body) => {
        const i = await api.post<InstitutionDetail>("/institutions", body);
        qc.setQueryData(["/institutions", i.id], i);
        void qc.invalidateQueries({ queryKey: ["/directory"] });
        onCreated(i);
      }}
    >
      <InstitutionFields creating />
    </FormDialog>
  );
}
