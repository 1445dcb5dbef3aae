import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Dialog from "@mui/material/Dialog";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import FormControlLabel from "@mui/material/FormControlLabel";
import Radio from "@mui/material/Radio";
import RadioGroup from "@mui/material/RadioGroup";
import { useTheme } from "@mui/material/styles";
import TextField from "@mui/material/TextField";
import useMediaQuery from "@mui/material/useMediaQuery";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { toAsciiDigits } from "../../../core/normalize";
import type { DirectoryItem } from "../../../core/schemas/members";
import { ApiError, api, errorMessage } from "../../app/api";
import { DialogActionsRow } from "../../components/DialogActionsRow";
import { EnterprisePicker } from "../../components/pickers";
import { RemoteAutocomplete } from "../../components/RemoteAutocomplete";
import type { CheckInItem } from "./CheckInPage";
import { parseHours } from "./CheckInRules";
import { activityPath } from "./shared";
import type { Activity } from "./types";

type Source = "directory" | "new";
type FieldName = "personId" | "name" | "mobile" | "hours" | "enterpriseId";

/** A mobile typed with Persian digits, spaces or dashes, as the server takes it (09…). */
function mobileOf(text: string): string {
  return toAsciiDigits(text).replace(/[\s-]/g, "");
}

/**
 * Someone at the door who did not register: a person of the cluster's
 * directory, or a name and mobile (and their enterprise). They become an
 * accepted registration flagged as a walk-in, checked in at once.
 */
export function CheckInWalkInDialog({
  activity,
  sessionId,
  onClose,
  onSaved,
}: {
  activity: Activity;
  sessionId: string | null;
  onClose: () => void;
  onSaved: (row: CheckInItem) => void;
}) {
  const { t } = useTranslation();
  const theme = useTheme();
  const fullScreen = useMediaQuery(theme.breakpoints.down("sm"));
  const [source, setSource] = useState<Source>("directory");
  const [personId, setPersonId] = useState<string | null>(null);
  const [name, setName] = useState("");
  const [mobile, setMobile] = useState("");
  const [enterpriseId, setEnterpriseId] = useState<string | null>(null);
  const [hours, setHours] = useState("");
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    const own: Partial<Record<FieldName, string>> = {};
    const h = hours.trim() === "" ? undefined : parseHours(hours);
    if (h !== undefined && Number.isNaN(h)) own.hours = t("checkIn.hoursInvalid");
    if (source === "directory" && !personId) own.personId = t("checkIn.walkInForm.personRequired");
    if (source === "new") {
      if (name.trim() === "") own.name = t("checkIn.walkInForm.nameRequired");
      if (!/^09\d{9}$/.test(mobileOf(mobile))) own.mobile = t("checkIn.walkInForm.mobileInvalid");
    }
    setErrors(own);
    setAlert(null);
    if (Object.keys(own).length > 0) return;
    const body =
      source === "directory"
        ? { sessionId, personId, hours: h }
        : { sessionId, name: name.trim(), mobile: mobileOf(mobile), enterpriseId: enterpriseId ?? undefined, hours: h };
    setBusy(true);
    try {
      onSaved(await api.post<CheckInItem>(`${activityPath(activity.id)}/walk-ins`, body));
    } catch (e) {
      // The server's per-field messages go under their fields; anything else above the form.
      const fields: Partial<Record<FieldName, string>> = {};
      if (e instanceof ApiError)
        for (const fe of e.errors) {
          const key = fe.path.split(".").pop() as FieldName | undefined;
          if (key && ["personId", "name", "mobile", "hours", "enterpriseId"].includes(key)) fields[key] = fe.message;
        }
      setErrors(fields);
      if (Object.keys(fields).length === 0) setAlert(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" fullScreen={fullScreen}>
      <form
        noValidate
        style={{ display: "contents" }}
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <DialogTitle>{t("checkIn.walkInForm.title")}</DialogTitle>
        <DialogContent>
          <Box sx={{ display: "grid", gap: 2, pt: 1 }}>
            {alert && <Alert severity="error">{alert}</Alert>}
            <RadioGroup
              row
              aria-label={t("checkIn.walkInForm.source")}
              value={source}
              onChange={(e) => setSource(e.target.value as Source)}
            >
              <FormControlLabel
                value="directory"
                control={<Radio />}
                label={t("checkIn.walkInForm.fromDirectory")}
                data-testid="walk-in-directory"
              />
              <FormControlLabel
                value="new"
                control={<Radio />}
                label={t("checkIn.walkInForm.newPerson")}
                data-testid="walk-in-new"
              />
            </RadioGroup>
            {source === "directory" ? (
              <RemoteAutocomplete<DirectoryItem>
                path="/directory"
                params={{ kind: "person", clusterId: activity.clusterId }}
                value={personId}
                onChange={(id) => setPersonId(id)}
                getId={(p) => p.id}
                getLabel={(p) => p.name}
                getSecondary={(p) => p.enterpriseName}
                label={t("checkIn.walkInForm.person")}
                testId="walk-in-person"
                error={!!errors.personId}
                helperText={errors.personId}
                required
              />
            ) : (
              <>
                <TextField
                  label={t("checkIn.walkInForm.name")}
                  value={name}
                  onChange={(e) => setName(e.target.value)}
                  error={!!errors.name}
                  helperText={errors.name}
                  required
                  slotProps={{ htmlInput: { "data-testid": "walk-in-name", autoComplete: "off" } }}
                />
                <TextField
                  label={t("checkIn.walkInForm.mobile")}
                  value={mobile}
                  onChange={(e) => setMobile(e.target.value)}
                  error={!!errors.mobile}
                  helperText={errors.mobile ?? t("checkIn.walkInForm.mobileHelp")}
                  required
                  slotProps={{ htmlInput: { "data-testid": "walk-in-mobile", inputMode: "tel", dir: "ltr" } }}
                />
                <EnterprisePicker
                  clusterId={activity.clusterId}
                  value={enterpriseId}
                  onChange={(id) => setEnterpriseId(id)}
                  label={t("checkIn.walkInForm.enterprise")}
                  testId="walk-in-enterprise"
                  error={!!errors.enterpriseId}
                  helperText={errors.enterpriseId}
                />
              </>
            )}
            <TextField
              label={t("checkIn.hours")}
              value={hours}
              onChange={(e) => setHours(e.target.value)}
              error={!!errors.hours}
              helperText={errors.hours ?? t("checkIn.walkInForm.hoursHelp")}
              slotProps={{ htmlInput: { inputMode: "decimal", "data-testid": "walk-in-hours" } }}
            />
          </Box>
        </DialogContent>
        <DialogActionsRow
          onCancel={onClose}
          submitLabel={t("checkIn.walkInForm.submit")}
          disabled={busy}
          testId="walk-in-submit"
        />
      </form>
    </Dialog>
  );
}
