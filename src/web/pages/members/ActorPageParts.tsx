import VisibilityOffOutlined from "@mui/icons-material/VisibilityOffOutlined";
import Box from "@mui/material/Box";
import { type UseQueryResult, useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api } from "../../app/api";
import { useProvinceName } from "../../app/lookups";
import { ErrorState } from "../../components/ErrorState";
import { Loading } from "../../components/Loading";
import { Section } from "../../components/Section";
import { FullRow } from "../../components/TwoColumns";
import NotFoundPage from "../notfound/NotFoundPage";
import { Digits, Fact, Facts, OutLink } from "./labels";

/** What an enterprise's, a person's and an institution's page show alike. */

const enc = encodeURIComponent;

/** An actor's detail, read by its page, under the key the page's dialogs refresh. */
export function useActorDetail<T>(resource: "/enterprises" | "/people" | "/institutions", id: string) {
  const queryKey = [resource, id];
  const query = useQuery({
    queryKey,
    queryFn: ({ signal }) => api.get<T>(`${resource}/${enc(id)}`, undefined, signal),
  });
  return { queryKey, query };
}

/** While the detail loads or when it fails: what the page shows instead (an unknown id is the not-found page). */
export function ActorDetailState({ query }: { query: UseQueryResult<unknown> }) {
  if (query.isPending) return <Loading />;
  if (query.error instanceof ApiError && [400, 404].includes(query.error.status)) return <NotFoundPage />;
  return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
}

/** The actor's notes, when it has any. */
export function NotesSection({ notes }: { notes: string | null }) {
  const { t } = useTranslation();
  if (!notes) return null;
  return (
    <FullRow>
      <Section title={t("actorForm.notes")}>
        <Box sx={{ whiteSpace: "pre-wrap" }}>{notes}</Box>
      </Section>
    </FullRow>
  );
}

/** A personal field: its value, or a note that it is hidden from this role. */
export function Personal({ hidden, children }: { hidden: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  if (!hidden) return <>{children}</>;
  return (
    <Box component="span" sx={{ color: "text.secondary", display: "inline-flex", alignItems: "center", gap: 0.5 }}>
      <VisibilityOffOutlined fontSize="inherit" aria-hidden />
      {t("person.hiddenValue")}
    </Box>
  );
}

interface Contact {
  phone: string | null;
  mobile: string | null;
  email: string | null;
  website: string | null;
  provinceCode: string | null;
  city: string | null;
  postalCode: string | null;
  address: string | null;
}

/**
 * How to reach the actor. A person's phones, e-mail, address and postal
 * code are personal: `hidden` shows that they are kept from this role. `first` comes
 * before the rest (a person's national ID).
 */
export function ContactSection({
  contact: c,
  testId,
  hidden = false,
  first,
}: {
  contact: Contact;
  testId: string;
  hidden?: boolean;
  first?: ReactNode;
}) {
  const { t } = useTranslation();
  const provinceName = useProvinceName();
  const dash = "—";
  return (
    <Section title={t("actorForm.contact")} testId={testId}>
      <Facts>
        {first}
        <Fact label={t("actorForm.phone")}>
          <Personal hidden={hidden}>
            <Digits value={c.phone} />
          </Personal>
        </Fact>
        <Fact label={t("actorForm.mobile")}>
          <Personal hidden={hidden}>
            <Digits value={c.mobile} />
          </Personal>
        </Fact>
        <Fact label={t("actorForm.email")}>
          <Personal hidden={hidden}>{c.email ? <bdi dir="ltr">{c.email}</bdi> : dash}</Personal>
        </Fact>
        <Fact label={t("actorForm.website")}>
          <OutLink href={c.website} />
        </Fact>
        <Fact label={t("actorForm.provinceCity")}>
          {[provinceName(c.provinceCode), c.city].filter(Boolean).join(t("common.listSeparator")) || dash}
        </Fact>
        <Fact label={t("actorForm.postalCode")}>
          <Personal hidden={hidden}>
            <Digits value={c.postalCode} />
          </Personal>
        </Fact>
        <Fact label={t("actorForm.address")} wide>
          <Personal hidden={hidden}>{c.address ?? dash}</Personal>
        </Fact>
      </Facts>
    </Section>
  );
}
