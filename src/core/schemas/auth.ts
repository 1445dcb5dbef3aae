/** Signing in and out, the session and the signed-in user's own account (modules/auth). */
import { z } from "zod";
import { ACTIONS } from "../permissions";
import { Locale, Password } from "./common";
import { UserOut } from "./users";

export const ActionSchema = z.enum(ACTIONS);

export const SessionOut = z.object({
  user: UserOut,
  permissions: z.array(ActionSchema),
  csrfToken: z.string().nullable(),
});

export const LoginInput = z.strictObject({ email: z.string().trim().min(1).max(254), password: Password });
export const ChangePasswordInput = z.strictObject({ currentPassword: Password, newPassword: Password });
export const UpdateMeInput = z.strictObject({ locale: Locale });

/**
 * The account page's password form: the new password typed twice, sent as
 * ChangePasswordInput. Two typings that differ are the form's own error
 * (passwords_differ), checked even while another field is still empty.
 */
export const ChangePasswordForm = ChangePasswordInput.extend({ repeatPassword: Password })
  .refine((v) => v.newPassword === v.repeatPassword, {
    path: ["repeatPassword"],
    params: { code: "passwords_differ" },
    when: ({ value }) => {
      const v = value as { newPassword?: unknown; repeatPassword?: unknown } | null;
      return typeof v?.newPassword === "string" && typeof v.repeatPassword === "string";
    },
  })
  .transform(({ repeatPassword: _, ...body }) => body);
