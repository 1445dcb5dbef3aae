import AddCircleOutline from "@mui/icons-material/AddCircleOutline";
import EditOutlined from "@mui/icons-material/EditOutlined";
import RemoveCircleOutline from "@mui/icons-material/RemoveCircleOutline";
import Box from "@mui/material/Box";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import Typography from "@mui/material/Typography";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { COST_SHARES, type CostShares } from "../../../core/planning";
import { api } from "../../app/api";
import { useFormat } from "../../app/format";
import { tDynamic } from "../../app/i18n";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { Loading } from "../../components/Loading";
import { SelectField } from "../../components/SelectField";
import { enc, useRials } from "./shared";
import type { Comparison, Plan, Study } from "./types";

export type VersionRef = number | "current";

const DATE_FIELDS = new Set(["startDate", "endDate", "periodStart", "periodEnd"]);

/** A compared value in words: dates in Jalali, amounts in rials, ids as the names they stand for. */
function useValueText(study: Study | undefined, areaLabel: (a: string) => string) {
  const { t } = useTranslation();
  const f = useFormat();
  const rials = useRials();
  const sep = t("common.listSeparator");
  const strategy = new Map((study?.strategies ?? []).map((s) => [s.id, s.title]));
  const point = new Map((study?.pressurePoints ?? []).map((p) => [p.id, p.title]));
  return (field: string, v: unknown): string => {
    if (v === null || v === undefined || v === "") return "—";
    if (DATE_FIELDS.has(field) && typeof v === "string") return f.date(v, false);
    if (field === "budgetRials" && typeof v === "number") return rials(v);
    if (field === "area" && typeof v === "string") return areaLabel(v);
    if (field === "strategyId" && typeof v === "string") return strategy.get(v) ?? "—";
    if (field === "pressurePointIds" && Array.isArray(v))
      return v.length === 0 ? "—" : v.map((id) => point.get(String(id)) ?? "—").join(sep);
    if (field === "shares" && typeof v === "object") {
      const s = v as CostShares;
      return COST_SHARES.map((k) => `${t(`costShares.${k}`)}: ${f.num(s[k] ?? 0)}`).join(sep);
    }
    if (field === "targets" && Array.isArray(v))
      return v.length === 0
        ? "—"
        : (v as { indicator: string; target: number; unit: string }[])
            .map((g) => `${g.indicator}: ${f.num(g.target)} ${g.unit}`)
            .join(sep);
    if (typeof v === "number") return f.num(v);
    return String(v);
  };
}

