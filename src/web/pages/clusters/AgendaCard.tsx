import Box from "@mui/material/Box";
import Chip from "@mui/material/Chip";
import Link from "@mui/material/Link";
import List from "@mui/material/List";
import ListItem from "@mui/material/ListItem";
import ListItemText from "@mui/material/ListItemText";
import Typography from "@mui/material/Typography";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link as RouterLink } from "react-router";
import type { z } from "zod";
import type { ClusterAgendaOut } from "../../../core/schemas/clusters";
import { api } from "../../app/api";
import { useFormat } from "../../app/format";
import { ErrorState } from "../../components/ErrorState";
import { JalaliDate } from "../../components/JalaliDate";
import { Loading } from "../../components/Loading";
import { StateChip } from "../../components/labels";
import { Section } from "../../components/Section";
import { YearChip } from "./YearChip";

type Agenda = z.infer<typeof ClusterAgendaOut>;
type AgendaCluster = Pick<Agenda["projects"]["items"][number], "clusterId" | "clusterNameFa" | "clusterNameEn">;

function ClusterLink({ c }: { c: AgendaCluster }) {
  const { i18n } = useTranslation();
  const name = i18n.language === "en" && c.clusterNameEn ? c.clusterNameEn : c.clusterNameFa;
  return (
    <Link component={RouterLink} to={`/clusters/${encodeURIComponent(c.clusterId)}`}>
      <bdi>{name}</bdi>
    </Link>
  );
}

/** One of the card's lists: a heading with its count, the first rows, or a line saying there is nothing. */
function Part({
  title,
  total,
  shown,
  empty,
  testId,
  children,
}: {
  title: string;
  total: number;
  shown: number;
  empty: string;
  testId: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Box sx={{ minWidth: 0 }} data-testid={testId} data-total={total}>
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
        {title}
        {total > 0 && (
          <Typography component="span" color="text.secondary">
            {" "}
            ({f.num(total)})
          </Typography>
        )}
      </Typography>
      {total === 0 ? (
        <Typography color="text.secondary" variant="body2">
          {empty}
        </Typography>
      ) : (
        <>
          <List dense disablePadding>
            {children}
          </List>
          {total > shown && (
            <Typography variant="body2" color="text.secondary">
              {t("agenda.more", { n: f.num(total - shown) })}
            </Typography>
          )}
        </>
      )}
    </Box>
  );
}

/**
 * The registry's "what needs doing next" card on the home page: contracts
 * ending or ended, overdue milestones and each running project's year, over
 * the clusters in the person's reach (GET /clusters/agenda).
 */
export default function AgendaCard() {
  const { t } = useTranslation();
  const agenda = useQuery({
    // Under "/clusters", so a contract or step recorded anywhere refreshes it too.
    queryKey: ["/clusters", "agenda"],
    queryFn: ({ signal }) => api.get<Agenda>("/clusters/agenda", {}, signal),
  });
  return (
    <Section title={t("agenda.title")} testId="cluster-agenda">
      {agenda.isPending ? (
        <Loading minHeight={100} />
      ) : agenda.isError ? (
        <ErrorState error={agenda.error} onRetry={() => void agenda.refetch()} />
      ) : (
        <Box
          sx={{
            display: "grid",
            gap: 2,
            gridTemplateColumns: { xs: "minmax(0, 1fr)", md: "repeat(3, minmax(0, 1fr))" },
          }}
        >
          <Part
            title={t("agenda.contractsTitle")}
            total={agenda.data.contracts.total}
            shown={agenda.data.contracts.items.length}
            empty={t("agenda.noContracts")}
            testId="agenda-contracts"
          >
            {agenda.data.contracts.items.map((c) => (
              <ListItem key={c.contractId} disableGutters>
                <ListItemText
                  primary={<ClusterLink c={c} />}
                  secondary={
                    <>
                      {t(`contracts.kinds.${c.kind}`)} · <bdi>{c.organisation}</bdi> ·{" "}
                      {t(c.ended ? "agenda.endedOn" : "agenda.endsOn")}{" "}
                      <JalaliDate value={c.endDate} withTime={false} />
                    </>
                  }
                />
                <Chip
                  size="small"
                  color={c.ended ? "error" : "warning"}
                  variant="outlined"
                  label={t(c.ended ? "agenda.ended" : "agenda.ending")}
                />
              </ListItem>
            ))}
          </Part>
          <Part
            title={t("agenda.milestonesTitle")}
            total={agenda.data.milestones.total}
            shown={agenda.data.milestones.items.length}
            empty={t("agenda.noMilestones")}
            testId="agenda-milestones"
          >
            {agenda.data.milestones.items.map((m) => (
              <ListItem key={m.milestoneId} disableGutters>
                <ListItemText
                  primary={<ClusterLink c={m} />}
                  secondary={
                    <>
                      <bdi>{m.title}</bdi> · {t("agenda.dueOn")} <JalaliDate value={m.plannedDate} withTime={false} />
                    </>
                  }
                />
              </ListItem>
            ))}
          </Part>
          <Part
            title={t("agenda.projectsTitle")}
            total={agenda.data.projects.total}
            shown={agenda.data.projects.items.length}
            empty={t("agenda.noProjects")}
            testId="agenda-projects"
          >
            {agenda.data.projects.items.map((p) => (
              <ListItem key={p.clusterId} disableGutters sx={{ gap: 1, flexWrap: "wrap" }}>
                <ListItemText
                  primary={<ClusterLink c={p} />}
                  secondary={
                    <>
                      {t("agenda.agentEnds")} <JalaliDate value={p.agentContractEnd} withTime={false} />
                    </>
                  }
                />
                <StateChip state={p.state} />
                <YearChip year={p.year} />
              </ListItem>
            ))}
          </Part>
        </Box>
      )}
    </Section>
  );
}
