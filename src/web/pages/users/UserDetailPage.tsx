import DeleteOutline from "@mui/icons-material/DeleteOutline";
import Edit from "@mui/icons-material/Edit";
import LockReset from "@mui/icons-material/LockReset";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import FormControlLabel from "@mui/material/FormControlLabel";
import IconButton from "@mui/material/IconButton";
import List from "@mui/material/List";
import ListItem from "@mui/material/ListItem";
import ListItemText from "@mui/material/ListItemText";
import Paper from "@mui/material/Paper";
import Switch from "@mui/material/Switch";
import Tooltip from "@mui/material/Tooltip";
import Typography from "@mui/material/Typography";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { canGiveGrant } from "../../../core/permissions";
import { GrantInput, ResetPasswordInput, UserUpdateInput } from "../../../core/schemas/users";
import { ApiError, api } from "../../app/api";
import { useAuth } from "../../app/auth";
import { useProvinceName } from "../../app/lookups";
import type { Grant, User } from "../../app/types";
import { BackButton } from "../../components/BackButton";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { ErrorState } from "../../components/ErrorState";
import { FormAlert, FormDialog, SchemaForm, SelectField, TextField, useSchemaForm } from "../../components/form";
import { EMPTY_GRANT, GrantFields, grantCodes } from "../../components/form/GrantFields";
import { JalaliDate } from "../../components/JalaliDate";
import { Loading } from "../../components/Loading";
import { useGrantText } from "../../components/labels";
import { useNotify } from "../../components/Notifier";
import { PageHeader } from "../../components/PageHeader";
import { TwoColumns } from "../../components/TwoColumns";
import NotFoundPage from "../notfound/NotFoundPage";

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box sx={{ minWidth: 0 }}>
      <Typography variant="caption" color="text.secondary" component="div">
        {label}
      </Typography>
      <Typography component="div">{children}</Typography>
    </Box>
  );
}

