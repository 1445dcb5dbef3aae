import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import List from "@mui/material/List";
import ListItem from "@mui/material/ListItem";
import ListItemText from "@mui/material/ListItemText";
import Paper from "@mui/material/Paper";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableContainer from "@mui/material/TableContainer";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import Typography from "@mui/material/Typography";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link as RouterLink, useNavigate } from "react-router";
import { api } from "../../app/api";
import { useAuth } from "../../app/auth";
import { useFormat } from "../../app/format";
import { clusterName, clusterProvinceName, useProvinceName, useProvinces } from "../../app/lookups";
import type { Cluster, Page } from "../../app/types";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { Loading } from "../../components/Loading";
import { StateChip, useGrantText } from "../../components/labels";
import { WithMobileLine } from "../../components/MobileSecondLine";
import { PageHeader } from "../../components/PageHeader";

const SHOWN = 8;

function Section({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <Paper variant="outlined" sx={{ p: 2, minWidth: 0 }}>
      <Box sx={{ display: "flex", alignItems: "center", mb: 1, gap: 1 }}>
        <Typography variant="h6" component="h2" sx={{ flexGrow: 1, fontSize: 17, fontWeight: 600 }}>
          {title}
        </Typography>
        {action}
      </Box>
      {children}
    </Paper>
  );
}

export default function HomePage() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const navigate = useNavigate();
  const { user, can, isNational } = useAuth();
  const grantText = useGrantText();
  const provinceName = useProvinceName();
  const provinces = useProvinces();
  const canClusters = can("cluster.read");
  const clusters = useQuery({
    queryKey: ["/clusters", "home"],
    queryFn: ({ signal }) =>
      api.get<Page<Cluster>>("/clusters", { limit: isNational ? SHOWN : 200, sort: "name", order: "asc" }, signal),
    enabled: canClusters,
  });

  // Provinces in scope: the province grants, and the provinces of the clusters in scope.
  const scopeCodes = new Set<string>();
  for (const g of user.grants) if (g.provinceCode) scopeCodes.add(g.provinceCode);
  for (const c of isNational ? [] : (clusters.data?.items ?? [])) scopeCodes.add(c.provinceCode);
  const provinceCount = provinces.data?.total ?? 31;

  return (
    <>
      <PageHeader title={t("home.title", { name: user.name })} testId="home-title" />
      <Box
        sx={{
          display: "grid",
          gap: 2,
          gridTemplateColumns: { xs: "minmax(0, 1fr)", md: "minmax(0, 1fr) minmax(0, 1fr)" },
          alignItems: "start",
        }}
      >
        <Section title={t("home.rolesTitle")}>
          {user.grants.length === 0 ? (
            <Typography color="text.secondary">{t("home.noRoles")}</Typography>
          ) : (
            <List dense disablePadding>
              {user.grants.map((g) => (
                <ListItem key={g.id} disableGutters>
                  <ListItemText primary={grantText(g)} />
                </ListItem>
              ))}
            </List>
          )}
        </Section>

        <Section title={t("home.provincesTitle")}>
          {isNational ? (
            <Typography>{t("home.allProvinces", { count: provinceCount, n: f.num(provinceCount) })}</Typography>
          ) : scopeCodes.size === 0 ? (
            <Typography color="text.secondary">{t("home.noProvinces")}</Typography>
          ) : (
            <Box sx={{ display: "flex", flexWrap: "wrap", gap: 1 }} data-testid="home-provinces">
              {[...scopeCodes].map((code) => (
                <Chip key={code} label={provinceName(code)} />
              ))}
            </Box>
          )}
        </Section>

        {canClusters && (
          <Box sx={{ gridColumn: { md: "1 / -1" }, minWidth: 0 }}>
            <Section
              title={t("home.clustersTitle")}
              action={
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
                          <TableCell sx={{ display: { xs: "none", sm: "table-cell" } }}>
                            {t("clusters.province")}
                          </TableCell>
                          <TableCell>{t("clusters.state")}</TableCell>
                        </TableRow>
                      </TableHead>
                      <TableBody>
                        {clusters.data.items.slice(0, SHOWN).map((c) => (
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
          </Box>
        )}
      </Box>
    </>
  );
}
