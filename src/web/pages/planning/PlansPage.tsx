import Box from "@mui/material/Box";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { PLAN_STATUSES, type PlanStatus } from "../../../core/planning";
import { useFormat } from "../../app/format";
import { provinceLabel, useProvinceName, useScopeProvinces } from "../../app/lookups";
import { type Column, DataTable } from "../../components/DataTable";
import { JalaliDate } from "../../components/JalaliDate";
import { WithMobileLine } from "../../components/MobileSecondLine";
import { PageHeader } from "../../components/PageHeader";
import { SelectField } from "../../components/SelectField";
import { useUrlFilterSet } from "../../components/useQueryParams";
import { enc, PlanStatusChip, useRials } from "./shared";
import type { PlanListItem } from "./types";

const KEYS = ["status", "provinceCode"] as const;
type Filters = { status?: string; provinceCode?: string };

const isStatus = (v: string): v is PlanStatus => (PLAN_STATUSES as readonly string[]).includes(v);

/** The queue's filters in the URL: a plan status ("submitted" unless another or "all" is chosen), a province. */
function parse(params: URLSearchParams): Filters {
  const status = params.get("status") ?? "submitted";
  const provinceCode = params.get("provinceCode") ?? "";
  return {
    status: status === "all" || isStatus(status) ? status : "submitted",
    provinceCode: /^IR-\d{2}$/.test(provinceCode) ? provinceCode : undefined,
  };
}

/** Action plans in the caller's reach, by default those awaiting the council. */
export default function PlansPage() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const rials = useRials();
  const navigate = useNavigate();
  const scope = useScopeProvinces();
  const provinceName = useProvinceName();
  const { filters, set } = useUrlFilterSet(KEYS, parse);
  const status = filters.status ?? "submitted";

  const columns: Column<PlanListItem>[] = [
    {
      key: "title",
      label: t("planning.plan.title"),
      render: (p) => (
        <WithMobileLine
          main={
            <Box component="span" sx={{ fontWeight: 600 }} data-testid="queue-plan">
              <bdi>{p.title}</bdi>
            </Box>
          }
          line={
            <>
              <bdi>{p.clusterName}</bdi> · {rials(p.budgetRials)}
            </>
          }
        />
      ),
    },
    {
      key: "cluster",
      label: t("planning.plan.cluster"),
      render: (p) => <bdi>{p.clusterName}</bdi>,
      hideOnMobile: true,
    },
    {
      key: "province",
      label: t("planning.queue.province"),
      render: (p) => provinceName(p.provinceCode),
      hideOnMobile: true,
    },
    {
      key: "year",
      label: t("planning.plan.projectYear"),
      render: (p) => f.num(p.projectYear),
      hideOnMobile: true,
    },
    {
      key: "budget",
      label: t("planning.plan.budget"),
      render: (p) => rials(p.budgetRials),
      hideOnMobile: true,
      nowrap: true,
    },
    { key: "status", label: t("planning.programme.status"), render: (p) => <PlanStatusChip status={p.status} /> },
    {
      key: "submittedAt",
      label: t("planning.queue.submittedAt"),
      render: (p) => <JalaliDate value={p.submittedAt} withTime={false} />,
      hideOnMobile: true,
    },
  ];

  return (
    <>
      <PageHeader title={t("planning.queue.title")} testId="plans-title" />
      <DataTable<PlanListItem>
        path="/plans"
        columns={columns}
        rowKey={(p) => p.id}
        params={{ status: status === "all" ? undefined : status, provinceCode: filters.provinceCode }}
        onRowClick={(p) => void navigate(`/plans/${enc(p.id)}`)}
        emptyText={t("planning.queue.empty")}
        testId="plans-table"
        ariaLabel={t("planning.queue.title")}
        toolbar={
          <Box sx={{ display: "flex", gap: 1.5, flexWrap: "wrap", flex: "1 1 auto" }}>
            <SelectField
              label={t("planning.queue.status")}
              value={status}
              onChange={(v) => set({ status: v === "submitted" ? undefined : v })}
              testId="plans-filter-status"
              fullWidth={false}
              minWidth={200}
            >
              {PLAN_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`planStatuses.${s}`)}
                </option>
              ))}
              <option value="all">{t("planning.queue.allStatuses")}</option>
            </SelectField>
            {scope.several && (
              <SelectField
                label={t("planning.queue.province")}
                value={filters.provinceCode ?? ""}
                onChange={(v) => set({ provinceCode: v })}
                testId="plans-filter-province"
                fullWidth={false}
                minWidth={200}
              >
                <option value="">{t("planning.queue.allProvinces")}</option>
                {scope.items.map((p) => (
                  <option key={p.code} value={p.code}>
                    {provinceLabel(p, i18n.language)}
                  </option>
                ))}
              </SelectField>
            )}
          </Box>
        }
      />
    </>
  );
}
