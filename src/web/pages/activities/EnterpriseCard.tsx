import Box from "@mui/material/Box";
import Typography from "@mui/material/Typography";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { todayIso } from "../../../core/jalali";
import { api, type QueryValue } from "../../app/api";
import { useFormat } from "../../app/format";
import type { Page } from "../../app/types";
import { ErrorState } from "../../components/ErrorState";
import { Loading } from "../../components/Loading";
import { Section } from "../../components/Section";
import { ActivityList } from "./ActivityList";
import { useOwnEnterprises } from "./shared";
import type { ActivityListItem } from "./types";

const LIMIT = 5;

function Part({
  title,
  params,
  empty,
  testId,
}: {
  title: string;
  params: Record<string, QueryValue>;
  empty: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const q = useQuery({
    queryKey: ["/activities", "list", params],
    queryFn: ({ signal }) => api.get<Page<ActivityListItem>>("/activities", params, signal),
  });
  return (
    <Box data-testid={testId} sx={{ minWidth: 0 }}>
      <Typography component="h3" variant="subtitle2" sx={{ mb: 0.5 }}>
        {title}
      </Typography>
      {q.isPending ? (
        <Loading minHeight={60} />
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : q.data.total === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {empty}
        </Typography>
      ) : (
        <>
          <ActivityList items={q.data.items} />
          {q.data.total > q.data.items.length && (
            <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
              {t("activities.section.more", { n: f.num(q.data.total - q.data.items.length) })}
            </Typography>
          )}
        </>
      )}
    </Box>
  );
}

/**
 * A member enterprise's user's home card: the coming activities their
 * enterprise's people are registered for, and those of its cluster still
 * open to register.
 */
export default function EnterpriseCard() {
  const { t } = useTranslation();
  const own = useOwnEnterprises();
  const first = own[0];
  if (!first) return null;
  return (
    <Section title={t("activities.cards.mine")} testId="activities-mine">
      <Box sx={{ display: "grid", gap: 2 }}>
        <Part
          title={t("activities.cards.registered")}
          params={{ registeredEnterprise: first.enterpriseId, from: todayIso(), limit: LIMIT }}
          empty={t("activities.cards.noneRegistered")}
          testId="activities-mine-registered"
        />
        <Part
          title={t("activities.cards.open")}
          params={{ clusterId: first.clusterId, open: true, limit: LIMIT }}
          empty={t("activities.cards.noneOpen")}
          testId="activities-mine-open"
        />
      </Box>
    </Section>
  );
}
