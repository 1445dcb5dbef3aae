import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import Tab from "@mui/material/Tab";
import Tabs from "@mui/material/Tabs";
import TextField from "@mui/material/TextField";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { REGISTRATION_STATUSES } from "../../../core/schemas/activities";
import { api, errorMessage } from "../../app/api";
import { useFormat } from "../../app/format";
import { type Column, DataTable } from "../../components/DataTable";
import { WithMobileLine } from "../../components/MobileSecondLine";
import { useNotify } from "../../components/Notifier";
import { RegistrationAttendanceActions } from "./CheckInPanels";
import { enc, invalidateActivities, RegistrationStatusChip } from "./shared";
import type { Activity, Registration } from "./types";

type Status = Registration["status"];
const LIVE: readonly Status[] = ["pending", "accepted", "waitlisted", "offered"];

/** Reject a pending registration (a reason is required) or cancel a live one (a reason may be given). */
function ReasonDialog({
  registration,
  mode,
  onClose,
}: {
  registration: Registration;
  mode: "reject" | "cancel";
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const notify = useNotify();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const required = mode === "reject";
  const send = async () => {
    if (required && !reason.trim()) {
      setError(t("activities.registrations.reasonRequired"));
      return;
    }
    setBusy(true);
    try {
      const path = `/registrations/${enc(registration.id)}`;
      if (mode === "reject") await api.post(`${path}/decide`, { decision: "reject", reason: reason.trim() });
      else await api.post(`${path}/cancel`, { reason: reason.trim() || null });
      await invalidateActivities(qc);
      notify.success(
        mode === "reject" ? t("activities.registrations.rejected") : t("activities.registrations.cancelled"),
      );
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={onClose} maxWidth="xs" fullWidth>
      <DialogTitle>
        {mode === "reject"
          ? t("activities.registrations.rejectTitle", { name: registration.name })
          : t("activities.registrations.cancelTitle", { name: registration.name })}
      </DialogTitle>
      <DialogContent>
        <TextField
          label={t("activities.registrations.reason")}
          required={required}
          value={reason}
          onChange={(e) => {
            setReason(e.target.value);
            setError(null);
          }}
          error={!!error}
          helperText={error ?? undefined}
          multiline
          minRows={2}
          fullWidth
          sx={{ mt: 1 }}
          slotProps={{ htmlInput: { "data-testid": "registration-reason", maxLength: 1000 } }}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t("common.cancel")}</Button>
        <Button
          variant="contained"
          color={mode === "reject" ? "error" : "primary"}
          disabled={busy}
          onClick={() => void send()}
          data-testid="registration-reason-submit"
        >
          {mode === "reject" ? t("activities.registrations.reject") : t("activities.registrations.cancel")}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/**
 * The activity's registrations for its office: by status (the waiting list
 * with each one's place, offers with their expiry), accepting or rejecting
 * a pending one, taking an offered seat on someone's behalf, cancelling.
 * A member enterprise's user sees the same list of their own staff only (the
 * server narrows it), taking offers, cancelling, the tickets and the survey,
 * but deciding a pending one stays with the office.
 */
export function Registrations({ activity }: { activity: Activity }) {
  const { t } = useTranslation();
  const manager = activity.can.manage;
  const f = useFormat();
  const qc = useQueryClient();
  const notify = useNotify();
  const [status, setStatus] = useState<Status | "all">("all");
  const [reason, setReason] = useState<{ r: Registration; mode: "reject" | "cancel" } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const sessionLabel = new Map(
    activity.sessions.map((s, i) => [
      s.id,
      t("activities.sessions.nOn", { n: f.num(i + 1), day: f.date(s.startsOn, false) }),
    ]),
  );

  const act = async (r: Registration, what: "accept" | "acceptOffer") => {
    setBusy(r.id);
    try {
      const path = `/registrations/${enc(r.id)}`;
      if (what === "accept") await api.post(`${path}/decide`, { decision: "accept" });
      else await api.post(`${path}/accept-offer`);
      await invalidateActivities(qc);
      notify.success(t("activities.registrations.accepted"));
    } catch (e) {
      notify.error(e);
    } finally {
      setBusy(null);
    }
  };

  const columns: Column<Registration>[] = [
    {
      key: "name",
      label: t("activities.registrations.name"),
      render: (r) => (
        <WithMobileLine
          main={
            <Box component="span" sx={{ fontWeight: 600 }} data-testid="registration-name">
              <bdi>{r.name}</bdi>
            </Box>
          }
          line={r.mobile ? <bdi dir="ltr">{f.digits(r.mobile)}</bdi> : null}
        />
      ),
    },
    {
      key: "mobile",
      label: t("activities.registrations.mobile"),
      render: (r) => (r.mobile ? <bdi dir="ltr">{f.digits(r.mobile)}</bdi> : "—"),
      hideOnMobile: true,
    },
    ...(activity.sessions.length > 0
      ? [
          {
            key: "session",
            label: t("activities.registrations.session"),
            render: (r: Registration) =>
              r.sessionId ? (sessionLabel.get(r.sessionId) ?? "") : t("activities.register.wholeActivity"),
            hideOnMobile: true,
          },
        ]
      : []),
    {
      key: "status",
      label: t("activities.fields.status"),
      render: (r) => (
        <Box sx={{ display: "flex", flexWrap: "wrap", gap: 0.5, alignItems: "center" }}>
          <RegistrationStatusChip status={r.status} />
          {r.position !== null && (
            <Box component="span" sx={{ fontSize: 13 }} data-testid="registration-position">
              {t("activities.registrations.positionN", { n: f.num(r.position) })}
            </Box>
          )}
          {r.offeredUntil && (
            <Box component="span" sx={{ fontSize: 13 }} data-testid="registration-offer-until">
              {t("activities.registrations.offeredUntil", { at: f.date(r.offeredUntil) })}
            </Box>
          )}
          {r.reason && (
            <Box component="span" sx={{ fontSize: 13, color: "text.secondary" }}>
              <bdi>{r.reason}</bdi>
            </Box>
          )}
        </Box>
      ),
    },
    {
      key: "actions",
      label: t("activities.registrations.actions"),
      render: (r) => (
        <Box sx={{ display: "flex", flexWrap: "wrap", gap: 0.5 }}>
          {manager && r.status === "pending" && (
            <>
              <Button
                size="small"
                disabled={busy === r.id}
                onClick={() => void act(r, "accept")}
                data-testid="registration-accept"
              >
                {t("activities.registrations.accept")}
              </Button>
              <Button
                size="small"
                color="error"
                onClick={() => setReason({ r, mode: "reject" })}
                data-testid="registration-reject"
              >
                {t("activities.registrations.reject")}
              </Button>
            </>
          )}
          {r.status === "offered" && (
            <Button
              size="small"
              disabled={busy === r.id}
              onClick={() => void act(r, "acceptOffer")}
              data-testid="registration-take-offer"
            >
              {t("activities.registrations.takeOffer")}
            </Button>
          )}
          <RegistrationAttendanceActions activity={activity} registration={r} />
          {LIVE.includes(r.status) && (
            <Button size="small" onClick={() => setReason({ r, mode: "cancel" })} data-testid="registration-cancel">
              {t("activities.registrations.cancel")}
            </Button>
          )}
        </Box>
      ),
    },
  ];

  return (
    <Box data-testid="registrations">
      <Tabs
        value={status}
        onChange={(_e, v: Status | "all") => setStatus(v)}
        variant="scrollable"
        allowScrollButtonsMobile
        aria-label={t("activities.registrations.byStatus")}
        sx={{ mb: 1 }}
      >
        <Tab value="all" label={t("activities.registrations.all")} data-testid="registrations-tab-all" />
        {REGISTRATION_STATUSES.map((s) => (
          <Tab key={s} value={s} label={t(`registrationStatuses.${s}`)} data-testid={`registrations-tab-${s}`} />
        ))}
      </Tabs>
      <DataTable<Registration>
        path={`/activities/${enc(activity.id)}/registrations`}
        columns={columns}
        rowKey={(r) => r.id}
        params={{ status: status === "all" ? undefined : status }}
        emptyText={manager ? t("activities.registrations.empty") : t("activities.registrations.staffEmpty")}
        testId="registrations-table"
        ariaLabel={manager ? t("activities.registrations.title") : t("activities.registrations.staffTitle")}
      />
      {reason && <ReasonDialog registration={reason.r} mode={reason.mode} onClose={() => setReason(null)} />}
    </Box>
  );
}
