import Add from "@mui/icons-material/Add";
import DeleteOutline from "@mui/icons-material/DeleteOutline";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import IconButton from "@mui/material/IconButton";
import Tooltip from "@mui/material/Tooltip";
import Typography from "@mui/material/Typography";
import { useQueryClient } from "@tanstack/react-query";
import { useFieldArray, useFormContext, useWatch } from "react-hook-form";
import { useTranslation } from "react-i18next";
import {
  ACTIVITY_KINDS,
  ACTIVITY_STATUSES,
  type ActivityKind,
  EXHIBITION_FORMS,
  MEETING_RECURRENCES,
  PUBLICATION_FORMS,
  TOUR_SCOPES,
  TRAINING_MODES,
} from "../../../core/activities";
import { COST_SHARES } from "../../../core/planning";
import { ActivityCopyInput, ActivityInput } from "../../../core/schemas/activities";
import { api } from "../../app/api";
import { useFormat } from "../../app/format";
import { DateField, FormDialog, NumberField, SelectField, TextField, useSchemaForm } from "../../components/form";
import { SharesSum } from "../../components/form/SharesSum";
import { CheckboxField } from "../planning/fields";
import { EnterprisesField, ListField, PersonField } from "./fields";
import { activityPath, enc, invalidateActivities, useProgrammes, useRials } from "./shared";
import type { Activity } from "./types";

const grid2 = {
  display: "grid",
  gap: 2,
  gridTemplateColumns: { xs: "minmax(0, 1fr)", sm: "minmax(0, 1fr) minmax(0, 1fr)" },
};

/** A kind's details as the form starts them (a new activity, or a kind changed). */
function emptyDetails(kind: ActivityKind): Record<string, unknown> {
  switch (kind) {
    case "training":
      return { hours: null, mode: "in_person", trainerId: null };
    case "tour":
      return { scope: "domestic", destinations: [] };
    case "exhibition":
      return { name: "", form: "booth", areaM2: null, enterpriseIds: [] };
    case "meeting":
      return { recurrence: "none" };
    case "market_study":
      return { countries: [] };
    case "publication":
      return { form: "book" };
    default:
      return {};
  }
}

/** The kind's fields of a stored activity, those its kind's schema takes only (they are strict). */
function detailsOf(a: Activity): Record<string, unknown> {
  const d = a.details;
  switch (a.kind) {
    case "training":
      return { hours: d.hours ?? null, mode: d.mode ?? "in_person", trainerId: d.trainerId ?? null };
    case "tour":
      return { scope: d.scope ?? "domestic", destinations: d.destinations ?? [] };
    case "exhibition":
      return {
        name: d.name ?? "",
        form: d.form ?? "booth",
        areaM2: d.areaM2 ?? null,
        enterpriseIds: d.enterpriseIds ?? [],
      };
    case "meeting":
      return { recurrence: d.recurrence ?? "none" };
    case "market_study":
      return { countries: d.countries ?? [] };
    case "publication":
      return { form: d.form ?? "book" };
    default:
      return {};
  }
}

/** A stored activity as the whole body PUT takes (to edit it, or to change its status only). */
export function bodyOf(activity: Activity) {
  return {
    kind: activity.kind,
    details: detailsOf(activity),
    title: activity.title,
    description: activity.description,
    online: activity.online,
    place: activity.place,
    onlineLink: activity.onlineLink,
    startDate: activity.startDate,
    endDate: activity.endDate,
    programmeId: activity.programmeId,
    organiser: activity.organiser,
    capacity: activity.capacity,
    costRials: activity.costRials,
    shares: activity.shares,
    status: activity.status,
    sessions: activity.sessions.map((s) => ({
      id: s.id,
      startsOn: s.startsOn,
      startTime: s.startTime,
      endTime: s.endTime,
      place: s.place,
      capacity: s.capacity,
    })),
    moderated: activity.moderated,
    offerHours: activity.offerHours,
  };
}

const NEW_ACTIVITY = {
  kind: "workshop",
  details: emptyDetails("workshop"),
  title: "",
  description: null,
  online: false,
  place: null,
  onlineLink: null,
  startDate: null,
  endDate: null,
  programmeId: null,
  organiser: null,
  capacity: null,
  costRials: 0,
  shares: { national: 0, province: 0, members: 0, others: 0 },
  status: "planned",
  sessions: [],
  moderated: false,
  offerHours: 48,
};