function Changes({
  rows,
  valueText,
  testId,
}: {
  rows: { field: string; from: unknown; to: unknown }[];
  valueText: (field: string, v: unknown) => string;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Box sx={{ overflowX: "auto" }}>
      <Table size="small" data-testid={testId}>
        <TableHead>
          <TableRow>
            <TableCell>{t("planning.compare.field")}</TableCell>
            <TableCell>{t("planning.compare.before")}</TableCell>
            <TableCell>{t("planning.compare.after")}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((c) => (
            <TableRow key={c.field} data-testid="change-row" data-field={c.field}>
              <TableCell component="th" scope="row" sx={{ fontWeight: 600 }}>
                {tDynamic(`planning.compare.fields.${c.field}`, { defaultValue: c.field })}
              </TableCell>
              <TableCell sx={{ color: "text.secondary" }}>
                <del>{valueText(c.field, c.from)}</del>
              </TableCell>
              <TableCell>
                <ins style={{ textDecoration: "none", fontWeight: 600 }}>{valueText(c.field, c.to)}</ins>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

function Heading({ icon, children }: { icon: ReactNode; children: ReactNode }) {
  return (
    <Typography
      variant="subtitle2"
      component="h3"
      sx={{ display: "flex", alignItems: "center", gap: 0.5, mt: 2, mb: 0.5, fontWeight: 700 }}
    >
      {icon}
      {children}
    </Typography>
  );
}

/**
 * What changed between two versions of a plan, or a version and the plan as
 * it is now: programmes added and removed, each kept programme's changed
 * fields one by one, the plan's own fields and the budget's change.
 */
export function ComparePanel({
  plan,
  study,
  areaLabel,
  from,
  to,
  onChange,
}: {
  plan: Plan;
  study: Study | undefined;
  areaLabel: (a: string) => string;
  from: VersionRef;
  to: VersionRef;
  onChange: (from: VersionRef, to: VersionRef) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const rials = useRials();
  const valueText = useValueText(study, areaLabel);
  const path = `/plans/${enc(plan.id)}/compare`;
  const cmp = useQuery({
    queryKey: [path, { from, to }],
    queryFn: ({ signal }) => api.get<Comparison>(path, { from, to }, signal),
    enabled: from !== to,
  });
  const parse = (v: string): VersionRef => (v === "current" ? "current" : Number(v));
  const options = (
    <>
      {plan.versions.map((v) => (
        <option key={v.versionNo} value={String(v.versionNo)}>
          {t("planning.versions.versionN", { n: f.num(v.versionNo) })}
        </option>
      ))}
      <option value="current">{t("planning.compare.current")}</option>
    </>
  );

  let body: ReactNode;
  if (from === to) body = <EmptyState title={t("planning.compare.same")} />;
  else if (cmp.isPending) body = <Loading minHeight={80} />;
  else if (cmp.isError) body = <ErrorState error={cmp.error} onRetry={() => void cmp.refetch()} />;
  else {
    const c = cmp.data;
    const nothing = c.added.length + c.removed.length + c.changed.length + c.planFields.length === 0;
    const delta = c.budgetDelta;
    body = (
      <Box data-testid="compare-result">
        <Box
          sx={{
            display: "flex",
            flexWrap: "wrap",
            gap: 2,
            alignItems: "baseline",
            p: 1,
            bgcolor: "action.hover",
            borderRadius: 1,
          }}
          data-testid="compare-budget"
        >
          <span>{t("planning.compare.budgetFromTo", { from: rials(c.budgetFrom), to: rials(c.budgetTo) })}</span>
          <Box component="strong" data-testid="compare-delta" data-delta={delta}>
            {delta === 0
              ? t("planning.compare.noBudgetChange")
              : t(delta > 0 ? "planning.compare.budgetUp" : "planning.compare.budgetDown", {
                  n: rials(Math.abs(delta)),
                })}
          </Box>
        </Box>
        {nothing && <EmptyState title={t("planning.compare.nothing")} />}
        {c.planFields.length > 0 && (
          <>
            <Heading icon={<EditOutlined fontSize="small" aria-hidden />}>{t("planning.compare.planFields")}</Heading>
            <Changes rows={c.planFields} valueText={valueText} testId="compare-plan-fields" />
          </>
        )}
        {c.added.length > 0 && (
          <>
            <Heading icon={<AddCircleOutline fontSize="small" color="success" aria-hidden />}>
              {t("planning.compare.added", { n: f.num(c.added.length) })}
            </Heading>
            <Box component="ul" sx={{ m: 0 }} data-testid="compare-added">
              {c.added.map((p) => (
                <li key={p.id}>
                  <bdi>{p.title}</bdi> · {rials(p.budgetRials)}
                </li>
              ))}
            </Box>
          </>
        )}
        {c.removed.length > 0 && (
          <>
            <Heading icon={<RemoveCircleOutline fontSize="small" color="error" aria-hidden />}>
              {t("planning.compare.removed", { n: f.num(c.removed.length) })}
            </Heading>
            <Box component="ul" sx={{ m: 0 }} data-testid="compare-removed">
              {c.removed.map((p) => (
                <li key={p.id}>
                  <del>
                    <bdi>{p.title}</bdi>
                  </del>{" "}
                  · {rials(p.budgetRials)}
                </li>
              ))}
            </Box>
          </>
        )}
        {c.changed.map((p) => (
          <Box key={p.id} data-testid="compare-changed">
            <Heading icon={<EditOutlined fontSize="small" color="warning" aria-hidden />}>
              {t("planning.compare.changed", { name: p.title })}
            </Heading>
            <Changes rows={p.fields} valueText={valueText} testId="compare-fields" />
          </Box>
        ))}
      </Box>
    );
  }

  return (
    <Box data-testid="compare-panel">
      <Box sx={{ display: "flex", gap: 1.5, flexWrap: "wrap", mb: 1.5 }}>
        <Box sx={{ flex: "1 1 160px", maxWidth: 240 }}>
          <SelectField
            label={t("planning.compare.from")}
            value={String(from)}
            onChange={(v) => onChange(parse(v), to)}
            testId="compare-from"
          >
            {options}
          </SelectField>
        </Box>
        <Box sx={{ flex: "1 1 160px", maxWidth: 240 }}>
          <SelectField
            label={t("planning.compare.to")}
            value={String(to)}
            onChange={(v) => onChange(from, parse(v))}
            testId="compare-to"
          >
            {options}
          </SelectField>
        </Box>
      </Box>
      {body}
    </Box>
  );
}
