import DeleteOutline from "@mui/icons-material/DeleteOutline";
import Edit from "@mui/icons-material/Edit";
import PersonAdd from "@mui/icons-material/PersonAdd";
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
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { todayIso } from "../../../core/jalali";
import { MemberInput, MemberUpdateInput } from "../../../core/schemas/governance";
import { api } from "../../app/api";
import { GOVERNANCE_ROLES, type GovernanceMember, type Page } from "../../app/types";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { DateField, FormDialog, PickerField, SelectField, TextField, useSchemaForm } from "../../components/form";
import { JalaliDate } from "../../components/JalaliDate";
import { Loading } from "../../components/Loading";
import { useNotify } from "../../components/Notifier";
import { UserPicker } from "../../components/pickers";
import { Section } from "../../components/Section";

type BodyKind = "council" | "committee";

/**
 * Add a seat (MemberInput) or change one (MemberUpdateInput: the same fields,
 * each optional, all sent). A term ending before it starts and a user who may
 * not be linked come back from the server onto their fields.
 */
function MemberDialog({
  path,
  kind,
  member,
  onClose,
  onSaved,
}: {
  path: string;
  kind: BodyKind;
  member?: GovernanceMember;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useSchemaForm(member ? MemberUpdateInput : MemberInput, {
    personName: member?.personName ?? "",
    organisation: member?.organisation ?? null,
    role: member?.role ?? "member",
    fromDate: member?.fromDate ?? todayIso(),
    toDate: member?.toDate ?? null,
    userId: member?.userId ?? null,
  });
  const fromDate = form.watch("fromDate") as string | null;
  const userId = form.watch("userId") as string | null;

  return (
    <FormDialog
      form={form}
      title={member ? t("governance.editTitle") : t(`governance.${kind}.addTitle`)}
      onSubmit={async (body) => {
        if (member) await api.patch<GovernanceMember>(`${path}/${encodeURIComponent(member.id)}`, body);
        else await api.post<GovernanceMember>(path, body);
        void qc.invalidateQueries({ queryKey: [path] });
        // A council seat with a user gives (or takes) a role: the user's page changes too.
        void qc.invalidateQueries({ queryKey: ["/users"] });
        onSaved();
      }}
      codes={{ end_before_start: "toDate", unknown_user: "userId" }}
      submitLabel={member ? t("common.save") : t("governance.add")}
      submitTestId="member-submit"
      onClose={onClose}
    >
      <Box
        sx={{
          display: "grid",
          gap: 2,
          gridTemplateColumns: { xs: "minmax(0, 1fr)", sm: "minmax(0, 1fr) minmax(0, 1fr)" },
        }}
      >
        <TextField name="personName" label={t("governance.personName")} required testId="member-name" />
        <TextField name="organisation" label={t("governance.organisation")} testId="member-organisation" />
        <SelectField name="role" label={t("governance.role")} testId="member-role" required>
          {GOVERNANCE_ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`governanceRoles.${r}`)}
            </option>
          ))}
        </SelectField>
        <Box />
        <DateField name="fromDate" label={t("governance.from")} required testId="member-from" />
        <DateField
          name="toDate"
          label={t("governance.toOptional")}
          minDate={fromDate ?? undefined}
          testId="member-to"
          helperText={t("governance.toHint")}
        />
        <Box sx={{ gridColumn: "1 / -1" }}>
          <PickerField
            as={UserPicker}
            name="userId"
            label={t("governance.user")}
            activeOnly
            valueLabel={member && userId === member.userId ? member.userName : null}
            testId="member-user"
            helperText={t(`governance.${kind}.userHint`)}
          />
        </Box>
      </Box>
    </FormDialog>
  );
}

/**
 * The people of a steering council or a provincial committee: role, term,
 * the account a seat is linked to; add, edit and remove with governance.manage.
 */
