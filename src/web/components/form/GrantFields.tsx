import Box from "@mui/material/Box";
import { useFormContext, useWatch } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { ROLE_SCOPE, ROLES, type Role } from "../../../core/permissions";
import { useAuth } from "../../app/auth";
import { useProvinces } from "../../app/lookups";
import { ClusterPicker, EnterprisePicker } from "../pickers";
import { PickerField, SelectField } from "./fields";

/** A grant's fields with nothing chosen (GrantInput's shape, role still empty). */
export const EMPTY_GRANT = { role: null, provinceCode: null, clusterId: null, enterpriseId: null };

/**
 * Role + scope (province, cluster or enterprise) bound to the schema form at
 * `prefix` ("" for a body that is a grant, "grant." for one inside it). Role
 * and province are short fixed lists, so native selects (good on phones,
 * tests select by value); clusters and enterprises run to thousands, so they
 * are searched on the server. Choosing a role clears the scope it no longer needs.
 */
export function GrantFields(props: {
  prefix?: "" | `${string}.`;
  /** Allow "no role" (the first grant in the create-user form is optional). */
  optional?: boolean;
  testIdPrefix: string;
}) {
  const { t, i18n } = useTranslation();
  const { user, isNational } = useAuth();
  const { setValue } = useFormContext();
  const p = props.prefix ?? "";
  const role = useWatch({ name: `${p}role` }) as Role | null;
  const scope = role ? ROLE_SCOPE[role] : null;
  const provinces = useProvinces(scope === "province");

  const roles = ROLES.filter((r) => r !== "national_admin" || isNational);
  const myProvinces = new Set(user.grants.filter((g) => g.role === "province_admin").map((g) => g.provinceCode));
  const provinceItems = (provinces.data?.items ?? []).filter((x) => isNational || myProvinces.has(x.code));
  const fa = i18n.language === "fa";
  const tid = props.testIdPrefix;

  return (
    <Box
      sx={{
        display: "grid",
        gap: 2,
        gridTemplateColumns: { xs: "minmax(0, 1fr)", sm: "minmax(0, 1fr) minmax(0, 1fr)" },
      }}
    >
      <SelectField
        name={`${p}role`}
        label={props.optional ? t("grant.roleOptional") : t("grant.role")}
        testId={`${tid}-role`}
        onPicked={() => {
          for (const f of ["provinceCode", "clusterId", "enterpriseId"]) setValue(`${p}${f}`, null);
        }}
      >
        <option value="">{props.optional ? t("grant.noRole") : t("grant.chooseRole")}</option>
        {roles.map((r) => (
          <option key={r} value={r}>
            {t(`roles.${r}`)}
          </option>
        ))}
      </SelectField>

      {scope === "province" && (
        <SelectField
          name={`${p}provinceCode`}
          label={t("grant.province")}
          disabled={provinces.isPending}
          testId={`${tid}-province`}
        >
          <option value="">{t("grant.chooseProvince")}</option>
          {provinceItems.map((x) => (
            <option key={x.code} value={x.code}>
              {fa ? x.nameFa : x.nameEn}
            </option>
          ))}
        </SelectField>
      )}

      {scope === "cluster" && (
        <PickerField as={ClusterPicker} name={`${p}clusterId`} label={t("grant.cluster")} testId={`${tid}-cluster`} />
      )}

      {scope === "enterprise" && (
        <PickerField
          as={EnterprisePicker}
          name={`${p}enterpriseId`}
          label={t("grant.enterprise")}
          testId={`${tid}-enterprise`}
        />
      )}
    </Box>
  );
}

/** Where a grant's rule errors belong, for the role chosen: the scope field it is missing or got wrong. */
export function grantCodes(role: Role | null | undefined, prefix = ""): Record<string, string> {
  const scope = role ? ROLE_SCOPE[role] : null;
  const field =
    scope === "province"
      ? "provinceCode"
      : scope === "cluster"
        ? "clusterId"
        : scope === "enterprise"
          ? "enterpriseId"
          : "role";
  return {
    invalid_grant_scope: `${prefix}${field}`,
    unknown_province: `${prefix}provinceCode`,
    unknown_cluster: `${prefix}clusterId`,
    unknown_enterprise: `${prefix}enterpriseId`,
  };
}
