import OpenInNew from "@mui/icons-material/OpenInNew";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import Tab from "@mui/material/Tab";
import Tabs from "@mui/material/Tabs";
import { useQueries } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link as RouterLink, useNavigate } from "react-router";
import type { z } from "zod";
import { ACTOR_KINDS, type ActorKind, MEMBERSHIP_STATUSES, type MembershipStatus } from "../../../core/members";
import type { DirectoryItem, DirectoryPageOut } from "../../../core/schemas/members";
import { api } from "../../app/api";
import { useFormat } from "../../app/format";
import { type Column, DataTable } from "../../components/DataTable";
import { Section } from "../../components/Section";
import type { ClusterSectionProps } from "../../modules/module";
import { actorPath, directoryLink, StatusChip } from "./labels";

type DirectoryPage = z.infer<typeof DirectoryPageOut>;

/**
 * The cluster page's members: enterprises, people and institutions of the
 * cluster (how many of each), a short list by kind and status, and links
 * into the directory filtered on the cluster for the rest.
 */
export default function ClusterMembersSection({ cluster }: ClusterSectionProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const navigate = useNavigate();
  const [kind, setKind] = useState<ActorKind>("enterprise");
  const [status, setStatus] = useState<MembershipStatus | null>(null);
  // One page of one row per kind: the tabs' counts (the same filtered count the directory shows).
  const counts = useQueries({
    queries: ACTOR_KINDS.map((k) => ({
      queryKey: ["/directory", "count", cluster.id, k],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api.get<DirectoryPage>("/directory", { clusterId: cluster.id, kind: k, limit: 1 }, signal),
    })),
  });
  const countOf = (i: number) => {
    const d = counts[i]?.data;
    if (!d) return "";
    return d.totalCapped ? t("directory.moreThan", { n: f.num(d.total) }) : f.num(d.total);
  };

  const columns: Column<DirectoryItem>[] = [
    { key: "name", label: t("directory.name"), minWidth: 140, render: (a) => a.name },
    {
      key: "details",
      label: t("directory.details"),
      hideOnMobile: true,
      render: (a) =>
        a.kind === "enterprise"
          ? a.products.join(t("common.listSeparator")) || "—"
          : a.kind === "person"
            ? a.skills.map((s) => t(`skills.${s}`)).join(t("common.listSeparator")) || "—"
            : a.institutionKind
              ? t(`institutionKinds.${a.institutionKind}`)
              : "—",
    },
    {
      key: "status",
      label: t("directory.status"),
      nowrap: true,
      render: (a) => (a.status ? <StatusChip status={a.status} /> : "—"),
    },
  ];

  return (
    <Section
      title={t("clusterMembers.title")}
      testId="cluster-members"
      actions={
        <Button
          size="small"
          component={RouterLink}
          to={directoryLink({ clusterId: cluster.id, kind, status: status ?? undefined })}
          endIcon={<OpenInNew fontSize="small" />}
          data-testid="cluster-members-directory"
        >
          {t("clusterMembers.openDirectory")}
        </Button>
      }
    >
      <Tabs
        value={kind}
        onChange={(_, v: ActorKind) => setKind(v)}
        variant="scrollable"
        allowScrollButtonsMobile
        aria-label={t("clusterMembers.title")}
        sx={{ mb: 1 }}
      >
        {ACTOR_KINDS.map((k, i) => (
          <Tab
            key={k}
            value={k}
            label={`${t(`directory.kinds.${k}`)} ${countOf(i) && `(${countOf(i)})`}`.trim()}
            data-testid={`cluster-members-tab-${k}`}
          />
        ))}
      </Tabs>
      <Box
        sx={{ display: "flex", flexWrap: "wrap", gap: 0.5, mb: 1.5 }}
        role="group"
        aria-label={t("directory.status")}
      >
        <Chip
          label={t("directory.anyStatus")}
          color={status === null ? "primary" : "default"}
          variant={status === null ? "filled" : "outlined"}
          onClick={() => setStatus(null)}
          aria-pressed={status === null}
        />
        {MEMBERSHIP_STATUSES.map((s) => (
          <Chip
            key={s}
            label={t(`membershipStatuses.${s}`)}
            color={status === s ? "primary" : "default"}
            variant={status === s ? "filled" : "outlined"}
            onClick={() => setStatus(s)}
            aria-pressed={status === s}
            data-testid={`cluster-members-status-${s}`}
          />
        ))}
      </Box>
      <DataTable<DirectoryItem>
        path="/directory"
        columns={columns}
        rowKey={(a) => a.id}
        params={{ clusterId: cluster.id, kind, status: status ?? undefined }}
        pageSizes={[5, 10, 25]}
        onRowClick={(a) => navigate(actorPath(a.kind, a.id))}
        emptyText={t("clusterMembers.empty")}
        testId="cluster-members-table"
        ariaLabel={t("clusterMembers.title")}
      />
    </Section>
  );
}
