import Box from "@mui/material/Box";
import Link from "@mui/material/Link";
import Typography from "@mui/material/Typography";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link as RouterLink } from "react-router";
import { api } from "../../app/api";
import { useAuth } from "../../app/auth";
import { useFormat } from "../../app/format";
import type { Page } from "../../app/types";
import { activityPath, useDateRange } from "./shared";
import type { ActivityListItem } from "./types";

const PAGE = 200;
/** Enough for a cluster's plans over their years; past it the chain shows the first ones and says how many. */
const MAX_PAGES = 10;

/**
 * The cluster's activities by programme, for the plan's chain: the list by
 * cluster a page of 200 at a time (the list filters one programme per
 * request, and a chain holds many), grouped here.
 */
export function useProgrammeActivities(clusterId: string) {
  const { can } = useAuth();
  return useQuery({
    queryKey: ["/activities", "by-programme", clusterId],
    enabled: can("activities.read"),
    queryFn: async ({ signal }) => {
      const byProgramme = new Map<string, ActivityListItem[]>();
      for (let page = 0; page < MAX_PAGES; page++) {
        const r = await api.get<Page<ActivityListItem>>(
          "/activities",
          { clusterId, limit: PAGE, offset: page * PAGE },
          signal,
        );
        for (const a of r.items) {
          if (!a.programmeId) continue;
          const list = byProgramme.get(a.programmeId);
          if (list) list.push(a);
          else byProgramme.set(a.programmeId, [a]);
        }
        if ((page + 1) * PAGE >= r.total) break;
      }
      return byProgramme;
    },
  });
}

/** Under a programme of the chain: its activities (title, kind, dates, status) and how many are done. */
export function ProgrammeActivities({ items }: { items: readonly ActivityListItem[] | undefined }) {
  const { t } = useTranslation();
  const f = useFormat();
  const range = useDateRange();
  const live = (items ?? []).filter((a) => a.status !== "cancelled");
  // The chain already says "0 activities" of a programme without any.
  if (!items || items.length === 0) return null;
  const done = live.filter((a) => a.status === "done").length;
  return (
    <Box data-testid="chain-programme-activities" data-done={done} data-total={live.length} sx={{ mt: 0.5 }}>
      <Typography variant="caption" component="div" sx={{ fontWeight: 600 }}>
        {t("activities.chain.heading", {
          doneOf: t("activities.chain.doneOf", { done: f.num(done), total: f.num(live.length) }),
        })}
      </Typography>
      <Box component="ul" sx={{ m: 0, paddingInlineStart: "16px" }}>
        {items.map((a) => (
          <Box component="li" key={a.id} sx={{ fontSize: 13 }} data-testid="chain-activity" data-status={a.status}>
            <Link component={RouterLink} to={activityPath(a.id)}>
              <bdi>{a.title}</bdi>
            </Link>{" "}
            <Typography component="span" variant="caption" color="text.secondary">
              {t(`activityKinds.${a.kind}`)} · {range(a)} · {t(`activityStatuses.${a.status}`)}
            </Typography>
          </Box>
        ))}
      </Box>
    </Box>
  );
}
