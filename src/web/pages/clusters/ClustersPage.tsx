import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { clusterName, clusterProvinceName } from "../../app/lookups";
import type { Cluster } from "../../app/types";
import { type Column, DataTable } from "../../components/DataTable";
import { StateChip } from "../../components/labels";
import { WithMobileLine } from "../../components/MobileSecondLine";
import { PageHeader } from "../../components/PageHeader";

export default function ClustersPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const lng = i18n.language;

  const columns: Column<Cluster>[] = [
    {
      key: "name",
      label: t("clusters.name"),
      sortKey: "name",
      render: (c) => <WithMobileLine main={clusterName(c, lng)} line={clusterProvinceName(c, lng)} />,
    },
    {
      key: "province",
      label: t("clusters.province"),
      sortKey: "province",
      hideOnMobile: true,
      render: (c) => clusterProvinceName(c, lng),
    },
    { key: "state", label: t("clusters.state"), sortKey: "state", render: (c) => <StateChip state={c.state} /> },
  ];

  return (
    <>
      <PageHeader title={t("clusters.title")} />
      <DataTable<Cluster>
        path="/clusters"
        columns={columns}
        rowKey={(c) => c.id}
        searchable
        searchPlaceholder={t("clusters.search")}
        defaultSort={{ sort: "name", order: "asc" }}
        onRowClick={(c) => navigate(`/clusters/${encodeURIComponent(c.id)}`)}
        emptyText={t("clusters.empty")}
        testId="clusters-table"
        ariaLabel={t("clusters.title")}
      />
    </>
  );
}
