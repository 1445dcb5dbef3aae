import ContentCopy from "@mui/icons-material/ContentCopy";
import PersonAdd from "@mui/icons-material/PersonAdd";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import IconButton from "@mui/material/IconButton";
import Tooltip from "@mui/material/Tooltip";
import Typography from "@mui/material/Typography";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";
import type { z } from "zod";
import { APPLICATION_STATUSES, type ApplicationItemOut } from "../../../core/schemas/applications";
import { useAuth } from "../../app/auth";
import { type Column, DataTable } from "../../components/DataTable";
import { JalaliDate } from "../../components/JalaliDate";
import { WithMobileLine } from "../../components/MobileSecondLine";
import { useNotify } from "../../components/Notifier";
import { PageHeader } from "../../components/PageHeader";
import { Section } from "../../components/Section";
import { SelectField } from "../../components/SelectField";
import { InviteMemberDialog } from "./InviteMemberDialog";
import { ApplicationStatusChip } from "./labels";

type Item = z.infer<typeof ApplicationItemOut>;

/** The public form's address of each cluster the caller manages, to put on the cluster's site. */
function FormLinks() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const notify = useNotify();
  const clusters = user.grants.filter((g) => g.role === "cluster_manager" && g.clusterId);
  if (clusters.length === 0) return null;
  return (
    <Section title={t("applications.formLinks")} testId="application-form-links">
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {t("applications.formLinksIntro")}
      </Typography>
      {clusters.map((g) => {
        const url = `${window.location.origin}/apply/${g.clusterId}`;
        return (
          <Box key={g.clusterId} sx={{ display: "flex", alignItems: "center", gap: 1, flexWrap: "wrap" }}>
            <Typography component="span" sx={{ fontWeight: 500 }}>
              <bdi>{g.clusterName}</bdi>:
            </Typography>
            <Typography
              component="a"
              href={url}
              dir="ltr"
              sx={{ overflowWrap: "anywhere" }}
              data-testid="application-form-link"
            >
              {url}
            </Typography>
            <Tooltip title={t("common.copy")}>
              <IconButton
                size="small"
                aria-label={t("common.copy")}
                onClick={() => void navigator.clipboard?.writeText(url).then(() => notify.success(t("common.copied")))}
              >
                <ContentCopy fontSize="small" />
              </IconButton>
            </Tooltip>
          </Box>
        );
      })}
    </Section>
  );
}

export default function ApplicationsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const notify = useNotify();
  const [params, setParams] = useSearchParams();
  const status = params.get("status") ?? "pending";
  const [inviting, setInviting] = useState(false);

  const columns: Column<Item>[] = [
    {
      key: "enterprise",
      label: t("applications.enterprise"),
      render: (a) => <WithMobileLine main={a.enterpriseName} line={a.clusterName} />,
    },
    { key: "cluster", label: t("applications.cluster"), hideOnMobile: true, render: (a) => a.clusterName },
    { key: "city", label: t("applications.city"), hideOnMobile: true, render: (a) => a.city },
    { key: "contact", label: t("applications.contact"), hideOnMobile: true, render: (a) => a.contactPerson },
    {
      key: "createdAt",
      label: t("applications.submittedAt"),
      nowrap: true,
      render: (a) => <JalaliDate value={a.createdAt} withTime={false} />,
    },
    { key: "status", label: t("applications.status"), render: (a) => <ApplicationStatusChip status={a.status} /> },
  ];

  return (
    <>
      <PageHeader
        title={t("applications.title")}
        actions={
          can("member.invite") && (
            <Button
              variant="outlined"
              startIcon={<PersonAdd />}
              onClick={() => setInviting(true)}
              data-testid="invite-member"
            >
              {t("applications.inviteMember")}
            </Button>
          )
        }
      />
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        {t("applications.intro")}
      </Typography>
      <Box sx={{ display: "grid", gap: 2 }}>
        <FormLinks />
        <DataTable<Item>
          path="/applications"
          params={{ status: status === "all" ? undefined : status }}
          columns={columns}
          rowKey={(a) => a.id}
          onRowClick={(a) => navigate(`/applications/${encodeURIComponent(a.id)}`)}
          emptyText={t("applications.empty")}
          testId="applications-table"
          ariaLabel={t("applications.title")}
          toolbar={
            <SelectField
              label={t("applications.status")}
              value={status}
              onChange={(v) => setParams(v === "pending" ? {} : { status: v }, { replace: true })}
              testId="applications-status"
              fullWidth={false}
              minWidth={180}
            >
              {APPLICATION_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`applicationStatuses.${s}`)}
                </option>
              ))}
              <option value="all">{t("applications.allStatuses")}</option>
            </SelectField>
          }
        />
      </Box>
      {inviting && (
        <InviteMemberDialog
          onClose={() => setInviting(false)}
          onInvited={(email) => {
            setInviting(false);
            notify.success(t("applications.invited", { email }));
          }}
        />
      )}
    </>
  );
}
