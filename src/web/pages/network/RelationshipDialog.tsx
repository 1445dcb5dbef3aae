/**
 * Add a relationship (RelationshipInput: two actors of the cluster, type,
 * strength, source, dates, notes) or change one (RelationshipUpdateInput:
 * the same without the actors), and end one on a date. The server's refusals
 * (an actor not in the cluster, a link to itself, an end before the start)
 * come back onto their fields.
 */
import Box from "@mui/material/Box";
import Typography from "@mui/material/Typography";
import { useTranslation } from "react-i18next";
import { todayIso } from "../../../core/jalali";
import { RELATIONSHIP_SOURCES, RELATIONSHIP_TYPES } from "../../../core/network";
import { RelationshipEndInput, RelationshipInput, RelationshipUpdateInput } from "../../../core/schemas/network";
import { api } from "../../app/api";
import { DateField, FormDialog, PickerField, SelectField, TextField, useSchemaForm } from "../../components/form";
import { RemoteAutocomplete } from "../../components/RemoteAutocomplete";
import type { NetworkActor, Relationship } from "./shared";

interface ActorPickerProps {
  clusterId: string;
  value: string | null;
  onChange: (id: string | null, item: NetworkActor | null) => void;
  label: string;
  testId?: string;
  error?: boolean;
  helperText?: React.ReactNode;
}

/** An actor of the cluster (members, and the staff of member enterprises), searched by name; its kind below. */
function ActorPicker({ clusterId, ...props }: ActorPickerProps) {
  const { t } = useTranslation();
  return (
    <RemoteAutocomplete<NetworkActor>
      {...props}
      path={`/clusters/${encodeURIComponent(clusterId)}/network/actors`}
      getId={(a) => a.id}
      getLabel={(a) => a.name}
      getSecondary={(a) => t(`network.kinds.${a.kind}`)}
    />
  );
}

const grid = {
  display: "grid",
  gap: 2,
  gridTemplateColumns: { xs: "minmax(0, 1fr)", sm: "minmax(0, 1fr) minmax(0, 1fr)" },
} as const;

function CommonFields() {
  const { t } = useTranslation();
  return (
    <>
      <SelectField name="type" label={t("network.type")} required testId="rel-type">
        {RELATIONSHIP_TYPES.map((x) => (
          <option key={x} value={x}>
            {t(`network.types.${x}`)}
          </option>
        ))}
      </SelectField>
      <SelectField name="strength" label={t("network.strength")} required parse={Number} testId="rel-strength">
        {([1, 2, 3] as const).map((x) => (
          <option key={x} value={x}>
            {t(`network.strengths.${x}`)}
          </option>
        ))}
      </SelectField>
      <SelectField name="source" label={t("network.source")} required testId="rel-source">
        {RELATIONSHIP_SOURCES.map((x) => (
          <option key={x} value={x}>
            {t(`network.sources.${x}`)}
          </option>
        ))}
      </SelectField>
      <Box />
      <DateField name="startOn" label={t("network.startOn")} helperText={t("network.startHint")} testId="rel-start" />
      <DateField name="endOn" label={t("network.endOptional")} testId="rel-end" />
      <Box sx={{ gridColumn: "1 / -1" }}>
        <TextField name="notes" label={t("network.notes")} multiline minRows={2} testId="rel-notes" />
      </Box>
    </>
  );
}

const CODES = {
  actor_not_in_cluster: "toActorId",
  relationship_self: "toActorId",
  end_before_start: "endOn",
};

export function AddRelationshipDialog({
  clusterId,
  onClose,
  onSaved,
}: {
  clusterId: string;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const form = useSchemaForm(RelationshipInput, {
    fromActorId: null,
    toActorId: null,
    type: "supplies",
    strength: 2,
    source: "diagnostic_interview",
    startOn: null,
    endOn: null,
    notes: null,
  });
  return (
    <FormDialog
      form={form}
      title={t("network.addTitle")}
      onSubmit={async (body) => {
        await api.post<Relationship>(`/clusters/${encodeURIComponent(clusterId)}/relationships`, body);
        onSaved();
      }}
      codes={CODES}
      submitLabel={t("network.add")}
      submitTestId="rel-submit"
      onClose={onClose}
    >
      <Box sx={grid}>
        <Box sx={{ gridColumn: "1 / -1" }}>
          <Typography variant="body2" color="text.secondary">
            {t("network.fromHint")}
          </Typography>
        </Box>
        <PickerField
          as={ActorPicker}
          clusterId={clusterId}
          name="fromActorId"
          label={t("network.from")}
          testId="rel-from"
        />
        <PickerField as={ActorPicker} clusterId={clusterId} name="toActorId" label={t("network.to")} testId="rel-to" />
        <CommonFields />
      </Box>
    </FormDialog>
  );
}

export function EditRelationshipDialog({
  relationship: r,
  onClose,
  onSaved,
}: {
  relationship: Relationship;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const form = useSchemaForm(RelationshipUpdateInput, {
    type: r.type,
    strength: r.strength,
    source: r.source,
    startOn: r.startOn,
    endOn: r.endOn,
    notes: r.notes,
  });
  return (
    <FormDialog
      form={form}
      title={t("network.editTitle")}
      onSubmit={async (body) => {
        await api.patch<Relationship>(
          `/clusters/${encodeURIComponent(r.clusterId)}/relationships/${encodeURIComponent(r.id)}`,
          body,
        );
        onSaved();
      }}
      codes={CODES}
      submitLabel={t("common.save")}
      submitTestId="rel-submit"
      onClose={onClose}
    >
      <Box sx={grid}>
        <Box sx={{ gridColumn: "1 / -1" }}>
          <Typography>
            {r.from.name} — {t(`network.types.${r.type}`)} — {r.to.name}
          </Typography>
        </Box>
        <CommonFields />
      </Box>
    </FormDialog>
  );
}

export function EndRelationshipDialog({
  relationship: r,
  onClose,
  onSaved,
}: {
  relationship: Relationship;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const form = useSchemaForm(RelationshipEndInput, { endOn: todayIso() });
  return (
    <FormDialog
      form={form}
      title={t("network.endTitle")}
      onSubmit={async (body) => {
        await api.post<Relationship>(
          `/clusters/${encodeURIComponent(r.clusterId)}/relationships/${encodeURIComponent(r.id)}/end`,
          body,
        );
        onSaved();
      }}
      codes={{ end_before_start: "endOn" }}
      submitLabel={t("network.end")}
      submitTestId="rel-end-submit"
      onClose={onClose}
      maxWidth="xs"
    >
      <Typography sx={{ mb: 2 }}>
        {r.from.name} — {t(`network.types.${r.type}`)} — {r.to.name}
      </Typography>
      <DateField
        name="endOn"
        label={t("network.endOn")}
        required
        minDate={r.startOn ?? undefined}
        helperText={t("network.endHint")}
        testId="rel-end-on"
      />
    </FormDialog>
  );
}
