import Add from "@mui/icons-material/Add";
import DeleteOutline from "@mui/icons-material/DeleteOutline";
import EmojiEventsOutlined from "@mui/icons-material/EmojiEventsOutlined";
import HowToVoteOutlined from "@mui/icons-material/HowToVoteOutlined";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import Dialog from "@mui/material/Dialog";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import IconButton from "@mui/material/IconButton";
import LinearProgress from "@mui/material/LinearProgress";
import Link from "@mui/material/Link";
import List from "@mui/material/List";
import ListItem from "@mui/material/ListItem";
import ListItemText from "@mui/material/ListItemText";
import { useTheme } from "@mui/material/styles";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableContainer from "@mui/material/TableContainer";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import TextField from "@mui/material/TextField";
import Tooltip from "@mui/material/Tooltip";
import Typography from "@mui/material/Typography";
import useMediaQuery from "@mui/material/useMediaQuery";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link as RouterLink } from "react-router";
import { todayIso } from "../../../core/jalali";
import { api, formErrors } from "../../app/api";
import { useFormat } from "../../app/format";
import type { FeasibilityCriteria, FeasibilityDecision, FeasibilityStudy, Page } from "../../app/types";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { DialogActionsRow } from "../../components/DialogActionsRow";
import { DialogForm } from "../../components/DialogForm";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { JalaliDate } from "../../components/JalaliDate";
import { JalaliDateField } from "../../components/JalaliDateField";
import { Loading } from "../../components/Loading";
import { StateChip } from "../../components/labels";
import { useNotify } from "../../components/Notifier";
import { PageHeader } from "../../components/PageHeader";
import { useProvinceChoice } from "../../components/ProvinceChoice";
import { Section } from "../../components/Section";
import { SelectField } from "../../components/SelectField";
import { CriteriaEditor } from "./CriteriaEditor";
import { StudyDialog } from "./StudyDialog";

