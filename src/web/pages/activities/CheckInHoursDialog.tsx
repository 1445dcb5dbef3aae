import Dialog from "@mui/material/Dialog";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import TextField from "@mui/material/TextField";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, errorMessage } from "../../app/api";
import { useFormat } from "../../app/format";
import { DialogActionsRow } from "../../components/DialogActionsRow";
import type { CheckInItem } from "./CheckInPage";
import { parseHours } from "./CheckInRules";
import { activityPath, enc } from "./shared";

/** The hours a checked-in person attended this session (they left early, came late). */
export function CheckInHoursDialog({
  activityId,
  sessionId,
  row,
  onClose,
  onSaved,
}: {
  activityId: string;
  sessionId: string | null;
  row: CheckInItem;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const [text, setText] = useState(row.hours === null ? "" : f.digits(row.hours));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    const hours = parseHours(text);
    if (Number.isNaN(hours)) {
      setError(t("checkIn.hoursInvalid"));
      return;
    }
    setBusy(true);
    try {
      await api.patch(`${activityPath(activityId)}/check-ins/${enc(row.registrationId)}`, { sessionId, hours });
      onSaved();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="xs">
      <form
        noValidate
        style={{ display: "contents" }}
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <DialogTitle>{t("checkIn.hoursTitle", { name: row.name })}</DialogTitle>
        <DialogContent>
          <TextField
            autoFocus
            margin="dense"
            label={t("checkIn.hours")}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setError(null);
            }}
            error={!!error}
            helperText={error ?? t("checkIn.hoursHelp")}
            fullWidth
            slotProps={{ htmlInput: { inputMode: "decimal", "data-testid": "check-in-hours-input" } }}
          />
        </DialogContent>
        <DialogActionsRow
          onCancel={onClose}
          submitLabel={t("checkIn.hoursSave")}
          disabled={busy}
          testId="check-in-hours-save"
        />
      </form>
    </Dialog>
  );
}
