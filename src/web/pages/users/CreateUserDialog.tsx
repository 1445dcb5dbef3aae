import Typography from "@mui/material/Typography";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { GrantInput, UserCreateInput } from "../../../core/schemas/users";
import { api } from "../../app/api";
import { useAuth } from "../../app/auth";
import type { User } from "../../app/types";
import { FormDialog, SelectField, TextField, useSchemaForm } from "../../components/form";
import { EMPTY_GRANT, GrantFields, grantCodes } from "../../components/form/GrantFields";

/** POST /users, with the first grant left out while no role is chosen. */
const CreateUserForm = UserCreateInput.extend({
  grant: z.preprocess((g) => ((g as { role?: unknown } | undefined)?.role ? g : undefined), GrantInput.optional()),
});

const DEFAULTS = { name: "", email: "", password: "", locale: "fa", grant: EMPTY_GRANT } as const;

export function CreateUserDialog({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  /** invited: the e-mail belonged to someone elsewhere, who was given the role instead. */
  onCreated: (u: User, invited: boolean) => void;
}) {
  const { isNational } = useAuth();
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useSchemaForm(CreateUserForm, DEFAULTS);
  const role = form.watch("grant.role");

  return (
    <FormDialog
      form={form}
      open={open}
      title={t("users.createTitle")}
      onSubmit={async (body) => {
        const u = await api.post<User & { invited: boolean }>("/users", body);
        void qc.invalidateQueries({ queryKey: ["/users"] });
        form.reset(DEFAULTS);
        onCreated(u, u.invited);
      }}
      codes={{
        email_taken: "email",
        weak_password: "password",
        // Only national staff create people without a role.
        grant_required: "grant.role",
        ...grantCodes(role, "grant."),
      }}
      submitLabel={t("common.create")}
      submitTestId="user-form-submit"
      onClose={() => {
        form.reset(DEFAULTS);
        onClose();
      }}
    >
      <TextField name="name" label={t("users.name")} required autoFocus testId="user-form-name" />
      <TextField name="email" label={t("users.email")} type="email" required ltr testId="user-form-email" />
      <TextField
        name="password"
        label={t("users.password")}
        type="password"
        autoComplete="new-password"
        required
        ltr
        helperText={t("common.passwordHint")}
        testId="user-form-password"
      />
      <SelectField name="locale" label={t("users.locale")} testId="user-form-locale">
        <option value="fa">{t("locales.fa")}</option>
        <option value="en">{t("locales.en")}</option>
      </SelectField>
      <Typography variant="subtitle2" sx={{ mt: 1 }}>
        {t("users.firstGrant")}
      </Typography>
      <GrantFields prefix="grant." optional={isNational} testIdPrefix="user-form" />
    </FormDialog>
  );
}
