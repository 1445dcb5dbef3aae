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

/** A row of a list: the cluster's name as a link, what is due, and tags beside it. */
function Row({ c, secondary, children }: { c: AgendaCluster; secondary: ReactNode; children?: ReactNode }) {
  return (
    <ListItem disableGutters sx={{ gap: 1, flexWrap: "wrap" }}>
      <ListItemText primary={<ClusterLink c={c} />} secondary={secondary} />
      {children}
    </ListItem>
  );
}

/** One of the card's lists: a heading with its count, the first rows, or a line saying there is nothing. */
function Part({
  title,
  list,
  empty,
  testId,
  children,
}: {
  title: string;
  list: { total: number; items: readonly unknown[] };
  empty: string;
  testId: string;
  children: ReactNode;
}) {
  const { total } = list;
  const shown = list.items.length;
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
            list={agenda.data.contracts}
            empty={t("agenda.noContracts")}
            testId="agenda-contracts"
          >
            {agenda.data.contracts.items.map((c) => (
              <Row
                key={c.contractId}
                c={c}
                secondary={
                  <>
                    {t(`contracts.kinds.${c.kind}`)} · <bdi>{c.organisation}</bdi> ·{" "}
                    {t(c.ended ? "agenda.endedOn" : "agenda.endsOn")} <JalaliDate value={c.endDate} withTime={false} />
                  </>
                }
              >
                <Chip
                  size="small"
                  color={c.ended ? "error" : "warning"}
                  variant="outlined"
                  label={t(c.ended ? "agenda.ended" : "agenda.ending")}
                />
              </Row>
            ))}
          </Part>
          <Part
            title={t("agenda.milestonesTitle")}
            list={agenda.data.milestones}
            empty={t("agenda.noMilestones")}
            testId="agenda-milestones"
          >
            {agenda.data.milestones.items.map((m) => (
              <Row
                key={m.milestoneId}
                c={m}
                secondary={
                  <>
                    <bdi>{m.title}</bdi> · {t("agenda.dueOn")} <JalaliDate value={m.plannedDate} withTime={false} />
                  </>
                }
              />
            ))}
          </Part>
          <Part
            title={t("agenda.projectsTitle")}
            list={agenda.data.projects}
            empty={t("agenda.noProjects")}
            testId="agenda-projects"
          >
            {agenda.data.projects.items.map((p) => (
              <Row
                key={p.clusterId}
                c={p}
                secondary={
                  <>
                    {t("agenda.agentEnds")} <JalaliDate value={p.agentContractEnd} withTime={false} />
                  </>
                }
              >
                <StateChip state={p.state} />
                <YearChip year={p.year} />
              </Row>
            ))}
          </Part>
        </Box>
      )}
    </Section>
  );
}
