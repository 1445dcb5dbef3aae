/**
 * The invitation page: says whom the link is for, takes the password twice
 * and sets it (once); then the person signs in at /login.
 */
import { call, element, fragmentToken, onLanguage, Refused, showError, t } from "./kit";

type Invitation = { email: string; name: string; enterpriseName: string; expiresAt: string };

export function startInvite(section: HTMLElement): void {
  const token = fragmentToken();
  if (!token) {
    onLanguage(() => showError(t("public.noToken")));
    return;
  }
  const form = element<HTMLFormElement>('[data-testid="invite-form"]', section);
  const intro = element<HTMLElement>('[data-testid="invite-intro"]', section);
  const submit = element<HTMLButtonElement>('[data-testid="invite-submit"]', section);
  const submitText = element<HTMLElement>("[data-i18n]", submit);
  const password = element<HTMLInputElement>('[name="password"]', form);
  const repeat = element<HTMLInputElement>('[name="repeatPassword"]', form);
  let invitation: Invitation | null = null;
  onLanguage(() => {
    if (invitation)
      intro.textContent = t("public.inviteIntro", {
        name: invitation.name,
        email: invitation.email,
        enterprise: invitation.enterpriseName,
      });
  });
  void call<Invitation>("/invitations/lookup", { token }).then(
    (inv) => {
      invitation = inv;
      element<HTMLInputElement>('[name="username"]', form).value = inv.email;
      intro.textContent = t("public.inviteIntro", { name: inv.name, email: inv.email, enterprise: inv.enterpriseName });
      form.hidden = false;
      password.focus();
    },
    (e: Refused) => showError(e.message),
  );

  function setPending(pending: boolean): void {
    submit.disabled = pending;
    submitText.dataset.i18n = pending ? "public.saving" : "public.setPassword";
    submitText.textContent = pending ? t("public.saving") : t("public.setPassword");
  }

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (submit.disabled) return;
    showError(null);
    if (!password.value) {
      showError(t("form.required"));
      password.focus();
      return;
    }
    if (password.value !== repeat.value) {
      showError(t("public.passwordsDiffer"));
      repeat.focus();
      return;
    }
    setPending(true);
    try {
      await call("/invitations/accept", { token, password: password.value });
      form.hidden = true;
      element<HTMLElement>('[data-testid="invite-done"]', section).hidden = false;
      // The link is spent: leave no token in the address bar or the history.
      history.replaceState(null, "", window.location.pathname);
    } catch (err) {
      showError(err instanceof Refused ? err.message : t("common.unexpectedError"));
      setPending(false);
    }
  });
}
