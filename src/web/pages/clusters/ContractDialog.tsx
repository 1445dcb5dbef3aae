import AddCircleOutline from "@mui/icons-material/AddCircleOutline";
import DeleteOutline from "@mui/icons-material/DeleteOutline";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import IconButton from "@mui/material/IconButton";
import Paper from "@mui/material/Paper";
import Typography from "@mui/material/Typography";
import { useQueryClient } from "@tanstack/react-query";
import { useFieldArray } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { todayIso } from "../../../core/jalali";
import { ContractInput, ContractUpdateInput } from "../../../core/schemas/clusters";
import { api } from "../../app/api";
import { useFormat } from "../../app/format";
import type { ClusterDetail, Contract, ContractKind } from "../../app/types";
import { DateField, FormDialog, NumberField, SelectField, TextField, useSchemaForm } from "../../components/form";
import { SelectField as PlainSelectField } from "../../components/SelectField";

const NO_MILESTONE = { title: "", plannedDate: null, actualDate: null, amountRials: null };

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
  const qc = useQueryClient();
  const editing = !!contract;
  const hasAgent = cluster.contracts.some((c) => c.kind === "agent");
  // An edit cannot change the kind: PATCH takes ContractUpdateInput, without it.
  const form = useSchemaForm(editing ? ContractUpdateInput : ContractInput, {
    ...(editing ? {} : { kind: hasAgent ? "supervisor" : "agent" }),
    organisation: contract?.organisation ?? "",
    leadPerson: contract?.leadPerson ?? null,
    contractNumber: contract?.contractNumber ?? null,
    startDate: contract?.startDate ?? todayIso(),
    endDate: contract?.endDate ?? null,
    amountRials: contract?.amountRials ?? null,
    milestones: (contract?.milestones ?? []).map((m) => ({
      title: m.title,
      plannedDate: m.plannedDate,
      actualDate: m.actualDate,
      amountRials: m.amountRials,
    })),
  });
  const milestones = useFieldArray({ control: form.control, name: "milestones" });
  const kind = (form.watch("kind") as ContractKind | undefined) ?? contract?.kind ?? "agent";
  const rials = (n: number) => t("contracts.rials", { n: f.num(n) });
  const startDate = form.watch("startDate") as string | null;
  const today = todayIso();
  const grid2 = {
    display: "grid",
    gap: 2,
    gridTemplateColumns: { xs: "minmax(0, 1fr)", sm: "minmax(0, 1fr) minmax(0, 1fr)" },
  };

  return (
    <FormDialog
      form={form}
      title={editing ? t("contracts.editTitle") : t("contracts.addTitle")}
      maxWidth="md"
      onSubmit={async (body) => {
        const c = contract
          ? await api.patch<ClusterDetail>(`/contracts/${encodeURIComponent(contract.id)}`, body)
          : await api.post<ClusterDetail>(`/clusters/${encodeURIComponent(cluster.id)}/contracts`, body);
        qc.setQueryData(["/clusters", c.id], c);
        void qc.invalidateQueries({ queryKey: ["/clusters"], predicate: (q) => q.queryKey[1] !== c.id });
        onSaved(c);
      }}
      codes={{ end_before_start: "endDate" }}
      submitLabel={editing ? t("common.save") : t("contracts.submit")}
      submitTestId="contract-submit"
      onClose={onClose}
    >
      <Box sx={grid2}>
        {editing ? (
          <PlainSelectField
            label={t("contracts.kind")}
            value={kind}
            onChange={() => {}}
            testId="contract-kind"
            disabled
          >
            <option value={kind}>{t(`contracts.kinds.${kind}`)}</option>
          </PlainSelectField>
        ) : (
          <SelectField name="kind" label={t("contracts.kind")} testId="contract-kind">
            <option value="agent">{t("contracts.kinds.agent")}</option>
            <option value="supervisor">{t("contracts.kinds.supervisor")}</option>
          </SelectField>
        )}
        <TextField name="organisation" label={t("contracts.organisation")} required testId="contract-organisation" />
        <TextField name="leadPerson" label={t("contracts.leadPerson")} testId="contract-lead" />
        <TextField name="contractNumber" label={t("contracts.number")} dir="auto" testId="contract-number" />
        <DateField name="startDate" label={t("contracts.start")} required testId="contract-start" />
        <DateField
          name="endDate"
          label={t("contracts.endOptional")}
          minDate={startDate ?? undefined}
          testId="contract-end"
          helperText={editing ? undefined : t(`contracts.endHint.${kind}`)}
        />
        <NumberField name="amountRials" label={t("contracts.amount")} format={rials} testId="contract-amount" />
      </Box>

      <Box sx={{ display: "flex", alignItems: "center", gap: 1, mt: 1 }}>
        <Typography variant="subtitle2" sx={{ flexGrow: 1 }}>
          {t("contracts.milestones")}
        </Typography>
        <Button
          startIcon={<AddCircleOutline />}
          onClick={() => milestones.append({ ...NO_MILESTONE })}
          data-testid="contract-milestone-add"
        >
          {t("contracts.addMilestone")}
        </Button>
      </Box>
      {milestones.fields.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          {t("contracts.noMilestones")}
        </Typography>
      )}
      {milestones.fields.map((m, i) => (
        <Paper
          key={m.id}
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
            name={`milestones.${i}.title`}
            label={t("contracts.milestoneTitle")}
            required
            testId={`milestone-title-${i}`}
          />
          <DateField
            name={`milestones.${i}.plannedDate`}
            label={t("contracts.planned")}
            required
            testId={`milestone-planned-${i}`}
          />
          <DateField
            name={`milestones.${i}.actualDate`}
            label={t("contracts.actual")}
            maxDate={today}
            testId={`milestone-actual-${i}`}
          />
          <NumberField
            name={`milestones.${i}.amountRials`}
            label={t("contracts.milestoneAmount")}
            format={rials}
            testId={`milestone-amount-${i}`}
          />
          <IconButton
            onClick={() => milestones.remove(i)}
            aria-label={t("contracts.removeMilestone")}
            sx={{ justifySelf: "end" }}
          >
            <DeleteOutline />
          </IconButton>
        </Paper>
      ))}
    </FormDialog>
  );
}
