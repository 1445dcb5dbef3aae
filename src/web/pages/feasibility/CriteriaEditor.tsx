import AddCircleOutline from "@mui/icons-material/AddCircleOutline";
import DeleteOutline from "@mui/icons-material/DeleteOutline";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import IconButton from "@mui/material/IconButton";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, errorMessage } from "../../app/api";
import { parseWhole, useFormat } from "../../app/format";
import type { FeasibilityCriteria } from "../../app/types";
import { useNotify } from "../../components/Notifier";
import { Section } from "../../components/Section";

interface Row {
  key: number;
  id?: string;
  name: string;
  weight: string;
}

let nextKey = 1;

function rowsOf(c: FeasibilityCriteria, digits: (n: number) => string): Row[] {
  return c.items.map((x) => ({ key: nextKey++, id: x.id, name: x.name, weight: digits(x.weight) }));
}

/**
 * The province's weighted criteria, edited as one list and saved together:
 * the weights must total 100. A removed criterion that studies scored is
 * archived by the server (its scores still show, but no longer count).
 */
export function CriteriaEditor({ code, criteria }: { code: string; criteria: FeasibilityCriteria }) {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const qc = useQueryClient();
  const [rows, setRows] = useState<Row[]>(() => rowsOf(criteria, f.digits));
  const [tried, setTried] = useState(false);
  const base = `/provinces/${encodeURIComponent(code)}/feasibility`;

  const weights = rows.map((r) => parseWhole(r.weight));
  const total = weights.reduce<number>((s, w) => s + (w && !Number.isNaN(w) ? w : 0), 0);
  const rowErrors = rows.map((r, i) => ({
    name: r.name.trim() ? undefined : t("clusterForm.required"),
    weight:
      weights[i] === null || Number.isNaN(weights[i]) || (weights[i] ?? 0) < 1 || (weights[i] ?? 0) > 100
        ? t("feasibility.weightRange")
        : undefined,
  }));
  const names = rows.map((r) => r.name.trim());
  const duplicate = names.find((n, i) => n && names.indexOf(n) !== i);
  const valid = rows.length > 0 && total === 100 && !duplicate && rowErrors.every((e) => !e.name && !e.weight);
  const dirty =
    JSON.stringify(rows.map((r) => [r.id, r.name.trim(), parseWhole(r.weight)])) !==
    JSON.stringify(criteria.items.map((x) => [x.id, x.name, x.weight]));

  const save = useMutation({
    mutationFn: () =>
      api.put<FeasibilityCriteria>(`${base}/criteria`, {
        items: rows.map((r, i) => ({ ...(r.id ? { id: r.id } : {}), name: r.name.trim(), weight: weights[i] })),
      }),
    onSuccess: (c) => {
      qc.setQueryData([base, "criteria"], c);
      void qc.invalidateQueries({ queryKey: [base] });
      setRows(rowsOf(c, f.digits));
      setTried(false);
      notify.success(t("feasibility.criteriaSaved"));
    },
  });

  function submit() {
    setTried(true);
    if (valid && !save.isPending) save.mutate();
  }

  return (
    <Section
      title={t("feasibility.criteriaTitle")}
      testId="criteria-editor"
      actions={
        <Typography
          variant="body2"
          sx={{ fontWeight: 600, color: total === 100 ? "success.main" : "error.main" }}
          data-testid="criteria-total"
        >
          {t("feasibility.weightTotal", { n: f.num(total) })}
        </Typography>
      }
    >
      <Box
        component="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        sx={{ display: "grid", gap: 1.5 }}
      >
        {save.isError && <Alert severity="error">{errorMessage(save.error)}</Alert>}
        {tried && duplicate && <Alert severity="error">{t("errors.duplicate_criterion")}</Alert>}
        {rows.length === 0 && (
          <Typography variant="body2" color="text.secondary">
            {t("feasibility.noCriteria")}
          </Typography>
        )}
        {rows.map((r, i) => (
          <Box
            key={r.key}
            sx={{ display: "grid", gap: 1, gridTemplateColumns: "minmax(0, 1fr) 96px auto", alignItems: "start" }}
            data-testid="criterion-row"
          >
            <TextField
              label={t("feasibility.criterion")}
              value={r.name}
              onChange={(e) => setRows((l) => l.map((x) => (x.key === r.key ? { ...x, name: e.target.value } : x)))}
              error={tried && !!rowErrors[i].name}
              helperText={tried ? rowErrors[i].name : undefined}
              slotProps={{ htmlInput: { "data-testid": `criteria-name-${i}` } }}
            />
            <TextField
              label={t("feasibility.weight")}
              value={r.weight}
              onChange={(e) => setRows((l) => l.map((x) => (x.key === r.key ? { ...x, weight: e.target.value } : x)))}
              error={tried && !!rowErrors[i].weight}
              helperText={tried ? rowErrors[i].weight : undefined}
              slotProps={{ htmlInput: { "data-testid": `criteria-weight-${i}`, inputMode: "numeric" } }}
            />
            <IconButton
              onClick={() => setRows((l) => l.filter((x) => x.key !== r.key))}
              aria-label={t("feasibility.removeCriterion", { name: r.name })}
            >
              <DeleteOutline />
            </IconButton>
          </Box>
        ))}
        <Box sx={{ display: "flex", gap: 1, flexWrap: "wrap", alignItems: "center" }}>
          <Button
            startIcon={<AddCircleOutline />}
            onClick={() => setRows((l) => [...l, { key: nextKey++, name: "", weight: "" }])}
            data-testid="criteria-add"
          >
            {t("feasibility.addCriterion")}
          </Button>
          <Box sx={{ flexGrow: 1 }} />
          {dirty && (
            <Button
              onClick={() => {
                setRows(rowsOf(criteria, f.digits));
                setTried(false);
                save.reset();
              }}
            >
              {t("feasibility.discard")}
            </Button>
          )}
          <Button type="submit" variant="contained" disabled={!dirty || save.isPending} data-testid="criteria-save">
            {t("common.save")}
          </Button>
        </Box>
        {tried && total !== 100 && (
          <Typography variant="caption" color="error">
            {t("errors.weights_must_total_100")}
          </Typography>
        )}
      </Box>
    </Section>
  );
}
