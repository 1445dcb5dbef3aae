import ChevronLeft from "@mui/icons-material/ChevronLeft";
import ChevronRight from "@mui/icons-material/ChevronRight";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import IconButton from "@mui/material/IconButton";
import Link from "@mui/material/Link";
import Paper from "@mui/material/Paper";
import { useTheme } from "@mui/material/styles";
import Tooltip from "@mui/material/Tooltip";
import Typography from "@mui/material/Typography";
import useMediaQuery from "@mui/material/useMediaQuery";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link as RouterLink, useParams } from "react-router";
import { todayIso } from "../../../core/jalali";
import { api } from "../../app/api";
import { useFormat } from "../../app/format";
import { clusterName } from "../../app/lookups";
import type { ClusterDetail } from "../../app/types";
import { BackButton } from "../../components/BackButton";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { Loading } from "../../components/Loading";
import { PageHeader } from "../../components/PageHeader";
import { useQueryParams } from "../../components/useQueryParams";
import {
  agendaOf,
  type DayItem,
  dayOfMonth,
  firstDayOf,
  itemsByDay,
  type JalaliMonth,
  monthOf,
  shiftMonth,
  weekdayOf,
  weeksOf,
} from "./calendar";
import { activityPath, enc, useDateRange } from "./shared";
import type { Calendar } from "./types";

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** One activity on a day: its sessions' hours that day, its title linking to its page. */
function DayEntry({ item, compact }: { item: DayItem; compact?: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const range = useDateRange();
  const a = item.activity;
  const times = item.sessions
    .map((s) => (s.startTime ? (s.endTime ? `${s.startTime}–${s.endTime}` : s.startTime) : null))
    .filter(Boolean)
    .join("، ");
  const cancelled = a.status === "cancelled";
  return (
    <Box
      component="li"
      data-testid="calendar-entry"
      data-activity={a.id}
      data-session={item.sessions.length > 0}
      sx={{
        borderInlineStart: 3,
        borderColor: item.sessions.length > 0 ? "primary.main" : "divider",
        paddingInlineStart: "6px",
        py: 0.25,
        fontSize: compact ? 12 : 14,
        lineHeight: 1.4,
        minWidth: 0,
        overflowWrap: "anywhere",
      }}
    >
      {times && (
        <>
          <Box component="span" sx={{ fontWeight: 600 }}>
            <bdi dir="ltr">{f.digits(times)}</bdi>
          </Box>{" "}
        </>
      )}
      <Link
        component={RouterLink}
        to={activityPath(a.id)}
        sx={{ textDecoration: cancelled ? "line-through" : undefined }}
        underline="hover"
      >
        <bdi>{a.title}</bdi>
      </Link>
      {!compact && " "}
      {!compact && (
        <Typography component="span" variant="caption" color="text.secondary">
          {t(`activityKinds.${a.kind}`)}
          {a.startDate !== a.endDate && ` · ${range(a)}`}
          {item.sessions.length > 0 && ` · ${t("activities.calendar.sessionsN", { n: f.num(item.sessions.length) })}`}
          {cancelled && ` · ${t("activityStatuses.cancelled")}`}
        </Typography>
      )}
      {compact && cancelled && " "}
      {compact && cancelled && (
        <Typography component="span" variant="caption" color="text.secondary">
          {t("activityStatuses.cancelled")}
        </Typography>
      )}
    </Box>
  );
}

function useWeekdays() {
  const { t } = useTranslation();
  return (["sat", "sun", "mon", "tue", "wed", "thu", "fri"] as const).map((d) => ({
    short: t(`activities.calendar.weekdaysShort.${d}`),
    long: t(`activities.calendar.weekdays.${d}`),
  }));
}

/** The month as a grid of weeks from Saturday (wide screens). */
function MonthGrid({ cal, byDay, today }: { cal: Calendar; byDay: Map<string, DayItem[]>; today: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const weekdays = useWeekdays();
  return (
    <Box role="table" aria-label={t("activities.calendar.title")} data-testid="calendar-grid">
      <Box role="rowgroup">
        <Box role="row" sx={{ display: "grid", gridTemplateColumns: "repeat(7, minmax(0, 1fr))", gap: 0.5, mb: 0.5 }}>
          {weekdays.map((w) => (
            <Box
              role="columnheader"
              key={w.long}
              sx={{ textAlign: "center", fontWeight: 700, fontSize: 13, color: "text.secondary" }}
            >
              <abbr title={w.long} style={{ textDecoration: "none" }}>
                {w.short}
              </abbr>
            </Box>
          ))}
        </Box>
      </Box>
      <Box role="rowgroup" sx={{ display: "grid", gap: 0.5 }}>
        {weeksOf(cal.from, cal.to).map((week) => (
          <Box
            role="row"
            key={week.find(Boolean) ?? ""}
            sx={{ display: "grid", gridTemplateColumns: "repeat(7, minmax(0, 1fr))", gap: 0.5 }}
          >
            {week.map((day, i) =>
              day ? (
                <Paper
                  role="cell"
                  key={day}
                  variant="outlined"
                  data-testid="calendar-day"
                  data-day={day}
                  data-today={day === today}
                  aria-current={day === today ? "date" : undefined}
                  sx={{
                    minHeight: 96,
                    p: 0.75,
                    minWidth: 0,
                    borderColor: day === today ? "primary.main" : undefined,
                    borderWidth: day === today ? 2 : 1,
                    bgcolor: weekdayOf(day) === 6 ? "action.hover" : undefined,
                  }}
                >
                  <Box sx={{ display: "flex", alignItems: "center", gap: 0.5, mb: 0.5 }}>
                    <Typography
                      component="span"
                      sx={{
                        fontWeight: 700,
                        fontSize: 14,
                        ...(day === today
                          ? { bgcolor: "primary.main", color: "primary.contrastText", borderRadius: 1, px: 0.5 }
                          : {}),
                      }}
                    >
                      {f.num(dayOfMonth(day))}
                    </Typography>
                    {day === today && (
                      <Typography component="span" variant="caption" sx={{ fontWeight: 600, color: "primary.main" }}>
                        {t("activities.calendar.today")}
                      </Typography>
                    )}
                  </Box>
                  <Box component="ul" sx={{ listStyle: "none", p: 0, m: 0, display: "grid", gap: 0.5 }}>
                    {(byDay.get(day) ?? []).map((item) => (
                      <DayEntry key={item.activity.id} item={item} compact />
                    ))}
                  </Box>
                </Paper>
              ) : (
                // biome-ignore lint/suspicious/noArrayIndexKey: the blank days before and after the month have no other identity
                <Box role="cell" key={`blank-${i}`} />
              ),
            )}
          </Box>
        ))}
      </Box>
    </Box>
  );
}

/** The month as a list of the days that hold something (narrow screens: a phone 360 px wide). */
function Agenda({ byDay, today }: { byDay: Map<string, DayItem[]>; today: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const weekdays = useWeekdays();
  const days = [...byDay.keys()].sort();
  if (days.length === 0) return <EmptyState title={t("activities.calendar.emptyMonth")} />;
  return (
    <Box component="ol" sx={{ listStyle: "none", p: 0, m: 0, display: "grid", gap: 1 }} data-testid="calendar-agenda">
      {days.map((day) => (
        <Paper
          component="li"
          key={day}
          variant="outlined"
          data-testid="calendar-day"
          data-day={day}
          data-today={day === today}
          aria-current={day === today ? "date" : undefined}
          sx={{ p: 1, borderColor: day === today ? "primary.main" : undefined, borderWidth: day === today ? 2 : 1 }}
        >
          <Typography component="h3" sx={{ fontWeight: 700, fontSize: 15, mb: 0.5 }}>
            {weekdays[weekdayOf(day)]?.long} {f.date(day, false)}
            {day === today && " "}
            {day === today && (
              <Box component="span" sx={{ color: "primary.main", fontSize: 13 }}>
                {t("activities.calendar.today")}
              </Box>
            )}
          </Typography>
          <Box component="ul" sx={{ listStyle: "none", p: 0, m: 0, display: "grid", gap: 0.5 }}>
            {(byDay.get(day) ?? []).map((item) => (
              <DayEntry key={item.activity.id} item={item} />
            ))}
          </Box>
        </Paper>
      ))}
    </Box>
  );
}

/**
 * A cluster's Jalali month (GET /clusters/:id/activities/calendar?month=):
 * weeks from Saturday with the activities spanning each day and the
 * sessions held on it, today marked, month by month; under the small
 * breakpoint an agenda of the days that hold something.
 */
export default function CalendarPage() {
  const { id = "" } = useParams();
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const theme = useTheme();
  const narrow = useMediaQuery(theme.breakpoints.down("md"));
  const [params, update] = useQueryParams();
  const today = todayIso();
  const asked = params.get("month") ?? params.get("day");
  const month: JalaliMonth = monthOf(asked && ISO.test(asked) ? asked : today);
  const first = firstDayOf(month);
  const go = (m: JalaliMonth) => update({ month: firstDayOf(m), day: null });

  const cluster = useQuery({
    queryKey: [`/clusters/${enc(id)}`],
    queryFn: ({ signal }) => api.get<ClusterDetail>(`/clusters/${enc(id)}`, undefined, signal),
  });
  const path = `/clusters/${enc(id)}/activities/calendar`;
  const cal = useQuery({
    queryKey: [path, first],
    queryFn: ({ signal }) => api.get<Calendar>(path, { month: first }, signal),
  });
  const monthName = t(`activities.calendar.months.m${month.month}` as "activities.calendar.months.m1");
  const title = t("activities.calendar.pageTitle", {
    name: cluster.data ? clusterName(cluster.data, i18n.language) : "",
  });

  return (
    <>
      <BackButton to={`/clusters/${enc(id)}`} label={t("activities.calendar.backToCluster")} />
      <PageHeader
        title={title}
        testId="calendar-title"
        actions={
          <Button component={RouterLink} to={`/activities?clusterId=${enc(id)}`} data-testid="calendar-list-link">
            {t("activities.calendar.asList")}
          </Button>
        }
      />
      <Box sx={{ display: "flex", alignItems: "center", gap: 1, mb: 1.5, flexWrap: "wrap" }}>
        <Tooltip title={t("activities.calendar.prev")}>
          <IconButton
            onClick={() => go(shiftMonth(month, -1))}
            aria-label={t("activities.calendar.prev")}
            data-testid="calendar-prev"
          >
            {theme.direction === "rtl" ? <ChevronRight /> : <ChevronLeft />}
          </IconButton>
        </Tooltip>
        <Typography
          component="h2"
          variant="h6"
          sx={{ minWidth: 150, textAlign: "center" }}
          data-testid="calendar-month"
          aria-live="polite"
        >
          {monthName} {f.digits(month.year)}
        </Typography>
        <Tooltip title={t("activities.calendar.next")}>
          <IconButton
            onClick={() => go(shiftMonth(month, 1))}
            aria-label={t("activities.calendar.next")}
            data-testid="calendar-next"
          >
            {theme.direction === "rtl" ? <ChevronLeft /> : <ChevronRight />}
          </IconButton>
        </Tooltip>
        <Button size="small" onClick={() => go(monthOf(today))} data-testid="calendar-today">
          {t("activities.calendar.thisMonth")}
        </Button>
      </Box>
      {cal.isPending ? (
        <Loading />
      ) : cal.isError ? (
        <ErrorState error={cal.error} onRetry={() => void cal.refetch()} />
      ) : narrow ? (
        <Agenda byDay={agendaOf(itemsByDay(cal.data), cal.data.from)} today={today} />
      ) : (
        <MonthGrid cal={cal.data} byDay={itemsByDay(cal.data)} today={today} />
      )}
    </>
  );
}
