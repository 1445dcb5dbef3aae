import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { ApiError } from "../../app/api";
import { useProvinceName } from "../../app/lookups";
import { BackButton } from "../../components/BackButton";
import { ErrorState } from "../../components/ErrorState";
import { Loading } from "../../components/Loading";
import { PageHeader } from "../../components/PageHeader";
import { Section } from "../../components/Section";
import NotFoundPage from "../notfound/NotFoundPage";
import { BeneficiaryFiguresView } from "./BeneficiariesPanel";
import { recentJalaliYears, useYearFigures, YearSelect } from "./BeneficiariesSection";
import { enc } from "./shared";

/** /provinces/:code/beneficiaries: a province's activities' beneficiaries in a Jalali year (its admins, national admins). */
export default function BeneficiariesProvincePage() {
  const { code = "" } = useParams();
  const { t } = useTranslation();
  const provinceName = useProvinceName();
  const [year, setYear] = useState(() => recentJalaliYears()[0] ?? 1404);
  const figures = useYearFigures(`/provinces/${enc(code)}/beneficiaries`, year);
  if (
    figures.isError &&
    figures.error instanceof ApiError &&
    (figures.error.status === 404 || figures.error.status === 400)
  )
    return <NotFoundPage />;
  return (
    <>
      <BackButton to="/provinces" label={t("beneficiaries.backToProvinces")} />
      <PageHeader
        title={t("beneficiaries.provinceTitle", { name: provinceName(code) })}
        testId="province-beneficiaries-title"
      />
      <Section
        title={t("beneficiaries.yearTitle")}
        testId="province-beneficiaries"
        actions={<YearSelect year={year} onChange={setYear} testId="beneficiaries-year" />}
      >
        {figures.isPending ? (
          <Loading minHeight={80} />
        ) : figures.isError ? (
          <ErrorState error={figures.error} onRetry={() => void figures.refetch()} />
        ) : (
          <BeneficiaryFiguresView figures={figures.data} />
        )}
      </Section>
    </>
  );
}
