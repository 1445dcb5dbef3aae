import Chip from "@mui/material/Chip";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import type { Role } from "../../core/permissions";
import { useProvinceName } from "../app/lookups";
import type { ClusterState } from "../app/types";

export interface GrantLike {
  role: Role;
  provinceCode: string | null;
  clusterId?: string | null;
  enterpriseId?: string | null;
  clusterName?: string | null;
  enterpriseName?: string | null;
}

/** A grant in words: "Province administrator of Qom". */
export function useGrantText() {
  const { t } = useTranslation();
  const provinceName = useProvinceName();
  return useCallback(
    (g: GrantLike) => {
      switch (g.role) {
        case "national_admin":
          return t("grantText.national_admin");
        case "province_admin":
          return t("grantText.province_admin", { province: provinceName(g.provinceCode) });
        case "cluster_manager":
          return t("grantText.cluster_manager", { cluster: g.clusterName ?? g.clusterId ?? "" });
        case "council_member":
          return t("grantText.council_member", { cluster: g.clusterName ?? g.clusterId ?? "" });
        case "member":
          return t("grantText.member", { enterprise: g.enterpriseName ?? g.enterpriseId ?? "" });
      }
    },
    [t, provinceName],
  );
}

export function RoleChip({ role }: { role: Role }) {
  const { t } = useTranslation();
  return <Chip size="small" label={t(`roles.${role}`)} variant="outlined" sx={{ m: 0.25 }} />;
}

const STATE_COLORS: Record<
  ClusterState,
  "default" | "primary" | "secondary" | "success" | "warning" | "error" | "info"
> = {
  identified: "default",
  feasibility: "info",
  approved: "info",
  agent_contracted: "primary",
  diagnostic: "primary",
  action_planning: "primary",
  implementation: "secondary",
  handed_over: "success",
  network: "success",
  on_hold: "warning",
  cancelled: "error",
};

export function StateChip({ state }: { state: ClusterState }) {
  const { t } = useTranslation();
  return <Chip size="small" label={t(`states.${state}`)} color={STATE_COLORS[state] ?? "default"} />;
}

export function ActiveChip({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return (
    <Chip
      size="small"
      label={active ? t("common.active") : t("common.inactive")}
      color={active ? "success" : "default"}
      variant={active ? "filled" : "outlined"}
    />
  );
}
