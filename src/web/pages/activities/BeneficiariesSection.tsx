import Box from "@mui/material/Box";
import Link from "@mui/material/Link";
import TextField from "@mui/material/TextField";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link as RouterLink } from "react-router";
import type { z } from "zod";
import { jalaliYearOf } from "../../../core/beneficiaries";
import { todayIso } from "../../../core/jalali";
import type { BeneficiaryFiguresOfYear } from "../../../core/schemas/activities";
import { ApiError, api } from "../../app/api";
import { useAuth } from "../../app/auth";
import { useFormat } from "../../app/format";
import { ErrorState } from "../../components/ErrorState";
import { Loading } from "../../components/Loading";
import { Section } from "../../components/Section";
import type { ClusterSectionProps } from "../../modules/module";
import { BeneficiaryFiguresView } from "./BeneficiariesPanel";
import { enc } from "./shared";

/** How many Jalali years back the year choice goes. */
const YEARS_BACK = 5;

/** This Jalali year and the few before it, newest first. */
export function recentJalaliYears(today = todayIso()): number[] {
  const now = jalaliYearOf(today);
  return Array.from({ length: YEARS_BACK }, (_v, i) => now - i);
}

/** A Jalali year picker (native select: large and simple on a phone). */
export function YearSelect({
  year,
  onChange,
  testId,
}: {
  year: number;
  onChange: (y: number) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <TextField
      select
      size="small"
      label={t("beneficiaries.year")}
      value={String(year)}
      onChange={(e) => onChange(Number(e.target.value))}
      slotProps={{ select: { native: true }, inputLabel: { shrink: true }, htmlInput: { "data-testid": testId } }}
      sx={{ minWidth: 120 }}
    >
      {recentJalaliYears().map((y) => (
        <option key={y} value={y}>
          {f.digits(y)}
        </option>
      ))}
    </TextField>
  );
}

/** The figures of a scope for a Jalali year: a cluster's or a province's. */
export function useYearFigures(path: string, year: number) {
  return useQuery({
    queryKey: [path, year],
    queryFn: ({ signal }) => api.get<z.infer<typeof BeneficiaryFiguresOfYear>>(path, { year }, signal),
    placeholderData: keepPreviousData,
  });
}

/** The cluster page's beneficiaries: the Jalali year's unique people and enterprises by kind and by role. */
export default function BeneficiariesSection({ cluster }: ClusterSectionProps) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [year, setYear] = useState(() => recentJalaliYears()[0] ?? 1404);
  const figures = useYearFigures(`/clusters/${enc(cluster.id)}/beneficiaries`, year);
  // Someone who sees the cluster but not its activities' figures gets no section rather than an error.
  if (
    figures.isError &&
    figures.error instanceof ApiError &&
    (figures.error.status === 403 || figures.error.status === 404)
  )
    return null;
  return (
    <Section
      title={t("beneficiaries.clusterTitle")}
      testId="cluster-beneficiaries"
      actions={<YearSelect year={year} onChange={setYear} testId="beneficiaries-year" />}
    >
      {figures.isPending ? (
        <Loading minHeight={80} />
      ) : figures.isError ? (
        <ErrorState error={figures.error} onRetry={() => void figures.refetch()} />
      ) : (
        <Box sx={{ display: "grid", gap: 1.5 }}>
          <BeneficiaryFiguresView figures={figures.data} />
          {can("activities.figures.province") && (
            <Link
              component={RouterLink}
              to={`/provinces/${enc(cluster.provinceCode)}/beneficiaries`}
              sx={{ justifySelf: "start" }}
              data-testid="province-beneficiaries-link"
            >
              {t("beneficiaries.provinceLink")}
            </Link>
          )}
        </Box>
      )}
    </Section>
  );
}
