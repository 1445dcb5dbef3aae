import CheckCircle from "@mui/icons-material/CheckCircle";
import PersonAddAlt1Outlined from "@mui/icons-material/PersonAddAlt1Outlined";
import Search from "@mui/icons-material/Search";
import Undo from "@mui/icons-material/Undo";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import InputAdornment from "@mui/material/InputAdornment";
import Paper from "@mui/material/Paper";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { keepPreviousData, type QueryClient, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import type { z } from "zod";
import { todayIso } from "../../../core/jalali";
import type { CheckInListOut, CheckInRow } from "../../../core/schemas/activities";
import { ApiError, api, errorMessage, withQuery } from "../../app/api";
import { useFormat } from "../../app/format";
import { BackButton } from "../../components/BackButton";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { Loading } from "../../components/Loading";
import { useNotify } from "../../components/Notifier";
import { PageHeader } from "../../components/PageHeader";
import { useDebounced } from "../../components/useDebounced";
import { useQueryParams } from "../../components/useQueryParams";
import NotFoundPage from "../notfound/NotFoundPage";
import { CheckInHoursDialog } from "./CheckInHoursDialog";
import { defaultSession } from "./CheckInRules";
import { CheckInScanner } from "./CheckInScanner";
import { CheckInWalkInDialog } from "./CheckInWalkInDialog";
import { activityPath, enc, useActivity } from "./shared";
import type { Activity, ActivitySession } from "./types";

export type CheckInList = z.infer<typeof CheckInListOut>;
export type CheckInItem = z.infer<typeof CheckInRow>;

const PAGE_SIZE = 20;

export const checkInListPath = (activityId: string) => `/activities/${enc(activityId)}/check-in`;

/** Every check-in query of the activity (any session, search or page) and its page's counts. */
export function invalidateCheckIns(qc: QueryClient, activityId: string): Promise<void> {
  return qc.invalidateQueries({
    predicate: (q) => {
      const k = q.queryKey[0];
      return (
        typeof k === "string" &&
        (k === checkInListPath(activityId) ||
          k.startsWith(`${activityPath(activityId)}/certificates`) ||
          k.startsWith(`${activityPath(activityId)}/beneficiaries`))
      );
    },
  });
}

function useSessionLabel() {
  const f = useFormat();
  return (s: ActivitySession) =>
    [f.date(s.startsOn, false), s.startTime ? f.digits(s.startTime) : null, s.place].filter(Boolean).join(" · ");
}

/** Registered, checked in, walk-ins: three big figures. */
function Counts({ counts }: { counts: CheckInList["counts"] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const cells = [
    { id: "registered", label: t("checkIn.counts.registered"), n: counts.registered },
    { id: "checked-in", label: t("checkIn.counts.checkedIn"), n: counts.checkedIn },
    { id: "walk-ins", label: t("checkIn.counts.walkIns"), n: counts.walkIns },
  ];
  return (
    <Box
      component="dl"
      sx={{ m: 0, display: "grid", gridTemplateColumns: "repeat(3, minmax(0, 1fr))", gap: 1 }}
      data-testid="check-in-counts"
    >
      {cells.map((c) => (
        <Paper key={c.id} variant="outlined" sx={{ p: 1, textAlign: "center" }}>
          <Box component="dt" sx={{ fontSize: 12, color: "text.secondary" }}>
            {c.label}
          </Box>
          <Box component="dd" sx={{ m: 0, fontSize: 22, fontWeight: 700 }} data-testid={`count-${c.id}`} data-n={c.n}>
            {f.num(c.n)}
          </Box>
        </Paper>
      ))}
    </Box>
  );
}

function Row({
  row,
  busy,
  onCheckIn,
  onUndo,
  onHours,
}: {
  row: CheckInItem;
  busy: boolean;
  onCheckIn: () => void;
  onUndo: () => void;
  onHours: () => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const second = [row.mobile ? f.digits(row.mobile) : null, row.enterpriseName].filter(Boolean);
  return (
    <Paper
      component="li"
      variant="outlined"
      data-testid="check-in-row"
      data-checked-in={row.checkedIn}
      sx={{
        p: 1.5,
        display: "flex",
        flexWrap: "wrap",
        alignItems: "center",
        gap: 1,
        borderColor: row.checkedIn ? "success.main" : "divider",
      }}
    >
      <Box sx={{ flex: "1 1 160px", minWidth: 0 }}>
        <Typography sx={{ fontWeight: 600, overflowWrap: "anywhere" }} data-testid="check-in-name">
          <bdi>{row.name}</bdi>
        </Typography>
        {second.length > 0 && (
          <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: "anywhere" }}>
            {second.map((s, i) => (
              <span key={s}>
                {i > 0 && " · "}
                <bdi>{s}</bdi>
              </span>
            ))}
          </Typography>
        )}
        <Box sx={{ display: "flex", flexWrap: "wrap", gap: 0.5, mt: 0.5 }}>
          {row.walkIn && (
            <Chip size="small" variant="outlined" label={t("checkIn.walkIn")} data-testid="walk-in-chip" />
          )}
          {row.checkedIn && (
            <Chip
              size="small"
              color="success"
              icon={<CheckCircle />}
              label={
                row.checkedInAt ? t("checkIn.checkedInAt", { at: f.date(row.checkedInAt) }) : t("checkIn.checkedIn")
              }
            />
          )}
        </Box>
      </Box>
      {row.checkedIn ? (
        <Box sx={{ display: "flex", gap: 1, flex: "0 0 auto" }}>
          <Button
            variant="outlined"
            size="large"
            sx={{ minHeight: 48 }}
            onClick={onHours}
            disabled={busy}
            aria-label={t("checkIn.editHoursOf", { name: row.name })}
            data-testid="check-in-hours"
          >
            {t("checkIn.hoursN", { n: f.num(row.hours ?? 0) })}
          </Button>
          <Button
            variant="text"
            size="large"
            color="inherit"
            sx={{ minHeight: 48 }}
            startIcon={<Undo />}
            onClick={onUndo}
            disabled={busy}
            aria-label={t("checkIn.undoOf", { name: row.name })}
            data-testid="undo-check-in"
          >
            {t("checkIn.undo")}
          </Button>
        </Box>
      ) : (
        <Button
          variant="contained"
          size="large"
          sx={{ minHeight: 48, minWidth: 120, flex: "0 0 auto" }}
          onClick={onCheckIn}
          disabled={busy}
          aria-label={t("checkIn.checkInOf", { name: row.name })}
          data-testid="check-in-button"
        >
          {t("checkIn.checkIn")}
        </Button>
      )}
    </Paper>
  );
}

function CheckInBody({ activity }: { activity: Activity }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const notify = useNotify();
  const sessionLabel = useSessionLabel();
  const [params, update] = useQueryParams();
  const [q, setQ] = useState("");
  const query = useDebounced(q.trim(), 300);
  const [page, setPage] = useState(1);
  const [hoursOf, setHoursOf] = useState<CheckInItem | null>(null);
  const [walkIn, setWalkIn] = useState(false);
  const sessions = activity.sessions;
  const asked = params.get("session");
  const sessionId =
    sessions.length === 0
      ? null
      : ((sessions.find((s) => s.id === asked) ?? defaultSession(sessions, todayIso()))?.id ?? null);
  const path = checkInListPath(activity.id);
  const listQuery = { session: sessionId ?? undefined, q: query || undefined, page, pageSize: PAGE_SIZE };
  const list = useQuery({
    queryKey: [path, listQuery],
    queryFn: ({ signal }) => api.get<CheckInList>(path, listQuery, signal),
    placeholderData: keepPreviousData,
  });
  const refresh = () => invalidateCheckIns(qc, activity.id);

  const act = useMutation({
    mutationFn: async ({ row, op }: { row: CheckInItem; op: "in" | "undo" }) => {
      if (op === "in")
        return api.post<CheckInItem>(`${activityPath(activity.id)}/check-ins`, {
          registrationId: row.registrationId,
          sessionId,
        });
      await api.delete(
        withQuery(`${activityPath(activity.id)}/check-ins/${enc(row.registrationId)}`, {
          session: sessionId ?? undefined,
        }),
      );
      return null;
    },
    onSuccess: (_r, { row, op }) => {
      notify.success(op === "in" ? t("checkIn.done", { name: row.name }) : t("checkIn.undone", { name: row.name }));
      return refresh();
    },
    onError: (e) => notify.error(errorMessage(e)),
  });

  const data = list.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;

  return (
    <Box sx={{ display: "grid", gap: 2, maxWidth: 720, mx: "auto", width: "100%" }}>
      {sessions.length > 0 && (
        <TextField
          select
          label={t("checkIn.session")}
          value={sessionId ?? ""}
          onChange={(e) => {
            setPage(1);
            update({ session: e.target.value });
          }}
          slotProps={{
            select: { native: true },
            inputLabel: { shrink: true },
            htmlInput: { "data-testid": "check-in-session" },
          }}
          fullWidth
        >
          {sessions.map((s) => (
            <option key={s.id} value={s.id}>
              {sessionLabel(s)}
            </option>
          ))}
        </TextField>
      )}
      {data ? <Counts counts={data.counts} /> : null}
      <CheckInScanner activityId={activity.id} sessionId={sessionId} onCheckedIn={() => void refresh()} />
      <Box sx={{ display: "flex", gap: 1, alignItems: "flex-start" }}>
        <TextField
          type="search"
          label={t("checkIn.search")}
          placeholder={t("checkIn.searchHint")}
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            setPage(1);
          }}
          fullWidth
          slotProps={{
            htmlInput: { "data-testid": "check-in-search", enterKeyHint: "search" },
            input: {
              startAdornment: (
                <InputAdornment position="start">
                  <Search aria-hidden />
                </InputAdornment>
              ),
            },
          }}
        />
        <Button
          variant="outlined"
          sx={{ minHeight: 56, flex: "0 0 auto" }}
          startIcon={<PersonAddAlt1Outlined />}
          onClick={() => setWalkIn(true)}
          data-testid="walk-in-open"
        >
          {t("checkIn.walkInAdd")}
        </Button>
      </Box>
      {list.isPending ? (
        <Loading minHeight={120} />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : data && data.items.length === 0 ? (
        <EmptyState title={query ? t("checkIn.noMatch") : t("checkIn.empty")} />
      ) : data ? (
        <>
          <Typography variant="body2" color="text.secondary" aria-live="polite" data-testid="check-in-total">
            {t("checkIn.shown", { n: f.num(data.items.length), total: f.num(data.total) })}
          </Typography>
          <Box
            component="ul"
            sx={{ listStyle: "none", p: 0, m: 0, display: "grid", gap: 1 }}
            aria-label={t("checkIn.listLabel")}
            data-testid="check-in-list"
          >
            {data.items.map((row) => (
              <Row
                key={row.registrationId}
                row={row}
                busy={act.isPending && act.variables?.row.registrationId === row.registrationId}
                onCheckIn={() => act.mutate({ row, op: "in" })}
                onUndo={() => act.mutate({ row, op: "undo" })}
                onHours={() => setHoursOf(row)}
              />
            ))}
          </Box>
          {pages > 1 && (
            <Box sx={{ display: "flex", alignItems: "center", justifyContent: "space-between", gap: 1 }}>
              <Button sx={{ minHeight: 48 }} disabled={page <= 1} onClick={() => setPage(page - 1)}>
                {t("table.previousPage")}
              </Button>
              <Typography variant="body2">{t("checkIn.pageOf", { n: f.num(page), of: f.num(pages) })}</Typography>
              <Button sx={{ minHeight: 48 }} disabled={page >= pages} onClick={() => setPage(page + 1)}>
                {t("table.nextPage")}
              </Button>
            </Box>
          )}
        </>
      ) : null}
      {hoursOf && (
        <CheckInHoursDialog
          activityId={activity.id}
          sessionId={sessionId}
          row={hoursOf}
          onClose={() => setHoursOf(null)}
          onSaved={() => {
            setHoursOf(null);
            void refresh();
          }}
        />
      )}
      {walkIn && (
        <CheckInWalkInDialog
          activity={activity}
          sessionId={sessionId}
          onClose={() => setWalkIn(false)}
          onSaved={() => {
            setWalkIn(false);
            void refresh();
          }}
        />
      )}
    </Box>
  );
}

/** /activities/:id/check-in(?session=): the day's door list on a phone. */
export default function CheckInPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const activity = useActivity(id);
  if (activity.isPending) return <Loading />;
  if (activity.isError) {
    if (activity.error instanceof ApiError && (activity.error.status === 404 || activity.error.status === 400))
      return <NotFoundPage />;
    return <ErrorState error={activity.error} onRetry={() => void activity.refetch()} />;
  }
  const a = activity.data;
  return (
    <>
      <BackButton to={activityPath(a.id)} label={t("checkIn.backToActivity")} />
      <PageHeader title={t("checkIn.title", { title: a.title })} testId="check-in-title" />
      {a.can.manage ? (
        <CheckInBody activity={a} />
      ) : (
        <Alert severity="warning" data-testid="check-in-not-allowed">
          {t("checkIn.notAllowed")}
        </Alert>
      )}
    </>
  );
}