export default function UserDetailPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const { can, user: me } = useAuth();
  const notify = useNotify();
  const qc = useQueryClient();
  const grantText = useGrantText();
  const provinceName = useProvinceName();
  const key = ["/users", id];
  const user = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => api.get<User>(`/users/${encodeURIComponent(id)}`, undefined, signal),
  });
  const [revoking, setRevoking] = useState<Grant | null>(null);
  const [resetOpen, setResetOpen] = useState(false);
  const [editOpen, setEditOpen] = useState(false);

  function updated(u: User) {
    qc.setQueryData(key, u);
    void qc.invalidateQueries({ queryKey: ["/users", "list"] });
    void qc.invalidateQueries({ queryKey: ["/users", "options"] });
  }

  // The active switch: one PATCH per flip, no form.
  const setActive = useMutation({
    mutationFn: (active: boolean) => api.patch<User>(`/users/${encodeURIComponent(id)}`, { active }),
    onSuccess: (u) => {
      updated(u);
      notify.success(t("common.saved"));
    },
    onError: notify.error,
  });
  const revoke = useMutation({
    mutationFn: (g: Grant) => api.delete<User>(`/users/${encodeURIComponent(id)}/grants/${encodeURIComponent(g.id)}`),
    onSuccess: (u) => {
      updated(u);
      setRevoking(null);
      notify.success(t("userDetail.grantRevoked"));
    },
    onError: (e) => {
      setRevoking(null);
      notify.error(e);
    },
  });

  if (user.isPending) return <Loading />;
  if (user.isError) {
    if (user.error instanceof ApiError && user.error.status === 404) return <NotFoundPage />;
    return <ErrorState error={user.error} onRetry={() => void user.refetch()} />;
  }
  const u = user.data;
  // The server decides whether this account is the caller's to manage (every
  // role the person holds must be within the caller's reach).
  const manage = u.can?.manage ?? false;
  const grants = can("grant.manage");
  const meActor = { userId: me.id, grants: me.grants, via: "session" as const };
  const self = u.id === me.id;

  return (
    <>
      <BackButton to="/users" label={t("userDetail.back")} />
      <PageHeader
        title={u.name}
        actions={
          manage && (
            <Box sx={{ display: "flex", gap: 1, flexWrap: "wrap" }}>
              <Button startIcon={<Edit />} onClick={() => setEditOpen(true)} data-testid="user-edit">
                {t("common.edit")}
              </Button>
              <Button
                startIcon={<LockReset />}
                onClick={() => setResetOpen(true)}
                disabled={self}
                data-testid="user-reset-password"
              >
                {t("userDetail.resetPassword")}
              </Button>
            </Box>
          )
        }
      />

      {!manage && can("user.manage") && (
        <Alert severity="info" sx={{ mb: 2 }} data-testid="user-out-of-reach">
          {t("userDetail.outOfReach")}
        </Alert>
      )}
      <TwoColumns>
        <Paper variant="outlined" sx={{ p: 2 }}>
          <Typography variant="h6" component="h2" sx={{ fontSize: 17, fontWeight: 600, mb: 2 }}>
            {t("userDetail.details")}
          </Typography>
          <Box
            sx={{
              display: "grid",
              gap: 2,
              gridTemplateColumns: { xs: "minmax(0, 1fr)", sm: "minmax(0, 1fr) minmax(0, 1fr)" },
            }}
          >
            <Field label={t("users.email")}>
              <bdi>{u.email}</bdi>
            </Field>
            <Field label={t("users.locale")}>{t(`locales.${u.locale}`)}</Field>
            <Field label={t("users.homeProvince")}>{u.homeProvinceCode ? provinceName(u.homeProvinceCode) : "—"}</Field>
            <Field label={t("users.createdAt")}>
              <JalaliDate value={u.createdAt} />
            </Field>
            <Field label={t("users.lastLoginAt")}>
              <JalaliDate value={u.lastLoginAt} empty={t("users.never")} />
            </Field>
            <Field label={t("users.active")}>
              <FormControlLabel
                control={
                  <Switch
                    checked={u.active}
                    disabled={!manage || self || setActive.isPending}
                    onChange={(e) => setActive.mutate(e.target.checked)}
                    slotProps={{ input: { "aria-label": t("userDetail.activeSwitch") } }}
                    data-testid="user-active"
                  />
                }
                label={u.active ? t("common.active") : t("common.inactive")}
              />
            </Field>
          </Box>
        </Paper>

        <Paper variant="outlined" sx={{ p: 2 }}>
          <Typography variant="h6" component="h2" sx={{ fontSize: 17, fontWeight: 600, mb: 1 }}>
            {t("userDetail.grants")}
          </Typography>
          {u.grants.length === 0 ? (
            <Typography color="text.secondary">{t("userDetail.noGrants")}</Typography>
          ) : (
            <List dense disablePadding data-testid="user-grants">
              {u.grants.map((g) => (
                <ListItem
                  key={g.id}
                  disableGutters
                  secondaryAction={
                    grants &&
                    !self &&
                    canGiveGrant(meActor, g) && (
                      <Tooltip title={t("userDetail.revoke")}>
                        <IconButton
                          edge="end"
                          aria-label={t("userDetail.revokeNamed", { grant: grantText(g) })}
                          onClick={() => setRevoking(g)}
                          data-testid="grant-revoke"
                        >
                          <DeleteOutline />
                        </IconButton>
                      </Tooltip>
                    )
                  }
                >
                  <ListItemText primary={grantText(g)} sx={{ pr: 5 }} />
                </ListItem>
              ))}
            </List>
          )}

          {grants && !self && (
            <AddGrantForm
              userId={u.id}
              onAdded={(next) => {
                updated(next);
                notify.success(t("userDetail.grantAdded"));
              }}
            />
          )}
        </Paper>
      </TwoColumns>

      <ConfirmDialog
        open={revoking !== null}
        title={t("userDetail.revokeTitle")}
        message={revoking ? t("userDetail.revokeConfirm", { grant: grantText(revoking), name: u.name }) : ""}
        confirmLabel={t("userDetail.revoke")}
        danger
        busy={revoke.isPending}
        onConfirm={() => revoking && revoke.mutate(revoking)}
        onClose={() => setRevoking(null)}
      />
      {resetOpen && <ResetPasswordDialog user={u} onClose={() => setResetOpen(false)} />}
      {editOpen && (
        <EditUserDialog
          user={u}
          onSaved={(next) => {
            updated(next);
            notify.success(t("common.saved"));
            setEditOpen(false);
          }}
          onClose={() => setEditOpen(false)}
        />
      )}
    </>
  );
}

