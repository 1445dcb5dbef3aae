import Add from "@mui/icons-material/Add";
import SwapHoriz from "@mui/icons-material/SwapHoriz";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import Link from "@mui/material/Link";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableContainer from "@mui/material/TableContainer";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link as RouterLink } from "react-router";
import { todayIso } from "../../../core/jalali";
import { type ActorKind, MEMBERSHIP_STATUSES } from "../../../core/members";
import { MembershipCreateInput, MembershipUpdateInput } from "../../../core/schemas/members";
import { api } from "../../app/api";
import { EmptyState } from "../../components/EmptyState";
import { DateField, FormDialog, PickerField, SelectField, useSchemaForm } from "../../components/form";
import { JalaliDate } from "../../components/JalaliDate";
import { useNotify } from "../../components/Notifier";
import { ClusterPicker } from "../../components/pickers";
import { Section } from "../../components/Section";
import { formGrid } from "./fields";
import { type Membership, StatusChip } from "./labels";

const enc = encodeURIComponent;
const AddForm = MembershipCreateInput.omit({ actorId: true }).extend({
  clusterId: MembershipCreateInput.shape.actorId,
});

function StatusOptions() {
  const { t } = useTranslation();
  return (
    <>
      {MEMBERSHIP_STATUSES.map((s) => (
        <option key={s} value={s}>
          {t(`membershipStatuses.${s}`)}
        </option>
      ))}
    </>
  );
}

