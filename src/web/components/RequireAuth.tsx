import { type ReactNode, useEffect } from "react";
import { useTranslation } from "react-i18next";
import type { Action } from "../../core/permissions";
import { goToSignIn, useAuth, useMe } from "../app/auth";
import { ErrorState } from "./ErrorState";
import { Loading } from "./Loading";

/** Renders its children for a signed-in user; otherwise sends them to the sign-in page (/login). */
export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  if (me.isPending) return <Loading minHeight="100vh" />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) return <SignInFirst />;
  return <>{children}</>;
}

/** The sign-in page is not part of the app: a full navigation, back here with ?next. */
function SignInFirst() {
  useEffect(goToSignIn, []);
  return <Loading minHeight="100vh" />;
}

/** Shows the page only with the permission; otherwise a "not allowed" notice. */
export function Guard({ action, children }: { action: Action; children: ReactNode }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  if (!can(action)) return <ErrorState title={t("forbidden.title")} error={new Error(t("forbidden.body"))} />;
  return <>{children}</>;
}
