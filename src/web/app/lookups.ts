import { useQuery } from "@tanstack/react-query";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { api } from "./api";
import { useAuth } from "./auth";
import type { Cluster, Enterprise, Page, Province } from "./types";

const HOUR = 3_600_000;

export function useProvinces(enabled = true) {
  return useQuery({
    queryKey: ["/provinces", "all"],
    queryFn: ({ signal }) => api.get<Page<Province>>("/provinces", undefined, signal),
    staleTime: 24 * HOUR,
    enabled,
  });
}

/** Province code → its name in the UI language (the code while loading). */
export function useProvinceName() {
  const { i18n } = useTranslation();
  const { data } = useProvinces();
  return useCallback(
    (code: string | null | undefined) => {
      if (!code) return "";
      const p = data?.items.find((x) => x.code === code);
      if (!p) return code;
      return i18n.language === "fa" ? p.nameFa : p.nameEn;
    },
    [data, i18n.language],
  );
}

/**
 * The first 200 clusters in scope, for name look-ups only (audit summaries,
 * token scopes). Pickers search the server instead: see components/pickers.
 */
export function useClusterOptions(enabled = true) {
  return useQuery({
    queryKey: ["/clusters", "options"],
    queryFn: ({ signal }) => api.get<Page<Cluster>>("/clusters", { limit: 200, sort: "name", order: "asc" }, signal),
    staleTime: 5 * 60_000,
    enabled,
  });
}

/** The first 200 enterprises in scope, for name look-ups only (see useClusterOptions). */
export function useEnterpriseOptions(enabled = true) {
  return useQuery({
    queryKey: ["/enterprises", "options"],
    queryFn: ({ signal }) => api.get<Page<Enterprise>>("/enterprises", { limit: 200 }, signal),
    staleTime: 5 * 60_000,
    enabled,
  });
}

/** A cluster's name in the UI language. */
export function clusterName(c: Pick<Cluster, "nameFa" | "nameEn">, lng: string): string {
  return lng === "en" && c.nameEn ? c.nameEn : c.nameFa;
}

export function clusterProvinceName(c: Pick<Cluster, "provinceNameFa" | "provinceNameEn">, lng: string): string {
  return lng === "en" ? c.provinceNameEn : c.provinceNameFa;
}

export function provinceLabel(p: Pick<Province, "nameFa" | "nameEn">, lng: string): string {
  return lng === "en" ? p.nameEn : p.nameFa;
}

/**
 * The provinces the user works in as a province admin (all of them for a
 * national admin); `several` says whether a province picker makes sense.
 */
export function useScopeProvinces(enabled = true) {
  const { user, isNational } = useAuth();
  const provinces = useProvinces(enabled);
  const mine = new Set(user.grants.filter((g) => g.role === "province_admin").map((g) => g.provinceCode));
  const items = (provinces.data?.items ?? []).filter((p) => isNational || mine.has(p.code));
  return { items, isPending: provinces.isPending, isNational, several: isNational || items.length > 1 };
}
