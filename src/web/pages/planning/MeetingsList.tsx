import Chip from "@mui/material/Chip";
import Link from "@mui/material/Link";
import List from "@mui/material/List";
import ListItem from "@mui/material/ListItem";
import ListItemText from "@mui/material/ListItemText";
import { useTranslation } from "react-i18next";
import { Link as RouterLink } from "react-router";
import { JalaliDate } from "../../components/JalaliDate";
import { enc } from "./shared";
import type { MeetingListItem } from "./types";

/** Council meetings, latest or soonest first: the date as a link, the place, scheduled or held. */
export function MeetingsList({ meetings, showCluster }: { meetings: MeetingListItem[]; showCluster?: boolean }) {
  const { t } = useTranslation();
  return (
    <List dense disablePadding data-testid="meetings-list">
      {meetings.map((m) => (
        <ListItem key={m.id} divider disableGutters sx={{ gap: 1, flexWrap: "wrap" }}>
          <ListItemText
            primary={
              <Link
                component={RouterLink}
                to={`/council-meetings/${enc(m.id)}`}
                sx={{ fontWeight: 600 }}
                data-testid="meeting-link"
              >
                {t("planning.meeting.ofDate")} <JalaliDate value={m.heldOn} withTime={false} />
              </Link>
            }
            secondary={
              <>
                {showCluster && (
                  <>
                    <bdi>{m.clusterName}</bdi> ·{" "}
                  </>
                )}
                {m.online ? t("planning.meeting.online") : (m.place ?? t("planning.meeting.noPlace"))}
              </>
            }
          />
          <Chip
            size="small"
            variant={m.status === "held" ? "filled" : "outlined"}
            color={m.status === "held" ? "success" : "default"}
            label={t(`planning.meeting.statuses.${m.status}`)}
          />
        </ListItem>
      ))}
    </List>
  );
}
