import Box from "@mui/material/Box";
import Link from "@mui/material/Link";
import Typography from "@mui/material/Typography";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link as RouterLink } from "react-router";
import { overlaps } from "../../../core/activities";
import { addDaysIso, todayIso } from "../../../core/jalali";
import { api } from "../../app/api";
import { useFormat } from "../../app/format";
import type { Page } from "../../app/types";
import { ErrorState } from "../../components/ErrorState";
import { Loading } from "../../components/Loading";
import { Section } from "../../components/Section";
import { ActivityList } from "./ActivityList";
import { weekdayOf } from "./calendar";
import type { ActivityListItem } from "./types";

const LIMIT = 50;

/**
 * The office's home card: this week's and next week's activities (weeks
 * from Saturday) in the user's reach, each with its seats held and its
 * waiting list, from one read of the list over the fortnight.
 */
export default function FortnightCard() {
  const { t } = useTranslation();
  const f = useFormat();
  const today = todayIso();
  const saturday = addDaysIso(today, -weekdayOf(today));
  const nextSaturday = addDaysIso(saturday, 7);
  const end = addDaysIso(saturday, 13);
  const params = { from: saturday, to: end, limit: LIMIT };
  const q = useQuery({
    queryKey: ["/activities", "list", params],
    queryFn: ({ signal }) => api.get<Page<ActivityListItem>>("/activities", params, signal),
  });
  const weeks = [
    { key: "this", title: t("activities.cards.thisWeek"), from: saturday, to: addDaysIso(saturday, 6) },
    { key: "next", title: t("activities.cards.nextWeek"), from: nextSaturday, to: end },
  ] as const;
  return (
    <Section title={t("activities.cards.fortnight")} testId="activities-fortnight">
      {q.isPending ? (
        <Loading minHeight={80} />
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Box sx={{ display: "grid", gap: 2, gridTemplateColumns: { xs: "minmax(0, 1fr)", md: "1fr 1fr" } }}>
          {weeks.map((w) => {
            const items = q.data.items.filter((a) => a.status !== "cancelled" && overlaps(a, w.from, w.to));
            return (
              <Box key={w.key} data-testid={`activities-week-${w.key}`} sx={{ minWidth: 0 }}>
                <Typography component="h3" variant="subtitle2">
                  {w.title}
                </Typography>
                <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 0.5 }}>
                  {t("activities.dateRange", { from: f.date(w.from, false), to: f.date(w.to, false) })}
                </Typography>
                {items.length === 0 ? (
                  <Typography variant="body2" color="text.secondary">
                    {t("activities.cards.noneThisWeek")}
                  </Typography>
                ) : (
                  <ActivityList items={items} seats showCluster />
                )}
              </Box>
            );
          })}
        </Box>
      )}
      {q.data && q.data.total > q.data.items.length && (
        <Typography variant="body2" sx={{ mt: 1 }}>
          <Link component={RouterLink} to={`/activities?from=${saturday}&to=${end}`}>
            {t("activities.cards.allOfFortnight", { n: f.num(q.data.total) })}
          </Link>
        </Typography>
      )}
    </Section>
  );
}