export function MembersSection({
  path,
  kind,
  canManage,
}: {
  /** The list endpoint: /clusters/:id/council or /provinces/:code/committee. */
  path: string;
  kind: BodyKind;
  canManage: boolean;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const qc = useQueryClient();
  const [editing, setEditing] = useState<GovernanceMember | "new" | null>(null);
  const [removing, setRemoving] = useState<GovernanceMember | null>(null);
  const members = useQuery({
    queryKey: [path],
    queryFn: ({ signal }) => api.get<Page<GovernanceMember>>(path, undefined, signal),
  });
  const remove = useMutation({
    mutationFn: (m: GovernanceMember) => api.delete(`${path}/${encodeURIComponent(m.id)}`),
    onSuccess: () => {
      setRemoving(null);
      void qc.invalidateQueries({ queryKey: [path] });
      void qc.invalidateQueries({ queryKey: ["/users"] });
      notify.success(t("governance.removed"));
    },
    onError: notify.error,
  });

  let body: ReactNode;
  if (members.isPending) body = <Loading minHeight={80} />;
  else if (members.isError) body = <ErrorState error={members.error} onRetry={() => void members.refetch()} />;
  else if (members.data.items.length === 0) body = <EmptyState title={t(`governance.${kind}.empty`)} />;
  else
    body = (
      <TableContainer>
        <Table size="small" aria-label={t(`governance.${kind}.title`)} data-testid={`${kind}-members`}>
          <TableHead>
            <TableRow>
              <TableCell>{t("governance.personName")}</TableCell>
              <TableCell>{t("governance.role")}</TableCell>
              <TableCell sx={{ display: { xs: "none", sm: "table-cell" } }}>{t("governance.term")}</TableCell>
              <TableCell sx={{ display: { xs: "none", md: "table-cell" } }}>{t("governance.user")}</TableCell>
              {canManage && <TableCell align="right" />}
            </TableRow>
          </TableHead>
          <TableBody>
            {members.data.items.map((m) => (
              <TableRow key={m.id} sx={m.active ? undefined : { opacity: 0.6 }} data-testid="member-row">
                <TableCell>
                  <Box component="span" sx={{ fontWeight: 500 }}>
                    {m.personName}
                  </Box>
                  {m.organisation && (
                    <Typography variant="caption" color="text.secondary" component="div">
                      {m.organisation}
                    </Typography>
                  )}
                  <Typography
                    variant="caption"
                    color="text.secondary"
                    component="div"
                    sx={{ display: { xs: "block", sm: "none" } }}
                  >
                    <JalaliDate value={m.fromDate} withTime={false} /> {t("contracts.to")}{" "}
                    <JalaliDate value={m.toDate} withTime={false} empty={t("governance.present")} />
                  </Typography>
                </TableCell>
                <TableCell>
                  {t(`governanceRoles.${m.role}`)}
                  {!m.active && <Chip size="small" variant="outlined" label={t("governance.ended")} sx={{ mx: 0.5 }} />}
                </TableCell>
                <TableCell sx={{ display: { xs: "none", sm: "table-cell" } }}>
                  <JalaliDate value={m.fromDate} withTime={false} /> {t("contracts.to")}{" "}
                  <JalaliDate value={m.toDate} withTime={false} empty={t("governance.present")} />
                </TableCell>
                <TableCell sx={{ display: { xs: "none", md: "table-cell" } }}>{m.userName ?? "—"}</TableCell>
                {canManage && (
                  <TableCell align="right" sx={{ whiteSpace: "nowrap" }}>
                    <Tooltip title={t("common.edit")}>
                      <IconButton
                        size="small"
                        onClick={() => setEditing(m)}
                        aria-label={t("governance.editNamed", { name: m.personName })}
                        data-testid="member-edit"
                      >
                        <Edit fontSize="small" />
                      </IconButton>
                    </Tooltip>
                    <Tooltip title={t("governance.remove")}>
                      <IconButton
                        size="small"
                        onClick={() => setRemoving(m)}
                        aria-label={t("governance.removeNamed", { name: m.personName })}
                        data-testid="member-remove"
                      >
                        <DeleteOutline fontSize="small" />
                      </IconButton>
                    </Tooltip>
                  </TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    );

  return (
    <Section
      title={t(`governance.${kind}.title`)}
      testId={`${kind}-section`}
      actions={
        canManage && (
          <Button
            variant="outlined"
            startIcon={<PersonAdd />}
            onClick={() => setEditing("new")}
            data-testid={`${kind}-add`}
          >
            {t("governance.add")}
          </Button>
        )
      }
    >
      {body}
      {editing && (
        <MemberDialog
          path={path}
          kind={kind}
          member={editing === "new" ? undefined : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            notify.success(editing === "new" ? t("governance.added") : t("common.saved"));
            setEditing(null);
          }}
        />
      )}
      <ConfirmDialog
        open={removing !== null}
        title={t("governance.removeTitle")}
        message={t("governance.removeConfirm", { name: removing?.personName ?? "" })}
        confirmLabel={t("governance.remove")}
        danger
        busy={remove.isPending}
        onConfirm={() => removing && remove.mutate(removing)}
        onClose={() => setRemoving(null)}
      />
    </Section>
  );
}
