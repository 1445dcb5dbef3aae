import Add from "@mui/icons-material/Add";
import DeleteOutline from "@mui/icons-material/DeleteOutline";
import Edit from "@mui/icons-material/Edit";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import IconButton from "@mui/material/IconButton";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableContainer from "@mui/material/TableContainer";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import Tooltip from "@mui/material/Tooltip";
import Typography from "@mui/material/Typography";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { STUDY_LEVELS, SWOT_KINDS } from "../../../core/planning";
import { ApiError, api } from "../../app/api";
import { useFormat } from "../../app/format";
import { BackButton } from "../../components/BackButton";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { JalaliDate } from "../../components/JalaliDate";
import { Loading } from "../../components/Loading";
import { useNotify } from "../../components/Notifier";
import { PageHeader } from "../../components/PageHeader";
import { Section } from "../../components/Section";
import { FullRow, TwoColumns } from "../../components/TwoColumns";
import NotFoundPage from "../notfound/NotFoundPage";
import { BaselineDialog, PartDialog, PointDialog, StrategyDialog, SummaryDialog } from "./StudyDialogs";
import { ActionsHead, enc, invalidatePlanning, useStudy } from "./shared";
import type { PressurePoint, Strategy, Study, StudyPart } from "./types";

type Editing =
  | { kind: "summary" }
  | { kind: "baseline" }
  | { kind: "part"; item?: StudyPart }
  | { kind: "point"; item?: PressurePoint }
  | { kind: "strategy"; item?: Strategy };

type Removing = { kind: "parts" | "pressure-points" | "strategies"; id: string; name: string };

function AddButton({ onClick, testId, children }: { onClick: () => void; testId: string; children: ReactNode }) {
  return (
    <Button variant="outlined" size="small" startIcon={<Add />} onClick={onClick} data-testid={testId}>
      {children}
    </Button>
  );
}

/** Edit and remove buttons of a row, named after the row for screen readers. */
function RowActions({
  name,
  onEdit,
  onRemove,
  testId,
}: {
  name: string;
  onEdit: () => void;
  onRemove: () => void;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Box component="span" sx={{ whiteSpace: "nowrap" }}>
      <Tooltip title={t("common.edit")}>
        <IconButton
          size="small"
          onClick={onEdit}
          aria-label={t("planning.editNamed", { name })}
          data-testid={`${testId}-edit`}
        >
          <Edit fontSize="small" />
        </IconButton>
      </Tooltip>
      <Tooltip title={t("planning.remove")}>
        <IconButton
          size="small"
          onClick={onRemove}
          aria-label={t("planning.removeNamed", { name })}
          data-testid={`${testId}-remove`}
        >
          <DeleteOutline fontSize="small" />
        </IconButton>
      </Tooltip>
    </Box>
  );
}

function SummarySection({ study, onEdit }: { study: Study; onEdit?: () => void }) {
  const { t } = useTranslation();
  return (
    <Section
      title={t("planning.study.summarySection")}
      testId="study-summary"
      actions={
        onEdit && (
          <Button size="small" variant="outlined" startIcon={<Edit />} onClick={onEdit} data-testid="summary-edit">
            {t("common.edit")}
          </Button>
        )
      }
    >
      <Typography variant="subtitle2" component="h3">
        {t("planning.study.vision")}
      </Typography>
      <Typography
        sx={{ whiteSpace: "pre-wrap", mb: 2 }}
        color={study.vision ? undefined : "text.secondary"}
        dir="auto"
        data-testid="study-vision"
      >
        {study.vision ?? t("planning.study.noVision")}
      </Typography>
      <Box
        sx={{
          display: "grid",
          gap: 2,
          gridTemplateColumns: {
            xs: "minmax(0, 1fr)",
            sm: "repeat(2, minmax(0, 1fr))",
            lg: "repeat(4, minmax(0, 1fr))",
          },
        }}
      >
        {SWOT_KINDS.map((k) => (
          <Box key={k} sx={{ minWidth: 0 }} data-testid={`swot-${k}`}>
            <Typography variant="subtitle2" component="h3">
              {t(`swotKinds.${k}`)}
            </Typography>
            {study.swot[k].length === 0 ? (
              <Typography variant="body2" color="text.secondary">
                —
              </Typography>
            ) : (
              <Box component="ul" sx={{ m: 0, ps: 2.5 }}>
                {study.swot[k].map((s) => (
                  <Typography component="li" variant="body2" key={s} dir="auto">
                    {s}
                  </Typography>
                ))}
              </Box>
            )}
          </Box>
        ))}
      </Box>
    </Section>
  );
}

