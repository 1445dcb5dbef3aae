import Box from "@mui/material/Box";
import { useTranslation } from "react-i18next";
import { useProvinces } from "../../app/lookups";
import { SelectField, TextField } from "../../components/form";
import { FormGroup, formGrid } from "./fields";

/** What every kind of actor's form asks about place and contact (the schemas' ContactFields). */
export const CONTACT_KEYS = [
  "provinceCode",
  "city",
  "address",
  "postalCode",
  "phone",
  "mobile",
  "email",
  "website",
] as const;

/** The draft values of the contact fields from a record (or empty). */
export function contactDraft(r?: Partial<Record<(typeof CONTACT_KEYS)[number], string | null>>) {
  return Object.fromEntries(CONTACT_KEYS.map((k) => [k, r?.[k] ?? null])) as Record<
    (typeof CONTACT_KEYS)[number],
    string | null
  >;
}

export function ContactFields({ testIdPrefix, personal = true }: { testIdPrefix: string; personal?: boolean }) {
  const { t, i18n } = useTranslation();
  const provinces = useProvinces();
  const p = testIdPrefix;
  return (
    <FormGroup title={t("actorForm.contact")}>
      <Box sx={formGrid(2)}>
        <SelectField
          name="provinceCode"
          label={t("actorForm.province")}
          testId={`${p}-province`}
          disabled={provinces.isPending}
        >
          <option value="">{t("actorForm.noProvince")}</option>
          {(provinces.data?.items ?? []).map((x) => (
            <option key={x.code} value={x.code}>
              {i18n.language === "en" ? x.nameEn : x.nameFa}
            </option>
          ))}
        </SelectField>
        <TextField name="city" label={t("actorForm.city")} testId={`${p}-city`} />
        {personal && (
          <>
            <TextField name="phone" label={t("actorForm.phone")} ltr testId={`${p}-phone`} />
            <TextField name="mobile" label={t("actorForm.mobile")} ltr testId={`${p}-mobile`} />
            <TextField name="email" label={t("actorForm.email")} ltr type="email" testId={`${p}-email`} />
          </>
        )}
        <TextField name="website" label={t("actorForm.website")} ltr testId={`${p}-website`} />
        {personal && <TextField name="postalCode" label={t("actorForm.postalCode")} ltr testId={`${p}-postalCode`} />}
      </Box>
      {personal && <TextField name="address" label={t("actorForm.address")} multiline testId={`${p}-address`} />}
    </FormGroup>
  );
}
