import Add from "@mui/icons-material/Add";
import Edit from "@mui/icons-material/Edit";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import Paper from "@mui/material/Paper";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableContainer from "@mui/material/TableContainer";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import Typography from "@mui/material/Typography";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../app/format";
import type { ClusterDetail, Contract } from "../../app/types";
import { EmptyState } from "../../components/EmptyState";
import { JalaliDate } from "../../components/JalaliDate";
import { useNotify } from "../../components/Notifier";
import { Section } from "../../components/Section";
import { ContractDialog } from "./ContractDialog";

function ContractCard({ c, onEdit }: { c: Contract; onEdit?: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const rials = (n: number | null) => (n === null ? "—" : t("contracts.rials", { n: f.num(n) }));
  return (
    <Paper variant="outlined" sx={{ p: 1.5 }} data-testid="contract" data-kind={c.kind}>
      <Box sx={{ display: "flex", alignItems: "center", gap: 1, flexWrap: "wrap" }}>
        <Chip size="small" color={c.kind === "agent" ? "primary" : "default"} label={t(`contracts.kinds.${c.kind}`)} />
        <Typography component="h3" sx={{ fontWeight: 600, flexGrow: 1 }}>
          {c.organisation}
        </Typography>
        {c.endingSoon && (
          <Chip size="small" color="warning" label={t("contracts.endingSoon")} data-testid="contract-ending-soon" />
        )}
        {onEdit && (
          <Button size="small" startIcon={<Edit />} onClick={onEdit} data-testid="contract-edit">
            {t("common.edit")}
          </Button>
        )}
      </Box>
      <Box
        sx={{
          display: "grid",
          gap: 1,
          mt: 1,
          gridTemplateColumns: { xs: "minmax(0, 1fr) minmax(0, 1fr)", md: "repeat(4, minmax(0, 1fr))" },
          "& dt": { color: "text.secondary", fontSize: 12 },
          "& dd": { m: 0 },
        }}
        component="dl"
      >
        <div>
          <dt>{t("contracts.leadPerson")}</dt>
          <dd>{c.leadPerson ?? "—"}</dd>
        </div>
        <div>
          <dt>{t("contracts.number")}</dt>
          <dd>
            <bdi>{c.contractNumber ? f.digits(c.contractNumber) : "—"}</bdi>
          </dd>
        </div>
        <div>
          <dt>{t("contracts.period")}</dt>
          <dd>
            <JalaliDate value={c.startDate} withTime={false} /> {t("contracts.to")}{" "}
            <JalaliDate value={c.endDate} withTime={false} />
          </dd>
        </div>
        <div>
          <dt>{t("contracts.amount")}</dt>
          <dd>{rials(c.amountRials)}</dd>
        </div>
      </Box>
      {c.milestones.length > 0 && (
        <TableContainer sx={{ mt: 1 }}>
          <Table size="small" aria-label={t("contracts.milestones")} data-testid="contract-milestones">
            <TableHead>
              <TableRow>
                <TableCell>{t("contracts.milestoneTitle")}</TableCell>
                <TableCell>{t("contracts.planned")}</TableCell>
                <TableCell>{t("contracts.actual")}</TableCell>
                <TableCell sx={{ display: { xs: "none", sm: "table-cell" } }}>
                  {t("contracts.milestoneAmount")}
                </TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {c.milestones.map((m) => (
                <TableRow key={m.id}>
                  <TableCell>
                    {m.title}
                    {m.overdue && (
                      <Chip
                        size="small"
                        color="error"
                        variant="outlined"
                        label={t("contracts.overdue")}
                        sx={{ mx: 0.5 }}
                        data-testid="milestone-overdue"
                      />
                    )}
                  </TableCell>
                  <TableCell>
                    <JalaliDate value={m.plannedDate} withTime={false} />
                  </TableCell>
                  <TableCell>
                    <JalaliDate value={m.actualDate} withTime={false} />
                  </TableCell>
                  <TableCell sx={{ display: { xs: "none", sm: "table-cell" }, whiteSpace: "nowrap" }}>
                    {rials(m.amountRials)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </Paper>
  );
}

/** The agent's and the supervisor's contracts, with their payment milestones. */
export function ContractsSection({ cluster, canManage }: { cluster: ClusterDetail; canManage: boolean }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [editing, setEditing] = useState<Contract | "new" | null>(null);
  return (
    <Section
      title={t("contracts.title")}
      testId="contracts"
      actions={
        canManage && (
          <Button variant="outlined" startIcon={<Add />} onClick={() => setEditing("new")} data-testid="contract-add">
            {t("contracts.add")}
          </Button>
        )
      }
    >
      {cluster.contracts.length === 0 ? (
        <EmptyState title={t("contracts.empty")} />
      ) : (
        <Box sx={{ display: "grid", gap: 1.5 }}>
          {cluster.contracts.map((c) => (
            <ContractCard key={c.id} c={c} onEdit={canManage ? () => setEditing(c) : undefined} />
          ))}
        </Box>
      )}
      {editing && (
        <ContractDialog
          cluster={cluster}
          contract={editing === "new" ? undefined : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            notify.success(editing === "new" ? t("contracts.added") : t("common.saved"));
            setEditing(null);
          }}
        />
      )}
    </Section>
  );
}