/** The kind's own fields. */
function KindDetails({ clusterId, trainerName }: { clusterId: string; trainerName: string | null }) {
  const { t } = useTranslation();
  const kind = useWatch({ name: "kind" }) as ActivityKind;
  switch (kind) {
    case "training":
      return (
        <Box sx={grid2}>
          <NumberField name="details.hours" label={t("activities.details.hours")} required testId="activity-hours" />
          <SelectField name="details.mode" label={t("activities.details.mode")} required testId="activity-mode">
            {TRAINING_MODES.map((m) => (
              <option key={m} value={m}>
                {t(`trainingModes.${m}`)}
              </option>
            ))}
          </SelectField>
          <Box sx={{ gridColumn: "1 / -1" }}>
            <PersonField
              name="details.trainerId"
              label={t("activities.details.trainer")}
              clusterId={clusterId}
              valueLabel={trainerName}
              testId="activity-trainer"
            />
          </Box>
        </Box>
      );
    case "tour":
      return (
        <Box sx={grid2}>
          <SelectField name="details.scope" label={t("activities.details.scope")} required testId="activity-scope">
            {TOUR_SCOPES.map((s) => (
              <option key={s} value={s}>
                {t(`tourScopes.${s}`)}
              </option>
            ))}
          </SelectField>
          <ListField
            name="details.destinations"
            label={t("activities.details.destinations")}
            helperText={t("activities.form.commaList")}
            required
            testId="activity-destinations"
          />
        </Box>
      );
    case "exhibition":
      return (
        <>
          <Box sx={grid2}>
            <TextField
              name="details.name"
              label={t("activities.details.exhibitionName")}
              required
              testId="activity-exhibition-name"
            />
            <SelectField
              name="details.form"
              label={t("activities.details.exhibitionForm")}
              required
              testId="activity-exhibition-form"
            >
              {EXHIBITION_FORMS.map((s) => (
                <option key={s} value={s}>
                  {t(`exhibitionForms.${s}`)}
                </option>
              ))}
            </SelectField>
            <NumberField name="details.areaM2" label={t("activities.details.area")} testId="activity-area" />
          </Box>
          <EnterprisesField
            name="details.enterpriseIds"
            label={t("activities.details.exhibitors")}
            clusterId={clusterId}
            testId="activity-exhibitors"
          />
        </>
      );
    case "meeting":
      return (
        <SelectField
          name="details.recurrence"
          label={t("activities.details.recurrence")}
          required
          testId="activity-recurrence"
        >
          {MEETING_RECURRENCES.map((s) => (
            <option key={s} value={s}>
              {t(`meetingRecurrences.${s}`)}
            </option>
          ))}
        </SelectField>
      );
    case "market_study":
      return (
        <ListField
          name="details.countries"
          label={t("activities.details.countries")}
          helperText={t("activities.form.countriesHelp")}
          upper
          required
          testId="activity-countries"
        />
      );
    case "publication":
      return (
        <SelectField
          name="details.form"
          label={t("activities.details.publicationForm")}
          required
          testId="activity-publication-form"
        >
          {PUBLICATION_FORMS.map((s) => (
            <option key={s} value={s}>
              {t(`publicationForms.${s}`)}
            </option>
          ))}
        </SelectField>
      );
    default:
      return null;
  }
}

const EMPTY_SESSION = { startsOn: null, startTime: null, endTime: null, place: null, capacity: null };

