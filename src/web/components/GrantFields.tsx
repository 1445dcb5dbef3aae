import Box from "@mui/material/Box";
import TextField from "@mui/material/TextField";
import { useTranslation } from "react-i18next";
import { ROLE_SCOPE, ROLES, type Role } from "../../core/permissions";
import { useAuth } from "../app/auth";
import { useProvinces } from "../app/lookups";
import type { GrantInput } from "../app/types";
import { ClusterPicker, EnterprisePicker } from "./pickers";

export interface GrantDraft {
  role: Role | "";
  provinceCode: string;
  clusterId: string;
  enterpriseId: string;
}

export const EMPTY_GRANT: GrantDraft = { role: "", provinceCode: "", clusterId: "", enterpriseId: "" };

/** The request body for a draft, or null when no role is chosen. */
export function grantInput(d: GrantDraft): GrantInput | null {
  if (!d.role) return null;
  const scope = ROLE_SCOPE[d.role];
  if (scope === "province") return { role: d.role, provinceCode: d.provinceCode };
  if (scope === "cluster") return { role: d.role, clusterId: d.clusterId };
  if (scope === "enterprise") return { role: d.role, enterpriseId: d.enterpriseId };
  return { role: d.role };
}

/** True when the draft has a role and the scope that role needs. */
export function grantComplete(d: GrantDraft): boolean {
  if (!d.role) return false;
  const scope = ROLE_SCOPE[d.role];
  if (scope === "province") return !!d.provinceCode;
  if (scope === "cluster") return !!d.clusterId;
  if (scope === "enterprise") return !!d.enterpriseId;
  return true;
}

/**
 * Role + scope (province, cluster or enterprise). Role and province are short
 * fixed lists, so native selects (good on phones, tests select by value);
 * clusters and enterprises run to thousands, so they are searched on the server.
 */
export function GrantFields(props: {
  value: GrantDraft;
  onChange: (d: GrantDraft) => void;
  /** Allow "no role" (the first grant in the create-user form is optional). */
  optional?: boolean;
  testIdPrefix: string;
  errors?: Partial<Record<keyof GrantDraft, string>>;
  disabled?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const { user, isNational } = useAuth();
  const { value: d, onChange } = props;
  const scope = d.role ? ROLE_SCOPE[d.role] : null;
  const provinces = useProvinces(scope === "province");

  const roles = ROLES.filter((r) => r !== "national_admin" || isNational);
  const myProvinces = new Set(user.grants.filter((g) => g.role === "province_admin").map((g) => g.provinceCode));
  const provinceItems = (provinces.data?.items ?? []).filter((p) => isNational || myProvinces.has(p.code));
  const fa = i18n.language === "fa";

  return (
    <Box
      sx={{
        display: "grid",
        gap: 2,
        gridTemplateColumns: { xs: "minmax(0, 1fr)", sm: "minmax(0, 1fr) minmax(0, 1fr)" },
      }}
    >
      <TextField
        select
        label={props.optional ? t("grant.roleOptional") : t("grant.role")}
        value={d.role}
        disabled={props.disabled}
        onChange={(e) => onChange({ ...EMPTY_GRANT, role: e.target.value as Role | "" })}
        error={!!props.errors?.role}
        helperText={props.errors?.role}
        slotProps={{
          select: { native: true },
          inputLabel: { shrink: true },
          htmlInput: { "data-testid": `${props.testIdPrefix}-role` },
        }}
      >
        <option value="">{props.optional ? t("grant.noRole") : t("grant.chooseRole")}</option>
        {roles.map((r) => (
          <option key={r} value={r}>
            {t(`roles.${r}`)}
          </option>
        ))}
      </TextField>

      {scope === "province" && (
        <TextField
          select
          label={t("grant.province")}
          value={d.provinceCode}
          disabled={props.disabled || provinces.isPending}
          onChange={(e) => onChange({ ...d, provinceCode: e.target.value })}
          error={!!props.errors?.provinceCode}
          helperText={props.errors?.provinceCode}
          slotProps={{
            select: { native: true },
            inputLabel: { shrink: true },
            htmlInput: { "data-testid": `${props.testIdPrefix}-province` },
          }}
        >
          <option value="">{t("grant.chooseProvince")}</option>
          {provinceItems.map((p) => (
            <option key={p.code} value={p.code}>
              {fa ? p.nameFa : p.nameEn}
            </option>
          ))}
        </TextField>
      )}

      {scope === "cluster" && (
        <ClusterPicker
          label={t("grant.cluster")}
          value={d.clusterId}
          disabled={props.disabled}
          onChange={(id) => onChange({ ...d, clusterId: id ?? "" })}
          error={!!props.errors?.clusterId}
          helperText={props.errors?.clusterId}
          testId={`${props.testIdPrefix}-cluster`}
        />
      )}

      {scope === "enterprise" && (
        <EnterprisePicker
          label={t("grant.enterprise")}
          value={d.enterpriseId}
          disabled={props.disabled}
          onChange={(id) => onChange({ ...d, enterpriseId: id ?? "" })}
          error={!!props.errors?.enterpriseId}
          helperText={props.errors?.enterpriseId}
          testId={`${props.testIdPrefix}-enterprise`}
        />
      )}
    </Box>
  );
}
