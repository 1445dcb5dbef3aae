import AddBusinessOutlined from "@mui/icons-material/AddBusinessOutlined";
import FileDownloadOutlined from "@mui/icons-material/FileDownloadOutlined";
import FilterAltOff from "@mui/icons-material/FilterAltOff";
import Search from "@mui/icons-material/Search";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import FormControlLabel from "@mui/material/FormControlLabel";
import InputAdornment from "@mui/material/InputAdornment";
import Switch from "@mui/material/Switch";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { type MouseEvent, useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { API_BASE, downloadFile, withQuery } from "../../app/api";
import { useAuth } from "../../app/auth";
import { useFormat } from "../../app/format";
import { clusterName, clusterProvinceName, provinceLabel, useScopeProvinces } from "../../app/lookups";
import { CLUSTER_STATES, type Cluster } from "../../app/types";
import { type Column, DataTable } from "../../components/DataTable";
import { JalaliDate } from "../../components/JalaliDate";
import { StateChip, Warnings } from "../../components/labels";
import { useNotify } from "../../components/Notifier";
import { PageHeader } from "../../components/PageHeader";
import { SelectField } from "../../components/SelectField";
import { ClusterFormDialog } from "./ClusterFormDialog";
import { type Filters, useUrlFilters, useUrlText } from "./filters";
import { YearChip } from "./YearChip";

export default function ClustersPage() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const navigate = useNavigate();
  const notify = useNotify();
  const { can } = useAuth();
  const lng = i18n.language;
  const { filters, set, clear } = useUrlFilters();
  const scope = useScopeProvinces();
  const [creating, setCreating] = useState(false);
  const [exporting, setExporting] = useState(false);

  const setQ = useCallback((v: string) => set({ q: v }), [set]);
  const setSector = useCallback((v: string) => set({ sector: v }), [set]);
  const [qText, setQText] = useUrlText(filters.q ?? "", setQ);
  const [sectorText, setSectorText] = useUrlText(filters.sector ?? "", setSector);
  // The switch answers at once; the URL (which the router updates a moment later) stays the truth.
  const endingInUrl = filters.contractEnding === "true";
  const [ending, setEnding] = useState(endingInUrl);
  useEffect(() => setEnding(endingInUrl), [endingInUrl]);
  const active = Object.keys(filters).length > 0;
  const exportHref = withQuery(`${API_BASE}/clusters/export.xlsx`, filters);

  async function onExport(e: MouseEvent) {
    e.preventDefault();
    setExporting(true);
    try {
      await downloadFile("/clusters/export.xlsx", filters, "khooshe-clusters.xlsx");
    } catch (err) {
      notify.error(err);
    } finally {
      setExporting(false);
    }
  }

  const columns: Column<Cluster>[] = [
    {
      key: "name",
      label: t("clusters.name"),
      sortKey: "name",
      minWidth: 150,
      render: (c) => (
        <>
          <Box component="span" sx={{ fontWeight: 500 }}>
            {clusterName(c, lng)}
          </Box>
          {c.nameEn && (
            <Typography component="div" variant="caption" color="text.secondary">
              <bdi>{lng === "fa" ? c.nameEn : c.nameFa}</bdi>
            </Typography>
          )}
          <Box sx={{ display: { xs: "block", sm: "none" }, color: "text.secondary", fontSize: 12, mt: 0.25 }}>
            {[clusterProvinceName(c, lng), c.place].filter(Boolean).join(t("common.listSeparator"))}
          </Box>
        </>
      ),
    },
    {
      key: "province",
      label: t("clusters.province"),
      sortKey: "province",
      hideOnMobile: true,
      nowrap: true,
      render: (c) => clusterProvinceName(c, lng),
    },
    {
      key: "place",
      label: t("clusters.placeSector"),
      hideOnMobile: true,
      minWidth: 120,
      render: (c) =>
        c.place || c.sector ? (
          <>
            {c.place ?? "—"}
            {c.sector && (
              <Typography component="div" variant="caption" color="text.secondary">
                {c.sector}
              </Typography>
            )}
          </>
        ) : (
          "—"
        ),
    },
    {
      key: "state",
      label: t("clusters.state"),
      sortKey: "state",
      render: (c) => (
        <>
          <StateChip state={c.state} />
          <Box sx={{ display: { xs: "block", sm: "none" }, mt: 0.5 }}>
            <Warnings warnings={c.warnings} />
          </Box>
        </>
      ),
    },
    {
      key: "since",
      label: t("clusters.since"),
      sortKey: "stateSince",
      hideOnMobile: true,
      render: (c) => <JalaliDate value={c.stateSince} withTime={false} />,
    },
    {
      key: "year",
      label: t("clusters.year"),
      hideOnMobile: true,
      nowrap: true,
      render: (c) => (c.implementationYear ? <YearChip year={c.implementationYear} /> : "—"),
    },
    {
      key: "warnings",
      label: t("clusters.warnings"),
      hideOnMobile: true,
      render: (c) => <Warnings warnings={c.warnings} />,
    },
  ];

  const filterBar = (
    <Box
      sx={{
        display: "grid",
        gap: 1.5,
        width: "100%",
        alignItems: "center",
        gridTemplateColumns: {
          xs: "minmax(0, 1fr)",
          sm: "minmax(0, 1fr) minmax(0, 1fr)",
          md: "repeat(3, minmax(0, 1fr))",
          lg: "minmax(0, 2fr) repeat(4, minmax(0, 1fr))",
        },
      }}
      data-testid="clusters-filters"
    >
      <TextField
        value={qText}
        onChange={(e) => setQText(e.target.value)}
        placeholder={t("clusters.search")}
        slotProps={{
          htmlInput: { "data-testid": "clusters-filter-q", "aria-label": t("clusters.search") },
          input: {
            startAdornment: (
              <InputAdornment position="start">
                <Search fontSize="small" />
              </InputAdornment>
            ),
          },
        }}
      />
      {scope.several && (
        <SelectField
          label={t("clusters.province")}
          value={filters.provinceCode ?? ""}
          onChange={(v) => set({ provinceCode: v })}
          testId="clusters-filter-province"
        >
          <option value="">{t("clusters.allProvinces")}</option>
          {scope.items.map((p) => (
            <option key={p.code} value={p.code}>
              {provinceLabel(p, lng)}
            </option>
          ))}
        </SelectField>
      )}
      <SelectField
        label={t("clusters.state")}
        value={filters.state ?? ""}
        onChange={(v) => set({ state: v })}
        testId="clusters-filter-state"
      >
        <option value="">{t("clusters.allStates")}</option>
        {CLUSTER_STATES.map((s) => (
          <option key={s} value={s}>
            {t(`states.${s}`)}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t("clusters.year")}
        value={filters.year ?? ""}
        onChange={(v) => set({ year: v })}
        testId="clusters-filter-year"
      >
        <option value="">{t("clusters.anyYear")}</option>
        {[1, 2, 3].map((y) => (
          <option key={y} value={String(y)}>
            {t("clusters.yearN", { n: f.num(y) })}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t("clusters.sector")}
        value={sectorText}
        onChange={(e) => setSectorText(e.target.value)}
        slotProps={{ htmlInput: { "data-testid": "clusters-filter-sector" } }}
      />
      <Box sx={{ display: "flex", alignItems: "center", flexWrap: "wrap", gap: 1, gridColumn: { lg: "1 / -1" } }}>
        <FormControlLabel
          sx={{ flexGrow: 1, mx: 0 }}
          control={
            <Switch
              checked={ending}
              onChange={(e) => {
                setEnding(e.target.checked);
                set({ contractEnding: e.target.checked ? "true" : "" });
              }}
              slotProps={{ input: { "data-testid": "clusters-filter-ending" } as object }}
            />
          }
          label={t("clusters.contractEnding")}
        />
        {active && (
          <Button startIcon={<FilterAltOff />} onClick={clear} data-testid="clusters-filter-clear">
            {t("clusters.clearFilters")}
          </Button>
        )}
      </Box>
    </Box>
  );

  return (
    <>
      <PageHeader
        title={t("clusters.title")}
        actions={
          <Box sx={{ display: "flex", gap: 1, flexWrap: "wrap" }}>
            <Button
              variant="outlined"
              component="a"
              href={exportHref}
              onClick={onExport}
              disabled={exporting}
              startIcon={<FileDownloadOutlined />}
              data-testid="clusters-export"
            >
              {exporting ? t("clusters.exporting") : t("clusters.export")}
            </Button>
            {can("cluster.create") && (
              <Button
                variant="contained"
                startIcon={<AddBusinessOutlined />}
                onClick={() => setCreating(true)}
                data-testid="cluster-create"
              >
                {t("clusters.create")}
              </Button>
            )}
          </Box>
        }
      />
      <DataTable<Cluster>
        path="/clusters"
        columns={columns}
        rowKey={(c) => c.id}
        params={filters satisfies Filters}
        toolbar={filterBar}
        defaultSort={{ sort: "name", order: "asc" }}
        onRowClick={(c) => navigate(`/clusters/${encodeURIComponent(c.id)}`)}
        emptyText={active ? t("clusters.noMatch") : t("clusters.empty")}
        testId="clusters-table"
        ariaLabel={t("clusters.title")}
      />
      {creating && (
        <ClusterFormDialog
          onClose={() => setCreating(false)}
          onSaved={(c) => {
            setCreating(false);
            notify.success(t("clusterForm.created", { name: c.nameFa }));
            navigate(`/clusters/${encodeURIComponent(c.id)}`);
          }}
        />
      )}
    </>
  );
}
