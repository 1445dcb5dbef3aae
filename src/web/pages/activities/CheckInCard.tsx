import HowToRegOutlined from "@mui/icons-material/HowToRegOutlined";
import Link from "@mui/material/Link";
import List from "@mui/material/List";
import ListItem from "@mui/material/ListItem";
import ListItemIcon from "@mui/material/ListItemIcon";
import ListItemText from "@mui/material/ListItemText";
import Typography from "@mui/material/Typography";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link as RouterLink } from "react-router";
import { todayIso } from "../../../core/jalali";
import { api } from "../../app/api";
import { useFormat } from "../../app/format";
import type { Page } from "../../app/types";
import { ErrorState } from "../../components/ErrorState";
import { Loading } from "../../components/Loading";
import { Section } from "../../components/Section";
import { activityPath } from "./shared";
import type { ActivityListItem } from "./types";

const LIMIT = 8;

/** The home card (managers): today's activities, each a tap away from its check-in page. */
export default function CheckInCard() {
  const { t } = useTranslation();
  const f = useFormat();
  const today = todayIso();
  const query = { from: today, to: today, limit: LIMIT };
  const list = useQuery({
    queryKey: ["/activities", "check-in-today", query],
    queryFn: ({ signal }) => api.get<Page<ActivityListItem>>("/activities", query, signal),
  });
  const items = list.data?.items.filter((a) => a.status !== "cancelled") ?? [];
  return (
    <Section title={t("attendanceCards.checkInsToday")} testId="check-ins-today">
      {list.isPending ? (
        <Loading minHeight={80} />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {t("attendanceCards.noneToday")}
        </Typography>
      ) : (
        <>
          <List dense disablePadding>
            {items.map((a) => (
              <ListItem key={a.id} disableGutters data-testid="check-in-today-item">
                <ListItemIcon sx={{ minWidth: 36 }}>
                  <HowToRegOutlined aria-hidden />
                </ListItemIcon>
                <ListItemText
                  primary={
                    <Link component={RouterLink} to={`${activityPath(a.id)}/check-in`} sx={{ fontWeight: 600 }}>
                      <bdi>{a.title}</bdi>
                    </Link>
                  }
                  secondary={t("attendanceCards.todayLine", {
                    cluster: a.clusterName,
                    seats: f.num(a.seatsTaken),
                  })}
                />
              </ListItem>
            ))}
          </List>
          {list.data.total > list.data.items.length && (
            <Typography variant="body2" color="text.secondary">
              {t("attendanceCards.more", { n: f.num(list.data.total - list.data.items.length) })}
            </Typography>
          )}
        </>
      )}
    </Section>
  );
}
