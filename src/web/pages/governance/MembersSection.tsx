import DeleteOutline from "@mui/icons-material/DeleteOutline";
import Edit from "@mui/icons-material/Edit";
import PersonAdd from "@mui/icons-material/PersonAdd";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import Dialog from "@mui/material/Dialog";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import IconButton from "@mui/material/IconButton";
import { useTheme } from "@mui/material/styles";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableContainer from "@mui/material/TableContainer";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import TextField from "@mui/material/TextField";
import Tooltip from "@mui/material/Tooltip";
import Typography from "@mui/material/Typography";
import useMediaQuery from "@mui/material/useMediaQuery";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { todayIso } from "../../../core/jalali";
import { api, formErrors } from "../../app/api";
import { GOVERNANCE_ROLES, type GovernanceMember, type GovernanceRole, type Page } from "../../app/types";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { DialogActionsRow } from "../../components/DialogActionsRow";
import { DialogForm } from "../../components/DialogForm";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { JalaliDate } from "../../components/JalaliDate";
import { JalaliDateField } from "../../components/JalaliDateField";
import { Loading } from "../../components/Loading";
import { useNotify } from "../../components/Notifier";
import { UserPicker } from "../../components/pickers";
import { Section } from "../../components/Section";
import { SelectField } from "../../components/SelectField";

type BodyKind = "council" | "committee";

const FIELDS: Record<string, readonly string[]> = {
  personName: [],
  organisation: [],
  role: [],
  fromDate: [],
  toDate: ["end_before_start"],
  userId: ["unknown_user"],
};

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
  const theme = useTheme();
  const fullScreen = useMediaQuery(theme.breakpoints.down("sm"));
  const qc = useQueryClient();
  const [personName, setPersonName] = useState(member?.personName ?? "");
  const [organisation, setOrganisation] = useState(member?.organisation ?? "");
  const [role, setRole] = useState<GovernanceRole>(member?.role ?? "member");
  const [fromDate, setFromDate] = useState<string | null>(member?.fromDate ?? todayIso());
  const [toDate, setToDate] = useState<string | null>(member?.toDate ?? null);
  const [userId, setUserId] = useState(member?.userId ?? "");
  const [tried, setTried] = useState(false);

  const save = useMutation({
    mutationFn: () => {
      const body = {
        personName: personName.trim(),
        organisation: organisation.trim() || null,
        role,
        fromDate,
        toDate,
        userId: userId || null,
      };
      return member
        ? api.patch<GovernanceMember>(`${path}/${encodeURIComponent(member.id)}`, body)
        : api.post<GovernanceMember>(path, body);
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: [path] });
      // A council seat with a user gives (or takes) a role: the user's page changes too.
      void qc.invalidateQueries({ queryKey: ["/users"] });
      onSaved();
    },
  });
  const local: Record<string, string | undefined> = {
    personName: personName.trim() ? undefined : t("clusterForm.required"),
    fromDate: fromDate ? undefined : t("clusterForm.required"),
    toDate: toDate && fromDate && toDate < fromDate ? t("errors.end_before_start") : undefined,
  };
  const server = formErrors(save.error, FIELDS);
  const err = (n: string) => (tried ? local[n] : undefined) ?? server.field(n);

  function submit() {
    setTried(true);
    if (Object.values(local).some(Boolean) || save.isPending) return;
    save.mutate();
  }

  return (
    <Dialog open onClose={onClose} fullScreen={fullScreen} maxWidth="sm" fullWidth>
      <DialogForm onSubmit={submit}>
        <DialogTitle>{member ? t("governance.editTitle") : t(`governance.${kind}.addTitle`)}</DialogTitle>
        <DialogContent>
          <Box
            sx={{
              display: "grid",
              gap: 2,
              pt: 1,
              gridTemplateColumns: { xs: "minmax(0, 1fr)", sm: "minmax(0, 1fr) minmax(0, 1fr)" },
            }}
          >
            {server.alert && (
              <Alert severity="error" sx={{ gridColumn: "1 / -1" }}>
                {server.alert}
              </Alert>
            )}
            <TextField
              label={t("governance.personName")}
              value={personName}
              required
              onChange={(e) => setPersonName(e.target.value)}
              error={!!err("personName")}
              helperText={err("personName")}
              slotProps={{ htmlInput: { "data-testid": "member-name" } }}
            />
            <TextField
              label={t("governance.organisation")}
              value={organisation}
              onChange={(e) => setOrganisation(e.target.value)}
              error={!!err("organisation")}
              helperText={err("organisation")}
              slotProps={{ htmlInput: { "data-testid": "member-organisation" } }}
            />
            <SelectField
              label={t("governance.role")}
              value={role}
              onChange={(v) => setRole(v as GovernanceRole)}
              testId="member-role"
              required
            >
              {GOVERNANCE_ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`governanceRoles.${r}`)}
                </option>
              ))}
            </SelectField>
            <Box />
            <JalaliDateField
              label={`${t("governance.from")} *`}
              value={fromDate}
              onChange={setFromDate}
              testId="member-from"
              error={!!err("fromDate")}
              helperText={err("fromDate")}
            />
            <JalaliDateField
              label={t("governance.toOptional")}
              value={toDate}
              onChange={setToDate}
              minDate={fromDate ?? undefined}
              testId="member-to"
              error={!!err("toDate")}
              helperText={err("toDate") ?? t("governance.toHint")}
            />
            <Box sx={{ gridColumn: "1 / -1" }}>
              <UserPicker
                label={t("governance.user")}
                activeOnly
                value={userId}
                valueLabel={member && userId === member.userId ? member.userName : null}
                onChange={(id) => setUserId(id ?? "")}
                testId="member-user"
                error={!!err("userId")}
                helperText={err("userId") ?? t(`governance.${kind}.userHint`)}
              />
            </Box>
          </Box>
        </DialogContent>
        <DialogActionsRow
          onCancel={onClose}
          submitLabel={member ? t("common.save") : t("governance.add")}
          disabled={save.isPending}
          testId="member-submit"
        />
      </DialogForm>
    </Dialog>
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
