import Typography from "@mui/material/Typography";
import { useTranslation } from "react-i18next";
import { InvitationInput } from "../../../core/schemas/applications";
import { Id } from "../../../core/schemas/common";
import { api } from "../../app/api";
import { useFormat } from "../../app/format";
import { FormDialog, PickerField, SelectField, TextField, useSchemaForm } from "../../components/form";
import { EnterprisePicker } from "../../components/pickers";

/** The invitation's form: the enterprise it is for beside POST /enterprises/:id/member-invitations's body. */
const InviteForm = InvitationInput.extend({ enterpriseId: Id });
const DEFAULTS = { enterpriseId: null, email: "", name: "", locale: "fa" } as const;
/** How long an invitation link lasts (the server's INVITATION_DAYS). */
const DAYS = 7;

/** Invites a member user for an enterprise of the caller's cluster (member.invite). */
export function InviteMemberDialog({
  onClose,
  onInvited,
}: {
  onClose: () => void;
  onInvited: (email: string) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const form = useSchemaForm(InviteForm, DEFAULTS);
  return (
    <FormDialog
      form={form}
      title={t("applications.inviteMember")}
      onSubmit={async ({ enterpriseId, ...body }) => {
        const r = await api.post<{ email: string }>(
          `/enterprises/${encodeURIComponent(enterpriseId)}/member-invitations`,
          body,
        );
        onInvited(r.email);
      }}
      submitLabel={t("applications.inviteMember")}
      submitTestId="invite-member-submit"
      onClose={onClose}
    >
      <Typography variant="body2" color="text.secondary">
        {t("applications.inviteHint", { days: f.num(DAYS) })}
      </Typography>
      <PickerField
        as={EnterprisePicker}
        name="enterpriseId"
        label={t("applications.enterprise")}
        required
        testId="invite-member-enterprise"
      />
      <TextField name="name" label={t("applications.inviteName")} required testId="invite-member-name" />
      <TextField
        name="email"
        label={t("applications.inviteEmail")}
        type="email"
        required
        ltr
        testId="invite-member-email"
      />
      <SelectField name="locale" label={t("applications.locale")} testId="invite-member-locale">
        <option value="fa">{t("locales.fa")}</option>
        <option value="en">{t("locales.en")}</option>
      </SelectField>
    </FormDialog>
  );
}
