import Add from "@mui/icons-material/Add";
import DeleteOutline from "@mui/icons-material/DeleteOutline";
import HowToVoteOutlined from "@mui/icons-material/HowToVoteOutlined";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import IconButton from "@mui/material/IconButton";
import List from "@mui/material/List";
import ListItem from "@mui/material/ListItem";
import ListItemText from "@mui/material/ListItemText";
import Tooltip from "@mui/material/Tooltip";
import Typography from "@mui/material/Typography";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../app/api";
import type { FeasibilityCriteria, FeasibilityDecision, FeasibilityStudy, Page } from "../../app/types";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { JalaliDate } from "../../components/JalaliDate";
import { Loading } from "../../components/Loading";
import { StateChip } from "../../components/labels";
import { useNotify } from "../../components/Notifier";
import { PageHeader } from "../../components/PageHeader";
import { useProvinceChoice } from "../../components/ProvinceChoice";
import { Section } from "../../components/Section";
import { Comparison } from "./Comparison";
import { CriteriaEditor } from "./CriteriaEditor";
import { DecisionDialog } from "./DecisionDialog";
import { StudyDialog } from "./StudyDialog";

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
        <EmptyState title={t("common.chooseProvince")} />
      )}
    </>
  );
}
