import Box from "@mui/material/Box";
import { useTranslation } from "react-i18next";
import { provinceLabel, useScopeProvinces } from "../app/lookups";
import { SelectField } from "./SelectField";
import { useQueryParams } from "./useQueryParams";

/**
 * The province a page works on, kept in the URL (?province=IR-25): a picker
 * for national admins (and anyone with several provinces), else the user's
 * own province.
 */
export function useProvinceChoice(testId: string) {
  const { t, i18n } = useTranslation();
  const scope = useScopeProvinces();
  const [params, update] = useQueryParams();
  const wanted = params.get("province") ?? "";
  const code = scope.items.some((p) => p.code === wanted)
    ? wanted
    : !scope.several && scope.items.length === 1
      ? scope.items[0].code
      : "";
  const picker = scope.several ? (
    <Box sx={{ maxWidth: { sm: 320 }, mb: 2 }}>
      <SelectField
        label={t("grant.province")}
        value={code}
        onChange={(v) => update({ province: v })}
        testId={testId}
        disabled={scope.isPending}
      >
        <option value="">{t("grant.chooseProvince")}</option>
        {scope.items.map((p) => (
          <option key={p.code} value={p.code}>
            {provinceLabel(p, i18n.language)}
          </option>
        ))}
      </SelectField>
    </Box>
  ) : null;
  return { code, picker, isPending: scope.isPending };
}
