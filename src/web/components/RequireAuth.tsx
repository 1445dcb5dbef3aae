import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useLocation } from "react-router";
import type { Action } from "../../core/permissions";
import { useAuth, useMe } from "../app/auth";
import { ErrorState } from "./ErrorState";
import { Loading } from "./Loading";

/** Renders its children for a signed-in user; otherwise sends them to /login. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading minHeight="100vh" />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) {
    const next = location.pathname + location.search;
    return <Navigate to={next === "/" ? "/login" : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <>{children}</>;
}

/** Shows the page only with the permission; otherwise a "not allowed" notice. */
export function Guard({ action, children }: { action: Action; children: ReactNode }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  if (!can(action)) return <ErrorState title={t("forbidden.title")} error={new Error(t("forbidden.body"))} />;
  return <>{children}</>;
}
