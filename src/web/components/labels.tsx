import AlarmOutlined from "@mui/icons-material/AlarmOutlined";
import EventBusy from "@mui/icons-material/EventBusy";
import Box from "@mui/material/Box";
import Chip from "@mui/material/Chip";
import Tooltip from "@mui/material/Tooltip";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import type { Role } from "../../core/permissions";
import { useProvinceName } from "../app/lookups";
import type { ClusterState, ClusterWarning } from "../app/types";

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

export const STATE_COLORS: Record<
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

export function StateChip({ state, testId }: { state: ClusterState; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Chip
      size="small"
      label={t(`states.${state}`)}
      color={STATE_COLORS[state] ?? "default"}
      data-testid={testId}
      data-state={state}
    />
  );
}

const WARNING_ICONS: Record<ClusterWarning, typeof EventBusy> = {
  contract_ending: EventBusy,
  milestone_overdue: AlarmOutlined,
};
const WARNING_COLORS: Record<ClusterWarning, "warning" | "error"> = {
  contract_ending: "warning",
  milestone_overdue: "error",
};

/** A cluster's warnings: icons with a tooltip (compact, for tables) or chips. */
export function Warnings({ warnings, chips }: { warnings: readonly ClusterWarning[]; chips?: boolean }) {
  const { t } = useTranslation();
  if (warnings.length === 0) return null;
  return (
    <Box component="span" sx={{ display: "inline-flex", gap: 0.5, flexWrap: "wrap", verticalAlign: "middle" }}>
      {warnings.map((w) => {
        const Icon = WARNING_ICONS[w];
        const label = t(`warnings.${w}`);
        return chips ? (
          <Chip
            key={w}
            size="small"
            icon={<Icon />}
            label={label}
            color={WARNING_COLORS[w]}
            variant="outlined"
            data-testid={`warning-${w}`}
          />
        ) : (
          <Tooltip key={w} title={label}>
            <Icon
              color={WARNING_COLORS[w]}
              fontSize="small"
              aria-label={label}
              role="img"
              data-testid={`warning-${w}`}
            />
          </Tooltip>
        );
      })}
    </Box>
  );
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
