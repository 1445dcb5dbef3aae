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

/** The session probe: the signed-in user, or null when there is none. */
/** The readable cookie the server keeps beside the session's (SESSION_HINT_COOKIE). */
function mayHaveSession(): boolean {
  return document.cookie.split(/;\s*/).some((c) => c.startsWith("khooshe_signed_in="));
}

export async function fetchMe(): Promise<Me | null> {
  // On the sign-in page with no session to find, asking would only cost a round trip and a 401.
  if (window.location.pathname === "/login" && !mayHaveSession()) {
    setCsrfToken(null);
    return null;
  }
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

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; password: string }) =>
      request<Me>("/auth/login", { method: "POST", body: input, allow401: true }),
    onSuccess: async (me) => {
      setCsrfToken(me.csrfToken);
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
      qc.setQueryData(ME_KEY, me);
      await changeLocale(me.user.locale);
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => request<void>("/auth/logout", { method: "POST", allow401: true }),
    onSettled: () => {
      setCsrfToken(null);
      qc.clear();
      qc.setQueryData(ME_KEY, null);
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
