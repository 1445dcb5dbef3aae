import Edit from "@mui/icons-material/Edit";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { ApiError, api } from "../../app/api";
import { useAuth } from "../../app/auth";
import { useProvinceName } from "../../app/lookups";
import { BackButton } from "../../components/BackButton";
import { ErrorState } from "../../components/ErrorState";
import { Loading } from "../../components/Loading";
import { useNotify } from "../../components/Notifier";
import { PageHeader } from "../../components/PageHeader";
import { Section } from "../../components/Section";
import NotFoundPage from "../notfound/NotFoundPage";
import { type InstitutionDetail, InstitutionEditDialog } from "./InstitutionFormDialog";
import { Digits, Fact, Facts, KindChip, OutLink } from "./labels";
import { MembershipsSection } from "./MembershipsSection";

const enc = encodeURIComponent;

/** A supplier's, union's, bank's… page: what it is, how to reach it, the clusters it serves. */
export default function InstitutionPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const notify = useNotify();
  const { can } = useAuth();
  const provinceName = useProvinceName();
  const [editing, setEditing] = useState(false);
  const queryKey = ["/institutions", id];
  const institution = useQuery({
    queryKey,
    queryFn: ({ signal }) => api.get<InstitutionDetail>(`/institutions/${enc(id)}`, undefined, signal),
  });
  if (institution.isPending) return <Loading />;
  if (institution.isError) {
    if (institution.error instanceof ApiError && [400, 404].includes(institution.error.status)) return <NotFoundPage />;
    return <ErrorState error={institution.error} onRetry={() => void institution.refetch()} />;
  }
  const i = institution.data;
  const dash = "—";
  const manageMemberships = i.can.update && can("membership.manage");

  return (
    <>
      <BackButton to="/members?kind=institution" label={t("institution.back")} />
      <PageHeader
        title={i.name}
        testId="institution-title"
        actions={
          i.can.update && (
            <Button
              variant="contained"
              startIcon={<Edit />}
              onClick={() => setEditing(true)}
              data-testid="institution-edit"
            >
              {t("common.edit")}
            </Button>
          )
        }
      />
      <Box sx={{ display: "flex", flexWrap: "wrap", alignItems: "center", gap: 1, mt: -1, mb: 2 }}>
        <KindChip kind="institution" />
        <Chip size="small" color="primary" label={t(`institutionKinds.${i.institutionKind}`)} />
      </Box>
      <Box
        sx={{
          display: "grid",
          gap: 2,
          gridTemplateColumns: { xs: "minmax(0, 1fr)", md: "minmax(0, 1fr) minmax(0, 1fr)" },
          alignItems: "start",
        }}
      >
        <Section title={t("institution.identity")} testId="institution-identity">
          <Facts>
            <Fact label={t("institution.kind")}>{t(`institutionKinds.${i.institutionKind}`)}</Fact>
            <Fact label={t("institution.description")} wide>
              {i.description ?? dash}
            </Fact>
          </Facts>
        </Section>
        <Section title={t("actorForm.contact")} testId="institution-contact">
          <Facts>
            <Fact label={t("actorForm.phone")}>
              <Digits value={i.phone} />
            </Fact>
            <Fact label={t("actorForm.mobile")}>
              <Digits value={i.mobile} />
            </Fact>
            <Fact label={t("actorForm.email")}>{i.email ? <bdi dir="ltr">{i.email}</bdi> : dash}</Fact>
            <Fact label={t("actorForm.website")}>
              <OutLink href={i.website} />
            </Fact>
            <Fact label={t("actorForm.provinceCity")}>
              {[provinceName(i.provinceCode), i.city].filter(Boolean).join(t("common.listSeparator")) || dash}
            </Fact>
            <Fact label={t("actorForm.postalCode")}>
              <Digits value={i.postalCode} />
            </Fact>
            <Fact label={t("actorForm.address")} wide>
              {i.address ?? dash}
            </Fact>
          </Facts>
        </Section>
        <Box sx={{ gridColumn: "1 / -1", minWidth: 0 }}>
          <MembershipsSection
            kind="institution"
            actorId={i.id}
            memberships={i.memberships}
            canManage={manageMemberships}
            canAdd={manageMemberships}
            queryKey={queryKey}
            title={t("institution.clusters")}
          />
        </Box>
        {i.notes && (
          <Box sx={{ gridColumn: "1 / -1", minWidth: 0 }}>
            <Section title={t("actorForm.notes")}>
              <Box sx={{ whiteSpace: "pre-wrap" }}>{i.notes}</Box>
            </Section>
          </Box>
        )}
      </Box>
      {editing && (
        <InstitutionEditDialog
          institution={i}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            notify.success(t("institution.saved"));
          }}
        />
      )}
    </>
  );
}
