import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import type { Action } from "../../core/permissions";
import { ApiError, request, setCsrfToken } from "./api";
import { changeLocale } from "./i18n";
import type { Locale, Me } from "./types";

export const ME_KEY = ["auth", "me"] as const;
const SIGNED_OUT: Me = {
  user: {
    id: "",
    email: "",
    name: "",
    locale: "fa",
    active: false,
    homeProvinceCode: null,
    createdAt: "",
    lastLoginAt: null,
    grants: [],
  },
  permissions: [],
  csrfToken: "",
};

let leaving = false;

/**
 * Leaves the app for the sign-in page (login.html, not part of this bundle),
 * which comes back here afterwards; once, however many requests found the
 * session gone.
 */
export function goToSignIn(): void {
  if (leaving) return;
  leaving = true;
  const next = window.location.pathname + window.location.search;
  window.location.replace(next === "/" ? "/login" : `/login?next=${encodeURIComponent(next)}`);
}

/** The session probe: the signed-in user, or null when there is none. */
export async function fetchMe(): Promise<Me | null> {
  try {
    const me = await request<Me>("/auth/me", { allow401: true });
    setCsrfToken(me.csrfToken);
    // The account's saved language wins over this browser's last choice.
    await changeLocale(me.user.locale);
    return me;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw e;
  }
}

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: Number.POSITIVE_INFINITY });
}

/** The signed-in user's data, for components under RequireAuth. */
export function useAuth() {
  // While signing out the session turns null a moment before RequireAuth
  // leaves the page; an empty user keeps the frame from failing meanwhile.
  const data = useMe().data ?? SIGNED_OUT;
  const permissions = data.permissions;
  const can = useCallback((action: Action) => permissions.includes(action), [permissions]);
  const isNational = data.user.grants.some((g) => g.role === "national_admin");
  return { me: data, user: data.user, permissions, can, isNational };
}

/** Signs out and leaves for the sign-in page; the page unloads, and the cached data with it. */
export function useLogout() {
  return useMutation({
    mutationFn: () => request<void>("/auth/logout", { method: "POST", allow401: true }),
    onSettled: () => {
      setCsrfToken(null);
      leaving = true;
      window.location.replace("/login");
    },
  });
}

/**
 * Switches the UI language; when signed in, also saves it on the account so
 * the next sign-in (on any device) opens in the same language.
 */
export function useSwitchLocale() {
  const qc = useQueryClient();
  return useCallback(
    async (lng: Locale) => {
      await changeLocale(lng);
      const me = qc.getQueryData<Me | null>(ME_KEY);
      if (!me || me.user.locale === lng) return;
      try {
        const updated = await request<Me>("/auth/me", { method: "PATCH", body: { locale: lng } });
        setCsrfToken(updated.csrfToken);
        qc.setQueryData(ME_KEY, updated);
      } catch {
        // The UI already switched; saving the preference can wait for the next try.
      }
    },
    [qc],
  );
}