/** The sessions, in order: a day, its hours, its own place and capacity. */
function Sessions() {
  const { t } = useTranslation();
  const f = useFormat();
  const { fields, append, remove } = useFieldArray({ name: "sessions" });
  const start = useWatch({ name: "startDate" }) as string | null;
  const end = useWatch({ name: "endDate" }) as string | null;
  return (
    <Box sx={{ minWidth: 0 }} data-testid="activity-sessions">
      <Box sx={{ display: "flex", alignItems: "center", gap: 1, mb: 1 }}>
        <Typography component="h3" variant="subtitle2" sx={{ flexGrow: 1 }}>
          {t("activities.sessions.title")}
        </Typography>
        <Button
          size="small"
          startIcon={<Add />}
          onClick={() => append({ ...EMPTY_SESSION, startsOn: start })}
          disabled={fields.length >= 200}
          data-testid="session-add"
        >
          {t("activities.sessions.add")}
        </Button>
      </Box>
      {fields.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          {t("activities.sessions.none")}
        </Typography>
      )}
      {fields.map((row, i) => (
        <Box
          key={row.id}
          component="fieldset"
          sx={{
            border: 1,
            borderColor: "divider",
            borderRadius: 1,
            p: 1,
            m: 0,
            mb: 1,
            display: "grid",
            gap: 1,
            alignItems: "start",
            gridTemplateColumns: {
              xs: "minmax(0, 1fr) minmax(0, 1fr)",
              md: "minmax(0, 1.4fr) minmax(0, 0.8fr) minmax(0, 0.8fr) minmax(0, 1.4fr) minmax(0, 0.8fr) auto",
            },
          }}
          data-testid="session-row"
        >
          <Box component="legend" sx={{ px: 0.5, fontSize: 13 }}>
            {t("activities.sessions.n", { n: f.num(i + 1) })}
          </Box>
          <Box sx={{ gridColumn: { xs: "1 / -1", md: "auto" } }}>
            <DateField
              name={`sessions.${i}.startsOn`}
              label={t("activities.sessions.day")}
              required
              minDate={start ?? undefined}
              maxDate={end ?? undefined}
              testId={`session-${i}-day`}
            />
          </Box>
          <TextField
            name={`sessions.${i}.startTime`}
            label={t("activities.sessions.from")}
            type="time"
            ltr
            testId={`session-${i}-from`}
          />
          <TextField
            name={`sessions.${i}.endTime`}
            label={t("activities.sessions.to")}
            type="time"
            ltr
            testId={`session-${i}-to`}
          />
          <TextField
            name={`sessions.${i}.place`}
            label={t("activities.sessions.place")}
            testId={`session-${i}-place`}
          />
          <NumberField
            name={`sessions.${i}.capacity`}
            label={t("activities.fields.capacity")}
            testId={`session-${i}-capacity`}
          />
          <Tooltip title={t("activities.sessions.remove")}>
            <IconButton onClick={() => remove(i)} aria-label={t("activities.sessions.removeN", { n: f.num(i + 1) })}>
              <DeleteOutline />
            </IconButton>
          </Tooltip>
        </Box>
      ))}
    </Box>
  );
}

/** Place in a room or a link online: the one the activity's "online" says. */
function Where() {
  const { t } = useTranslation();
  const online = useWatch({ name: "online" }) as boolean;
  return (
    <Box sx={grid2}>
      <CheckboxField name="online" label={t("activities.fields.online")} testId="activity-online" />
      {online ? (
        <TextField name="onlineLink" label={t("activities.fields.onlineLink")} ltr type="url" testId="activity-link" />
      ) : (
        <TextField name="place" label={t("activities.fields.place")} testId="activity-place" />
      )}
    </Box>
  );
}

function KindSelect({ editing }: { editing: boolean }) {
  const { t } = useTranslation();
  const { setValue } = useFormContext();
  return (
    <SelectField
      name="kind"
      label={t("activities.fields.kind")}
      required
      testId="activity-kind"
      // Another kind takes other details: start them afresh (the schemas are strict).
      onPicked={(k) => setValue("details", emptyDetails((k as ActivityKind | null) ?? "workshop"))}
      disabled={editing}
    >
      {ACTIVITY_KINDS.map((k) => (
        <option key={k} value={k}>
          {t(`activityKinds.${k}`)}
        </option>
      ))}
    </SelectField>
  );
}

/**
 * Record an activity of the cluster (POST /clusters/:id/activities) or
 * replace one (PUT /activities/:id, all its fields and its sessions):
 * its kind's details, dates, sessions, place or link, the programme it
 * serves, its cost and who pays it (the sum runs under the shares),
 * capacity, moderation and the offer's hours. The server's rule errors
 * land on their fields.
 */
