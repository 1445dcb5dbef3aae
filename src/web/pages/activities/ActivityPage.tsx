import CalendarMonthOutlined from "@mui/icons-material/CalendarMonthOutlined";
import ContentCopy from "@mui/icons-material/ContentCopy";
import EditOutlined from "@mui/icons-material/EditOutlined";
import EventBusyOutlined from "@mui/icons-material/EventBusyOutlined";
import HowToRegOutlined from "@mui/icons-material/HowToRegOutlined";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Link from "@mui/material/Link";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import Typography from "@mui/material/Typography";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link as RouterLink, useNavigate, useParams } from "react-router";
import { api } from "../../app/api";
import { useFormat } from "../../app/format";
import { BackButton } from "../../components/BackButton";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { ErrorState } from "../../components/ErrorState";
import { Loading } from "../../components/Loading";
import { useNotify } from "../../components/Notifier";
import { PageHeader } from "../../components/PageHeader";
import { Section } from "../../components/Section";
import { ActivityDialog, bodyOf, CopyDialog } from "./ActivityDialog";
import { ActivityAttendancePanels, CheckInLink } from "./CheckInPanels";
import { PublicLinkButton } from "./PublicLinkDialog";
import { RegisterDialog } from "./RegisterDialog";
import { Registrations } from "./Registrations";
import {
  ActivityStatusChip,
  activityPath,
  calendarPath,
  enc,
  invalidateActivities,
  KindChip,
  seatsLeft,
  useActivity,
  useDateRange,
  useOwnEnterprises,
  useRials,
} from "./shared";
import type { Activity } from "./types";

function Fact({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <Box sx={{ minWidth: 0 }}>
      <Box component="dt" sx={{ color: "text.secondary", fontSize: 12 }}>
        {label}
      </Box>
      <Box component="dd" sx={{ m: 0, fontWeight: 500, overflowWrap: "anywhere" }} data-testid={testId}>
        {children}
      </Box>
    </Box>
  );
}

function Facts({ children }: { children: React.ReactNode }) {
  return (
    <Box
      component="dl"
      sx={{
        m: 0,
        display: "grid",
        gap: 1.5,
        gridTemplateColumns: { xs: "repeat(2, minmax(0, 1fr))", sm: "repeat(auto-fill, minmax(170px, 1fr))" },
      }}
    >
      {children}
    </Box>
  );
}

/** The kind's own facts: a training's hours and trainer, a tour's destinations, an exhibition's booth… */
function KindFacts({ activity }: { activity: Activity }) {
  const { t } = useTranslation();
  const f = useFormat();
  const d = activity.details;
  switch (activity.kind) {
    case "training":
      return (
        <>
          <Fact label={t("activities.details.hours")}>{f.num(d.hours ?? 0)}</Fact>
          {d.mode && <Fact label={t("activities.details.mode")}>{t(`trainingModes.${d.mode}`)}</Fact>}
          <Fact label={t("activities.details.trainer")} testId="activity-trainer-name">
            {d.trainerName ? <bdi>{d.trainerName}</bdi> : "—"}
          </Fact>
        </>
      );
    case "tour":
      return (
        <>
          {d.scope && <Fact label={t("activities.details.scope")}>{t(`tourScopes.${d.scope}`)}</Fact>}
          <Fact label={t("activities.details.destinations")}>
            <bdi>{(d.destinations ?? []).join("، ")}</bdi>
          </Fact>
        </>
      );
    case "exhibition":
      return (
        <>
          <Fact label={t("activities.details.exhibitionName")}>
            <bdi>{d.name}</bdi>
          </Fact>
          {d.form === "booth" || d.form === "pavilion" ? (
            <Fact label={t("activities.details.exhibitionForm")}>{t(`exhibitionForms.${d.form}`)}</Fact>
          ) : null}
          {d.areaM2 != null && <Fact label={t("activities.details.area")}>{f.num(d.areaM2)}</Fact>}
          <Fact label={t("activities.details.exhibitors")}>{f.num(d.enterpriseIds?.length ?? 0)}</Fact>
        </>
      );
    case "meeting":
      return d.recurrence ? (
        <Fact label={t("activities.details.recurrence")}>{t(`meetingRecurrences.${d.recurrence}`)}</Fact>
      ) : null;
    case "market_study":
      return (
        <Fact label={t("activities.details.countries")}>
          <bdi dir="ltr">{(d.countries ?? []).join(", ")}</bdi>
        </Fact>
      );
    case "publication":
      return d.form && d.form !== "booth" && d.form !== "pavilion" ? (
        <Fact label={t("activities.details.publicationForm")}>{t(`publicationForms.${d.form}`)}</Fact>
      ) : null;
    default:
      return null;
  }
}

