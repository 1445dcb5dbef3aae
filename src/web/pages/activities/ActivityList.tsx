import Box from "@mui/material/Box";
import Link from "@mui/material/Link";
import List from "@mui/material/List";
import ListItem from "@mui/material/ListItem";
import ListItemText from "@mui/material/ListItemText";
import { useTranslation } from "react-i18next";
import { Link as RouterLink } from "react-router";
import { useFormat } from "../../app/format";
import { ActivityStatusChip, activityPath, seatsLeft, useDateRange } from "./shared";
import type { ActivityListItem } from "./types";

/**
 * Activities in a short list (home cards, the cluster page): title linking
 * to the page, kind and dates, and with `seats` the seats held of the
 * capacity and how many wait.
 */
export function ActivityList({
  items,
  seats,
  showCluster,
  testId,
}: {
  items: readonly ActivityListItem[];
  seats?: boolean;
  showCluster?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const range = useDateRange();
  return (
    <List dense disablePadding data-testid={testId}>
      {items.map((a) => {
        const left = seatsLeft(a.capacity, a.seatsTaken);
        return (
          <ListItem key={a.id} divider disableGutters sx={{ gap: 1, flexWrap: "wrap" }} data-testid="activity-item">
            <ListItemText
              primary={
                <Link
                  component={RouterLink}
                  to={activityPath(a.id)}
                  sx={{ fontWeight: 600 }}
                  data-testid="activity-link"
                >
                  <bdi>{a.title}</bdi>
                </Link>
              }
              secondary={
                <>
                  {t(`activityKinds.${a.kind}`)} · {range(a)}
                  {showCluster && (
                    <>
                      {" · "}
                      <bdi>{a.clusterName}</bdi>
                    </>
                  )}
                  {seats && (
                    <Box component="span" sx={{ display: "block" }} data-testid="activity-item-seats">
                      {left === null
                        ? t("activities.seats.noLimit", { taken: f.num(a.seatsTaken) })
                        : t("activities.seats.ofCapacity", {
                            taken: f.num(a.seatsTaken),
                            capacity: f.num(a.capacity ?? 0),
                          })}
                      {" · "}
                      {t("activities.seats.waiting", { n: f.num(a.waiting) })}
                    </Box>
                  )}
                </>
              }
            />
            <ActivityStatusChip status={a.status} />
          </ListItem>
        );
      })}
    </List>
  );
}
