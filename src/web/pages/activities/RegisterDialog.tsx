import DeleteOutline from "@mui/icons-material/DeleteOutline";
import PersonAddAlt from "@mui/icons-material/PersonAddAlt";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import IconButton from "@mui/material/IconButton";
import List from "@mui/material/List";
import ListItem from "@mui/material/ListItem";
import ListItemText from "@mui/material/ListItemText";
import { useTheme } from "@mui/material/styles";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import useMediaQuery from "@mui/material/useMediaQuery";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { toAsciiDigits } from "../../../core/normalize";
import { ApiError, api, errorMessage } from "../../app/api";
import { useFormat } from "../../app/format";
import { SelectField } from "../../components/SelectField";
import { PersonPicker } from "./fields";
import { activityPath, invalidateActivities, RegistrationStatusChip } from "./shared";
import type { Activity, Registration } from "./types";

type NewEntry = { personId: string; label: string } | { name: string; mobile: string };
type Entry = NewEntry & { key: number };

const MOBILE = /^09\d{9}$/;

const labelOf = (e: Entry) => ("personId" in e ? e.label : e.name);

/**
 * Register people for the activity or one of its sessions, several at once
 * (POST /activities/:id/registrations). The cluster's office picks anyone
 * of the directory or types a name and mobile (a walk-in, the public); a
 * member enterprise's user picks their own staff. The answer lists where
 * each landed: a seat, the waiting list (with the place) or the manager's
 * decision; someone already registered is shown on their row.
 */
