import { useTranslation } from "react-i18next";
import { useAuth } from "../../app/auth";
import { EmptyState } from "../../components/EmptyState";
import { Loading } from "../../components/Loading";
import { PageHeader } from "../../components/PageHeader";
import { useProvinceChoice } from "../../components/ProvinceChoice";
import { MembersSection } from "./MembersSection";

/** The provincial coordination committee of one province. */
export default function CommitteePage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { code, picker, isPending } = useProvinceChoice("committee-province");
  return (
    <>
      <PageHeader title={t("governance.committee.pageTitle")} />
      {picker}
      {code ? (
        <MembersSection
          key={code}
          path={`/provinces/${encodeURIComponent(code)}/committee`}
          kind="committee"
          canManage={can("governance.manage")}
        />
      ) : isPending ? (
        <Loading />
      ) : (
        <EmptyState title={t("common.chooseProvince")} />
      )}
    </>
  );
}
