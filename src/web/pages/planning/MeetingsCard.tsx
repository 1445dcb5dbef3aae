import Typography from "@mui/material/Typography";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../../app/api";
import { useFormat } from "../../app/format";
import type { Page } from "../../app/types";
import { ErrorState } from "../../components/ErrorState";
import { Loading } from "../../components/Loading";
import { Section } from "../../components/Section";
import { MeetingsList } from "./MeetingsList";
import type { MeetingListItem } from "./types";

/** The home card: the next council meetings in reach, soonest first (GET /council-meetings?upcoming=true). */
export default function MeetingsCard() {
  const { t } = useTranslation();
  const f = useFormat();
  const meetings = useQuery({
    queryKey: ["/council-meetings", "upcoming"],
    queryFn: ({ signal }) => api.get<Page<MeetingListItem>>("/council-meetings", { upcoming: true, limit: 5 }, signal),
  });
  return (
    <Section title={t("planning.cards.upcoming")} testId="meetings-upcoming">
      {meetings.isPending ? (
        <Loading minHeight={80} />
      ) : meetings.isError ? (
        <ErrorState error={meetings.error} onRetry={() => void meetings.refetch()} />
      ) : meetings.data.total === 0 ? (
        <Typography color="text.secondary" variant="body2">
          {t("planning.cards.noneUpcoming")}
        </Typography>
      ) : (
        <>
          <MeetingsList meetings={meetings.data.items} showCluster />
          {meetings.data.total > meetings.data.items.length && (
            <Typography variant="body2" color="text.secondary">
              {t("planning.cards.more", { n: f.num(meetings.data.total - meetings.data.items.length) })}
            </Typography>
          )}
        </>
      )}
    </Section>
  );
}