/** A new status in one cluster, with its dates. */
function StatusDialog({ m, onClose, onSaved }: { m: Membership; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const form = useSchemaForm(MembershipUpdateInput, { status: m.status, joinedOn: m.joinedOn, leftOn: m.leftOn });
  return (
    <FormDialog
      form={form}
      title={t("membership.changeTitle", { cluster: m.clusterName })}
      submitLabel={t("common.save")}
      submitTestId="membership-submit"
      onClose={onClose}
      onSubmit={async (body) => {
        await api.patch(`/clusters/${enc(m.clusterId)}/members/${enc(m.actorId)}`, body);
        onSaved();
      }}
    >
      <Box sx={formGrid(3)}>
        <SelectField name="status" label={t("membership.status")} required testId="membership-status">
          <StatusOptions />
        </SelectField>
        <DateField name="joinedOn" label={t("membership.joinedOn")} maxDate={todayIso()} testId="membership-joinedOn" />
        <DateField name="leftOn" label={t("membership.leftOn")} maxDate={todayIso()} testId="membership-leftOn" />
      </Box>
    </FormDialog>
  );
}

/** This actor joins another cluster. */
function AddDialog({ actorId, onClose, onSaved }: { actorId: string; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const form = useSchemaForm(AddForm, { clusterId: null, status: "member", joinedOn: todayIso(), leftOn: null });
  return (
    <FormDialog
      form={form}
      title={t("membership.addTitle")}
      submitLabel={t("membership.add")}
      submitTestId="membership-add-submit"
      codes={{ membership_exists: "clusterId", cluster_not_found: "clusterId" }}
      onClose={onClose}
      onSubmit={async ({ clusterId, ...body }) => {
        await api.post(`/clusters/${enc(clusterId)}/members`, { ...body, actorId });
        onSaved();
      }}
    >
      <PickerField
        as={ClusterPicker}
        name="clusterId"
        label={t("membership.cluster")}
        required
        testId="membership-add-cluster"
      />
      <Box sx={formGrid(2)}>
        <SelectField name="status" label={t("membership.status")} testId="membership-add-status">
          <StatusOptions />
        </SelectField>
        <DateField name="joinedOn" label={t("membership.joinedOn")} maxDate={todayIso()} />
      </Box>
    </FormDialog>
  );
}

/**
 * The clusters an actor takes part in, with its status and dates there;
 * those who may change the status (or add a cluster) get the buttons, and
 * the server decides per cluster. A person's memberships through their
 * enterprise are shown, not changed here.
 */
export function MembershipsSection({
  kind,
  actorId,
  memberships,
  canManage,
  canAdd,
  queryKey,
  title,
}: {
  kind: ActorKind;
  actorId: string;
  memberships: readonly Membership[];
  canManage: boolean;
  canAdd: boolean;
  /** The actor's query, refetched after a change. */
  queryKey: readonly unknown[];
  title?: string;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const notify = useNotify();
  const [changing, setChanging] = useState<Membership | null>(null);
  const [adding, setAdding] = useState(false);
  const saved = () => {
    setChanging(null);
    setAdding(false);
    notify.success(t("membership.saved"));
    void qc.invalidateQueries({ queryKey });
    void qc.invalidateQueries({ queryKey: ["/directory"] });
  };
  return (
    <Section
      title={title ?? t("membership.title")}
      testId="memberships"
      actions={
        canAdd && (
          <Button size="small" startIcon={<Add />} onClick={() => setAdding(true)} data-testid="membership-add">
            {t("membership.add")}
          </Button>
        )
      }
    >
      {memberships.length === 0 ? (
        <EmptyState title={t("membership.none")} />
      ) : (
        <TableContainer>
          <Table size="small" aria-label={title ?? t("membership.title")}>
            <TableHead>
              <TableRow>
                <TableCell>{t("membership.cluster")}</TableCell>
                <TableCell>{t("membership.status")}</TableCell>
                <TableCell sx={{ display: { xs: "none", sm: "table-cell" } }}>{t("membership.joinedOn")}</TableCell>
                <TableCell sx={{ display: { xs: "none", sm: "table-cell" } }}>{t("membership.leftOn")}</TableCell>
                {canManage && <TableCell />}
              </TableRow>
            </TableHead>
            <TableBody>
              {memberships.map((m) => {
                const inherited = m.kind !== kind;
                return (
                  <TableRow key={`${m.clusterId}-${m.actorId}`} data-testid="membership">
                    <TableCell>
                      <Link component={RouterLink} to={`/clusters/${enc(m.clusterId)}`}>
                        {m.clusterName}
                      </Link>
                      <Box sx={{ display: "flex", gap: 0.5, flexWrap: "wrap", mt: 0.25 }}>
                        {m.home && <Chip size="small" variant="outlined" label={t("membership.home")} />}
                        {inherited && <Chip size="small" variant="outlined" label={t("membership.inherited")} />}
                      </Box>
                      <Box sx={{ display: { xs: "block", sm: "none" }, color: "text.secondary", fontSize: 12 }}>
                        <JalaliDate value={m.joinedOn} withTime={false} />
                        {m.leftOn && (
                          <>
                            {" – "}
                            <JalaliDate value={m.leftOn} withTime={false} />
                          </>
                        )}
                      </Box>
                    </TableCell>
                    <TableCell>
                      <StatusChip status={m.status} testId="membership-status-chip" />
                    </TableCell>
                    <TableCell sx={{ display: { xs: "none", sm: "table-cell" } }}>
                      <JalaliDate value={m.joinedOn} withTime={false} />
                    </TableCell>
                    <TableCell sx={{ display: { xs: "none", sm: "table-cell" } }}>
                      <JalaliDate value={m.leftOn} withTime={false} />
                    </TableCell>
                    {canManage && (
                      <TableCell align="right">
                        {!inherited && (
                          <Button
                            size="small"
                            startIcon={<SwapHoriz />}
                            onClick={() => setChanging(m)}
                            data-testid="membership-change"
                          >
                            {t("membership.change")}
                          </Button>
                        )}
                      </TableCell>
                    )}
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      {changing && <StatusDialog m={changing} onClose={() => setChanging(null)} onSaved={saved} />}
      {adding && <AddDialog actorId={actorId} onClose={() => setAdding(false)} onSaved={saved} />}
    </Section>
  );
}
