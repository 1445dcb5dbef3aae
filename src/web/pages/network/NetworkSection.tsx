/**
 * The cluster page's network section: the headline figures of today's
 * network and the way to its page. Only for those who read the network;
 * no graph library loads here.
 */
import Hub from "@mui/icons-material/HubOutlined";
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Typography from "@mui/material/Typography";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link as RouterLink } from "react-router";
import { api } from "../../app/api";
import { useAuth } from "../../app/auth";
import { useFormat } from "../../app/format";
import { ErrorState } from "../../components/ErrorState";
import { Loading } from "../../components/Loading";
import { Section } from "../../components/Section";
import type { ClusterSectionProps } from "../../modules/module";
import { CentralList, FigureList } from "./Figures";
import { type NetworkFigures, networkPath, readsNetwork } from "./shared";

export default function NetworkSection({ cluster }: ClusterSectionProps) {
  const { me } = useAuth();
  if (!readsNetwork(me, cluster)) return null;
  return <Figures clusterId={cluster.id} />;
}

function Figures({ clusterId }: { clusterId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const path = `/clusters/${encodeURIComponent(clusterId)}/network/figures`;
  const q = useQuery({
    queryKey: [path],
    queryFn: ({ signal }) => api.get<NetworkFigures>(path, undefined, signal),
    // While a snapshot is computed, look again shortly.
    refetchInterval: (query) => (query.state.data?.computing ? 3000 : false),
  });
  let body: React.ReactNode;
  if (q.isPending) body = <Loading minHeight={80} />;
  else if (q.isError) body = <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  else if (!q.data.snapshot)
    body = <Alert severity="info">{q.data.computing ? t("network.computing") : t("network.noSnapshot")}</Alert>;
  else {
    const s = q.data.snapshot;
    body = (
      <>
        {s.figures.links === 0 ? (
          <Typography color="text.secondary">{t("network.empty")}</Typography>
        ) : (
          <FigureList snapshot={s} keys={["actors", "links", "density", "averageDegree", "communities"]} />
        )}
        <CentralList
          title={t("network.topDegree")}
          actors={s.topByDegree.slice(0, 3)}
          measure="degree"
          testId="section-top-degree"
        />
        <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1 }}>
          {t("network.computedAt", { at: f.date(s.computedAt) })}
        </Typography>
      </>
    );
  }
  return (
    <Section
      title={t("network.sectionTitle")}
      testId="cluster-network"
      actions={
        <Button
          component={RouterLink}
          to={networkPath(clusterId)}
          startIcon={<Hub />}
          size="small"
          data-testid="cluster-network-open"
        >
          {t("network.open")}
        </Button>
      }
    >
      {body}
    </Section>
  );
}