export function RegisterDialog({
  activity,
  manager,
  enterpriseId,
  onClose,
}: {
  activity: Activity;
  manager: boolean;
  /** The member user's own enterprise (their staff only). */
  enterpriseId?: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const theme = useTheme();
  const fullScreen = useMediaQuery(theme.breakpoints.down("sm"));
  const [entries, setEntries] = useState<Entry[]>([]);
  const [next, setNext] = useState(1);
  const [name, setName] = useState("");
  const [mobile, setMobile] = useState("");
  const [sessionId, setSessionId] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; row: number | null } | null>(null);
  const [done, setDone] = useState<Registration[] | null>(null);

  const mobileDigits = toAsciiDigits(mobile.trim());
  const mobileBad = mobile.trim() !== "" && !MOBILE.test(mobileDigits);
  const add = (e: NewEntry) => {
    setEntries((list) => [...list, { ...e, key: next }]);
    setNext((n) => n + 1);
    setError(null);
  };

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const people = entries.map((e) =>
        "personId" in e ? { personId: e.personId } : { name: e.name, mobile: e.mobile },
      );
      const r = await api.post<{ items: Registration[] }>(`${activityPath(activity.id)}/registrations`, {
        people,
        sessionId: sessionId || null,
      });
      await invalidateActivities(qc);
      setDone(r.items);
    } catch (e) {
      // The problem names the row it is about (body.people.<i>…): that row is marked.
      const path = e instanceof ApiError ? e.errors[0]?.path : undefined;
      const m = path ? /people\.(\d+)/.exec(path) : null;
      setError({ message: errorMessage(e), row: m ? Number(m[1]) : null });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open onClose={onClose} fullScreen={fullScreen} maxWidth="sm" fullWidth>
      <DialogTitle>{t("activities.register.title", { title: activity.title })}</DialogTitle>
      <DialogContent>
        {done ? (
          <Box data-testid="register-result">
            <Typography variant="body2" sx={{ mb: 1 }}>
              {t("activities.register.done", { n: f.num(done.length) })}
            </Typography>
            <List dense disablePadding>
              {done.map((r) => (
                <ListItem
                  key={r.id}
                  divider
                  disableGutters
                  sx={{ gap: 1, flexWrap: "wrap" }}
                  data-testid="register-result-row"
                >
                  <ListItemText primary={<bdi>{r.name}</bdi>} />
                  <RegistrationStatusChip status={r.status} />
                  {r.position !== null && (
                    <Typography variant="caption">
                      {t("activities.registrations.positionN", { n: f.num(r.position) })}
                    </Typography>
                  )}
                </ListItem>
              ))}
            </List>
          </Box>
        ) : (
          <Box sx={{ display: "grid", gap: 2, pt: 1 }}>
            {error && (
              <Alert severity="error" data-testid="register-error">
                {error.row !== null && entries[error.row]
                  ? t("activities.register.rowError", { who: labelOf(entries[error.row]!), message: error.message })
                  : error.message}
              </Alert>
            )}
            {activity.sessions.length > 0 && (
              <SelectField
                label={t("activities.register.session")}
                value={sessionId}
                onChange={setSessionId}
                testId="register-session"
              >
                <option value="">{t("activities.register.wholeActivity")}</option>
                {activity.sessions.map((s, i) => (
                  <option key={s.id} value={s.id}>
                    {t("activities.sessions.nOn", { n: f.num(i + 1), day: f.date(s.startsOn, false) })}
                  </option>
                ))}
              </SelectField>
            )}
            <PersonPicker
              label={manager ? t("activities.register.person") : t("activities.register.staff")}
              clusterId={activity.clusterId}
              enterpriseId={manager ? undefined : enterpriseId}
              value={null}
              onChange={(id, p) => {
                if (!id || !p) return;
                if (entries.some((e) => "personId" in e && e.personId === id)) return;
                add({ personId: id, label: p.name });
              }}
              filterItem={(p) => !entries.some((e) => "personId" in e && e.personId === p.id)}
              helperText={manager ? undefined : t("activities.register.staffHelp")}
              testId="register-person"
            />
            {manager && (
              <Box
                component="fieldset"
                sx={{ border: 1, borderColor: "divider", borderRadius: 1, p: 1.5, m: 0, display: "grid", gap: 1 }}
              >
                <Box component="legend" sx={{ px: 0.5, fontSize: 13 }}>
                  {t("activities.register.freeName")}
                </Box>
                <Box
                  sx={{
                    display: "grid",
                    gap: 1,
                    gridTemplateColumns: { xs: "1fr", sm: "1fr 1fr auto" },
                    alignItems: "start",
                  }}
                >
                  <TextField
                    label={t("activities.register.name")}
                    value={name}
                    onChange={(e) => setName(e.target.value)}
                    slotProps={{ htmlInput: { "data-testid": "register-name", maxLength: 200 } }}
                  />
                  <TextField
                    label={t("activities.register.mobile")}
                    value={mobile}
                    onChange={(e) => setMobile(e.target.value)}
                    error={mobileBad}
                    helperText={mobileBad ? t("activities.register.mobileBad") : undefined}
                    slotProps={{ htmlInput: { "data-testid": "register-mobile", dir: "ltr", inputMode: "tel" } }}
                  />
                  <Button
                    startIcon={<PersonAddAlt />}
                    disabled={!name.trim() || !MOBILE.test(mobileDigits)}
                    onClick={() => {
                      add({ name: name.trim(), mobile: mobileDigits });
                      setName("");
                      setMobile("");
                    }}
                    data-testid="register-add-name"
                    sx={{ mt: 1 }}
                  >
                    {t("activities.register.addName")}
                  </Button>
                </Box>
              </Box>
            )}
            <Box>
              <Typography component="h3" variant="subtitle2">
                {t("activities.register.chosen", { n: f.num(entries.length) })}
              </Typography>
              {entries.length === 0 ? (
                <Typography variant="body2" color="text.secondary">
                  {t("activities.register.noneChosen")}
                </Typography>
              ) : (
                <List dense disablePadding data-testid="register-entries">
                  {entries.map((e, i) => {
                    const label = labelOf(e);
                    return (
                      <ListItem
                        key={e.key}
                        divider
                        disableGutters
                        data-testid="register-entry"
                        sx={
                          error?.row === i ? { bgcolor: "error.50", outline: 2, outlineColor: "error.main" } : undefined
                        }
                        secondaryAction={
                          <IconButton
                            edge="end"
                            aria-label={t("activities.register.removeN", { name: label })}
                            onClick={() => {
                              setEntries((list) => list.filter((x) => x.key !== e.key));
                              setError(null);
                            }}
                          >
                            <DeleteOutline />
                          </IconButton>
                        }
                      >
                        <ListItemText
                          primary={<bdi>{label}</bdi>}
                          secondary={"mobile" in e ? <bdi dir="ltr">{f.digits(e.mobile)}</bdi> : undefined}
                        />
                      </ListItem>
                    );
                  })}
                </List>
              )}
            </Box>
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        {done ? (
          <Button variant="contained" onClick={onClose} data-testid="register-close">
            {t("activities.register.close")}
          </Button>
        ) : (
          <>
            <Button onClick={onClose}>{t("common.cancel")}</Button>
            <Button
              variant="contained"
              disabled={busy || entries.length === 0}
              onClick={() => void submit()}
              data-testid="register-submit"
            >
              {t("activities.register.submit", { n: f.num(entries.length) })}
            </Button>
          </>
        )}
      </DialogActions>
    </Dialog>
  );
}
