import Edit from "@mui/icons-material/Edit";
import PictureAsPdfOutlined from "@mui/icons-material/PictureAsPdfOutlined";
import SwapHoriz from "@mui/icons-material/SwapHoriz";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import Typography from "@mui/material/Typography";
import { useQuery } from "@tanstack/react-query";
import { type ReactNode, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link as RouterLink, useParams } from "react-router";
import { API_BASE, ApiError, api, errorMessage } from "../../app/api";
import { useFormat } from "../../app/format";
import { clusterName, clusterProvinceName } from "../../app/lookups";
import type { ClusterDetail } from "../../app/types";
import { BackButton } from "../../components/BackButton";
import { ErrorState } from "../../components/ErrorState";
import { JalaliDate } from "../../components/JalaliDate";
import { Loading } from "../../components/Loading";
import { StateChip, Warnings } from "../../components/labels";
import { useNotify } from "../../components/Notifier";
import { PageHeader } from "../../components/PageHeader";
import { Section } from "../../components/Section";
import { TwoColumns } from "../../components/TwoColumns";
import { CLUSTER_SECTIONS } from "../../modules";
import NotFoundPage from "../notfound/NotFoundPage";
import { AttachmentsSection } from "./AttachmentsSection";
import { ClusterFormDialog } from "./ClusterFormDialog";
import { ContractsSection } from "./ContractsSection";
import { Timeline } from "./Timeline";
import { TransitionDialog } from "./TransitionDialog";
import { YearChip } from "./YearChip";