/** Sets a new password for the person (ResetPasswordInput); a weak one is refused under the field. */
function ResetPasswordDialog({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const form = useSchemaForm(ResetPasswordInput, { password: null });
  return (
    <FormDialog
      form={form}
      title={t("userDetail.resetTitle", { name: user.name })}
      maxWidth="xs"
      onSubmit={async (body) => {
        await api.post<void>(`/users/${encodeURIComponent(user.id)}/password`, body);
        notify.success(t("userDetail.passwordReset"));
        onClose();
      }}
      codes={{ weak_password: "password" }}
      submitLabel={t("userDetail.resetPassword")}
      submitTestId="reset-password-submit"
      onClose={onClose}
    >
      <TextField
        name="password"
        label={t("userDetail.newPassword")}
        type="password"
        autoComplete="new-password"
        autoFocus
        required
        ltr
        helperText={t("common.passwordHint")}
        testId="reset-password-input"
      />
    </FormDialog>
  );
}

/** The person's name and language (UserUpdateInput); being active is the switch on the page. */
function EditUserDialog({ user, onSaved, onClose }: { user: User; onSaved: (u: User) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useSchemaForm(UserUpdateInput, { name: user.name, locale: user.locale });
  return (
    <FormDialog
      form={form}
      title={t("userDetail.editTitle")}
      maxWidth="xs"
      onSubmit={async (body) => onSaved(await api.patch<User>(`/users/${encodeURIComponent(user.id)}`, body))}
      submitLabel={t("common.save")}
      submitTestId="user-edit-submit"
      onClose={onClose}
    >
      <TextField name="name" label={t("users.name")} autoFocus required testId="user-edit-name" />
      <SelectField name="locale" label={t("users.locale")} testId="user-edit-locale">
        <option value="fa">{t("locales.fa")}</option>
        <option value="en">{t("locales.en")}</option>
      </SelectField>
    </FormDialog>
  );
}

/** Give the person one more role (POST /users/{id}/grants, the body a GrantInput). */
function AddGrantForm({ userId, onAdded }: { userId: string; onAdded: (u: User) => void }) {
  const { t } = useTranslation();
  const form = useSchemaForm(GrantInput, EMPTY_GRANT);
  const role = form.watch("role");
  return (
    <SchemaForm
      form={form}
      onSubmit={async (body) => {
        onAdded(await api.post<User>(`/users/${encodeURIComponent(userId)}/grants`, body));
        form.reset(EMPTY_GRANT);
      }}
      codes={grantCodes(role)}
    >
      <Box sx={{ mt: 2, pt: 2, borderTop: 1, borderColor: "divider", display: "grid", gap: 2 }}>
        <Typography variant="subtitle2">{t("userDetail.addGrant")}</Typography>
        <FormAlert form={form} />
        <GrantFields testIdPrefix="grant-form" />
        <Box>
          <Button
            type="submit"
            variant="contained"
            disabled={form.formState.isSubmitting}
            data-testid="grant-form-submit"
          >
            {t("userDetail.addGrantSubmit")}
          </Button>
        </Box>
      </Box>
    </SchemaForm>
  );
}