function SessionsTable({ activity }: { activity: Activity }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (activity.sessions.length === 0)
    return (
      <Typography variant="body2" color="text.secondary">
        {t("activities.sessions.none")}
      </Typography>
    );
  return (
    // A scrolling box is reachable by keyboard and named (a phone scrolls the table sideways).
    <Box sx={{ overflowX: "auto" }} tabIndex={0} role="region" aria-label={t("activities.sessions.title")}>
      <Table size="small" data-testid="activity-sessions-table">
        <TableHead>
          <TableRow>
            <TableCell>{t("activities.sessions.day")}</TableCell>
            <TableCell>{t("activities.sessions.hours")}</TableCell>
            <TableCell>{t("activities.sessions.place")}</TableCell>
            <TableCell>{t("activities.fields.capacity")}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {activity.sessions.map((s) => (
            <TableRow key={s.id} data-testid="activity-session">
              <TableCell sx={{ whiteSpace: "nowrap" }}>{f.date(s.startsOn, false)}</TableCell>
              <TableCell sx={{ whiteSpace: "nowrap" }}>
                {s.startTime ? f.digits(s.endTime ? `${s.startTime}–${s.endTime}` : s.startTime) : "—"}
              </TableCell>
              <TableCell>{s.place ? <bdi>{s.place}</bdi> : "—"}</TableCell>
              <TableCell>{s.capacity === null ? "—" : f.num(s.capacity)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

/** How many wait (the waiting list's total: one counted page of one row). */
function useWaiting(activity: Activity | undefined) {
  const path = `/activities/${enc(activity?.id ?? "")}/registrations`;
  return useQuery({
    queryKey: [path, "waiting"],
    queryFn: ({ signal }) => api.get<{ total: number }>(path, { status: "waitlisted", limit: 1 }, signal),
    enabled: !!activity?.can.manage,
    select: (p) => p.total,
  });
}

/**
 * An activity: its facts, kind's details, sessions, seats left and how many
 * wait; for its office the registrations (moderation, offers, cancelling),
 * the public registration link, editing, copying as a template and
 * cancelling the activity; for a member enterprise's user registering their
 * staff and their staff's registrations (offers, cancelling, tickets, survey).
 */
export default function ActivityPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const f = useFormat();
  const range = useDateRange();
  const rials = useRials();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const notify = useNotify();
  const q = useActivity(id);
  const waiting = useWaiting(q.data);
  const own = useOwnEnterprises();
  const [dialog, setDialog] = useState<"edit" | "copy" | "register" | "cancel" | null>(null);
  const [busy, setBusy] = useState(false);

  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const a = q.data;
  const manage = a.can.manage;
  const mine = own.find((o) => o.clusterId === a.clusterId);
  const open = a.status === "planned";
  const left = seatsLeft(a.capacity, a.seatsTaken);

  const cancelActivity = async () => {
    setBusy(true);
    try {
      await api.put(activityPath(a.id), { ...bodyOf(a), status: "cancelled" });
      await invalidateActivities(qc);
      notify.success(t("activities.page.cancelledNote"));
      setDialog(null);
    } catch (e) {
      notify.error(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <BackButton to="/activities" label={t("activities.list.title")} />
      <PageHeader
        title={a.title}
        testId="activity-title-heading"
        actions={
          <Box sx={{ display: "flex", flexWrap: "wrap", gap: 1 }}>
            {open && (manage || mine) && (
              <Button
                variant="contained"
                startIcon={<HowToRegOutlined />}
                onClick={() => setDialog("register")}
                data-testid="activity-register"
              >
                {manage ? t("activities.page.register") : t("activities.page.registerStaff")}
              </Button>
            )}
            {manage && (
              <>
                <CheckInLink activity={a} />
                {open && <PublicLinkButton activityId={a.id} />}
                <Button startIcon={<EditOutlined />} onClick={() => setDialog("edit")} data-testid="activity-edit">
                  {t("activities.page.edit")}
                </Button>
                <Button startIcon={<ContentCopy />} onClick={() => setDialog("copy")} data-testid="activity-copy">
                  {t("activities.page.copy")}
                </Button>
                {open && (
                  <Button
                    color="error"
                    startIcon={<EventBusyOutlined />}
                    onClick={() => setDialog("cancel")}
                    data-testid="activity-cancel"
                  >
                    {t("activities.page.cancel")}
                  </Button>
                )}
              </>
            )}
          </Box>
        }
      />
      <Box sx={{ display: "grid", gap: 2 }}>
        <Section
          title={t("activities.page.details")}
          testId="activity-details"
          actions={
            <Box sx={{ display: "flex", gap: 0.5, flexWrap: "wrap", alignItems: "center" }}>
              <KindChip kind={a.kind} />
              <ActivityStatusChip status={a.status} />
            </Box>
          }
        >
          <Facts>
            <Fact label={t("activities.fields.dates")} testId="activity-dates">
              {range(a)}
            </Fact>
            <Fact label={t("activities.fields.cluster")}>
              <Link component={RouterLink} to={`/clusters/${enc(a.clusterId)}`}>
                <bdi>{a.clusterName}</bdi>
              </Link>
            </Fact>
            <Fact label={a.online ? t("activities.fields.onlineLink") : t("activities.fields.place")}>
              {a.online ? (
                a.onlineLink ? (
                  <Link href={a.onlineLink} target="_blank" rel="noopener noreferrer" dir="ltr">
                    {a.onlineLink}
                  </Link>
                ) : (
                  t("activities.fields.online")
                )
              ) : a.place ? (
                <bdi>{a.place}</bdi>
              ) : (
                "—"
              )}
            </Fact>
            <Fact label={t("activities.fields.programme")} testId="activity-programme-title">
              {a.programmeTitle ? <bdi>{a.programmeTitle}</bdi> : t("activities.form.noProgramme")}
            </Fact>
            <Fact label={t("activities.fields.organiser")}>{a.organiser ? <bdi>{a.organiser}</bdi> : "—"}</Fact>
            <Fact label={t("activities.fields.seats")} testId="activity-seats">
              {left === null
                ? t("activities.seats.noLimit", { taken: f.num(a.seatsTaken) })
                : t("activities.seats.left", { left: f.num(left), capacity: f.num(a.capacity ?? 0) })}
            </Fact>
            {manage && (
              <Fact label={t("activities.page.waiting")} testId="activity-waiting">
                {waiting.data === undefined ? "…" : f.num(waiting.data)}
              </Fact>
            )}
            <Fact label={t("activities.fields.moderated")}>
              {a.moderated ? t("activities.page.yes") : t("activities.page.no")}
            </Fact>
            <Fact label={t("activities.fields.offerHours")}>{f.num(a.offerHours)}</Fact>
            <Fact label={t("activities.fields.cost")} testId="activity-cost-value">
              {rials(a.costRials)}
            </Fact>
            <KindFacts activity={a} />
          </Facts>
          {a.costRials > 0 && (
            <Typography variant="body2" sx={{ mt: 1.5 }} data-testid="activity-shares">
              {(["national", "province", "members", "others"] as const)
                .filter((k) => a.shares[k] > 0)
                .map((k) => `${t(`costShares.${k}`)}: ${rials(a.shares[k])}`)
                .join(" · ")}
            </Typography>
          )}
          {a.description && (
            <Typography variant="body2" sx={{ mt: 1.5, whiteSpace: "pre-wrap" }}>
              <bdi>{a.description}</bdi>
            </Typography>
          )}
          <Box sx={{ mt: 1.5 }}>
            <Button
              component={RouterLink}
              to={`${calendarPath(a.clusterId)}?day=${a.startDate}`}
              size="small"
              startIcon={<CalendarMonthOutlined />}
            >
              {t("activities.page.inCalendar")}
            </Button>
          </Box>
        </Section>
        <Section title={t("activities.sessions.title")} testId="activity-sessions-section">
          <SessionsTable activity={a} />
        </Section>
        {(manage || mine) && (
          <Section
            title={manage ? t("activities.registrations.title") : t("activities.registrations.staffTitle")}
            testId="activity-registrations"
          >
            <Registrations activity={a} />
          </Section>
        )}
        <ActivityAttendancePanels activity={a} />
      </Box>
      {dialog === "edit" && (
        <ActivityDialog
          clusterId={a.clusterId}
          activity={a}
          onClose={() => setDialog(null)}
          onSaved={() => setDialog(null)}
        />
      )}
      {dialog === "copy" && (
        <CopyDialog
          activity={a}
          onClose={() => setDialog(null)}
          onSaved={(copy) => {
            setDialog(null);
            void navigate(activityPath(copy.id));
          }}
        />
      )}
      {dialog === "register" && (
        <RegisterDialog
          activity={a}
          manager={manage}
          enterpriseId={mine?.enterpriseId}
          onClose={() => setDialog(null)}
        />
      )}
      <ConfirmDialog
        open={dialog === "cancel"}
        title={t("activities.page.cancelTitle")}
        message={t("activities.page.cancelMessage")}
        confirmLabel={t("activities.page.cancel")}
        danger
        busy={busy}
        onConfirm={() => void cancelActivity()}
        onClose={() => setDialog(null)}
      />
    </>
  );
}
