import Add from "@mui/icons-material/Add";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { ACTIVITY_KINDS } from "../../../core/activities";
import { useAuth } from "../../app/auth";
import { useFormat } from "../../app/format";
import { provinceLabel, useProvinceName, useScopeProvinces } from "../../app/lookups";
import { type Column, DataTable } from "../../components/DataTable";
import { JalaliDateField } from "../../components/JalaliDateField";
import { WithMobileLine } from "../../components/MobileSecondLine";
import { PageHeader } from "../../components/PageHeader";
import { ClusterPicker } from "../../components/pickers";
import { SelectField } from "../../components/SelectField";
import { useUrlFilterSet } from "../../components/useQueryParams";
import { ActivityDialog } from "./ActivityDialog";
import { ActivityStatusChip, activityPath, seatsLeft, useDateRange, useProgrammes } from "./shared";
import type { ActivityListItem } from "./types";

const KEYS = ["kind", "programmeId", "clusterId", "provinceCode", "from", "to"] as const;
type Filters = Partial<Record<(typeof KEYS)[number], string>>;

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The filters in the URL, leaving out values the server would refuse. */
function parse(params: URLSearchParams): Filters {
  const get = (k: string, ok: (v: string) => boolean) => {
    const v = params.get(k);
    return v && ok(v) ? v : undefined;
  };
  return {
    kind: get("kind", (v) => (ACTIVITY_KINDS as readonly string[]).includes(v)),
    programmeId: get("programmeId", (v) => ID.test(v)),
    clusterId: get("clusterId", (v) => ID.test(v)),
    provinceCode: get("provinceCode", (v) => /^IR-\d{2}$/.test(v)),
    from: get("from", (v) => ISO.test(v)),
    to: get("to", (v) => ISO.test(v)),
  };
}

/** The clusters this user reaches: a cluster filter only makes sense over several. */
function useReach() {
  const { user, isNational, can } = useAuth();
  const clusters = new Set(user.grants.flatMap((g) => (g.clusterId ? [g.clusterId] : [])));
  const provinceWide = isNational || user.grants.some((g) => g.role === "province_admin");
  const single = !provinceWide && clusters.size === 1 ? [...clusters][0] : undefined;
  return { severalClusters: provinceWide || clusters.size > 1, single, canManage: can("activities.manage") };
}

