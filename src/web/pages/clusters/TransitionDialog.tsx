import UploadFile from "@mui/icons-material/UploadFile";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Dialog from "@mui/material/Dialog";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import { useTheme } from "@mui/material/styles";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import useMediaQuery from "@mui/material/useMediaQuery";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { todayIso } from "../../../core/jalali";
import { ApiError, api, formErrors } from "../../app/api";
import { useFormat } from "../../app/format";
import { type ClusterDetail, type ClusterState, transitionNeedsReason } from "../../app/types";
import { DialogActionsRow } from "../../components/DialogActionsRow";
import { DialogForm } from "../../components/DialogForm";
import { JalaliDateField } from "../../components/JalaliDateField";
import { StateChip } from "../../components/labels";
import { SelectField } from "../../components/SelectField";

const FIELDS: Record<string, readonly string[]> = {
  toState: ["transition_not_allowed", "contract_required"],
  happenedOn: ["date_in_future", "date_before_previous_step"],
  approvals: ["approvals_required", "approval_after_step"],
  note: [],
  reason: ["reason_required"],
};

const ACCEPT = ".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.png,.jpg,.jpeg,.gif,.webp";

/**
 * Moves a cluster to one of its next states: dated (in the past if the paper
 * records say so), with a note, a reason when going back, cancelling or
 * reopening, and optionally a file kept with the step.
 */
