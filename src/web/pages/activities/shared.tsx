/**
 * What the activities pages share: paths, one invalidation for everything
 * they show, the kind and status chips (words, never colour alone), dates
 * as Jalali ranges, rials, and what the signed-in user may do where.
 */
import Chip from "@mui/material/Chip";
import { type QueryClient, useQuery } from "@tanstack/react-query";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import type { ActivityKind, ActivityStatus } from "../../../core/activities";
import { api } from "../../app/api";
import { useAuth } from "../../app/auth";
import { useFormat } from "../../app/format";
import type { Activity, Registration } from "./types";

type RegistrationStatus = Registration["status"];

export const enc = encodeURIComponent;

export const activityPath = (id: string) => `/activities/${enc(id)}`;
export const calendarPath = (clusterId: string) => `/clusters/${enc(clusterId)}/calendar`;

/**
 * An activity's change shows in its page, the lists, the calendar, the
 * home cards and the plan's chain: one invalidation refreshes them all.
 */
export function invalidateActivities(qc: QueryClient): Promise<void> {
  return qc.invalidateQueries({
    predicate: (q) => {
      const k = q.queryKey[0];
      return (
        typeof k === "string" &&
        (/^\/(activities|registrations)/.test(k) || /^\/clusters\/[^/]+\/(activities|chain)/.test(k))
      );
    },
  });
}

export function useActivity(id: string | undefined) {
  return useQuery({
    queryKey: [activityPath(id ?? "")],
    queryFn: ({ signal }) => api.get<Activity>(activityPath(id ?? ""), undefined, signal),
    enabled: !!id,
  });
}

const STATUS_COLORS: Record<ActivityStatus, "default" | "info" | "success"> = {
  planned: "info",
  done: "success",
  cancelled: "default",
};

export function ActivityStatusChip({ status }: { status: ActivityStatus }) {
  const { t } = useTranslation();
  return (
    <Chip
      size="small"
      label={t(`activityStatuses.${status}`)}
      color={STATUS_COLORS[status]}
      variant={status === "cancelled" ? "outlined" : "filled"}
      data-testid="activity-status"
      data-status={status}
    />
  );
}

export function KindChip({ kind }: { kind: ActivityKind }) {
  const { t } = useTranslation();
  return <Chip size="small" variant="outlined" label={t(`activityKinds.${kind}`)} data-kind={kind} />;
}

const REGISTRATION_COLORS: Record<RegistrationStatus, "default" | "info" | "success" | "warning" | "error"> = {
  pending: "warning",
  accepted: "success",
  waitlisted: "info",
  offered: "warning",
  rejected: "error",
  cancelled: "default",
};

export function RegistrationStatusChip({ status }: { status: RegistrationStatus }) {
  const { t } = useTranslation();
  return (
    <Chip
      size="small"
      variant={status === "cancelled" ? "outlined" : "filled"}
      color={REGISTRATION_COLORS[status]}
      label={t(`registrationStatuses.${status}`)}
      data-testid="registration-status"
      data-status={status}
    />
  );
}

/** "۱۴۰۴/۰۷/۰۶" for one day, "۱۴۰۴/۰۷/۰۶ تا ۱۴۰۴/۰۷/۰۸" for several. */
export function useDateRange() {
  const { t } = useTranslation();
  const f = useFormat();
  return useCallback(
    (a: { startDate: string; endDate: string }) =>
      a.startDate === a.endDate
        ? f.date(a.startDate, false)
        : t("activities.dateRange", { from: f.date(a.startDate, false), to: f.date(a.endDate, false) }),
    [t, f.date],
  );
}

/** An amount in rials in the UI's digits. */
export function useRials() {
  const { t } = useTranslation();
  const f = useFormat();
  return useCallback((n: number) => t("activities.rials", { n: f.num(n) }), [t, f.num]);
}

/** The enterprises whose staff this user registers (member grants), by cluster. */
export function useOwnEnterprises() {
  const { user } = useAuth();
  return user.grants.flatMap((g) =>
    g.role === "member" && g.enterpriseId && g.clusterId
      ? [{ enterpriseId: g.enterpriseId, clusterId: g.clusterId }]
      : [],
  );
}

/** Seats left of a capacity (null: no limit). */
export function seatsLeft(capacity: number | null, taken: number): number | null {
  return capacity === null ? null : Math.max(0, capacity - taken);
}

type ChainProgramme = { id: string; planId: string; projectYear: number; title: string };

/**
 * The programmes of the cluster's action plans (the planning chain: one
 * read), for the programme picker and filter; only for those who read plans.
 */
export function useProgrammes(clusterId: string | null | undefined) {
  const { can } = useAuth();
  const path = `/clusters/${enc(clusterId ?? "")}/chain`;
  return useQuery({
    queryKey: [path],
    queryFn: ({ signal }) => api.get<{ programmes: ChainProgramme[] }>(path, undefined, signal),
    enabled: !!clusterId && can("planning.read"),
    select: (c) => c.programmes,
  });
}

/**
 * Whether this user's grants let them record this cluster's activities (the
 * policy's activities.manage rows: national, the province's admins, the
 * cluster's managers); the server decides again on every write.
 */
export function useManagesCluster(cluster: { id: string; provinceCode: string } | undefined): boolean {
  const { user } = useAuth();
  if (!cluster) return false;
  return user.grants.some(
    (g) =>
      g.role === "national_admin" ||
      (g.role === "province_admin" && g.provinceCode === cluster.provinceCode) ||
      (g.role === "cluster_manager" && g.clusterId === cluster.id),
  );
}