/** Activities in the caller's reach: by kind, programme, dates, cluster and province; paged by the server. */
export default function ActivitiesPage() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const navigate = useNavigate();
  const range = useDateRange();
  const scope = useScopeProvinces();
  const provinceName = useProvinceName();
  const reach = useReach();
  const { filters, set, clear } = useUrlFilterSet(KEYS, parse);
  const [creating, setCreating] = useState(false);
  // The programme filter lists the programmes of one cluster's plans: the chosen one, or the only one reached.
  const programmeCluster = filters.clusterId ?? reach.single;
  const programmes = useProgrammes(programmeCluster);
  const any = Object.values(filters).some(Boolean);

  const columns: Column<ActivityListItem>[] = [
    {
      key: "title",
      label: t("activities.fields.title"),
      render: (a) => (
        <WithMobileLine
          main={
            <Box component="span" sx={{ fontWeight: 600 }} data-testid="activity-row-title">
              <bdi>{a.title}</bdi>
            </Box>
          }
          line={
            <>
              {t(`activityKinds.${a.kind}`)} · {range(a)}
            </>
          }
        />
      ),
    },
    {
      key: "kind",
      label: t("activities.fields.kind"),
      render: (a) => t(`activityKinds.${a.kind}`),
      hideOnMobile: true,
    },
    { key: "dates", label: t("activities.fields.dates"), render: (a) => range(a), hideOnMobile: true, nowrap: true },
    ...(reach.severalClusters
      ? [
          {
            key: "cluster",
            label: t("activities.fields.cluster"),
            render: (a: ActivityListItem) => <bdi>{a.clusterName}</bdi>,
            hideOnMobile: true,
          },
        ]
      : []),
    ...(scope.several
      ? [
          {
            key: "province",
            label: t("activities.fields.province"),
            render: (a: ActivityListItem) => provinceName(a.provinceCode),
            hideOnMobile: true,
          },
        ]
      : []),
    {
      key: "seats",
      label: t("activities.fields.seats"),
      render: (a) => {
        const left = seatsLeft(a.capacity, a.seatsTaken);
        return (
          <span data-testid="activity-row-seats">
            {left === null
              ? t("activities.seats.noLimit", { taken: f.num(a.seatsTaken) })
              : t("activities.seats.ofCapacity", { taken: f.num(a.seatsTaken), capacity: f.num(a.capacity ?? 0) })}
            {a.waiting > 0 && <> · {t("activities.seats.waiting", { n: f.num(a.waiting) })}</>}
          </span>
        );
      },
      hideOnMobile: true,
    },
    { key: "status", label: t("activities.fields.status"), render: (a) => <ActivityStatusChip status={a.status} /> },
  ];

  return (
    <>
      <PageHeader
        title={t("activities.list.title")}
        testId="activities-title"
        actions={
          reach.canManage && reach.single ? (
            <Button
              variant="contained"
              startIcon={<Add />}
              onClick={() => setCreating(true)}
              data-testid="activity-new"
            >
              {t("activities.new")}
            </Button>
          ) : undefined
        }
      />
      <DataTable<ActivityListItem>
        path="/activities"
        columns={columns}
        rowKey={(a) => a.id}
        params={filters}
        onRowClick={(a) => void navigate(activityPath(a.id))}
        emptyText={any ? t("activities.list.emptyFiltered") : t("activities.list.empty")}
        testId="activities-table"
        ariaLabel={t("activities.list.title")}
        toolbar={
          <Box sx={{ display: "flex", gap: 1.5, flexWrap: "wrap", flex: "1 1 auto", alignItems: "flex-start" }}>
            <SelectField
              label={t("activities.fields.kind")}
              value={filters.kind ?? ""}
              onChange={(v) => set({ kind: v })}
              testId="activities-filter-kind"
              fullWidth={false}
              minWidth={170}
            >
              <option value="">{t("activities.list.allKinds")}</option>
              {ACTIVITY_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`activityKinds.${k}`)}
                </option>
              ))}
            </SelectField>
            {scope.several && (
              <SelectField
                label={t("activities.fields.province")}
                value={filters.provinceCode ?? ""}
                onChange={(v) => set({ provinceCode: v, clusterId: undefined, programmeId: undefined })}
                testId="activities-filter-province"
                fullWidth={false}
                minWidth={170}
              >
                <option value="">{t("activities.list.allProvinces")}</option>
                {scope.items.map((p) => (
                  <option key={p.code} value={p.code}>
                    {provinceLabel(p, i18n.language)}
                  </option>
                ))}
              </SelectField>
            )}
            {reach.severalClusters && (
              <Box sx={{ minWidth: 220, flex: "0 1 260px" }}>
                <ClusterPicker
                  label={t("activities.fields.cluster")}
                  value={filters.clusterId ?? null}
                  provinceCode={filters.provinceCode}
                  onChange={(id) => set({ clusterId: id ?? undefined, programmeId: undefined })}
                  testId="activities-filter-cluster"
                />
              </Box>
            )}
            {programmeCluster && (programmes.data?.length ?? 0) > 0 && (
              <SelectField
                label={t("activities.fields.programme")}
                value={filters.programmeId ?? ""}
                onChange={(v) => set({ programmeId: v })}
                testId="activities-filter-programme"
                fullWidth={false}
                minWidth={200}
              >
                <option value="">{t("activities.list.allProgrammes")}</option>
                {programmes.data?.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.title}
                  </option>
                ))}
              </SelectField>
            )}
            <Box sx={{ width: 170 }}>
              <JalaliDateField
                label={t("activities.list.from")}
                value={filters.from ?? null}
                onChange={(v) => set({ from: v ?? undefined })}
                maxDate={filters.to}
                testId="activities-filter-from"
              />
            </Box>
            <Box sx={{ width: 170 }}>
              <JalaliDateField
                label={t("activities.list.to")}
                value={filters.to ?? null}
                onChange={(v) => set({ to: v ?? undefined })}
                minDate={filters.from}
                testId="activities-filter-to"
              />
            </Box>
            {any && (
              <Button onClick={clear} data-testid="activities-filter-clear">
                {t("activities.list.clear")}
              </Button>
            )}
          </Box>
        }
      />
      {creating && reach.single && (
        <ActivityDialog
          clusterId={reach.single}
          onClose={() => setCreating(false)}
          onSaved={(a) => void navigate(activityPath(a.id))}
        />
      )}
    </>
  );
}
