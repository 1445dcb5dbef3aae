import Box from "@mui/material/Box";
import Paper from "@mui/material/Paper";
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
import { useAuth } from "../../app/auth";
import { useFormat } from "../../app/format";
import { useProvinces } from "../../app/lookups";
import { CLUSTER_STATES, type ClusterState, type ClusterStats } from "../../app/types";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { Loading } from "../../components/Loading";
import { PageHeader } from "../../components/PageHeader";
import { Section } from "../../components/Section";
import { SelectField } from "../../components/SelectField";
import { useQueryParams } from "../../components/useQueryParams";
import { registryLink } from "./filters";
import { TileMap } from "./TileMap";

const GROUPS = [
  { key: "identified", color: "#607d8b" },
  { key: "underDevelopment", color: "#00695c" },
  { key: "handedOver", color: "#2e7d32" },
  { key: "stopped", color: "#c62828" },
] as const;

function GroupCards({ stats }: { stats: ClusterStats }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Box
      sx={{
        display: "grid",
        gap: { xs: 1, sm: 2 },
        gridTemplateColumns: { xs: "minmax(0, 1fr) minmax(0, 1fr)", md: "repeat(4, minmax(0, 1fr))" },
      }}
      data-testid="overview-groups"
    >
      {GROUPS.map((g) => (
        <Paper
          key={g.key}
          variant="outlined"
          sx={{ p: { xs: 1.5, sm: 2 }, borderTop: 4, borderTopColor: g.color }}
          data-testid={`overview-group-${g.key}`}
        >
          <Typography sx={{ fontSize: { xs: 26, sm: 34 }, fontWeight: 700, lineHeight: 1.2, color: g.color }}>
            {f.num(stats.groups[g.key])}
          </Typography>
          <Typography sx={{ fontWeight: 600 }}>{t(`overview.groups.${g.key}`)}</Typography>
          <Typography variant="caption" color="text.secondary" component="div">
            {t(`overview.groupHints.${g.key}`)}
          </Typography>
        </Paper>
      ))}
    </Box>
  );
}

function CountsTable({ stats, state }: { stats: ClusterStats; state: ClusterState | "" }) {
  const { t } = useTranslation();
  const f = useFormat();
  const navigate = useNavigate();
  const { isNational } = useAuth();
  // A national table lists the provinces that have clusters; a province admin sees their own even when empty.
  const rows = stats.byProvince
    .filter((p) => p.total > 0 || !isNational)
    .sort((a, b) => b.total - a.total || a.provinceCode.localeCompare(b.provinceCode));
  if (rows.length === 0) return <EmptyState title={t("overview.noClusters")} />;
  const highlight = (s: ClusterState) => (s === state ? { bgcolor: "action.selected" } : {});
  const cell = (code: string | undefined, s: ClusterState, n: number) =>
    n > 0 ? (
      <RouterLink
        to={registryLink({ provinceCode: code, state: s })}
        onClick={(e) => e.stopPropagation()}
        style={{ color: "inherit", fontWeight: 600 }}
      >
        {f.num(n)}
      </RouterLink>
    ) : (
      <Box component="span" sx={{ color: "text.disabled" }}>
        {f.num(0)}
      </Box>
    );
  return (
    <TableContainer>
      <Table
        size="small"
        data-testid="overview-table"
        aria-label={t("overview.tableTitle")}
        sx={{ "& td, & th": { px: 0.75 } }}
      >
        <TableHead>
          <TableRow>
            <TableCell sx={{ position: "sticky", insetInlineStart: 0, bgcolor: "background.paper", zIndex: 1 }}>
              {t("clusters.province")}
            </TableCell>
            {CLUSTER_STATES.map((s) => (
              <TableCell
                key={s}
                align="center"
                sx={{ whiteSpace: "normal", minWidth: 58, lineHeight: 1.3, fontSize: 12, ...highlight(s) }}
              >
                {t(`states.${s}`)}
              </TableCell>
            ))}
            <TableCell align="center">{t("overview.total")}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((p) => (
            <TableRow
              key={p.provinceCode}
              hover
              onClick={() => navigate(registryLink({ provinceCode: p.provinceCode, state }))}
              sx={{ cursor: "pointer" }}
              data-testid={`overview-row-${p.provinceCode}`}
            >
              <TableCell
                component="th"
                scope="row"
                sx={{ position: "sticky", insetInlineStart: 0, bgcolor: "background.paper", whiteSpace: "nowrap" }}
              >
                {f.lng === "en" ? p.nameEn : p.nameFa}
              </TableCell>
              {CLUSTER_STATES.map((s) => (
                <TableCell key={s} align="center" sx={highlight(s)}>
                  {cell(p.provinceCode, s, p.counts[s] ?? 0)}
                </TableCell>
              ))}
              <TableCell align="center" sx={{ fontWeight: 700 }}>
                {f.num(p.total)}
              </TableCell>
            </TableRow>
          ))}
          <TableRow sx={{ "& td, & th": { fontWeight: 700, borderTop: 2, borderColor: "divider" } }}>
            <TableCell
              component="th"
              scope="row"
              sx={{ position: "sticky", insetInlineStart: 0, bgcolor: "background.paper" }}
            >
              {t("overview.total")}
            </TableCell>
            {CLUSTER_STATES.map((s) => (
              <TableCell key={s} align="center" sx={highlight(s)}>
                {cell(undefined, s, stats.totals[s] ?? 0)}
              </TableCell>
            ))}
            <TableCell align="center" data-testid="overview-total">
              {f.num(stats.total)}
            </TableCell>
          </TableRow>
        </TableBody>
      </Table>
    </TableContainer>
  );
}