function Fact({ label, children, wide }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <Box sx={{ minWidth: 0, gridColumn: wide ? "1 / -1" : undefined }}>
      <Typography variant="caption" color="text.secondary" component="dt">
        {label}
      </Typography>
      <Typography component="dd" sx={{ m: 0, whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
        {children}
      </Typography>
    </Box>
  );
}

/** "source · date" under a figure, when either is known. */
function Provenance({ source, date }: { source: string | null; date: string | null }) {
  const { t } = useTranslation();
  if (!source && !date) return null;
  return (
    <Typography variant="caption" color="text.secondary" component="div">
      {source && t("clusterDetail.source", { source })}
      {source && date && " · "}
      {date && <JalaliDate value={date} withTime={false} />}
    </Typography>
  );
}

function Facts({ c }: { c: ClusterDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const dash = "—";
  const jobsTotal =
    c.jobsIndustrial !== null || c.jobsGuild !== null ? (c.jobsIndustrial ?? 0) + (c.jobsGuild ?? 0) : null;
  return (
    <Section title={t("clusterDetail.registry")} testId="cluster-facts">
      <Box
        component="dl"
        sx={{
          m: 0,
          display: "grid",
          gap: 2,
          gridTemplateColumns: { xs: "minmax(0, 1fr)", sm: "minmax(0, 1fr) minmax(0, 1fr)" },
        }}
      >
        <Fact label={t("clusterForm.place")}>{c.place ?? dash}</Fact>
        <Fact label={t("clusterForm.sector")}>{c.sector ?? dash}</Fact>
        <Fact label={t("clusterDetail.isic")}>
          {c.isicCodes.length === 0 ? (
            dash
          ) : (
            <Box component="span" sx={{ display: "inline-flex", flexWrap: "wrap", gap: 0.5 }}>
              {c.isicCodes.map((code) => (
                <Chip key={code} size="small" variant="outlined" label={<bdi>{f.digits(code)}</bdi>} />
              ))}
            </Box>
          )}
        </Fact>
        <Fact label={t("clusterForm.productGroups")}>
          {c.productGroups.length === 0 ? (
            dash
          ) : (
            <Box component="span" sx={{ display: "inline-flex", flexWrap: "wrap", gap: 0.5 }}>
              {c.productGroups.map((g) => (
                <Chip key={g} size="small" label={g} />
              ))}
            </Box>
          )}
        </Fact>
        <Fact label={t("clusterForm.enterprises")}>
          {c.estEnterprises === null ? dash : f.num(c.estEnterprises)}
          <Provenance source={c.estEnterprisesSource} date={c.estEnterprisesDate} />
        </Fact>
        <Fact label={t("clusterDetail.jobs")}>
          {jobsTotal === null
            ? dash
            : t("clusterDetail.jobsSplit", {
                total: f.num(jobsTotal),
                industrial: f.num(c.jobsIndustrial ?? 0),
                guild: f.num(c.jobsGuild ?? 0),
              })}
          <Provenance source={c.jobsSource} date={c.jobsDate} />
        </Fact>
        {c.agentContractEnd && (
          <Fact label={t("clusterDetail.agentContractEnd")}>
            <JalaliDate value={c.agentContractEnd} withTime={false} />
          </Fact>
        )}
        <Fact label={t("clusterForm.advantage")} wide>
          {c.advantageNote ?? dash}
        </Fact>
      </Box>
    </Section>
  );
}

export default function ClusterDetailPage() {
  const { id = "" } = useParams();
  const { t, i18n } = useTranslation();
  const notify = useNotify();
  const [editing, setEditing] = useState(false);
  const [moving, setMoving] = useState(false);
  const cluster = useQuery({
    queryKey: ["/clusters", id],
    queryFn: ({ signal }) => api.get<ClusterDetail>(`/clusters/${encodeURIComponent(id)}`, undefined, signal),
  });

  if (cluster.isPending) return <Loading />;
  if (cluster.isError) {
    if (cluster.error instanceof ApiError && (cluster.error.status === 404 || cluster.error.status === 400))
      return <NotFoundPage />;
    return <ErrorState error={cluster.error} onRetry={() => void cluster.refetch()} />;
  }
  const c = cluster.data;
  const lng = i18n.language;
  // Abilities on this cluster, from the server: a grant elsewhere does not show buttons here.
  const canUpdate = c.can.update;

  return (
    <>
      <BackButton to="/clusters" label={t("clusterDetail.back")} />
      <PageHeader
        title={clusterName(c, lng)}
        testId="cluster-title"
        actions={
          <Box sx={{ display: "flex", gap: 1, flexWrap: "wrap" }}>
            {/* A plain same-origin link: the session cookie goes with it and the browser takes the
                Persian file name from Content-Disposition's filename*. */}
            <Button
              variant="outlined"
              component="a"
              href={`${API_BASE}/clusters/${encodeURIComponent(c.id)}/record.pdf`}
              download
              title={t("clusterDetail.recordPdfHint")}
              startIcon={<PictureAsPdfOutlined />}
              data-testid="cluster-record-pdf"
            >
              {t("clusterDetail.recordPdf")}
            </Button>
            {canUpdate && (
              <Button
                variant="outlined"
                startIcon={<Edit />}
                onClick={() => setEditing(true)}
                data-testid="cluster-edit"
              >
                {t("common.edit")}
              </Button>
            )}
            {canUpdate && (
              <Button
                variant="contained"
                startIcon={<SwapHoriz />}
                onClick={() => setMoving(true)}
                data-testid="cluster-transition-open"
              >
                {t("transition.open")}
              </Button>
            )}
          </Box>
        }
      />
      <Box
        sx={{ display: "flex", flexWrap: "wrap", alignItems: "center", gap: 1, mt: -1, mb: 2 }}
        data-testid="cluster-header"
      >
        {c.nameEn && lng === "fa" && (
          <Typography color="text.secondary" dir="ltr" component="span">
            {c.nameEn}
          </Typography>
        )}
        <Chip
          size="small"
          variant="outlined"
          label={clusterProvinceName(c, lng)}
          component={RouterLink}
          to={`/clusters?provinceCode=${encodeURIComponent(c.provinceCode)}`}
          clickable
        />
        <StateChip state={c.state} testId="cluster-state" />
        {c.stateSince && (
          <Typography variant="body2" color="text.secondary" component="span">
            {t("clusterDetail.since")} <JalaliDate value={c.stateSince} withTime={false} />
          </Typography>
        )}
        <YearChip year={c.implementationYear} />
        <Warnings warnings={c.warnings} chips />
      </Box>

      <TwoColumns>
        <Facts c={c} />
        <Section
          title={t("timeline.title")}
          actions={
            canUpdate && (
              <Button size="small" startIcon={<SwapHoriz />} onClick={() => setMoving(true)}>
                {t("transition.open")}
              </Button>
            )
          }
        >
          <Timeline transitions={c.transitions} />
        </Section>
        <Box sx={{ gridColumn: "1 / -1" }}>
          <ContractsSection cluster={c} canManage={c.can.manageContracts} />
        </Box>
        <AttachmentsSection clusterId={c.id} canUpload={canUpdate} />
        {/* What other modules show on a cluster's page (its council, …). */}
        {CLUSTER_SECTIONS.filter((s) => !s.visible || s.visible(c)).map(({ id, wide, Component }) => (
          <Box key={id} sx={{ gridColumn: wide ? "1 / -1" : undefined, minWidth: 0 }}>
            <Suspense fallback={<Loading minHeight={100} />}>
              <Component cluster={c} />
            </Suspense>
          </Box>
        ))}
      </TwoColumns>

      {editing && (
        <ClusterFormDialog
          cluster={c}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            notify.success(t("common.saved"));
          }}
        />
      )}
      {moving && (
        <TransitionDialog
          cluster={c}
          onClose={() => setMoving(false)}
          onDone={(d, uploadError) => {
            setMoving(false);
            if (uploadError)
              notify.error(new Error(t("transition.uploadFailed", { error: errorMessage(uploadError) })));
            else notify.success(t("transition.done", { state: t(`states.${d.state}`) }));
          }}
        />
      )}
    </>
  );
}
