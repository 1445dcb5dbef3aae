import Add from "@mui/icons-material/Add";
import EventOutlined from "@mui/icons-material/EventOutlined";
import ManageSearchOutlined from "@mui/icons-material/ManageSearchOutlined";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Link from "@mui/material/Link";
import List from "@mui/material/List";
import ListItem from "@mui/material/ListItem";
import ListItemText from "@mui/material/ListItemText";
import Typography from "@mui/material/Typography";
import { useQuery } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link as RouterLink, useNavigate } from "react-router";
import { api } from "../../app/api";
import { useFormat } from "../../app/format";
import type { Page } from "../../app/types";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { Loading } from "../../components/Loading";
import { useNotify } from "../../components/Notifier";
import { Section } from "../../components/Section";
import type { ClusterSectionProps } from "../../modules/module";
import { ProgrammeActivities, useProgrammeActivities } from "../activities/ProgrammeActivities";
import { MeetingDialog, PlanDialog } from "./ClusterDialogs";
import { MeetingsList } from "./MeetingsList";
import { enc, LooseFlag, PlanStatusChip, ProgrammeStatusChip, useRials, useStudy } from "./shared";
import type { Chain, MeetingListItem, PlanListItem } from "./types";

/** A column of the chain: its heading, the count of loose items, its items. */
function Column({
  title,
  loose,
  testId,
  wide,
  children,
}: {
  title: string;
  loose: number;
  testId: string;
  /** Across the view, its items side by side (the programmes, many more than the rest). */
  wide?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Box sx={{ minWidth: 0, gridColumn: wide ? "1 / -1" : undefined }} data-testid={testId} data-loose={loose}>
      <Typography variant="subtitle2" component="h3" sx={{ fontWeight: 700, mb: 0.5 }}>
        {title}
      </Typography>
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 1 }}>
        {loose > 0 ? t("planning.chain.looseCount", { n: f.num(loose) }) : t("planning.chain.noneLoose")}
      </Typography>
      <Box component="ul" sx={{ listStyle: "none", p: 0, m: 0, display: "grid", gap: 1 }}>
        {children}
      </Box>
    </Box>
  );
}

function Item({ loose, children, testId }: { loose: boolean; children: ReactNode; testId: string }) {
  return (
    <Box
      component="li"
      data-testid={testId}
      data-loose={loose}
      sx={{
        border: 1,
        borderColor: loose ? "warning.main" : "divider",
        borderStyle: loose ? "dashed" : "solid",
        borderRadius: 1,
        p: 1,
        minWidth: 0,
      }}
    >
      {children}
    </Box>
  );
}

