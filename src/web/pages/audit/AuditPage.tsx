import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import TextField from "@mui/material/TextField";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../app/api";
import { useAuth } from "../../app/auth";
import { tDynamic } from "../../app/i18n";
import type { AuditEntry } from "../../app/types";
import { type Column, DataTable } from "../../components/DataTable";
import { JalaliDate } from "../../components/JalaliDate";
import { JalaliDateField } from "../../components/JalaliDateField";
import { PageHeader } from "../../components/PageHeader";
import { UserPicker } from "../../components/pickers";
import { AuditSummary } from "./AuditSummary";

/** "user.create" → the words for it; the raw name when the locale does not know it yet. */
export function auditActionLabel(action: string): string {
  return tDynamic(`auditActions.${action.replace(/\./g, "_")}`, { defaultValue: action });
}

function targetLabel(type: string): string {
  return tDynamic(`audit.targets.${type}`, { defaultValue: type });
}

export default function AuditPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [userId, setUserId] = useState("");
  const [action, setAction] = useState("");
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const actions = useQuery({
    queryKey: ["/audit/actions"],
    queryFn: ({ signal }) => api.get<{ items: string[] }>("/audit/actions", undefined, signal),
    staleTime: 10 * 60_000,
  });

  const columns: Column<AuditEntry>[] = [
    { key: "at", label: t("audit.time"), render: (e) => <JalaliDate value={e.at} /> },
    { key: "user", label: t("audit.user"), nowrap: true, render: (e) => e.actorName ?? t("audit.system") },
    { key: "action", label: t("audit.action"), nowrap: true, render: (e) => auditActionLabel(e.action) },
    {
      key: "target",
      label: t("audit.target"),
      hideOnMobile: true,
      nowrap: true,
      render: (e) => targetLabel(e.targetType),
    },
    {
      key: "summary",
      label: t("audit.summary"),
      minWidth: 220,
      render: (e) => <AuditSummary summary={e.summary} cluster={{ id: e.clusterId, name: e.clusterName }} />,
    },
  ];

  const filtered = userId || action || from || to;

  const filters = (
    <Box
      sx={{
        display: "grid",
        gap: 1.5,
        width: "100%",
        gridTemplateColumns: {
          xs: "minmax(0, 1fr)",
          sm: "minmax(0, 1fr) minmax(0, 1fr)",
          lg: "repeat(4, minmax(0, 1fr)) auto",
        },
        alignItems: "center",
      }}
    >
      {can("user.read") && (
        <UserPicker
          label={t("audit.user")}
          placeholder={t("audit.anyUser")}
          value={userId}
          onChange={(id) => setUserId(id ?? "")}
          testId="audit-user"
        />
      )}
      <TextField
        select
        label={t("audit.action")}
        value={action}
        onChange={(e) => setAction(e.target.value)}
        slotProps={{
          select: { native: true },
          inputLabel: { shrink: true },
          htmlInput: { "data-testid": "audit-action" },
        }}
      >
        <option value="">{t("audit.anyAction")}</option>
        {(actions.data?.items ?? []).map((a) => (
          <option key={a} value={a}>
            {auditActionLabel(a)}
          </option>
        ))}
      </TextField>
      <JalaliDateField label={t("audit.from")} value={from} onChange={setFrom} maxDate={to ?? undefined} />
      <JalaliDateField label={t("audit.to")} value={to} onChange={setTo} minDate={from ?? undefined} />
      <Button
        disabled={!filtered}
        onClick={() => {
          setUserId("");
          setAction("");
          setFrom(null);
          setTo(null);
        }}
      >
        {t("audit.clear")}
      </Button>
    </Box>
  );

  return (
    <>
      <PageHeader title={t("audit.title")} />
      <DataTable<AuditEntry>
        path="/audit"
        columns={columns}
        rowKey={(e) => e.id}
        params={{ userId, action, from, to }}
        toolbar={filters}
        pageSizes={[25, 50, 100, 200]}
        emptyText={filtered ? t("table.noMatches") : t("audit.empty")}
        testId="audit-table"
        ariaLabel={t("audit.title")}
      />
    </>
  );
}