/** The national (or provincial) picture: clusters per stage, per province, on a tile map and in a table. */
export default function OverviewPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const navigate = useNavigate();
  const [params, update] = useQueryParams();
  const provinces = useProvinces();
  const raw = params.get("state") ?? "";
  const state = (CLUSTER_STATES as readonly string[]).includes(raw) ? (raw as ClusterState) : "";
  const stats = useQuery({
    queryKey: ["/clusters", "stats"],
    queryFn: ({ signal }) => api.get<ClusterStats>("/clusters/stats", undefined, signal),
  });

  if (stats.isPending) return <Loading />;
  if (stats.isError) return <ErrorState error={stats.error} onRetry={() => void stats.refetch()} />;
  const s = stats.data;
  const tiles = s.byProvince.map((p) => ({ code: p.provinceCode, count: state ? (p.counts[state] ?? 0) : p.total }));

  return (
    <>
      <PageHeader title={t("overview.title")} />
      <Typography color="text.secondary" sx={{ mt: -1, mb: 2 }} data-testid="overview-total-text">
        {t("overview.totalText", { n: f.num(s.total) })}
      </Typography>
      <Box sx={{ display: "grid", gap: 2 }}>
        <GroupCards stats={s} />
        <Section
          title={t("overview.mapTitle")}
          actions={
            <Box sx={{ minWidth: { xs: "100%", sm: 240 } }}>
              <SelectField
                label={t("overview.colourBy")}
                value={state}
                onChange={(v) => update({ state: v })}
                testId="overview-state"
              >
                <option value="">{t("overview.allStates")}</option>
                {CLUSTER_STATES.map((x) => (
                  <option key={x} value={x}>
                    {t(`states.${x}`)}
                  </option>
                ))}
              </SelectField>
            </Box>
          }
        >
          <TileMap
            provinces={provinces.data?.items ?? []}
            data={tiles}
            onOpen={(code) => navigate(registryLink({ provinceCode: code, state }))}
          />
          <Typography variant="caption" color="text.secondary" component="p" sx={{ textAlign: "center", mt: 1 }}>
            {t("overview.mapHint")}
          </Typography>
        </Section>
        <Section title={t("overview.tableTitle")}>
          <CountsTable stats={s} state={state} />
        </Section>
      </Box>
    </>
  );
}
