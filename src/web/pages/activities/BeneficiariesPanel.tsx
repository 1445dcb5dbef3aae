import Box from "@mui/material/Box";
import Paper from "@mui/material/Paper";
import Typography from "@mui/material/Typography";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { ANY } from "../../../core/beneficiaries";
import type { BeneficiaryFigures as BeneficiaryFiguresSchema } from "../../../core/schemas/activities";
import { ApiError, api } from "../../app/api";
import { useFormat } from "../../app/format";
import { tDynamic } from "../../app/i18n";
import { ErrorState } from "../../components/ErrorState";
import { Loading } from "../../components/Loading";
import { Section } from "../../components/Section";
import { activityPath } from "./shared";
import type { Activity } from "./types";

export type BeneficiaryFigures = z.infer<typeof BeneficiaryFiguresSchema>;

/** A big number over its caption. */
function Figure({ label, n, testId }: { label: string; n: string; testId: string }) {
  return (
    <Paper variant="outlined" sx={{ p: 1.5, textAlign: "center" }}>
      <Box component="dt" sx={{ fontSize: 13, color: "text.secondary" }}>
        {label}
      </Box>
      <Box component="dd" sx={{ m: 0, fontSize: 24, fontWeight: 700 }} data-testid={testId}>
        {n}
      </Box>
    </Paper>
  );
}

/** A small two-column table: a caption per row and its figures. */
function Split({
  title,
  head,
  rows,
  testId,
}: {
  title: string;
  head: string[];
  rows: { key: string; cells: ReactNode[] }[];
  testId: string;
}) {
  return (
    <Box sx={{ minWidth: 0 }}>
      <Typography variant="subtitle2" component="h3" sx={{ mb: 0.5 }}>
        {title}
      </Typography>
      <Box
        component="table"
        data-testid={testId}
        sx={{
          width: "100%",
          borderCollapse: "collapse",
          fontSize: 14,
          "& th, & td": { borderBottom: 1, borderColor: "divider", py: 0.5, px: 1, textAlign: "start" },
          "& th": { color: "text.secondary", fontWeight: 500 },
          "& td:not(:first-of-type), & th:not(:first-of-type)": { textAlign: "end" },
        }}
      >
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} data-key={r.key}>
              {r.cells.map((c, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a row's cells are fixed columns
                <td key={i}>{c}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </Box>
    </Box>
  );
}

/**
 * Unique people and enterprises who benefited, by activity kind and by the
 * person's role in the cluster, and the satisfaction survey's average.
 * `kinds` is off for one activity (it has one kind).
 */
export function BeneficiaryFiguresView({ figures, kinds = true }: { figures: BeneficiaryFigures; kinds?: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const byKind = figures.byKind.filter((k) => k.people > 0 || k.enterprises > 0);
  const byRole = figures.byRole.filter((r) => r.role !== ANY && r.people > 0).sort((a, b) => b.people - a.people);
  const survey = figures.survey;
  return (
    <Box sx={{ display: "grid", gap: 2 }} data-testid="beneficiary-figures">
      <Box
        component="dl"
        sx={{ m: 0, display: "grid", gap: 1, gridTemplateColumns: "repeat(auto-fit, minmax(min(100%, 130px), 1fr))" }}
      >
        <Figure label={t("beneficiaries.people")} n={f.num(figures.people)} testId="beneficiaries-people" />
        <Figure
          label={t("beneficiaries.enterprises")}
          n={f.num(figures.enterprises)}
          testId="beneficiaries-enterprises"
        />
        <Figure
          label={t("beneficiaries.surveyAverage")}
          n={
            survey.average === null
              ? t("beneficiaries.noSurvey")
              : t("beneficiaries.outOfFive", { n: f.num(survey.average) })
          }
          testId="beneficiaries-survey"
        />
      </Box>
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: -1 }}>
        {t("beneficiaries.surveyResponses", { count: survey.responses, n: f.num(survey.responses) })}
      </Typography>
      {figures.people + figures.enterprises === 0 ? (
        <Typography variant="body2" color="text.secondary" data-testid="beneficiaries-none">
          {t("beneficiaries.none")}
        </Typography>
      ) : (
        <Box
          sx={{
            display: "grid",
            gap: 2,
            gridTemplateColumns: { xs: "minmax(0, 1fr)", md: "repeat(2, minmax(0, 1fr))" },
          }}
        >
          {kinds && byKind.length > 0 && (
            <Split
              title={t("beneficiaries.byKind")}
              head={[t("beneficiaries.kind"), t("beneficiaries.people"), t("beneficiaries.enterprises")]}
              testId="beneficiaries-by-kind"
              rows={byKind.map((k) => ({
                key: k.kind,
                cells: [tDynamic(`activityKinds.${k.kind}`), f.num(k.people), f.num(k.enterprises)],
              }))}
            />
          )}
          {byRole.length > 0 && (
            <Split
              title={t("beneficiaries.byRole")}
              head={[t("beneficiaries.role"), t("beneficiaries.people")]}
              testId="beneficiaries-by-role"
              rows={byRole.map((r) => ({
                key: r.role,
                cells: [tDynamic(`beneficiaryRoles.${r.role}`, { defaultValue: r.role }), f.num(r.people)],
              }))}
            />
          )}
        </Box>
      )}
    </Box>
  );
}

/** An activity's beneficiaries (its page): who attended, once each, people and enterprises, by role. */
export default function BeneficiariesPanel({ activity }: { activity: Activity }) {
  const { t } = useTranslation();
  const path = `${activityPath(activity.id)}/beneficiaries`;
  const figures = useQuery({
    queryKey: [path],
    queryFn: ({ signal }) => api.get<BeneficiaryFigures>(path, undefined, signal),
  });
  // Those who may read the activity but not its figures (403) see nothing rather than an error.
  if (figures.isError && figures.error instanceof ApiError && figures.error.status === 403) return null;
  return (
    <Section title={t("beneficiaries.activityTitle")} testId="beneficiaries-panel">
      {figures.isPending ? (
        <Loading minHeight={80} />
      ) : figures.isError ? (
        <ErrorState error={figures.error} onRetry={() => void figures.refetch()} />
      ) : (
        <BeneficiaryFiguresView figures={figures.data} kinds={false} />
      )}
    </Section>
  );
}
