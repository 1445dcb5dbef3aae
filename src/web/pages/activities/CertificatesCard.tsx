import Link from "@mui/material/Link";
import List from "@mui/material/List";
import ListItem from "@mui/material/ListItem";
import ListItemText from "@mui/material/ListItemText";
import Typography from "@mui/material/Typography";
import { useQueries, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link as RouterLink } from "react-router";
import { addDaysIso, todayIso } from "../../../core/jalali";
import { api } from "../../app/api";
import { useFormat } from "../../app/format";
import type { Page } from "../../app/types";
import { ErrorState } from "../../components/ErrorState";
import { Loading } from "../../components/Loading";
import { Section } from "../../components/Section";
import { type Certificates, certificatesPath } from "./CertificatesPanel";
import { activityPath } from "./shared";
import type { ActivityListItem } from "./types";

/** Trainings ended within this many days are looked at. */
const WINDOW_DAYS = 60;
/** At most this many trainings' certificate lists are read for the card (one request each). */
const CHECKED = 5;
/** Certificates of the first this-many registrants are counted per training (the list's largest page). */
const PAGE = 200;

/**
 * The home card (managers): recent trainings done where someone met the
 * attendance rule and has no certificate yet. There is no endpoint for this
 * across trainings, so the card reads the latest few trainings' lists.
 */
export default function CertificatesCard() {
  const { t } = useTranslation();
  const f = useFormat();
  const today = todayIso();
  const query = { kind: "training", from: addDaysIso(today, -WINDOW_DAYS), to: today, limit: 50 };
  const trainings = useQuery({
    queryKey: ["/activities", "certificates-due", query],
    queryFn: ({ signal }) => api.get<Page<ActivityListItem>>("/activities", query, signal),
  });
  const done = (trainings.data?.items ?? [])
    .filter((a) => a.status === "done" && a.endDate <= today)
    .sort((a, b) => b.endDate.localeCompare(a.endDate))
    .slice(0, CHECKED);
  const lists = useQueries({
    queries: done.map((a) => ({
      queryKey: [certificatesPath(a.id), "due"],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api.get<Certificates>(certificatesPath(a.id), { page: 1, pageSize: PAGE }, signal),
    })),
  });
  const due = done
    .map((a, i) => {
      const list = lists[i]?.data;
      const n = list ? list.items.filter((r) => r.eligible && !r.certificate).length : 0;
      return { activity: a, n };
    })
    .filter((d) => d.n > 0);
  const loading = trainings.isPending || lists.some((l) => l.isPending);
  return (
    <Section title={t("attendanceCards.certificatesDue")} testId="certificates-due">
      {trainings.isError ? (
        <ErrorState error={trainings.error} onRetry={() => void trainings.refetch()} />
      ) : loading ? (
        <Loading minHeight={80} />
      ) : due.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {t("attendanceCards.noneDue")}
        </Typography>
      ) : (
        <List dense disablePadding>
          {due.map(({ activity: a, n }) => (
            <ListItem key={a.id} disableGutters data-testid="certificates-due-item">
              <ListItemText
                primary={
                  <Link component={RouterLink} to={activityPath(a.id)} sx={{ fontWeight: 600 }}>
                    <bdi>{a.title}</bdi>
                  </Link>
                }
                secondary={t("attendanceCards.dueLine", {
                  cluster: a.clusterName,
                  count: n,
                  n: f.num(n),
                  ended: f.date(a.endDate, false),
                })}
              />
            </ListItem>
          ))}
        </List>
      )}
    </Section>
  );
}
