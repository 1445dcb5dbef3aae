/**
 * What the planning pages share: the study and areas queries, one
 * invalidation for everything planning shows, the status chips, the loose
 * flag (an icon and words, never colour alone) and amounts in rials.
 */
import LinkOff from "@mui/icons-material/LinkOff";
import Box from "@mui/material/Box";
import Chip from "@mui/material/Chip";
import TableCell from "@mui/material/TableCell";
import { type QueryClient, useQuery } from "@tanstack/react-query";
import { type ReactNode, useCallback } from "react";
import { useTranslation } from "react-i18next";
import { INTERVENTION_AREAS, type PlanStatus, type ProgrammeStatus } from "../../../core/planning";
import { api } from "../../app/api";
import { useFormat } from "../../app/format";
import { tDynamic } from "../../app/i18n";
import type { Page } from "../../app/types";
import type { Area, Study } from "./types";

export const enc = encodeURIComponent;

export const studyPath = (clusterId: string) => `/clusters/${enc(clusterId)}/study`;

/**
 * Everything planning shows changes together (a programme changes the plan,
 * the chain, the queue and the home cards; a meeting approves a plan): one
 * invalidation refreshes every planning query.
 */
export function invalidatePlanning(qc: QueryClient): Promise<void> {
  return qc.invalidateQueries({
    predicate: (q) => {
      const k = q.queryKey[0];
      return (
        typeof k === "string" &&
        (/^\/(plans|council-meetings)/.test(k) || /^\/clusters\/[^/]+\/(study|chain|plans|council-meetings)/.test(k))
      );
    },
  });
}

/** The cluster's diagnostic study, with what the caller may do (`can`). */
export function useStudy(clusterId: string | undefined) {
  return useQuery({
    queryKey: [studyPath(clusterId ?? "")],
    queryFn: ({ signal }) => api.get<Study>(studyPath(clusterId ?? ""), undefined, signal),
    enabled: !!clusterId,
  });
}

/** The province's own intervention areas (beside the built-in ones). */
export function useAreas(provinceCode: string | undefined) {
  const path = `/provinces/${enc(provinceCode ?? "")}/planning-areas`;
  return useQuery({
    queryKey: [path],
    queryFn: ({ signal }) => api.get<Page<Area>>(path, undefined, signal),
    enabled: !!provinceCode,
    staleTime: 5 * 60_000,
  });
}

const isBuiltIn = (v: string) => (INTERVENTION_AREAS as readonly string[]).includes(v);

/** An area's name: a built-in key's label, or the province's own area's name in the UI language. */
export function useAreaLabel(areas: readonly Area[] | undefined) {
  const { i18n } = useTranslation();
  return useCallback(
    (area: string) => {
      if (isBuiltIn(area)) return tDynamic(`interventionAreas.${area}`);
      const own = areas?.find((a) => a.id === area);
      // The list holds the province's current areas; a programme keeps one archived since.
      if (!own) return areas ? tDynamic("planning.programme.archivedArea") : "…";
      return i18n.language === "en" && own.nameEn ? own.nameEn : own.nameFa;
    },
    [areas, i18n.language],
  );
}

const PLAN_COLORS: Record<PlanStatus, "default" | "info" | "success" | "warning"> = {
  draft: "default",
  submitted: "info",
  approved: "success",
  returned: "warning",
};

export function PlanStatusChip({ status, testId }: { status: PlanStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Chip
      size="small"
      label={t(`planStatuses.${status}`)}
      color={PLAN_COLORS[status]}
      variant={status === "draft" ? "outlined" : "filled"}
      data-testid={testId}
      data-status={status}
    />
  );
}

const PROGRAMME_COLORS: Record<ProgrammeStatus, "default" | "info" | "success" | "error"> = {
  not_started: "default",
  in_progress: "info",
  done: "success",
  late: "error",
};

/** A programme's status and percentage: "در حال اجرا · ۴۰٪". */
export function ProgrammeStatusChip({ status, percent }: { status: ProgrammeStatus; percent: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Chip
      size="small"
      variant="outlined"
      color={PROGRAMME_COLORS[status]}
      label={t("planning.statusPercent", { status: t(`programmeStatuses.${status}`), percent: f.num(percent) })}
      data-status={status}
    />
  );
}

/** Something that hangs loose in the chain: an icon and words, so colour is not the only sign. */
export function LooseFlag({ label }: { label: string }) {
  return (
    <Box
      component="span"
      data-testid="loose-flag"
      sx={{
        display: "inline-flex",
        alignItems: "center",
        gap: 0.5,
        color: "warning.dark",
        fontSize: 13,
        fontWeight: 600,
        whiteSpace: "nowrap",
      }}
    >
      <LinkOff fontSize="small" aria-hidden />
      {label}
    </Box>
  );
}

/** An amount in rials in the UI's digits: "۱۲٬۰۰۰٬۰۰۰ ریال". */
export function useRials() {
  const { t } = useTranslation();
  const f = useFormat();
  return useCallback((n: number) => t("planning.rials", { n: f.num(n) }), [t, f.num]);
}

/** A fact of a record: a caption over its value. */
export function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Box sx={{ minWidth: 0 }}>
      <Box component="dt" sx={{ color: "text.secondary", fontSize: 12 }}>
        {label}
      </Box>
      <Box component="dd" sx={{ m: 0, fontWeight: 500, overflowWrap: "anywhere" }} data-testid={testId}>
        {children}
      </Box>
    </Box>
  );
}

/** Facts in a responsive grid (a definition list). */
export function Facts({ children }: { children: ReactNode }) {
  return (
    <Box
      component="dl"
      sx={{
        m: 0,
        display: "grid",
        gap: 1.5,
        gridTemplateColumns: { xs: "repeat(2, minmax(0, 1fr))", sm: "repeat(auto-fill, minmax(160px, 1fr))" },
      }}
    >
      {children}
    </Box>
  );
}

/** Read by screen readers, not shown. */
export const visuallyHidden = {
  position: "absolute",
  width: 1,
  height: 1,
  overflow: "hidden",
  clip: "rect(0 0 0 0)",
  whiteSpace: "nowrap",
  border: 0,
  p: 0,
  m: "-1px",
} as const;

/** The head of a table's column of row buttons: named for screen readers, blank on screen. */
export function ActionsHead() {
  const { t } = useTranslation();
  return (
    // Positioned, so the hidden name stays inside the table's scrolling box (it would widen the page otherwise).
    <TableCell sx={{ position: "relative" }}>
      <Box component="span" sx={visuallyHidden}>
        {t("planning.actions")}
      </Box>
    </TableCell>
  );
}
