import DeleteOutline from "@mui/icons-material/DeleteOutline";
import EmojiEventsOutlined from "@mui/icons-material/EmojiEventsOutlined";
import Box from "@mui/material/Box";
import Chip from "@mui/material/Chip";
import IconButton from "@mui/material/IconButton";
import LinearProgress from "@mui/material/LinearProgress";
import Link from "@mui/material/Link";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableContainer from "@mui/material/TableContainer";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import Tooltip from "@mui/material/Tooltip";
import Typography from "@mui/material/Typography";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link as RouterLink } from "react-router";
import { useFormat } from "../../app/format";
import type { FeasibilityCriteria, FeasibilityStudy } from "../../app/types";
import { JalaliDate } from "../../components/JalaliDate";
import { StateChip } from "../../components/labels";

/** The studies side by side, best first: one column per study, one row per criterion. */
export function Comparison({
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
