import Add from "@mui/icons-material/Add";
import FileDownloadOutlined from "@mui/icons-material/FileDownloadOutlined";
import FilterAltOff from "@mui/icons-material/FilterAltOff";
import Search from "@mui/icons-material/Search";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import InputAdornment from "@mui/material/InputAdornment";
import Menu from "@mui/material/Menu";
import MenuItem from "@mui/material/MenuItem";
import TextField from "@mui/material/TextField";
import ToggleButton from "@mui/material/ToggleButton";
import ToggleButtonGroup from "@mui/material/ToggleButtonGroup";
import Typography from "@mui/material/Typography";
import { type MouseEvent, useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { ACTOR_KINDS, type ActorKind, INSTITUTION_KINDS, MEMBERSHIP_STATUSES, SKILLS } from "../../../core/members";
import type { DirectoryItem } from "../../../core/schemas/members";
import { API_BASE, downloadFile, withQuery } from "../../app/api";
import { useAuth } from "../../app/auth";
import { useProvinceName, useProvinces } from "../../app/lookups";
import { type Column, DataTable } from "../../components/DataTable";
import { useNotify } from "../../components/Notifier";
import { PageHeader } from "../../components/PageHeader";
import { ClusterPicker } from "../../components/pickers";
import { SelectField } from "../../components/SelectField";
import { useUrlText } from "../clusters/filters";
import { CreateActorDialog } from "./CreateActorDialog";
import { type DirectoryFilters, useDirectoryFilters } from "./filters";
import { actorPath, KindChip, StatusChip } from "./labels";
import { SavedViews } from "./SavedViews";

/** One line of what a row is: products and size, skills and employer, or the institution's kind. */
function Details({ item }: { item: DirectoryItem }) {
  const { t } = useTranslation();
  const sep = t("common.listSeparator");
  if (item.kind === "enterprise") {
    const size = item.sizeClass ? t(`sizeClasses.${item.sizeClass}`) : null;
    return <>{[item.products.join(sep), size].filter(Boolean).join(" · ") || "—"}</>;
  }
  if (item.kind === "person") {
    const skills = item.skills.map((s) => t(`skills.${s}`)).join(sep);
    return <>{[skills, item.enterpriseName].filter(Boolean).join(" · ") || "—"}</>;
  }
  return <>{item.institutionKind ? t(`institutionKinds.${item.institutionKind}`) : "—"}</>;
}

export default function DirectoryPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const notify = useNotify();
  const { can } = useAuth();
  const { filters, set, clear } = useDirectoryFilters();
  const provinces = useProvinces();
  const provinceName = useProvinceName();
  const lng = i18n.language;
  const [exporting, setExporting] = useState(false);
  const [menu, setMenu] = useState<HTMLElement | null>(null);
  const [creating, setCreating] = useState<ActorKind | null>(null);

  const setQ = useCallback((v: string) => set({ q: v }), [set]);
  const setGroup = useCallback((v: string) => set({ productGroup: v }), [set]);
  const [qText, setQText] = useUrlText(filters.q ?? "", setQ);
  const [groupText, setGroupText] = useUrlText(filters.productGroup ?? "", setGroup);
  const kind = (filters.kind as ActorKind | undefined) ?? null;
  const active = Object.keys(filters).length > 0;
  const exportQuery = { ...filters, lang: lng };
  const creatable = ACTOR_KINDS.filter((k) =>
    k === "enterprise" ? can("enterprise.create") : k === "person" ? can("person.manage") : can("institution.manage"),
  );

  async function onExport(e: MouseEvent) {
    e.preventDefault();
    setExporting(true);
    try {
      await downloadFile("/directory/export.xlsx", exportQuery, "khooshe-members.xlsx");
    } catch (err) {
      notify.error(err);
    } finally {
      setExporting(false);
    }
  }

  /** A new kind drops the filters only another kind has. */
  function setKind(k: ActorKind | null) {
    set({
      kind: k ?? "",
      skill: k === "person" ? filters.skill : "",
      institutionKind: k === "institution" ? filters.institutionKind : "",
      productGroup: k === "enterprise" ? filters.productGroup : "",
    });
    if (k !== "enterprise") setGroupText("");
  }

  const columns: Column<DirectoryItem>[] = [
    {
      key: "name",
      label: t("directory.name"),
      minWidth: 160,
      render: (a) => (
        <>
          <Box component="span" sx={{ fontWeight: 500 }} data-testid="directory-name">
            {a.name}
          </Box>
          <Box sx={{ display: { xs: "block", sm: "none" }, color: "text.secondary", fontSize: 12, mt: 0.25 }}>
            {[t(`actorKinds.${a.kind}`), provinceName(a.provinceCode), a.city].filter(Boolean).join(" · ")}
          </Box>
        </>
      ),
    },
    ...(kind
      ? []
      : [
          {
            key: "kind",
            label: t("directory.kind"),
            hideOnMobile: true,
            nowrap: true,
            render: (a: DirectoryItem) => <KindChip kind={a.kind} />,
          },
        ]),
    {
      key: "place",
      label: t("directory.place"),
      hideOnMobile: true,
      render: (a) => [provinceName(a.provinceCode), a.city].filter(Boolean).join(t("common.listSeparator")) || "—",
    },
    {
      key: "details",
      label: t("directory.details"),
      minWidth: 140,
      render: (a) => <Details item={a} />,
    },
    ...(filters.clusterId
      ? [
          {
            key: "status",
            label: t("directory.status"),
            nowrap: true,
            render: (a: DirectoryItem) => (a.status ? <StatusChip status={a.status} /> : "—"),
          },
        ]
      : []),
  ];

  const grid = {
    display: "grid",
    gap: 1.5,
    width: "100%",
    alignItems: "center",
    gridTemplateColumns: {
      xs: "minmax(0, 1fr)",
      sm: "minmax(0, 1fr) minmax(0, 1fr)",
      lg: "minmax(0, 2fr) repeat(3, minmax(0, 1fr))",
    },
  };

  const filterBar = (
    <Box sx={{ display: "grid", gap: 1.5, width: "100%" }} data-testid="directory-filters">
      <ToggleButtonGroup
        exclusive
        size="small"
        value={kind ?? "all"}
        onChange={(_, v: string | null) => v && setKind(v === "all" ? null : (v as ActorKind))}
        aria-label={t("directory.kind")}
        sx={{ flexWrap: "wrap" }}
      >
        <ToggleButton value="all" data-testid="directory-kind-all">
          {t("directory.allKinds")}
        </ToggleButton>
        {ACTOR_KINDS.map((k) => (
          <ToggleButton key={k} value={k} data-testid={`directory-kind-${k}`}>
            {t(`directory.kinds.${k}`)}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
      <Box sx={grid}>
        <TextField
          value={qText}
          onChange={(e) => setQText(e.target.value)}
          placeholder={t("directory.search")}
          slotProps={{
            htmlInput: { "data-testid": "directory-q", "aria-label": t("directory.search") },
            input: {
              startAdornment: (
                <InputAdornment position="start">
                  <Search fontSize="small" />
                </InputAdornment>
              ),
            },
          }}
        />
        <ClusterPicker
          label={t("directory.cluster")}
          value={filters.clusterId ?? null}
          onChange={(id) => set({ clusterId: id ?? "", viewId: "" })}
          testId="directory-cluster"
        />
        <SelectField
          label={t("directory.status")}
          value={filters.status ?? ""}
          onChange={(v) => set({ status: v })}
          testId="directory-status"
        >
          <option value="">{t("directory.anyStatus")}</option>
          {MEMBERSHIP_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`membershipStatuses.${s}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t("directory.province")}
          value={filters.provinceCode ?? ""}
          onChange={(v) => set({ provinceCode: v })}
          testId="directory-province"
          disabled={provinces.isPending}
        >
          <option value="">{t("directory.allProvinces")}</option>
          {(provinces.data?.items ?? []).map((p) => (
            <option key={p.code} value={p.code}>
              {lng === "en" ? p.nameEn : p.nameFa}
            </option>
          ))}
        </SelectField>
        {(kind === null || kind === "person") && (
          <SelectField
            label={t("directory.skill")}
            value={filters.skill ?? ""}
            onChange={(v) => set({ skill: v, kind: v ? "person" : filters.kind })}
            testId="directory-skill"
          >
            <option value="">{t("directory.anySkill")}</option>
            {SKILLS.map((s) => (
              <option key={s} value={s}>
                {t(`skills.${s}`)}
              </option>
            ))}
          </SelectField>
        )}
        {(kind === null || kind === "institution") && (
          <SelectField
            label={t("directory.institutionKind")}
            value={filters.institutionKind ?? ""}
            onChange={(v) => set({ institutionKind: v, kind: v ? "institution" : filters.kind })}
            testId="directory-institution-kind"
          >
            <option value="">{t("directory.anyInstitutionKind")}</option>
            {INSTITUTION_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`institutionKinds.${k}`)}
              </option>
            ))}
          </SelectField>
        )}
        {(kind === null || kind === "enterprise") && (
          <TextField
            label={t("directory.productGroup")}
            value={groupText}
            onChange={(e) => setGroupText(e.target.value)}
            slotProps={{ htmlInput: { "data-testid": "directory-product-group" } }}
          />
        )}
        {active && (
          <Box>
            <Button startIcon={<FilterAltOff />} onClick={clear} data-testid="directory-clear">
              {t("directory.clearFilters")}
            </Button>
          </Box>
        )}
      </Box>
    </Box>
  );

  return (
    <>
      <PageHeader
        title={t("directory.title")}
        actions={
          <Box sx={{ display: "flex", gap: 1, flexWrap: "wrap" }}>
            <Button
              variant="outlined"
              component="a"
              href={withQuery(`${API_BASE}/directory/export.xlsx`, exportQuery)}
              onClick={onExport}
              disabled={exporting}
              startIcon={<FileDownloadOutlined />}
              data-testid="directory-export"
            >
              {exporting ? t("directory.exporting") : t("directory.export")}
            </Button>
            {creatable.length > 0 && (
              <>
                <Button
                  variant="contained"
                  startIcon={<Add />}
                  onClick={(e) => setMenu(e.currentTarget)}
                  aria-haspopup="menu"
                  data-testid="directory-create"
                >
                  {t("directory.create")}
                </Button>
                <Menu anchorEl={menu} open={!!menu} onClose={() => setMenu(null)}>
                  {creatable.map((k) => (
                    <MenuItem
                      key={k}
                      onClick={() => {
                        setMenu(null);
                        setCreating(k);
                      }}
                      data-testid={`directory-create-${k}`}
                    >
                      {t(`directory.createKind.${k}`)}
                    </MenuItem>
                  ))}
                </Menu>
              </>
            )}
          </Box>
        }
      />
      <SavedViews filters={filters} set={set} />
      <DataTable<DirectoryItem>
        path="/directory"
        columns={columns}
        rowKey={(a) => a.id}
        params={filters satisfies DirectoryFilters}
        toolbar={filterBar}
        onRowClick={(a) => navigate(actorPath(a.kind, a.id))}
        emptyText={active ? t("directory.noMatch") : t("directory.empty")}
        testId="directory-table"
        ariaLabel={t("directory.title")}
      />
      {filters.q && (
        <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1 }}>
          {t("directory.searchHint")}
        </Typography>
      )}
      {creating && (
        <CreateActorDialog
          kind={creating}
          clusterId={filters.clusterId ?? null}
          onClose={() => setCreating(null)}
          onCreated={(k, id, name) => {
            setCreating(null);
            notify.success(t("directory.created", { name }));
            navigate(actorPath(k, id));
          }}
        />
      )}
    </>
  );
}