/** Pressure points → strategies → programmes (by project year) → targets, with what hangs loose flagged. */
function ChainView({ chain, clusterId }: { chain: Chain; clusterId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const activities = useProgrammeActivities(clusterId);
  const strategyTitle = new Map(chain.strategies.map((s) => [s.id, s.title]));
  const pointTitle = new Map(chain.pressurePoints.map((p) => [p.id, p.title]));
  const years = [...new Set(chain.programmes.map((p) => p.projectYear))].sort();
  const names = (ids: string[], of: Map<string, string>) =>
    ids
      .map((id) => of.get(id) ?? "")
      .filter(Boolean)
      .join(t("common.listSeparator"));
  if (chain.pressurePoints.length === 0 && chain.strategies.length === 0 && chain.programmes.length === 0)
    return <EmptyState title={t("planning.chain.empty")} />;
  return (
    <Box
      data-testid="planning-chain"
      sx={{
        display: "grid",
        gap: 2,
        gridTemplateColumns: { xs: "minmax(0, 1fr)", md: "repeat(2, minmax(0, 1fr))" },
      }}
    >
      <Column
        title={t("planning.chain.pressurePoints")}
        loose={chain.loose.pressurePoints}
        testId="chain-pressure-points"
      >
        {chain.pressurePoints.map((p) => (
          <Item key={p.id} loose={p.loose} testId="chain-pressure-point">
            <Typography sx={{ fontWeight: 600 }}>
              <bdi>{p.title}</bdi>
            </Typography>
            <Typography variant="caption" color="text.secondary" component="div">
              {t(`pressureCategories.${p.category}`)} ·{" "}
              {t("planning.severityN", { s: t(`severities.${p.severity as 1 | 2 | 3}`) })}
            </Typography>
            {p.strategyIds.length > 0 && (
              <Typography variant="caption" component="div">
                {t("planning.chain.answeredBy", { names: names(p.strategyIds, strategyTitle) })}
              </Typography>
            )}
            {p.loose && <LooseFlag label={t("planning.chain.pointLoose")} />}
          </Item>
        ))}
      </Column>
      <Column title={t("planning.chain.strategies")} loose={chain.loose.strategies} testId="chain-strategies">
        {chain.strategies.map((s) => (
          <Item key={s.id} loose={s.loose} testId="chain-strategy">
            <Typography sx={{ fontWeight: 600 }}>
              <bdi>{s.title}</bdi>
            </Typography>
            {s.pressurePointIds.length > 0 && (
              <Typography variant="caption" color="text.secondary" component="div">
                {t("planning.chain.answers", { names: names(s.pressurePointIds, pointTitle) })}
              </Typography>
            )}
            <Typography variant="caption" component="div">
              {t("planning.chain.programmesN", { count: s.programmeIds.length, n: f.num(s.programmeIds.length) })}
            </Typography>
            {s.loose && <LooseFlag label={t("planning.chain.strategyLoose")} />}
          </Item>
        ))}
      </Column>
      <Column
        title={t("planning.chain.programmes")}
        loose={chain.loose.programmes + chain.loose.targets}
        testId="chain-programmes"
        wide
      >
        {years.map((y) => (
          <Box component="li" key={y} sx={{ minWidth: 0 }}>
            <Typography variant="caption" sx={{ fontWeight: 700 }} component="h4">
              {t("planning.plan.yearN", { n: f.num(y) })}
            </Typography>
            <Box
              component="ul"
              sx={{
                listStyle: "none",
                p: 0,
                m: 0,
                display: "grid",
                gap: 1,
                gridTemplateColumns: "repeat(auto-fill, minmax(min(100%, 260px), 1fr))",
              }}
            >
              {chain.programmes
                .filter((p) => p.projectYear === y)
                .map((p) => (
                  <Item key={p.id} loose={p.loose} testId="chain-programme">
                    <Box sx={{ display: "flex", flexWrap: "wrap", alignItems: "center", gap: 0.5 }}>
                      <Link component={RouterLink} to={`/plans/${enc(p.planId)}`} sx={{ fontWeight: 600 }}>
                        <bdi>{p.title}</bdi>
                      </Link>
                      <ProgrammeStatusChip status={p.status} percent={p.percent} />
                    </Box>
                    {p.strategyId && (
                      <Typography variant="caption" color="text.secondary" component="div">
                        {t("planning.chain.serves", { name: strategyTitle.get(p.strategyId) ?? "" })}
                      </Typography>
                    )}
                    <Typography variant="caption" color="text.secondary" component="div">
                      {t("planning.chain.activities", { count: p.activities, n: f.num(p.activities) })}
                    </Typography>
                    {activities.data && <ProgrammeActivities items={activities.data.get(p.id)} />}
                    {p.loose && <LooseFlag label={t("planning.chain.programmeLoose")} />}
                    {p.targets.length > 0 && (
                      <Box component="ul" sx={{ m: 0, mt: 0.5, ps: 2 }} aria-label={t("planning.chain.targets")}>
                        {p.targets.map((g) => (
                          <Box component="li" key={g.id} sx={{ fontSize: 13 }} data-testid="chain-target">
                            <bdi>{g.indicator}</bdi>{" "}
                            {g.measured ? (
                              <Typography component="span" variant="caption" color="text.secondary">
                                {t("planning.chain.measured")}
                              </Typography>
                            ) : null}
                            {g.loose && (
                              <>
                                {" "}
                                <LooseFlag label={t("planning.chain.targetLoose")} />
                              </>
                            )}
                          </Box>
                        ))}
                      </Box>
                    )}
                  </Item>
                ))}
            </Box>
          </Box>
        ))}
      </Column>
    </Box>
  );
}

function PlansList({ plans }: { plans: PlanListItem[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const rials = useRials();
  if (plans.length === 0) return <EmptyState title={t("planning.plan.none")} />;
  return (
    <List dense disablePadding data-testid="cluster-plans">
      {plans.map((p) => (
        <ListItem key={p.id} divider disableGutters sx={{ gap: 1, flexWrap: "wrap" }}>
          <ListItemText
            primary={
              <Link component={RouterLink} to={`/plans/${enc(p.id)}`} sx={{ fontWeight: 600 }} data-testid="plan-link">
                <bdi>{p.title}</bdi>
              </Link>
            }
            secondary={
              <>
                {t("planning.plan.yearN", { n: f.num(p.projectYear) })} ·{" "}
                {t("planning.plan.programmesN", { count: p.programmes, n: f.num(p.programmes) })} ·{" "}
                {rials(p.budgetRials)}
              </>
            }
          />
          <PlanStatusChip status={p.status} />
        </ListItem>
      ))}
    </List>
  );
}

/**
 * The cluster page's planning section: the chain from pressure points to
 * targets with what hangs loose, the cluster's plans (and a new one) and its
 * council meetings (and scheduling one).
 */
export default function PlanningSection({ cluster }: ClusterSectionProps) {
  const { t } = useTranslation();
  const notify = useNotify();
  const navigate = useNavigate();
  const base = `/clusters/${enc(cluster.id)}`;
  const [creating, setCreating] = useState(false);
  const [scheduling, setScheduling] = useState(false);
  const study = useStudy(cluster.id);
  const chain = useQuery({
    queryKey: [`${base}/chain`],
    queryFn: ({ signal }) => api.get<Chain>(`${base}/chain`, undefined, signal),
  });
  const plans = useQuery({
    queryKey: [`${base}/plans`],
    queryFn: ({ signal }) => api.get<Page<PlanListItem>>(`${base}/plans`, undefined, signal),
  });
  const meetings = useQuery({
    queryKey: ["/council-meetings", { clusterId: cluster.id }],
    queryFn: ({ signal }) =>
      api.get<Page<MeetingListItem>>("/council-meetings", { clusterId: cluster.id, limit: 10 }, signal),
  });
  const can = study.data?.can;
  const planItems = plans.data?.items ?? [];

  return (
    <Section
      title={t("planning.section.title")}
      testId="planning-section"
      actions={
        <Box sx={{ display: "flex", gap: 1, flexWrap: "wrap" }}>
          <Button
            variant="outlined"
            component={RouterLink}
            to={`/clusters/${enc(cluster.id)}/study`}
            startIcon={<ManageSearchOutlined />}
            data-testid="study-open"
          >
            {t("planning.study.title")}
          </Button>
          {can?.edit && (
            <Button
              variant="outlined"
              startIcon={<Add />}
              onClick={() => setCreating(true)}
              disabled={planItems.length >= 3}
              data-testid="plan-create"
            >
              {t("planning.plan.create")}
            </Button>
          )}
          {can?.council && (
            <Button
              variant="outlined"
              startIcon={<EventOutlined />}
              onClick={() => setScheduling(true)}
              data-testid="meeting-schedule"
            >
              {t("planning.meeting.schedule")}
            </Button>
          )}
        </Box>
      }
    >
      {chain.isPending ? (
        <Loading minHeight={80} />
      ) : chain.isError ? (
        <ErrorState error={chain.error} onRetry={() => void chain.refetch()} />
      ) : (
        <ChainView chain={chain.data} clusterId={cluster.id} />
      )}
      <Box
        sx={{
          display: "grid",
          gap: 2,
          mt: 2,
          gridTemplateColumns: { xs: "minmax(0, 1fr)", md: "minmax(0, 1fr) minmax(0, 1fr)" },
        }}
      >
        <Box sx={{ minWidth: 0 }}>
          <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
            {t("planning.plan.listTitle")}
          </Typography>
          {plans.isPending ? (
            <Loading minHeight={60} />
          ) : plans.isError ? (
            <ErrorState error={plans.error} onRetry={() => void plans.refetch()} />
          ) : (
            <PlansList plans={planItems} />
          )}
        </Box>
        <Box sx={{ minWidth: 0 }}>
          <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
            {t("planning.meeting.listTitle")}
          </Typography>
          {meetings.isPending ? (
            <Loading minHeight={60} />
          ) : meetings.isError ? (
            <ErrorState error={meetings.error} onRetry={() => void meetings.refetch()} />
          ) : meetings.data.items.length === 0 ? (
            <EmptyState title={t("planning.meeting.none")} />
          ) : (
            <MeetingsList meetings={meetings.data.items} />
          )}
        </Box>
      </Box>
      {creating && (
        <PlanDialog
          clusterId={cluster.id}
          takenYears={planItems.map((p) => p.projectYear)}
          onClose={() => setCreating(false)}
          onSaved={(p) => {
            setCreating(false);
            notify.success(t("planning.plan.created"));
            void navigate(`/plans/${enc(p.id)}`);
          }}
        />
      )}
      {scheduling && (
        <MeetingDialog
          clusterId={cluster.id}
          onClose={() => setScheduling(false)}
          onSaved={(m) => {
            setScheduling(false);
            notify.success(t("planning.meeting.scheduled"));
            void navigate(`/council-meetings/${enc(m.id)}`);
          }}
        />
      )}
    </Section>
  );
}
