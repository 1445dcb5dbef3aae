import Add from "@mui/icons-material/Add";
import DeleteOutline from "@mui/icons-material/DeleteOutline";
import Edit from "@mui/icons-material/Edit";
import LockOutlined from "@mui/icons-material/LockOutlined";
import PictureAsPdfOutlined from "@mui/icons-material/PictureAsPdfOutlined";
import Send from "@mui/icons-material/Send";
import TrendingUp from "@mui/icons-material/TrendingUp";
import UndoOutlined from "@mui/icons-material/UndoOutlined";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import IconButton from "@mui/material/IconButton";
import LinearProgress from "@mui/material/LinearProgress";
import Link from "@mui/material/Link";
import List from "@mui/material/List";
import ListItem from "@mui/material/ListItem";
import ListItemText from "@mui/material/ListItemText";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableContainer from "@mui/material/TableContainer";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import Tooltip from "@mui/material/Tooltip";
import Typography from "@mui/material/Typography";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link as RouterLink, useParams } from "react-router";
import { CommentInput } from "../../../core/schemas/planning";
import { API_BASE, ApiError, api } from "../../app/api";
import { useFormat } from "../../app/format";
import { BackButton } from "../../components/BackButton";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { SchemaForm, TextField, useSchemaForm } from "../../components/form";
import { JalaliDate } from "../../components/JalaliDate";
import { Loading } from "../../components/Loading";
import { WithMobileLine } from "../../components/MobileSecondLine";
import { useNotify } from "../../components/Notifier";
import { PageHeader } from "../../components/PageHeader";
import { Section } from "../../components/Section";
import NotFoundPage from "../notfound/NotFoundPage";
import { PlanEditDialog } from "./ClusterDialogs";
import { ComparePanel, type VersionRef } from "./ComparePanel";
import { PlanTimeline } from "./PlanTimeline";
import { ProgrammeDialog } from "./ProgrammeDialog";
import { ProgressDialog } from "./ProgressDialog";
import {
  ActionsHead,
  enc,
  Fact,
  Facts,
  invalidatePlanning,
  PlanStatusChip,
  ProgrammeStatusChip,
  useAreaLabel,
  useAreas,
  useRials,
  useStudy,
} from "./shared";
import type { Plan, Programme } from "./types";