/** The studies side by side, best first: one column per study, one row per criterion. */
function Comparison({
  studies,
  criteria,
  onDelete,
}: {
  studies: FeasibilityStudy[];
  criteria: FeasibilityCriteria;
  onDelete?: (s: FeasibilityStudy) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  // Current criteria in order, then removed ones some study still carries a score for.
  const rows: { id: string; name: string; weight: number; archived: boolean }[] = criteria.items.map((c) => ({
    id: c.id,
    name: c.name,
    weight: c.weight,
    archived: false,
  }));
  for (const s of studies)
    for (const sc of s.scores)
      if (!rows.some((r) => r.id === sc.criterionId))
        rows.push({ id: sc.criterionId, name: sc.criterionName, weight: sc.weight, archived: true });

  const head = (label: ReactNode) => (
    <TableCell
      component="th"
      scope="row"
      sx={{
        position: "sticky",
        insetInlineStart: 0,
        bgcolor: "background.paper",
        zIndex: 1,
        fontWeight: 600,
        minWidth: 120,
        maxWidth: 200,
      }}
    >
      {label}
    </TableCell>
  );
  const col = { minWidth: 150, verticalAlign: "top" } as const;

  return (
    <TableContainer>
      <Table size="small" data-testid="studies-table" aria-label={t("feasibility.studiesTitle")}>
        <TableHead>
          <TableRow>
            {head(t("feasibility.rank"))}
            {studies.map((s) => (
              <TableCell key={s.id} sx={col} data-testid="study-column">
                <Box sx={{ display: "flex", alignItems: "center", gap: 0.5 }}>
                  {s.rank === 1 && <EmojiEventsOutlined color="secondary" fontSize="small" />}
                  <Typography component="span" sx={{ fontWeight: 700, flexGrow: 1 }}>
                    {t("feasibility.rankN", { n: f.num(s.rank) })}
                  </Typography>
                  {onDelete && (
                    <Tooltip title={t("feasibility.deleteStudy")}>
                      <IconButton
                        size="small"
                        onClick={() => onDelete(s)}
                        aria-label={t("feasibility.deleteStudyNamed", { name: s.clusterName })}
                        data-testid="study-delete"
                      >
                        <DeleteOutline fontSize="small" />
                      </IconButton>
                    </Tooltip>
                  )}
                </Box>
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          <TableRow>
            {head(t("feasibility.cluster"))}
            {studies.map((s) => (
              <TableCell key={s.id} sx={col}>
                <Link
                  component={RouterLink}
                  to={`/clusters/${encodeURIComponent(s.clusterId)}`}
                  sx={{ fontWeight: 600 }}
                >
                  {s.clusterName}
                </Link>
                <Box sx={{ mt: 0.5 }}>
                  <StateChip state={s.clusterState} />
                </Box>
              </TableCell>
            ))}
          </TableRow>
          <TableRow>
            {head(t("feasibility.weightedScore"))}
            {studies.map((s) => (
              <TableCell key={s.id} sx={col}>
                <Typography sx={{ fontWeight: 700 }} data-testid="study-score">
                  {f.num(s.weightedScore)}
                  <Typography component="span" variant="caption" color="text.secondary">
                    {" "}
                    / {f.num(100)}
                  </Typography>
                </Typography>
                <LinearProgress
                  variant="determinate"
                  value={Math.max(0, Math.min(100, s.weightedScore))}
                  color={s.rank === 1 ? "secondary" : "primary"}
                  sx={{ height: 8, borderRadius: 4, mt: 0.5 }}
                  aria-label={t("feasibility.weightedScore")}
                />
                {!s.complete && (
                  <Chip
                    size="small"
                    color="warning"
                    variant="outlined"
                    label={t("feasibility.incomplete")}
                    sx={{ mt: 0.5 }}
                  />
                )}
              </TableCell>
            ))}
          </TableRow>
          {rows.map((r) => (
            <TableRow key={r.id} sx={r.archived ? { opacity: 0.6 } : undefined}>
              {head(
                <>
                  {r.name}
                  <Typography variant="caption" color="text.secondary" component="div">
                    {r.archived ? t("feasibility.archived") : t("feasibility.weightN", { n: f.num(r.weight) })}
                  </Typography>
                </>,
              )}
              {studies.map((s) => {
                const sc = s.scores.find((x) => x.criterionId === r.id);
                return (
                  <TableCell key={s.id} sx={col}>
                    {sc ? (
                      <>
                        <Box component="span" sx={{ fontWeight: 600 }}>
                          {f.num(sc.score)}
                        </Box>
                        <Box component="span" sx={{ color: "text.secondary", fontSize: 12 }}>
                          {" "}
                          / {f.num(10)}
                        </Box>
                      </>
                    ) : (
                      "—"
                    )}
                  </TableCell>
                );
              })}
            </TableRow>
          ))}
          <TableRow>
            {head(t("feasibility.studyDate"))}
            {studies.map((s) => (
              <TableCell key={s.id} sx={col}>
                <JalaliDate value={s.studyDate} withTime={false} />
              </TableCell>
            ))}
          </TableRow>
          <TableRow>
            {head(t("feasibility.author"))}
            {studies.map((s) => (
              <TableCell key={s.id} sx={col}>
                {s.author}
              </TableCell>
            ))}
          </TableRow>
          <TableRow>
            {head(t("feasibility.summary"))}
            {studies.map((s) => (
              <TableCell key={s.id} sx={{ ...col, whiteSpace: "pre-wrap", fontSize: 13 }}>
                {s.summary ?? "—"}
              </TableCell>
            ))}
          </TableRow>
        </TableBody>
      </Table>
    </TableContainer>
  );
}

function DecisionDialog({
  code,
  studies,
  onClose,
  onSaved,
}: {
  code: string;
  studies: FeasibilityStudy[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const theme = useTheme();
  const fullScreen = useMediaQuery(theme.breakpoints.down("sm"));
  const qc = useQueryClient();
  const base = `/provinces/${encodeURIComponent(code)}/feasibility`;
  // Each studied cluster once, in rank order; the best one is the default choice.
  const choices = studies.filter((s, i) => studies.findIndex((x) => x.clusterId === s.clusterId) === i);
  const [decidedOn, setDecidedOn] = useState<string | null>(todayIso());
  const [chosen, setChosen] = useState(choices[0]?.clusterId ?? "");
  const [reason, setReason] = useState("");
  const [tried, setTried] = useState(false);
  const save = useMutation({
    mutationFn: () =>
      api.post<FeasibilityDecision>(`${base}/decisions`, { decidedOn, chosenClusterId: chosen, reason: reason.trim() }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: [base] });
      onSaved();
    },
  });
  const local: Record<string, string | undefined> = {
    decidedOn: decidedOn ? undefined : t("clusterForm.required"),
    chosenClusterId: chosen ? undefined : t("clusterForm.required"),
    reason: reason.trim() ? undefined : t("clusterForm.required"),
  };
  const server = formErrors(save.error, {
    decidedOn: ["date_in_future"],
    chosenClusterId: ["no_study_for_cluster"],
    reason: [],
  });
  const err = (n: string) => (tried ? local[n] : undefined) ?? server.field(n);
  function submit() {
    setTried(true);
    if (Object.values(local).some(Boolean) || save.isPending) return;
    save.mutate();
  }
  return (
    <Dialog open onClose={onClose} fullScreen={fullScreen} maxWidth="sm" fullWidth>
      <DialogForm onSubmit={submit}>
        <DialogTitle>{t("feasibility.decisionTitle")}</DialogTitle>
        <DialogContent>
          <Box sx={{ display: "grid", gap: 2, pt: 1 }}>
            {server.alert && <Alert severity="error">{server.alert}</Alert>}
            <JalaliDateField
              label={`${t("feasibility.decidedOn")} *`}
              value={decidedOn}
              onChange={setDecidedOn}
              maxDate={todayIso()}
              testId="decision-date"
              error={!!err("decidedOn")}
              helperText={err("decidedOn")}
            />
            <SelectField
              label={t("feasibility.chosen")}
              value={chosen}
              onChange={setChosen}
              testId="decision-cluster"
              required
              error={!!err("chosenClusterId")}
              helperText={err("chosenClusterId")}
            >
              <option value="">{t("grant.chooseCluster")}</option>
              {choices.map((s) => (
                <option key={s.clusterId} value={s.clusterId}>
                  {t("feasibility.choiceLabel", {
                    rank: f.num(s.rank),
                    name: s.clusterName,
                    score: f.num(s.weightedScore),
                  })}
                </option>
              ))}
            </SelectField>
            <TextField
              label={t("feasibility.reason")}
              value={reason}
              required
              multiline
              minRows={3}
              onChange={(e) => setReason(e.target.value)}
              error={!!err("reason")}
              helperText={err("reason")}
              slotProps={{ htmlInput: { "data-testid": "decision-reason" } }}
            />
          </Box>
        </DialogContent>
        <DialogActionsRow
          onCancel={onClose}
          submitLabel={t("feasibility.recordDecision")}
          disabled={save.isPending}
          testId="decision-submit"
        />
      </DialogForm>
    </Dialog>
  );
}

function ProvinceFeasibility({ code }: { code: string }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const qc = useQueryClient();
  const base = `/provinces/${encodeURIComponent(code)}/feasibility`;
  const [addingStudy, setAddingStudy] = useState(false);
  const [deciding, setDeciding] = useState(false);
  const [deletingStudy, setDeletingStudy] = useState<FeasibilityStudy | null>(null);
  const [deletingDecision, setDeletingDecision] = useState<FeasibilityDecision | null>(null);
  const criteria = useQuery({
    queryKey: [base, "criteria"],
    queryFn: ({ signal }) => api.get<FeasibilityCriteria>(`${base}/criteria`, undefined, signal),
  });
  const studies = useQuery({
    queryKey: [base, "studies"],
    queryFn: ({ signal }) => api.get<Page<FeasibilityStudy>>(`${base}/studies`, undefined, signal),
  });
  const decisions = useQuery({
    queryKey: [base, "decisions"],
    queryFn: ({ signal }) => api.get<Page<FeasibilityDecision>>(`${base}/decisions`, undefined, signal),
  });
  const removeStudy = useMutation({
    mutationFn: (s: FeasibilityStudy) => api.delete(`${base}/studies/${encodeURIComponent(s.id)}`),
    onSuccess: () => {
      setDeletingStudy(null);
      void qc.invalidateQueries({ queryKey: [base] });
      notify.success(t("feasibility.studyDeleted"));
    },
    onError: notify.error,
  });
  const removeDecision = useMutation({
    mutationFn: (d: FeasibilityDecision) => api.delete(`${base}/decisions/${encodeURIComponent(d.id)}`),
    onSuccess: () => {
      setDeletingDecision(null);
      void qc.invalidateQueries({ queryKey: [base] });
      notify.success(t("feasibility.decisionDeleted"));
    },
    onError: notify.error,
  });

  if (criteria.isPending) return <Loading />;
  if (criteria.isError) return <ErrorState error={criteria.error} onRetry={() => void criteria.refetch()} />;
  const ready = criteria.data.total > 0 && criteria.data.weightTotal === 100;
  const studyItems = studies.data?.items ?? [];

  return (
    <Box sx={{ display: "grid", gap: 2 }}>
      <CriteriaEditor key={JSON.stringify(criteria.data.items)} code={code} criteria={criteria.data} />

      <Section
        title={t("feasibility.studiesTitle")}
        testId="studies"
        actions={
          <Tooltip title={ready ? "" : t("feasibility.criteriaFirst")}>
            <span>
              <Button
                variant="outlined"
                startIcon={<Add />}
                disabled={!ready}
                onClick={() => setAddingStudy(true)}
                data-testid="study-add"
              >
                {t("feasibility.addStudy")}
              </Button>
            </span>
          </Tooltip>
        }
      >
        {studies.isPending ? (
          <Loading minHeight={80} />
        ) : studies.isError ? (
          <ErrorState error={studies.error} onRetry={() => void studies.refetch()} />
        ) : studyItems.length === 0 ? (
          <EmptyState title={t("feasibility.noStudies")} />
        ) : (
          <Comparison studies={studyItems} criteria={criteria.data} onDelete={setDeletingStudy} />
        )}
      </Section>

      <Section
        title={t("feasibility.decisionsTitle")}
        testId="decisions"
        actions={
          <Button
            variant="outlined"
            startIcon={<HowToVoteOutlined />}
            disabled={studyItems.length === 0}
            onClick={() => setDeciding(true)}
            data-testid="decision-add"
          >
            {t("feasibility.recordDecision")}
          </Button>
        }
      >
        {decisions.isPending ? (
          <Loading minHeight={80} />
        ) : decisions.isError ? (
          <ErrorState error={decisions.error} onRetry={() => void decisions.refetch()} />
        ) : decisions.data.items.length === 0 ? (
          <EmptyState title={t("feasibility.noDecisions")} />
        ) : (
          <List disablePadding data-testid="decisions-list">
            {decisions.data.items.map((d) => (
              <ListItem
                key={d.id}
                divider
                disableGutters
                secondaryAction={
                  <IconButton
                    edge="end"
                    onClick={() => setDeletingDecision(d)}
                    aria-label={t("feasibility.deleteDecision")}
                    data-testid="decision-delete"
                  >
                    <DeleteOutline />
                  </IconButton>
                }
              >
                <ListItemText
                  primary={
                    <Box sx={{ display: "flex", flexWrap: "wrap", alignItems: "center", gap: 1 }}>
                      <JalaliDate value={d.decidedOn} withTime={false} />
                      <Typography component="span" sx={{ fontWeight: 600 }}>
                        {t("feasibility.chosenFirst", { name: d.chosenClusterName })}
                      </Typography>
                      <StateChip state={d.chosenClusterState} />
                    </Box>
                  }
                  secondary={
                    <>
                      <Typography component="span" variant="body2" sx={{ display: "block", whiteSpace: "pre-wrap" }}>
                        {d.reason}
                      </Typography>
                      {d.createdByName && t("timeline.by", { name: d.createdByName })}
                    </>
                  }
                />
              </ListItem>
            ))}
          </List>
        )}
      </Section>

      {addingStudy && (
        <StudyDialog
          code={code}
          criteria={criteria.data.items}
          onClose={() => setAddingStudy(false)}
          onSaved={() => {
            setAddingStudy(false);
            notify.success(t("feasibility.studyAdded"));
          }}
        />
      )}
      {deciding && (
        <DecisionDialog
          code={code}
          studies={studyItems}
          onClose={() => setDeciding(false)}
          onSaved={() => {
            setDeciding(false);
            notify.success(t("feasibility.decisionAdded"));
          }}
        />
      )}
      <ConfirmDialog
        open={deletingStudy !== null}
        title={t("feasibility.deleteStudy")}
        message={t("feasibility.deleteStudyConfirm", { name: deletingStudy?.clusterName ?? "" })}
        danger
        busy={removeStudy.isPending}
        onConfirm={() => deletingStudy && removeStudy.mutate(deletingStudy)}
        onClose={() => setDeletingStudy(null)}
      />
      <ConfirmDialog
        open={deletingDecision !== null}
        title={t("feasibility.deleteDecision")}
        message={t("feasibility.deleteDecisionConfirm")}
        danger
        busy={removeDecision.isPending}
        onConfirm={() => deletingDecision && removeDecision.mutate(deletingDecision)}
        onClose={() => setDeletingDecision(null)}
      />
    </Box>
  );
}

/** Feasibility studies and prioritisation for one province. */
export default function FeasibilityPage() {
  const { t } = useTranslation();
  const { code, picker, isPending } = useProvinceChoice("feasibility-province");
  return (
    <>
      <PageHeader title={t("feasibility.title")} />
      <Typography color="text.secondary" sx={{ mt: -1, mb: 2 }}>
        {t("feasibility.intro")}
      </Typography>
      {picker}
      {code ? (
        <ProvinceFeasibility key={code} code={code} />
      ) : isPending ? (
        <Loading />
      ) : (
        <EmptyState title={t("feasibility.chooseProvince")} />
      )}
    </>
  );
}
