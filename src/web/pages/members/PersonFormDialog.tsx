import Box from "@mui/material/Box";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { SKILLS } from "../../../core/members";
import { PersonCreateInput, type PersonDetailOut, PersonUpdateInput } from "../../../core/schemas/members";
import { api } from "../../app/api";
import { FormDialog, PickerField, TextField, useSchemaForm } from "../../components/form";
import { ClusterPicker, EnterprisePicker } from "../../components/pickers";
import { ContactFields, contactDraft } from "./ContactFields";
import { CheckboxesField, FormGroup, formGrid } from "./fields";

export type PersonDetail = z.infer<typeof PersonDetailOut>;

const enc = encodeURIComponent;

/** Portfolio links are typed one a line. */
const splitLines = (v: unknown) =>
  String(v ?? "")
    .split(/\s*\n\s*/)
    .map((x) => x.trim())
    .filter(Boolean);

const UpdateForm = PersonUpdateInput.extend({
  portfolio: z.preprocess(splitLines, PersonUpdateInput.shape.portfolio),
});
// The create schema refines (a person needs a cluster or an enterprise): adapt its input, keep its rule.
// The new person's cluster is picked as one; the body takes a list.
const CreateForm = z.preprocess((v) => {
  const o = (v ?? {}) as Record<string, unknown>;
  return { ...o, portfolio: splitLines(o.portfolio), clusterIds: o.clusterIds ? [o.clusterIds] : [] };
}, PersonCreateInput);

/** What a caller who may not read personal data never sees, and so never sends back. */
const PERSONAL = ["nationalId", "phone", "mobile", "email", "address", "postalCode"] as const;

function draftOf(p: PersonDetail | undefined, hidden: boolean) {
  const all: Record<string, unknown> = {
    name: p?.name ?? null,
    nationalId: p?.nationalId ?? null,
    jobTitle: p?.jobTitle ?? null,
    enterpriseId: p?.enterpriseId ?? null,
    skills: p?.skills ?? [],
    portfolio: p?.portfolio.join("\n") ?? null,
    bio: p?.bio ?? null,
    notes: p?.notes ?? null,
    ...contactDraft(p),
  };
  if (hidden) for (const k of PERSONAL) delete all[k];
  return all;
}

function PersonFields({ hidden, creating }: { hidden: boolean; creating: boolean }) {
  const { t } = useTranslation();
  return (
    <Box sx={{ display: "grid", gap: 3 }}>
      <FormGroup title={t("person.identity")}>
        <Box sx={formGrid(2)}>
          <TextField name="name" label={t("person.name")} required testId="person-form-name" />
          {!hidden && (
            <TextField name="nationalId" label={t("person.nationalId")} ltr testId="person-form-nationalId" />
          )}
          <TextField name="jobTitle" label={t("person.jobTitle")} testId="person-form-jobTitle" />
          <PickerField
            as={EnterprisePicker}
            name="enterpriseId"
            label={t("person.enterprise")}
            helperText={t("person.enterpriseHint")}
            testId="person-form-enterprise"
          />
          {creating && (
            <PickerField
              as={ClusterPicker}
              name="clusterIds"
              label={t("person.cluster")}
              helperText={t("person.clusterHint")}
              testId="person-form-cluster"
            />
          )}
        </Box>
      </FormGroup>
      <FormGroup title={t("person.work")}>
        <CheckboxesField
          name="skills"
          label={t("person.skills")}
          options={SKILLS.map((s) => ({ value: s, label: t(`skills.${s}`) }))}
          testId="person-form-skills"
        />
        <TextField
          name="portfolio"
          label={t("person.portfolio")}
          ltr
          multiline
          minRows={2}
          helperText={t("person.portfolioHint")}
          testId="person-form-portfolio"
        />
        <TextField name="bio" label={t("person.bio")} multiline minRows={2} testId="person-form-bio" />
      </FormGroup>
      <ContactFields testIdPrefix="person-form" personal={!hidden} />
      <TextField name="notes" label={t("actorForm.notes")} multiline minRows={2} testId="person-form-notes" />
    </Box>
  );
}

const CODES = {
  enterprise_not_found: "enterpriseId",
  cluster_not_found: "clusterIds",
  person_needs_cluster: "clusterIds",
};

export function PersonEditDialog({
  person,
  onClose,
  onSaved,
}: {
  person: PersonDetail;
  onClose: () => void;
  onSaved: (p: PersonDetail) => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useSchemaForm(UpdateForm, draftOf(person, person.personalHidden));
  return (
    <FormDialog
      form={form}
      title={t("person.editTitle")}
      maxWidth="md"
      codes={CODES}
      submitLabel={t("common.save")}
      submitTestId="person-form-submit"
      onClose={onClose}
      onSubmit={async (body) => {
        const p = await api.patch<PersonDetail>(`/people/${enc(person.id)}`, body);
        qc.setQueryData(["/people", p.id], p);
        void qc.invalidateQueries({ queryKey: ["/directory"] });
        onSaved(p);
      }}
    >
      <PersonFields hidden={person.personalHidden} creating={false} />
    </FormDialog>
  );
}

export function PersonCreateDialog({
  clusterId,
  enterpriseId,
  onClose,
  onCreated,
}: {
  clusterId?: string | null;
  enterpriseId?: string | null;
  onClose: () => void;
  onCreated: (p: PersonDetail) => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useSchemaForm(CreateForm, {
    ...draftOf(undefined, false),
    clusterIds: enterpriseId ? null : (clusterId ?? null),
    enterpriseId: enterpriseId ?? null,
  });
  return (
    <FormDialog
      form={form}
      title={t("person.createTitle")}
      maxWidth="md"
      codes={CODES}
      submitLabel={t("person.createSubmit")}
      submitTestId="person-form-submit"
      onClose={onClose}
      onSubmit={async (body) => {
        const p = await api.post<PersonDetail>("/people", body);
        qc.setQueryData(["/people", p.id], p);
        void qc.invalidateQueries({ queryKey: ["/directory"] });
        onCreated(p);
      }}
    >
      <PersonFields hidden={false} creating />
    </FormDialog>
  );
}
