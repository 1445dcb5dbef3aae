import Add from "@mui/icons-material/Add";
import CalendarMonthOutlined from "@mui/icons-material/CalendarMonthOutlined";
import ListAlt from "@mui/icons-material/ListAlt";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Typography from "@mui/material/Typography";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link as RouterLink, useNavigate } from "react-router";
import { todayIso } from "../../../core/jalali";
import { api } from "../../app/api";
import { useAuth } from "../../app/auth";
import { useFormat } from "../../app/format";
import type { Page } from "../../app/types";
import { ErrorState } from "../../components/ErrorState";
import { Loading } from "../../components/Loading";
import { Section } from "../../components/Section";
import type { ClusterSectionProps } from "../../modules/module";
import { ActivityDialog } from "./ActivityDialog";
import { ActivityList } from "./ActivityList";
import { activityPath, calendarPath, enc, useManagesCluster } from "./shared";
import type { ActivityListItem } from "./types";

const UPCOMING = 5;

/** The cluster page's section: the next activities (not yet ended), the calendar and the whole list. */
export default function ActivitiesSection({ cluster }: ClusterSectionProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const readable = can("activities.read");
  const manage = useManagesCluster(cluster);
  const params = { clusterId: cluster.id, from: todayIso(), limit: UPCOMING };
  const upcoming = useQuery({
    queryKey: ["/activities", "list", params],
    queryFn: ({ signal }) => api.get<Page<ActivityListItem>>("/activities", params, signal),
    enabled: readable,
  });
  if (!readable) return null;
  return (
    <Section
      title={t("activities.section.title")}
      testId="cluster-activities"
      actions={
        <Box sx={{ display: "flex", gap: 1, flexWrap: "wrap" }}>
          <Button
            component={RouterLink}
            to={calendarPath(cluster.id)}
            size="small"
            startIcon={<CalendarMonthOutlined />}
            data-testid="cluster-activities-calendar"
          >
            {t("activities.section.calendar")}
          </Button>
          <Button
            component={RouterLink}
            to={`/activities?clusterId=${enc(cluster.id)}`}
            size="small"
            startIcon={<ListAlt />}
            data-testid="cluster-activities-list"
          >
            {t("activities.section.all")}
          </Button>
          {manage && (
            <Button
              size="small"
              variant="contained"
              startIcon={<Add />}
              onClick={() => setCreating(true)}
              data-testid="cluster-activity-new"
            >
              {t("activities.new")}
            </Button>
          )}
        </Box>
      }
    >
      {upcoming.isPending ? (
        <Loading minHeight={80} />
      ) : upcoming.isError ? (
        <ErrorState error={upcoming.error} onRetry={() => void upcoming.refetch()} />
      ) : upcoming.data.total === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {t("activities.section.none")}
        </Typography>
      ) : (
        <>
          <Typography component="h3" variant="subtitle2" sx={{ mb: 0.5 }}>
            {t("activities.section.upcoming")}
          </Typography>
          <ActivityList items={upcoming.data.items} seats={manage} testId="cluster-activities-upcoming" />
          {upcoming.data.total > upcoming.data.items.length && (
            <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
              {t("activities.section.more", { n: f.num(upcoming.data.total - upcoming.data.items.length) })}
            </Typography>
          )}
        </>
      )}
      {creating && (
        <ActivityDialog
          clusterId={cluster.id}
          onClose={() => setCreating(false)}
          onSaved={(a) => void navigate(activityPath(a.id))}
        />
      )}
    </Section>
  );
}