export function ActivityDialog({
  clusterId,
  activity,
  onClose,
  onSaved,
}: {
  clusterId: string;
  activity?: Activity;
  onClose: () => void;
  onSaved: (a: Activity) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const rials = useRials();
  const qc = useQueryClient();
  const programmes = useProgrammes(clusterId);
  const form = useSchemaForm(ActivityInput, activity ? bodyOf(activity) : NEW_ACTIVITY);
  const startDate = form.watch("startDate") as string | null;
  return (
    <FormDialog
      form={form}
      title={activity ? t("activities.form.editTitle") : t("activities.form.newTitle")}
      onSubmit={async (body) => {
        const saved = activity
          ? await api.put<Activity>(activityPath(activity.id), body)
          : await api.post<Activity>(`/clusters/${enc(clusterId)}/activities`, body);
        await invalidateActivities(qc);
        onSaved(saved);
      }}
      codes={{
        end_before_start: "endDate",
        activity_shares_mismatch: "costRials",
        unknown_programme: "programmeId",
        unknown_trainer: "details.trainerId",
        unknown_exhibitor: "details.enterpriseIds",
      }}
      submitLabel={activity ? t("common.save") : t("activities.form.create")}
      submitTestId="activity-submit"
      onClose={onClose}
      maxWidth="md"
    >
      <Box sx={grid2}>
        <KindSelect editing={!!activity} />
        <SelectField name="status" label={t("activities.fields.status")} required testId="activity-status-field">
          {ACTIVITY_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`activityStatuses.${s}`)}
            </option>
          ))}
        </SelectField>
      </Box>
      <TextField name="title" label={t("activities.fields.title")} required testId="activity-title" />
      <KindDetails clusterId={clusterId} trainerName={activity?.details.trainerName ?? null} />
      <Box sx={grid2}>
        <DateField name="startDate" label={t("activities.fields.startDate")} required testId="activity-start" />
        <DateField
          name="endDate"
          label={t("activities.fields.endDate")}
          required
          minDate={startDate ?? undefined}
          testId="activity-end"
        />
      </Box>
      <Where />
      <Sessions />
      <SelectField
        name="programmeId"
        label={t("activities.fields.programme")}
        testId="activity-programme"
        helperText={programmes.data?.length === 0 ? t("activities.form.noProgrammes") : undefined}
      >
        <option value="">{t("activities.form.noProgramme")}</option>
        {programmes.data?.map((p) => (
          <option key={p.id} value={p.id}>
            {p.title}
          </option>
        ))}
      </SelectField>
      <Box sx={grid2}>
        <TextField name="organiser" label={t("activities.fields.organiser")} testId="activity-organiser" />
        <NumberField name="capacity" label={t("activities.fields.capacity")} testId="activity-capacity" />
        <CheckboxField name="moderated" label={t("activities.fields.moderated")} testId="activity-moderated" />
        <NumberField
          name="offerHours"
          label={t("activities.fields.offerHours")}
          required
          helperText={t("activities.form.offerHoursHelp")}
          testId="activity-offer-hours"
        />
      </Box>
      <NumberField name="costRials" label={t("activities.fields.cost")} required testId="activity-cost" />
      <Box sx={grid2}>
        {COST_SHARES.map((k) => (
          <NumberField
            key={k}
            name={`shares.${k}`}
            label={t(`costShares.${k}`)}
            required
            testId={`activity-share-${k}`}
          />
        ))}
      </Box>
      <SharesSum
        totalField="costRials"
        testId="activity-shares-sum"
        sumText={(sum, total) => t("activities.form.sharesSum", { sum: rials(sum), cost: rials(total) })}
        gapText={(gap) =>
          gap > 0
            ? t("activities.form.sharesShort", { n: f.num(gap) })
            : t("activities.form.sharesOver", { n: f.num(-gap) })
        }
      />
      <TextField
        name="description"
        label={t("activities.fields.description")}
        multiline
        minRows={3}
        testId="activity-description"
      />
    </FormDialog>
  );
}

/** The copy's body with the fields left empty as null (the form's empty), sent as absent. */
const CopyForm = ActivityCopyInput.extend({
  endDate: ActivityCopyInput.shape.endDate.unwrap().nullish(),
  title: ActivityCopyInput.shape.title.unwrap().nullish(),
});

/** Copy an activity as a template on new dates (POST /activities/:id/copy); the copy opens. */
export function CopyDialog({
  activity,
  onClose,
  onSaved,
}: {
  activity: Activity;
  onClose: () => void;
  onSaved: (a: Activity) => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useSchemaForm(CopyForm, { startDate: null, endDate: null, title: activity.title });
  const startDate = form.watch("startDate") as string | null;
  return (
    <FormDialog
      form={form}
      title={t("activities.copy.title")}
      onSubmit={async (body) => {
        const copy = await api.post<Activity>(`${activityPath(activity.id)}/copy`, {
          startDate: body.startDate,
          endDate: body.endDate ?? undefined,
          title: body.title ?? undefined,
        });
        await invalidateActivities(qc);
        onSaved(copy);
      }}
      codes={{ end_before_start: "endDate", session_outside_activity: "endDate" }}
      submitLabel={t("activities.copy.submit")}
      submitTestId="copy-submit"
      onClose={onClose}
    >
      <Typography variant="body2" color="text.secondary">
        {t("activities.copy.help")}
      </Typography>
      <TextField name="title" label={t("activities.fields.title")} testId="copy-title" />
      <DateField name="startDate" label={t("activities.copy.startDate")} required testId="copy-start" />
      <DateField
        name="endDate"
        label={t("activities.copy.endDate")}
        helperText={t("activities.copy.endHelp")}
        minDate={startDate ?? undefined}
        testId="copy-end"
      />
    </FormDialog>
  );
}
