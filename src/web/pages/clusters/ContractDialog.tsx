import AddCircleOutline from "@mui/icons-material/AddCircleOutline";
import DeleteOutline from "@mui/icons-material/DeleteOutline";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Dialog from "@mui/material/Dialog";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import IconButton from "@mui/material/IconButton";
import Paper from "@mui/material/Paper";
import { useTheme } from "@mui/material/styles";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import useMediaQuery from "@mui/material/useMediaQuery";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { todayIso } from "../../../core/jalali";
import { api, formErrors } from "../../app/api";
import { parseWhole, useFormat } from "../../app/format";
import type { ClusterDetail, Contract, ContractKind } from "../../app/types";
import { DialogActionsRow } from "../../components/DialogActionsRow";
import { DialogForm } from "../../components/DialogForm";
import { JalaliDateField } from "../../components/JalaliDateField";
import { SelectField } from "../../components/SelectField";

/** Fields that show the server's message (milestone problems go to the alert above the form). */
const FIELDS: Record<string, readonly string[]> = {
  organisation: [],
  leadPerson: [],
  contractNumber: [],
  startDate: [],
  endDate: ["end_before_start"],
  amountRials: [],
};

interface MilestoneDraft {
  key: number;
  title: string;
  plannedDate: string | null;
  actualDate: string | null;
  amount: string;
}

let nextKey = 1;

function milestoneDrafts(digits: (n: number) => string, c?: Contract): MilestoneDraft[] {
  return (c?.milestones ?? []).map((m) => ({
    key: nextKey++,
    title: m.title,
    plannedDate: m.plannedDate,
    actualDate: m.actualDate,
    amount: m.amountRials != null ? digits(m.amountRials) : "",
  }));
}

