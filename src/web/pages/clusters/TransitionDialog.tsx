import UploadFile from "@mui/icons-material/UploadFile";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Typography from "@mui/material/Typography";
import { useQueryClient } from "@tanstack/react-query";
import { useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { todayIso } from "../../../core/jalali";
import { transitionForm } from "../../../core/schemas/clusters";
import { api } from "../../app/api";
import { useFormat } from "../../app/format";
import { type ClusterDetail, type ClusterState, transitionNeedsReason } from "../../app/types";
import { DateField, FormDialog, SelectField, TextField, useSchemaForm } from "../../components/form";
import { StateChip } from "../../components/labels";

const ACCEPT = ".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.png,.jpg,.jpeg,.gif,.webp";

/** Both approvals default to the day of the step; a step to another state carries none. */
const approvalsFor = (to: unknown, today: string) =>
  to === "approved" ? { provincialCommittee: today, nationalOrganisation: today } : null;

/**
 * Moves a cluster to one of its next states (TransitionInput): dated (in the
 * past if the paper records say so), with a note, a reason when going back,
 * cancelling or reopening, the two approvals' dates for "approved", and
 * optionally a file kept with the step, uploaded once the step is recorded.
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
  const qc = useQueryClient();
  const today = todayIso();
  const [file, setFile] = useState<File | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const schema = useMemo(() => transitionForm(cluster.state), [cluster.state]);
  const only = cluster.nextStates.length === 1 ? cluster.nextStates[0] : null;
  const form = useSchemaForm(schema, {
    toState: only,
    happenedOn: today,
    approvals: approvalsFor(only, today),
    note: null,
    reason: null,
  });

  const toState = form.watch("toState") as ClusterState | null;
  const happenedOn = form.watch("happenedOn") as string | null;
  const needsReason = !!toState && transitionNeedsReason(cluster.state, toState);
  const needsContract = toState === "agent_contracted" && !cluster.contracts.some((c) => c.kind === "agent");
  // Once the server says so under the state, the warning would only repeat it.
  const refusedForContract = form.formState.errors.toState?.type === "contract_required";
  const lastDate = cluster.transitions[0]?.happenedOn;
  const busy = form.formState.isSubmitting;

  return (
    <FormDialog
      form={form}
      title={t("transition.title")}
      onSubmit={async (body) => {
        const before = new Set(cluster.transitions.map((x) => x.id));
        const url = `/clusters/${encodeURIComponent(cluster.id)}`;
        let detail = await api.post<ClusterDetail>(`${url}/transitions`, body);
        let uploadError: unknown;
        if (file) {
          // The new step is the one the cluster did not have before.
          const created = detail.transitions.find((x) => !before.has(x.id)) ?? detail.transitions[0];
          let uploaded = false;
          try {
            const data = new FormData();
            data.append("file", file);
            await api.post(`/transitions/${encodeURIComponent(created.id)}/attachments`, data);
            uploaded = true;
          } catch (e) {
            // The step stands; the page says the file did not make it.
            uploadError = e;
          }
          // With the file in, the page shows it; if this read fails, the refetch below brings it.
          if (uploaded) detail = await api.get<ClusterDetail>(url).catch(() => detail);
        }
        qc.setQueryData(["/clusters", cluster.id], detail);
        void qc.invalidateQueries({ queryKey: ["/clusters"] });
        onDone(detail, uploadError);
      }}
      codes={{
        transition_not_allowed: "toState",
        contract_required: "toState",
        date_before_previous_step: "happenedOn",
        reason_required: "reason",
      }}
      submitLabel={busy ? t("transition.saving") : t("transition.submit")}
      submitTestId="transition-submit"
      submitDisabled={cluster.nextStates.length === 0}
      onClose={onClose}
    >
      <Box sx={{ display: "flex", alignItems: "center", gap: 1, flexWrap: "wrap" }}>
        <Typography variant="body2" color="text.secondary">
          {t("transition.current")}
        </Typography>
        <StateChip state={cluster.state} />
      </Box>
      {cluster.nextStates.length === 0 ? (
        <Alert severity="info">{t("transition.noNext")}</Alert>
      ) : (
        <SelectField
          name="toState"
          label={t("transition.to")}
          testId="transition-to"
          required
          onPicked={(to) => {
            form.setValue("approvals", approvalsFor(to, happenedOn ?? today));
            // Whether the reason is needed depends on the step: once shown, its message follows the choice.
            if (form.formState.isSubmitted) void form.trigger("reason");
          }}
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
      {needsContract && !refusedForContract && (
        <Alert severity="warning" data-testid="transition-contract-hint">
          {t("errors.contract_required")}
        </Alert>
      )}
      <DateField
        name="happenedOn"
        label={t("transition.date")}
        required
        maxDate={today}
        minDate={lastDate}
        testId="transition-date"
        helperText={lastDate ? t("transition.dateHint", { date: f.date(lastDate, false) }) : undefined}
      />
      {toState === "approved" && (
        <Box
          sx={{
            display: "grid",
            gap: 2,
            gridTemplateColumns: { xs: "minmax(0, 1fr)", sm: "repeat(2, minmax(0, 1fr))" },
          }}
        >
          <DateField
            name="approvals.provincialCommittee"
            label={t("transition.approvalCommittee")}
            required
            maxDate={happenedOn ?? today}
            testId="transition-approval-committee"
          />
          <DateField
            name="approvals.nationalOrganisation"
            label={t("transition.approvalNational")}
            required
            maxDate={happenedOn ?? today}
            testId="transition-approval-national"
          />
        </Box>
      )}
      <TextField name="note" label={t("transition.note")} multiline minRows={2} testId="transition-note" />
      <TextField
        name="reason"
        label={t("transition.reason")}
        required={needsReason}
        multiline
        minRows={2}
        helperText={needsReason ? t("transition.reasonHint") : t("transition.reasonOptional")}
        testId="transition-reason"
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
    </FormDialog>
  );
}