export function TransitionDialog({
  cluster,
  onClose,
  onDone,
}: {
  cluster: ClusterDetail;
  onClose: () => void;
  onDone: (c: ClusterDetail, uploadError?: unknown) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const theme = useTheme();
  const fullScreen = useMediaQuery(theme.breakpoints.down("sm"));
  const qc = useQueryClient();
  const today = todayIso();
  const [toState, setToState] = useState<ClusterState | "">(
    cluster.nextStates.length === 1 ? cluster.nextStates[0] : "",
  );
  const [happenedOn, setHappenedOn] = useState<string | null>(today);
  const [committeeOn, setCommitteeOn] = useState<string | null>(today);
  const [nationalOn, setNationalOn] = useState<string | null>(today);
  const [note, setNote] = useState("");
  const [reason, setReason] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [tried, setTried] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const needsReason = toState !== "" && transitionNeedsReason(cluster.state, toState);
  const needsApprovals = toState === "approved";
  const needsContract = toState === "agent_contracted" && !cluster.contracts.some((c) => c.kind === "agent");
  const lastDate = cluster.transitions[0]?.happenedOn;

  const move = useMutation({
    mutationFn: async () => {
      const before = new Set(cluster.transitions.map((x) => x.id));
      const detail = await api.post<ClusterDetail>(`/clusters/${encodeURIComponent(cluster.id)}/transitions`, {
        toState,
        happenedOn,
        approvals: needsApprovals ? { provincialCommittee: committeeOn, nationalOrganisation: nationalOn } : null,
        note: note.trim() || null,
        reason: reason.trim() || null,
      });
      if (!file) return { detail };
      // The new step is the one the cluster did not have before.
      const created = detail.transitions.find((x) => !before.has(x.id)) ?? detail.transitions[0];
      try {
        const form = new FormData();
        form.append("file", file);
        await api.post(`/transitions/${encodeURIComponent(created.id)}/attachments`, form);
        const fresh = await api.get<ClusterDetail>(`/clusters/${encodeURIComponent(cluster.id)}`);
        return { detail: fresh };
      } catch (uploadError) {
        return { detail, uploadError };
      }
    },
    onSuccess: ({ detail, uploadError }) => {
      qc.setQueryData(["/clusters", cluster.id], detail);
      void qc.invalidateQueries({ queryKey: ["/clusters"], predicate: (q) => q.queryKey[1] !== cluster.id });
      onDone(detail, uploadError);
    },
  });

  const server = formErrors(move.error, FIELDS);
  const local = {
    toState: toState ? undefined : t("transition.chooseState"),
    happenedOn: happenedOn ? undefined : t("clusterForm.required"),
    reason: needsReason && !reason.trim() ? t("transition.reasonRequired") : undefined,
    approvals: needsApprovals && (!committeeOn || !nationalOn) ? t("clusterForm.required") : undefined,
  };
  const err = (name: keyof typeof local | "note") =>
    (tried && name !== "note" ? local[name] : undefined) ?? server.field(name);

  function submit() {
    setTried(true);
    if (Object.values(local).some(Boolean) || move.isPending) return;
    move.mutate();
  }

  return (
    <Dialog open onClose={onClose} fullScreen={fullScreen} maxWidth="sm" fullWidth>
      <DialogForm onSubmit={submit}>
        <DialogTitle>{t("transition.title")}</DialogTitle>
        <DialogContent>
          <Box sx={{ display: "grid", gap: 2, pt: 1 }}>
            <Box sx={{ display: "flex", alignItems: "center", gap: 1, flexWrap: "wrap" }}>
              <Typography variant="body2" color="text.secondary">
                {t("transition.current")}
              </Typography>
              <StateChip state={cluster.state} />
            </Box>
            {server.alert && <Alert severity="error">{server.alert}</Alert>}
            {cluster.nextStates.length === 0 ? (
              <Alert severity="info">{t("transition.noNext")}</Alert>
            ) : (
              <SelectField
                label={t("transition.to")}
                value={toState}
                onChange={(v) => setToState(v as ClusterState | "")}
                testId="transition-to"
                required
                error={!!err("toState")}
                helperText={err("toState")}
              >
                <option value="">{t("transition.chooseState")}</option>
                {cluster.nextStates.map((s) => (
                  <option key={s} value={s}>
                    {t(`states.${s}`)}
                    {transitionNeedsReason(cluster.state, s) ? ` (${t("transition.needsReasonShort")})` : ""}
                  </option>
                ))}
              </SelectField>
            )}
            {needsContract && !(move.error instanceof ApiError && move.error.code === "contract_required") && (
              <Alert severity="warning" data-testid="transition-contract-hint">
                {t("errors.contract_required")}
              </Alert>
            )}
            <JalaliDateField
              label={t("transition.date")}
              value={happenedOn}
              onChange={setHappenedOn}
              maxDate={today}
              minDate={lastDate}
              testId="transition-date"
              error={!!err("happenedOn")}
              helperText={
                err("happenedOn") ??
                (lastDate ? t("transition.dateHint", { date: f.date(lastDate, false) }) : undefined)
              }
            />
            {needsApprovals && (
              <Box
                sx={{
                  display: "grid",
                  gap: 2,
                  gridTemplateColumns: { xs: "minmax(0, 1fr)", sm: "repeat(2, minmax(0, 1fr))" },
                }}
              >
                <JalaliDateField
                  label={t("transition.approvalCommittee")}
                  value={committeeOn}
                  onChange={setCommitteeOn}
                  maxDate={happenedOn ?? today}
                  testId="transition-approval-committee"
                  error={!!err("approvals")}
                  helperText={err("approvals")}
                />
                <JalaliDateField
                  label={t("transition.approvalNational")}
                  value={nationalOn}
                  onChange={setNationalOn}
                  maxDate={happenedOn ?? today}
                  testId="transition-approval-national"
                  error={!!err("approvals")}
                />
              </Box>
            )}
            <TextField
              label={t("transition.note")}
              value={note}
              multiline
              minRows={2}
              onChange={(e) => setNote(e.target.value)}
              error={!!err("note")}
              helperText={err("note")}
              slotProps={{ htmlInput: { "data-testid": "transition-note" } }}
            />
            <TextField
              label={t("transition.reason")}
              value={reason}
              required={needsReason}
              multiline
              minRows={2}
              onChange={(e) => setReason(e.target.value)}
              error={!!err("reason")}
              helperText={err("reason") ?? (needsReason ? t("transition.reasonHint") : t("transition.reasonOptional"))}
              slotProps={{ htmlInput: { "data-testid": "transition-reason" } }}
            />
            <Box sx={{ display: "flex", alignItems: "center", gap: 1, flexWrap: "wrap" }}>
              <input
                ref={fileInput}
                type="file"
                hidden
                accept={ACCEPT}
                data-testid="transition-file"
                onChange={(e) => {
                  setFile(e.target.files?.[0] ?? null);
                  e.target.value = "";
                }}
              />
              <Button variant="outlined" startIcon={<UploadFile />} onClick={() => fileInput.current?.click()}>
                {t("transition.attach")}
              </Button>
              {file ? (
                <Typography variant="body2" sx={{ wordBreak: "break-all" }} data-testid="transition-file-name">
                  <bdi>{file.name}</bdi> ({f.bytes(file.size)}){" "}
                  <Button size="small" onClick={() => setFile(null)}>
                    {t("transition.removeFile")}
                  </Button>
                </Typography>
              ) : (
                <Typography variant="caption" color="text.secondary">
                  {t("transition.fileHint")}
                </Typography>
              )}
            </Box>
          </Box>
        </DialogContent>
        <DialogActionsRow
          onCancel={onClose}
          submitLabel={move.isPending ? t("transition.saving") : t("transition.submit")}
          disabled={move.isPending || cluster.nextStates.length === 0}
          testId="transition-submit"
        />
      </DialogForm>
    </Dialog>
  );
}