/** Record the agent's or supervisor's contract (no `contract`), or edit one; milestones replace the old list. */
export function ContractDialog({
  cluster,
  contract,
  onClose,
  onSaved,
}: {
  cluster: ClusterDetail;
  contract?: Contract;
  onClose: () => void;
  onSaved: (c: ClusterDetail) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const theme = useTheme();
  const fullScreen = useMediaQuery(theme.breakpoints.down("sm"));
  const qc = useQueryClient();
  const editing = !!contract;
  const hasAgent = cluster.contracts.some((c) => c.kind === "agent");
  const [kind, setKind] = useState<ContractKind>(contract?.kind ?? (hasAgent ? "supervisor" : "agent"));
  const [organisation, setOrganisation] = useState(contract?.organisation ?? "");
  const [leadPerson, setLeadPerson] = useState(contract?.leadPerson ?? "");
  const [contractNumber, setContractNumber] = useState(contract?.contractNumber ?? "");
  const [startDate, setStartDate] = useState<string | null>(contract?.startDate ?? todayIso());
  const [endDate, setEndDate] = useState<string | null>(contract?.endDate ?? null);
  const [amount, setAmount] = useState(contract?.amountRials != null ? f.digits(contract.amountRials) : "");
  const [milestones, setMilestones] = useState<MilestoneDraft[]>(() => milestoneDrafts(f.digits, contract));
  const [tried, setTried] = useState(false);

  const amountRials = parseWhole(amount);
  const ms = milestones.map((m) => ({ ...m, amountRials: parseWhole(m.amount) }));
  const today = todayIso();

  const local: Record<string, string | undefined> = {
    organisation: organisation.trim() ? undefined : t("clusterForm.required"),
    startDate: startDate ? undefined : t("clusterForm.required"),
    endDate: endDate && startDate && endDate < startDate ? t("errors.end_before_start") : undefined,
    amountRials: Number.isNaN(amountRials) ? t("clusterForm.badNumber") : undefined,
  };
  const msLocal = ms.map((m) => ({
    title: m.title.trim() ? undefined : t("clusterForm.required"),
    plannedDate: m.plannedDate ? undefined : t("clusterForm.required"),
    amount: Number.isNaN(m.amountRials) ? t("clusterForm.badNumber") : undefined,
    actualDate: m.actualDate && m.actualDate > today ? t("errors.date_in_future") : undefined,
  }));
  const valid = Object.values(local).every((v) => !v) && msLocal.every((m) => Object.values(m).every((v) => !v));

  const save = useMutation({
    mutationFn: () => {
      const body = {
        organisation: organisation.trim(),
        leadPerson: leadPerson.trim() || null,
        contractNumber: contractNumber.trim() || null,
        startDate,
        endDate,
        amountRials,
        milestones: ms.map((m) => ({
          title: m.title.trim(),
          plannedDate: m.plannedDate,
          actualDate: m.actualDate,
          amountRials: m.amountRials,
        })),
      };
      if (contract) return api.patch<ClusterDetail>(`/contracts/${encodeURIComponent(contract.id)}`, body);
      return api.post<ClusterDetail>(`/clusters/${encodeURIComponent(cluster.id)}/contracts`, { ...body, kind });
    },
    onSuccess: (c) => {
      qc.setQueryData(["/clusters", c.id], c);
      void qc.invalidateQueries({ queryKey: ["/clusters"], predicate: (q) => q.queryKey[1] !== c.id });
      onSaved(c);
    },
  });

  const server = formErrors(save.error, FIELDS);
  const err = (name: string) => (tried ? local[name] : undefined) ?? server.field(name);
  const change = (key: number, patch: Partial<MilestoneDraft>) =>
    setMilestones((list) => list.map((m) => (m.key === key ? { ...m, ...patch } : m)));
  const rials = (n: number | null) =>
    n !== null && !Number.isNaN(n) ? t("contracts.rials", { n: f.num(n) }) : undefined;

  function submit() {
    setTried(true);
    if (valid && !save.isPending) save.mutate();
  }

  return (
    <Dialog open onClose={onClose} fullScreen={fullScreen} maxWidth="md" fullWidth>
      <DialogForm onSubmit={submit}>
        <DialogTitle>{editing ? t("contracts.editTitle") : t("contracts.addTitle")}</DialogTitle>
        <DialogContent>
          <Box sx={{ display: "grid", gap: 2, pt: 1 }}>
            {server.alert && <Alert severity="error">{server.alert}</Alert>}
            <Box
              sx={{
                display: "grid",
                gap: 2,
                gridTemplateColumns: { xs: "minmax(0, 1fr)", sm: "minmax(0, 1fr) minmax(0, 1fr)" },
              }}
            >
              <SelectField
                label={t("contracts.kind")}
                value={kind}
                onChange={(v) => setKind(v as ContractKind)}
                testId="contract-kind"
                disabled={editing}
              >
                <option value="agent">{t("contracts.kinds.agent")}</option>
                <option value="supervisor">{t("contracts.kinds.supervisor")}</option>
              </SelectField>
              <TextField
                label={t("contracts.organisation")}
                value={organisation}
                required
                onChange={(e) => setOrganisation(e.target.value)}
                error={!!err("organisation")}
                helperText={err("organisation")}
                slotProps={{ htmlInput: { "data-testid": "contract-organisation" } }}
              />
              <TextField
                label={t("contracts.leadPerson")}
                value={leadPerson}
                onChange={(e) => setLeadPerson(e.target.value)}
                error={!!err("leadPerson")}
                helperText={err("leadPerson")}
                slotProps={{ htmlInput: { "data-testid": "contract-lead" } }}
              />
              <TextField
                label={t("contracts.number")}
                value={contractNumber}
                onChange={(e) => setContractNumber(e.target.value)}
                error={!!err("contractNumber")}
                helperText={err("contractNumber")}
                slotProps={{ htmlInput: { "data-testid": "contract-number", dir: "auto" } }}
              />
              <JalaliDateField
                label={`${t("contracts.start")} *`}
                value={startDate}
                onChange={setStartDate}
                testId="contract-start"
                error={!!err("startDate")}
                helperText={err("startDate")}
              />
              <JalaliDateField
                label={t("contracts.endOptional")}
                value={endDate}
                onChange={setEndDate}
                minDate={startDate ?? undefined}
                testId="contract-end"
                error={!!err("endDate")}
                helperText={err("endDate") ?? (editing ? undefined : t(`contracts.endHint.${kind}`))}
              />
              <TextField
                label={t("contracts.amount")}
                value={amount}
                onChange={(e) => setAmount(e.target.value)}
                error={!!err("amountRials")}
                helperText={err("amountRials") ?? rials(amountRials)}
                slotProps={{ htmlInput: { "data-testid": "contract-amount", inputMode: "numeric" } }}
              />
            </Box>

            <Box sx={{ display: "flex", alignItems: "center", gap: 1, mt: 1 }}>
              <Typography variant="subtitle2" sx={{ flexGrow: 1 }}>
                {t("contracts.milestones")}
              </Typography>
              <Button
                startIcon={<AddCircleOutline />}
                onClick={() =>
                  setMilestones((list) => [
                    ...list,
                    { key: nextKey++, title: "", plannedDate: null, actualDate: null, amount: "" },
                  ])
                }
                data-testid="contract-milestone-add"
              >
                {t("contracts.addMilestone")}
              </Button>
            </Box>
            {milestones.length === 0 && (
              <Typography variant="body2" color="text.secondary">
                {t("contracts.noMilestones")}
              </Typography>
            )}
            {ms.map((m, i) => {
              const e = tried ? msLocal[i] : undefined;
              return (
                <Paper
                  key={m.key}
                  variant="outlined"
                  sx={{
                    p: 1.5,
                    display: "grid",
                    gap: 1.5,
                    gridTemplateColumns: {
                      xs: "minmax(0, 1fr)",
                      sm: "minmax(0, 2fr) minmax(0, 1fr) minmax(0, 1fr) minmax(0, 1fr) auto",
                    },
                    alignItems: "start",
                  }}
                  data-testid="contract-milestone"
                >
                  <TextField
                    label={t("contracts.milestoneTitle")}
                    value={m.title}
                    required
                    onChange={(ev) => change(m.key, { title: ev.target.value })}
                    error={!!e?.title}
                    helperText={e?.title}
                    slotProps={{ htmlInput: { "data-testid": `milestone-title-${i}` } }}
                  />
                  <JalaliDateField
                    label={`${t("contracts.planned")} *`}
                    value={m.plannedDate}
                    onChange={(v) => change(m.key, { plannedDate: v })}
                    testId={`milestone-planned-${i}`}
                    error={!!e?.plannedDate}
                    helperText={e?.plannedDate}
                  />
                  <JalaliDateField
                    label={t("contracts.actual")}
                    value={m.actualDate}
                    onChange={(v) => change(m.key, { actualDate: v })}
                    maxDate={today}
                    testId={`milestone-actual-${i}`}
                    error={!!e?.actualDate}
                    helperText={e?.actualDate}
                  />
                  <TextField
                    label={t("contracts.milestoneAmount")}
                    value={m.amount}
                    onChange={(ev) => change(m.key, { amount: ev.target.value })}
                    error={!!e?.amount}
                    helperText={e?.amount ?? rials(m.amountRials)}
                    slotProps={{ htmlInput: { "data-testid": `milestone-amount-${i}`, inputMode: "numeric" } }}
                  />
                  <IconButton
                    onClick={() => setMilestones((list) => list.filter((x) => x.key !== m.key))}
                    aria-label={t("contracts.removeMilestone")}
                    sx={{ justifySelf: "end" }}
                  >
                    <DeleteOutline />
                  </IconButton>
                </Paper>
              );
            })}
          </Box>
        </DialogContent>
        <DialogActionsRow
          onCancel={onClose}
          submitLabel={editing ? t("common.save") : t("contracts.submit")}
          disabled={save.isPending}
          testId="contract-submit"
        />
      </DialogForm>
    </Dialog>
  );
}
