import Button from "@mui/material/Button";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableContainer from "@mui/material/TableContainer";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import Typography from "@mui/material/Typography";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link as RouterLink, useNavigate } from "react-router";
import { api } from "../../app/api";
import { useFormat } from "../../app/format";
import { clusterName, clusterProvinceName } from "../../app/lookups";
import type { Cluster, Page } from "../../app/types";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { Loading } from "../../components/Loading";
import { StateChip } from "../../components/labels";
import { WithMobileLine } from "../../components/MobileSecondLine";
import { Section } from "../../components/Section";

const SHOWN = 8;

/** The registry's home card: the clusters in the person's reach. */
export default function ClustersCard() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const navigate = useNavigate();
  const clusters = useQuery({
    queryKey: ["/clusters", "home"],
    queryFn: ({ signal }) => api.get<Page<Cluster>>("/clusters", { limit: SHOWN, sort: "name", order: "asc" }, signal),
  });
  return (
    <Section
      title={t("home.clustersTitle")}
      actions={
        <Button component={RouterLink} to="/clusters" size="small">
          {t("home.seeAll")}
        </Button>
      }
    >
      {clusters.isPending ? (
        <Loading minHeight={100} />
      ) : clusters.isError ? (
        <ErrorState error={clusters.error} onRetry={() => void clusters.refetch()} />
      ) : clusters.data.total === 0 ? (
        <EmptyState title={t("home.noClusters")} />
      ) : (
        <>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }} data-testid="home-cluster-count">
            {t("home.clustersCount", { count: clusters.data.total, n: f.num(clusters.data.total) })}
          </Typography>
          <TableContainer>
            <Table size="small" data-testid="home-clusters">
              <TableHead>
                <TableRow>
                  <TableCell>{t("clusters.name")}</TableCell>
                  <TableCell sx={{ display: { xs: "none", sm: "table-cell" } }}>{t("clusters.province")}</TableCell>
                  <TableCell>{t("clusters.state")}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {clusters.data.items.map((c) => (
                  <TableRow
                    key={c.id}
                    hover
                    sx={{ cursor: "pointer" }}
                    onClick={() => navigate(`/clusters/${encodeURIComponent(c.id)}`)}
                  >
                    <TableCell>
                      <WithMobileLine
                        main={clusterName(c, i18n.language)}
                        line={clusterProvinceName(c, i18n.language)}
                      />
                    </TableCell>
                    <TableCell sx={{ display: { xs: "none", sm: "table-cell" } }}>
                      {clusterProvinceName(c, i18n.language)}
                    </TableCell>
                    <TableCell>
                      <StateChip state={c.state} />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        </>
      )}
    </Section>
  );
}