function CommentBox({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const qc = useQueryClient();
  const form = useSchemaForm(CommentInput, { body: "" });
  return (
    <SchemaForm
      form={form}
      onSubmit={async (body) => {
        await api.post<Plan>(`/plans/${enc(plan.id)}/comments`, body);
        form.reset({ body: "" });
        await invalidatePlanning(qc);
        notify.success(t("planning.comments.sent"));
      }}
    >
      <Box sx={{ display: "grid", gap: 1, mt: 1 }}>
        <TextField name="body" label={t("planning.comments.yours")} multiline minRows={2} testId="comment-body" />
        <Box>
          <Button
            type="submit"
            variant="contained"
            startIcon={<Send />}
            disabled={form.formState.isSubmitting}
            data-testid="comment-submit"
          >
            {t("planning.comments.send")}
          </Button>
        </Box>
      </Box>
    </SchemaForm>
  );
}

function ProgrammesTable({
  plan,
  areaLabel,
  strategyTitle,
  canEdit,
  canReport,
  onEdit,
  onRemove,
  onProgress,
}: {
  plan: Plan;
  areaLabel: (a: string) => string;
  strategyTitle: (id: string | null) => string;
  canEdit: boolean;
  canReport: boolean;
  onEdit: (p: Programme) => void;
  onRemove: (p: Programme) => void;
  onProgress: (p: Programme) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const rials = useRials();
  if (plan.programmeList.length === 0) return <EmptyState title={t("planning.programme.none")} />;
  const hideXs = { display: { xs: "none", sm: "table-cell" } };
  const hideMd = { display: { xs: "none", md: "table-cell" } };
  return (
    <TableContainer>
      <Table size="small" aria-label={t("planning.programme.listTitle")} data-testid="programmes-table">
        <TableHead>
          <TableRow>
            <TableCell>{t("planning.programme.title")}</TableCell>
            <TableCell sx={hideXs}>{t("planning.programme.area")}</TableCell>
            <TableCell sx={hideMd}>{t("planning.programme.strategy")}</TableCell>
            <TableCell sx={hideXs}>{t("planning.programme.dates")}</TableCell>
            <TableCell sx={hideXs}>{t("planning.programme.budget")}</TableCell>
            <TableCell sx={hideXs}>{t("planning.programme.status")}</TableCell>
            {(canEdit || canReport) && <ActionsHead />}
          </TableRow>
        </TableHead>
        <TableBody>
          {plan.programmeList.map((p) => (
            <TableRow key={p.id} data-testid="programme-row">
              <TableCell sx={{ minWidth: 0 }}>
                <WithMobileLine
                  main={
                    <Box component="span" sx={{ fontWeight: 600 }} data-testid="programme-name">
                      <bdi>{p.title}</bdi>
                    </Box>
                  }
                  line={
                    <>
                      {areaLabel(p.area)} · <JalaliDate value={p.startDate} withTime={false} />
                      {" – "}
                      <JalaliDate value={p.endDate} withTime={false} /> · {rials(p.budgetRials)}
                      <Box sx={{ mt: 0.5 }}>
                        <ProgrammeStatusChip status={p.status} percent={p.percent} />
                      </Box>
                    </>
                  }
                />
                {p.responsible && (
                  <Typography variant="caption" color="text.secondary" component="div">
                    {t("planning.programme.responsibleValue", { name: p.responsible })}
                  </Typography>
                )}
              </TableCell>
              <TableCell sx={hideXs}>{areaLabel(p.area)}</TableCell>
              <TableCell sx={hideMd}>{strategyTitle(p.strategyId)}</TableCell>
              <TableCell sx={{ ...hideXs, whiteSpace: "nowrap" }}>
                <JalaliDate value={p.startDate} withTime={false} />
                <br />
                <JalaliDate value={p.endDate} withTime={false} />
              </TableCell>
              <TableCell sx={{ ...hideXs, whiteSpace: "nowrap" }} data-testid="programme-row-budget">
                {rials(p.budgetRials)}
                {p.spentRials > 0 && (
                  <Typography variant="caption" color="text.secondary" component="div">
                    {t("planning.programme.spentValue", { n: f.num(p.spentRials) })}
                  </Typography>
                )}
              </TableCell>
              <TableCell sx={hideXs}>
                <ProgrammeStatusChip status={p.status} percent={p.percent} />
              </TableCell>
              {(canEdit || canReport) && (
                <TableCell align="right" sx={{ px: { xs: 0.5, sm: 2 } }}>
                  <Box sx={{ display: "flex", flexDirection: { xs: "column", sm: "row" }, justifyContent: "flex-end" }}>
                    {canReport && (
                      <Tooltip title={t("planning.progress.open")}>
                        <IconButton
                          size="small"
                          onClick={() => onProgress(p)}
                          aria-label={t("planning.progress.openNamed", { name: p.title })}
                          data-testid="programme-progress"
                        >
                          <TrendingUp fontSize="small" />
                        </IconButton>
                      </Tooltip>
                    )}
                    {canEdit && (
                      <>
                        <Tooltip title={t("common.edit")}>
                          <IconButton
                            size="small"
                            onClick={() => onEdit(p)}
                            aria-label={t("planning.editNamed", { name: p.title })}
                            data-testid="programme-edit"
                          >
                            <Edit fontSize="small" />
                          </IconButton>
                        </Tooltip>
                        <Tooltip title={t("planning.remove")}>
                          <IconButton
                            size="small"
                            onClick={() => onRemove(p)}
                            aria-label={t("planning.removeNamed", { name: p.title })}
                            data-testid="programme-remove"
                          >
                            <DeleteOutline fontSize="small" />
                          </IconButton>
                        </Tooltip>
                      </>
                    )}
                  </Box>
                </TableCell>
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

type Dialog =
  | { kind: "programme"; item?: Programme }
  | { kind: "progress"; item: Programme }
  | { kind: "edit" }
  | { kind: "submit" }
  | { kind: "revise" }
  | { kind: "remove"; item: Programme };

/**
 * An action plan: its facts and workflow (submit to the council, open a
 * revision of an approved one), the programmes and their progress, the
 * year's timeline, the council's comments, the approved versions compared
 * with each other or with the plan as it is now, and the approved PDF.
 */
export default function PlanPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const f = useFormat();
  const rials = useRials();
  const notify = useNotify();
  const qc = useQueryClient();
  const path = `/plans/${enc(id)}`;
  const plan = useQuery({
    queryKey: [path],
    queryFn: ({ signal }) => api.get<Plan>(path, undefined, signal),
  });
  const study = useStudy(plan.data?.clusterId);
  const areas = useAreas(plan.data?.provinceCode);
  const areaLabel = useAreaLabel(areas.data?.items);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [compare, setCompare] = useState<{ from: VersionRef; to: VersionRef } | null>(null);
  const act = useMutation({
    mutationFn: async (d: Dialog) => {
      if (d.kind === "submit") return api.post<Plan>(`${path}/submit`);
      if (d.kind === "revise") return api.post<Plan>(`${path}/revise`);
      if (d.kind === "remove") return api.delete<Plan>(`${path}/programmes/${enc(d.item.id)}`);
    },
    onSuccess: (_, d) => {
      setDialog(null);
      void invalidatePlanning(qc);
      notify.success(
        d.kind === "submit"
          ? t("planning.plan.submitted")
          : d.kind === "revise"
            ? t("planning.plan.revised")
            : t("planning.removed"),
      );
    },
    onError: (e) => {
      setDialog(null);
      notify.error(e);
    },
  });

  if (plan.isPending) return <Loading />;
  if (plan.isError) {
    if (plan.error instanceof ApiError && (plan.error.status === 404 || plan.error.status === 400))
      return <NotFoundPage />;
    return <ErrorState error={plan.error} onRetry={() => void plan.refetch()} />;
  }
  const p = plan.data;
  const can = p.can;
  // Progress is reported in any status by those who may edit the cluster's planning.
  const canReport = study.data?.can.edit ?? false;
  const latest = p.versions.length > 0 ? p.versions[p.versions.length - 1] : null;
  const strategies = new Map((study.data?.strategies ?? []).map((s) => [s.id, s.title]));
  const strategyTitle = (sid: string | null) => (sid ? (strategies.get(sid) ?? "—") : "—");
  const shownCompare = compare ?? (latest ? { from: latest.versionNo, to: "current" as const } : null);
  const revisionOpen = p.approvedVersion !== null && p.status !== "approved";
  const close = () => setDialog(null);
  const saved = () => {
    setDialog(null);
    notify.success(t("common.saved"));
  };

  return (
    <>
      <BackButton to={`/clusters/${enc(p.clusterId)}`} label={t("planning.backToCluster", { name: p.clusterName })} />
      <PageHeader
        title={p.title}
        testId="plan-title"
        actions={
          <Box sx={{ display: "flex", gap: 1, flexWrap: "wrap" }}>
            {latest && (
              <Button
                variant="outlined"
                component="a"
                href={`${API_BASE}${path}/plan.pdf`}
                download
                startIcon={<PictureAsPdfOutlined />}
                data-testid="plan-pdf"
              >
                {t("planning.plan.pdf")}
              </Button>
            )}
            {can.edit && (
              <Button
                variant="outlined"
                startIcon={<Edit />}
                onClick={() => setDialog({ kind: "edit" })}
                data-testid="plan-edit"
              >
                {t("common.edit")}
              </Button>
            )}
            {can.submit && (
              <Button
                variant="contained"
                startIcon={<Send />}
                onClick={() => setDialog({ kind: "submit" })}
                data-testid="plan-submit-council"
              >
                {t("planning.plan.submit")}
              </Button>
            )}
            {can.revise && (
              <Button
                variant="contained"
                startIcon={<UndoOutlined />}
                onClick={() => setDialog({ kind: "revise" })}
                data-testid="plan-revise"
              >
                {t("planning.plan.revise")}
              </Button>
            )}
          </Box>
        }
      />
      <Box sx={{ display: "flex", flexWrap: "wrap", alignItems: "center", gap: 1, mt: -1, mb: 2 }}>
        <PlanStatusChip status={p.status} testId="plan-status" />
        {latest && (
          <Typography variant="body2" component="span" data-testid="plan-version">
            {t("planning.versions.approvedN", { n: f.num(latest.versionNo) })}
          </Typography>
        )}
        {revisionOpen && (
          <Typography variant="body2" component="span" color="warning.dark" data-testid="plan-revision">
            {t("planning.plan.revisionOpen")}
          </Typography>
        )}
        <Link component={RouterLink} to={`/clusters/${enc(p.clusterId)}/study`} variant="body2">
          {t("planning.study.title")}
        </Link>
      </Box>
      {p.status === "approved" && (
        <Alert severity="info" icon={<LockOutlined />} sx={{ mb: 2 }} data-testid="plan-locked">
          {t("planning.plan.lockedNote")}
        </Alert>
      )}
      {p.status === "submitted" && (
        <Alert severity="info" icon={<LockOutlined />} sx={{ mb: 2 }} data-testid="plan-awaiting">
          {t("planning.plan.awaitingNote")}
        </Alert>
      )}
      {p.returnComment && (
        <Alert severity="warning" sx={{ mb: 2 }} data-testid="plan-returned">
          {t("planning.plan.returnedNote", { comment: p.returnComment })}
        </Alert>
      )}

      <Box sx={{ display: "grid", gap: 2 }}>
        <Section title={t("planning.plan.facts")}>
          <Facts>
            <Fact label={t("planning.plan.cluster")}>
              <Link component={RouterLink} to={`/clusters/${enc(p.clusterId)}`}>
                <bdi>{p.clusterName}</bdi>
              </Link>
            </Fact>
            <Fact label={t("planning.plan.projectYear")}>{t("planning.plan.yearN", { n: f.num(p.projectYear) })}</Fact>
            <Fact label={t("planning.plan.period")}>
              <JalaliDate value={p.periodStart} withTime={false} /> {t("planning.to")}{" "}
              <JalaliDate value={p.periodEnd} withTime={false} />
            </Fact>
            <Fact label={t("planning.plan.version")} testId="plan-version-fact">
              {latest ? t("planning.versions.versionN", { n: f.num(latest.versionNo) }) : t("planning.plan.noVersion")}
            </Fact>
            <Fact label={t("planning.plan.budget")} testId="plan-budget">
              {rials(p.budgetRials)}
            </Fact>
            <Fact label={t("planning.plan.spent")} testId="plan-spent">
              {rials(p.spentRials)}
            </Fact>
            <Fact label={t("planning.plan.percent")} testId="plan-percent">
              {t("planning.percent", { n: f.num(p.percent) })}
              <LinearProgress
                variant="determinate"
                value={Math.max(0, Math.min(100, p.percent))}
                sx={{ mt: 0.5, height: 6, borderRadius: 3 }}
                aria-label={t("planning.plan.percent")}
              />
            </Fact>
          </Facts>
        </Section>

        <Section
          title={t("planning.programme.listTitle")}
          testId="plan-programmes"
          actions={
            can.edit && (
              <Button
                variant="outlined"
                startIcon={<Add />}
                onClick={() => setDialog({ kind: "programme" })}
                data-testid="programme-add"
              >
                {t("planning.programme.add")}
              </Button>
            )
          }
        >
          <ProgrammesTable
            plan={p}
            areaLabel={areaLabel}
            strategyTitle={strategyTitle}
            canEdit={can.edit}
            canReport={canReport}
            onEdit={(item) => setDialog({ kind: "programme", item })}
            onRemove={(item) => setDialog({ kind: "remove", item })}
            onProgress={(item) => setDialog({ kind: "progress", item })}
          />
        </Section>

        {p.programmeList.length > 0 && (
          <Section title={t("planning.timeline.title")} testId="plan-timeline-section">
            <PlanTimeline plan={p} />
          </Section>
        )}

        <Section title={t("planning.versions.title")} testId="plan-versions">
          {p.versions.length === 0 ? (
            <EmptyState title={t("planning.versions.none")} />
          ) : (
            <>
              <List dense disablePadding>
                {[...p.versions].reverse().map((v) => (
                  <ListItem
                    key={v.versionNo}
                    divider
                    disableGutters
                    sx={{ gap: 1, flexWrap: "wrap" }}
                    data-testid="version-row"
                  >
                    <ListItemText
                      primary={t("planning.versions.versionN", { n: f.num(v.versionNo) })}
                      secondary={
                        <>
                          {t("planning.versions.approvedOn")} <JalaliDate value={v.approvedOn} withTime={false} /> ·{" "}
                          {t("planning.plan.programmesN", { count: v.programmes, n: f.num(v.programmes) })} ·{" "}
                          {rials(v.budgetRials)}
                          {v.meetingId && (
                            <>
                              {" · "}
                              <Link component={RouterLink} to={`/council-meetings/${enc(v.meetingId)}`}>
                                {t("planning.versions.meeting")}
                              </Link>
                            </>
                          )}
                        </>
                      }
                    />
                    <Button
                      size="small"
                      component="a"
                      href={`${API_BASE}${path}/plan.pdf?version=${v.versionNo}`}
                      download
                      startIcon={<PictureAsPdfOutlined />}
                      aria-label={t("planning.versions.pdfOf", { n: f.num(v.versionNo) })}
                    >
                      {t("planning.versions.pdf")}
                    </Button>
                  </ListItem>
                ))}
              </List>
              {shownCompare && (
                <Box sx={{ mt: 2 }}>
                  <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600, mb: 1 }}>
                    {t("planning.compare.title")}
                  </Typography>
                  <ComparePanel
                    plan={p}
                    study={study.data}
                    areaLabel={areaLabel}
                    from={shownCompare.from}
                    to={shownCompare.to}
                    onChange={(from, to) => setCompare({ from, to })}
                  />
                </Box>
              )}
            </>
          )}
        </Section>

        <Section title={t("planning.comments.title")} testId="plan-comments">
          {p.comments.length === 0 ? (
            <Typography color="text.secondary" variant="body2">
              {t("planning.comments.none")}
            </Typography>
          ) : (
            <List dense disablePadding>
              {p.comments.map((c) => (
                <ListItem key={c.id} divider disableGutters data-testid="comment-row">
                  <ListItemText
                    primary={
                      <Box sx={{ whiteSpace: "pre-wrap" }} dir="auto">
                        {c.body}
                      </Box>
                    }
                    secondary={
                      <>
                        <bdi>{c.authorName}</bdi> · <JalaliDate value={c.createdAt} />
                      </>
                    }
                  />
                </ListItem>
              ))}
            </List>
          )}
          {can.comment && <CommentBox plan={p} />}
        </Section>
      </Box>

      {dialog?.kind === "programme" && (
        <ProgrammeDialog
          plan={p}
          programme={dialog.item}
          study={study.data}
          areas={areas.data?.items ?? []}
          onClose={close}
          onSaved={saved}
        />
      )}
      {dialog?.kind === "progress" && (
        <ProgressDialog plan={p} programme={dialog.item} onClose={close} onSaved={saved} />
      )}
      {dialog?.kind === "edit" && <PlanEditDialog plan={p} onClose={close} onSaved={saved} />}
      <ConfirmDialog
        open={dialog?.kind === "submit" || dialog?.kind === "revise" || dialog?.kind === "remove"}
        title={
          dialog?.kind === "submit"
            ? t("planning.plan.submit")
            : dialog?.kind === "revise"
              ? t("planning.plan.revise")
              : t("planning.remove")
        }
        message={
          dialog?.kind === "submit"
            ? t("planning.plan.submitConfirm")
            : dialog?.kind === "revise"
              ? t("planning.plan.reviseConfirm")
              : t("planning.removeConfirm", { name: dialog?.kind === "remove" ? dialog.item.title : "" })
        }
        danger={dialog?.kind === "remove"}
        busy={act.isPending}
        onConfirm={() => dialog && act.mutate(dialog)}
        onClose={close}
      />
    </>
  );
}