/** The cluster's diagnostic study: vision and SWOT, parts by level, pressure points, strategies, baseline. */
export default function StudyPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const qc = useQueryClient();
  const study = useStudy(id);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [removing, setRemoving] = useState<Removing | null>(null);
  const remove = useMutation({
    mutationFn: (r: Removing) => api.delete(`/clusters/${enc(id)}/study/${r.kind}/${enc(r.id)}`),
    onSuccess: () => {
      setRemoving(null);
      void invalidatePlanning(qc);
      notify.success(t("planning.removed"));
    },
    onError: (e) => {
      setRemoving(null);
      notify.error(e);
    },
  });

  if (study.isPending) return <Loading />;
  if (study.isError) {
    if (study.error instanceof ApiError && (study.error.status === 404 || study.error.status === 400))
      return <NotFoundPage />;
    return <ErrorState error={study.error} onRetry={() => void study.refetch()} />;
  }
  const s = study.data;
  const canEdit = s.can.edit;
  const pointTitle = new Map(s.pressurePoints.map((p) => [p.id, p.title]));
  const close = () => setEditing(null);
  const saved = () => {
    setEditing(null);
    notify.success(t("common.saved"));
  };

  return (
    <>
      <BackButton to={`/clusters/${enc(id)}`} label={t("planning.backToCluster", { name: s.clusterName })} />
      <PageHeader title={t("planning.study.pageTitle", { name: s.clusterName })} testId="study-title" />
      {s.updatedAt && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: -1.5, mb: 2 }}>
          {t("planning.study.updated")} <JalaliDate value={s.updatedAt} />
        </Typography>
      )}
      <TwoColumns>
        <FullRow>
          <SummarySection study={s} onEdit={canEdit ? () => setEditing({ kind: "summary" }) : undefined} />
        </FullRow>

        <FullRow>
          <Section
            title={t("planning.study.pointsTitle")}
            testId="study-points"
            actions={
              canEdit && (
                <AddButton onClick={() => setEditing({ kind: "point" })} testId="point-add">
                  {t("planning.study.addPoint")}
                </AddButton>
              )
            }
          >
            {s.pressurePoints.length === 0 ? (
              <EmptyState title={t("planning.study.noPoints")} />
            ) : (
              <TableContainer>
                <Table size="small" aria-label={t("planning.study.pointsTitle")}>
                  <TableHead>
                    <TableRow>
                      <TableCell>{t("planning.study.pointTitle")}</TableCell>
                      <TableCell>{t("planning.study.category")}</TableCell>
                      <TableCell>{t("planning.study.severity")}</TableCell>
                      <TableCell sx={{ display: { xs: "none", md: "table-cell" } }}>
                        {t("planning.study.evidence")}
                      </TableCell>
                      {canEdit && <ActionsHead />}
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {s.pressurePoints.map((p) => (
                      <TableRow key={p.id} data-testid="point-row">
                        <TableCell sx={{ fontWeight: 500 }}>
                          <bdi>{p.title}</bdi>
                        </TableCell>
                        <TableCell>{t(`pressureCategories.${p.category}`)}</TableCell>
                        <TableCell>
                          <Chip
                            size="small"
                            variant="outlined"
                            color={p.severity === 3 ? "error" : p.severity === 2 ? "warning" : "default"}
                            label={t(`severities.${p.severity as 1 | 2 | 3}`)}
                          />
                        </TableCell>
                        <TableCell
                          dir="auto"
                          sx={{ display: { xs: "none", md: "table-cell" }, whiteSpace: "pre-wrap", fontSize: 13 }}
                        >
                          {p.evidence ?? "—"}
                        </TableCell>
                        {canEdit && (
                          <TableCell align="right">
                            <RowActions
                              name={p.title}
                              testId="point"
                              onEdit={() => setEditing({ kind: "point", item: p })}
                              onRemove={() => setRemoving({ kind: "pressure-points", id: p.id, name: p.title })}
                            />
                          </TableCell>
                        )}
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </TableContainer>
            )}
          </Section>
        </FullRow>

        <Section
          title={t("planning.study.strategiesTitle")}
          testId="study-strategies"
          actions={
            canEdit && (
              <AddButton onClick={() => setEditing({ kind: "strategy" })} testId="strategy-add">
                {t("planning.study.addStrategy")}
              </AddButton>
            )
          }
        >
          {s.strategies.length === 0 ? (
            <EmptyState title={t("planning.study.noStrategies")} />
          ) : (
            <Box component="ul" sx={{ listStyle: "none", m: 0, p: 0, display: "grid", gap: 1 }}>
              {s.strategies.map((g) => (
                <Box
                  component="li"
                  key={g.id}
                  sx={{ border: 1, borderColor: "divider", borderRadius: 1, p: 1, display: "flex", gap: 1 }}
                  data-testid="strategy-row"
                >
                  <Box sx={{ flexGrow: 1, minWidth: 0 }}>
                    <Typography sx={{ fontWeight: 600 }}>
                      <bdi>{g.title}</bdi>
                    </Typography>
                    {g.description && (
                      <Typography variant="body2" sx={{ whiteSpace: "pre-wrap" }} dir="auto">
                        {g.description}
                      </Typography>
                    )}
                    <Typography variant="caption" color="text.secondary" component="div">
                      {g.pressurePointIds.length === 0
                        ? t("planning.study.answersNone")
                        : t("planning.chain.answers", {
                            names: g.pressurePointIds
                              .map((i) => pointTitle.get(i) ?? "")
                              .join(t("common.listSeparator")),
                          })}
                    </Typography>
                  </Box>
                  {canEdit && (
                    <RowActions
                      name={g.title}
                      testId="strategy"
                      onEdit={() => setEditing({ kind: "strategy", item: g })}
                      onRemove={() => setRemoving({ kind: "strategies", id: g.id, name: g.title })}
                    />
                  )}
                </Box>
              ))}
            </Box>
          )}
        </Section>

        <Section
          title={t("planning.study.baselineTitle")}
          testId="study-baseline"
          actions={
            canEdit && (
              <Button
                size="small"
                variant="outlined"
                startIcon={<Edit />}
                onClick={() => setEditing({ kind: "baseline" })}
                data-testid="baseline-edit"
              >
                {t("common.edit")}
              </Button>
            )
          }
        >
          {s.baseline.length === 0 ? (
            <EmptyState title={t("planning.study.noBaseline")} />
          ) : (
            <Table size="small" aria-label={t("planning.study.baselineTitle")}>
              <TableBody>
                {s.baseline.map((b) => (
                  <TableRow key={b.indicator}>
                    <TableCell component="th" scope="row">
                      {t(`baselineIndicators.${b.indicator}`)}
                    </TableCell>
                    <TableCell sx={{ fontWeight: 600 }}>{f.num(b.value)}</TableCell>
                    <TableCell sx={{ fontSize: 12, color: "text.secondary" }}>
                      <JalaliDate value={b.measuredOn} withTime={false} />
                      {b.source && ` · ${b.source}`}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </Section>

        <FullRow>
          <Section
            title={t("planning.study.partsTitle")}
            testId="study-parts"
            actions={
              canEdit && (
                <AddButton onClick={() => setEditing({ kind: "part" })} testId="part-add">
                  {t("planning.study.addPart")}
                </AddButton>
              )
            }
          >
            {s.parts.length === 0 ? (
              <EmptyState title={t("planning.study.noParts")} />
            ) : (
              STUDY_LEVELS.filter((l) => s.parts.some((p) => p.level === l)).map((l) => (
                <Box key={l} sx={{ mb: 2 }} data-testid={`parts-${l}`}>
                  <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
                    {t("planning.study.levelHeading", { level: t(`studyLevels.${l}`) })}
                  </Typography>
                  {s.parts
                    .filter((p) => p.level === l)
                    .map((p) => (
                      <Box
                        key={p.id}
                        sx={{ display: "flex", gap: 1, py: 1, borderBottom: 1, borderColor: "divider" }}
                        data-testid="part-row"
                      >
                        <Box sx={{ flexGrow: 1, minWidth: 0 }}>
                          <Typography sx={{ fontWeight: 600 }}>
                            <bdi>{p.title}</bdi>
                          </Typography>
                          <Typography variant="body2" sx={{ whiteSpace: "pre-wrap" }} dir="auto">
                            {p.findings}
                          </Typography>
                          {p.sources && (
                            <Typography
                              variant="caption"
                              color="text.secondary"
                              component="div"
                              sx={{ whiteSpace: "pre-wrap" }}
                            >
                              {t("planning.study.sourcesValue", { sources: p.sources })}
                            </Typography>
                          )}
                        </Box>
                        {canEdit && (
                          <RowActions
                            name={p.title}
                            testId="part"
                            onEdit={() => setEditing({ kind: "part", item: p })}
                            onRemove={() => setRemoving({ kind: "parts", id: p.id, name: p.title })}
                          />
                        )}
                      </Box>
                    ))}
                </Box>
              ))
            )}
          </Section>
        </FullRow>
      </TwoColumns>

      {editing?.kind === "summary" && <SummaryDialog clusterId={id} study={s} onClose={close} onSaved={saved} />}
      {editing?.kind === "baseline" && <BaselineDialog clusterId={id} study={s} onClose={close} onSaved={saved} />}
      {editing?.kind === "part" && <PartDialog clusterId={id} part={editing.item} onClose={close} onSaved={saved} />}
      {editing?.kind === "point" && <PointDialog clusterId={id} point={editing.item} onClose={close} onSaved={saved} />}
      {editing?.kind === "strategy" && (
        <StrategyDialog
          clusterId={id}
          strategy={editing.item}
          points={s.pressurePoints}
          onClose={close}
          onSaved={saved}
        />
      )}
      <ConfirmDialog
        open={removing !== null}
        title={t("planning.remove")}
        message={t("planning.removeConfirm", { name: removing?.name ?? "" })}
        confirmLabel={t("planning.remove")}
        danger
        busy={remove.isPending}
        onConfirm={() => removing && remove.mutate(removing)}
        onClose={() => setRemoving(null)}
      />
    </>
  );
}
