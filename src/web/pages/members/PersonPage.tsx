import Edit from "@mui/icons-material/Edit";
import VisibilityOffOutlined from "@mui/icons-material/VisibilityOffOutlined";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import Link from "@mui/material/Link";
import { useQuery } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link as RouterLink, useParams } from "react-router";
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
import { actorPath, Digits, Fact, Facts, KindChip, OutLink } from "./labels";
import { MembershipsSection } from "./MembershipsSection";
import { type PersonDetail, PersonEditDialog } from "./PersonFormDialog";

const enc = encodeURIComponent;

/** A personal field: its value, or a note that it is hidden from this role. */
function Personal({ hidden, children }: { hidden: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  if (!hidden) return <>{children}</>;
  return (
    <Box component="span" sx={{ color: "text.secondary", display: "inline-flex", alignItems: "center", gap: 0.5 }}>
      <VisibilityOffOutlined fontSize="inherit" aria-hidden />
      {t("person.hiddenValue")}
    </Box>
  );
}

/** A designer's, trainer's or consultant's page: skills, portfolio, employer, clusters. */
export default function PersonPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const notify = useNotify();
  const { can } = useAuth();
  const provinceName = useProvinceName();
  const [editing, setEditing] = useState(false);
  const queryKey = ["/people", id];
  const person = useQuery({
    queryKey,
    queryFn: ({ signal }) => api.get<PersonDetail>(`/people/${enc(id)}`, undefined, signal),
  });
  if (person.isPending) return <Loading />;
  if (person.isError) {
    if (person.error instanceof ApiError && [400, 404].includes(person.error.status)) return <NotFoundPage />;
    return <ErrorState error={person.error} onRetry={() => void person.refetch()} />;
  }
  const p = person.data;
  const hidden = p.personalHidden;
  const dash = "—";
  // Status in a cluster is the cluster office's to change (a member keeps their staff, not their memberships).
  const manageMemberships = p.can.update && can("membership.manage");

  return (
    <>
      <BackButton to="/members?kind=person" label={t("person.back")} />
      <PageHeader
        title={p.name}
        testId="person-title"
        actions={
          p.can.update && (
            <Button variant="contained" startIcon={<Edit />} onClick={() => setEditing(true)} data-testid="person-edit">
              {t("common.edit")}
            </Button>
          )
        }
      />
      <Box sx={{ display: "flex", flexWrap: "wrap", alignItems: "center", gap: 1, mt: -1, mb: 2 }}>
        <KindChip kind="person" />
        {p.jobTitle && <Chip size="small" variant="outlined" label={p.jobTitle} />}
        {p.skills.map((s) => (
          <Chip key={s} size="small" color="primary" label={t(`skills.${s}`)} data-testid="person-skill" />
        ))}
      </Box>
      {hidden && (
        <Alert severity="info" icon={<VisibilityOffOutlined />} sx={{ mb: 2 }} data-testid="person-personal-hidden">
          {t("person.personalHidden")}
        </Alert>
      )}
      <Box
        sx={{
          display: "grid",
          gap: 2,
          gridTemplateColumns: { xs: "minmax(0, 1fr)", md: "minmax(0, 1fr) minmax(0, 1fr)" },
          alignItems: "start",
        }}
      >
        <Section title={t("person.work")} testId="person-work">
          <Facts>
            <Fact label={t("person.enterprise")}>
              {p.enterpriseId && p.enterpriseName ? (
                <Link component={RouterLink} to={actorPath("enterprise", p.enterpriseId)}>
                  {p.enterpriseName}
                </Link>
              ) : (
                dash
              )}
            </Fact>
            <Fact label={t("person.jobTitle")}>{p.jobTitle ?? dash}</Fact>
            <Fact label={t("person.skills")} wide>
              {p.skills.length === 0 ? dash : p.skills.map((s) => t(`skills.${s}`)).join(t("common.listSeparator"))}
            </Fact>
            <Fact label={t("person.portfolio")} wide>
              {p.portfolio.length === 0 ? (
                dash
              ) : (
                <Box component="span" sx={{ display: "grid", gap: 0.5 }} data-testid="person-portfolio">
                  {p.portfolio.map((u) => (
                    <OutLink key={u} href={u} />
                  ))}
                </Box>
              )}
            </Fact>
            <Fact label={t("person.bio")} wide>
              {p.bio ?? dash}
            </Fact>
          </Facts>
        </Section>
        <Section title={t("actorForm.contact")} testId="person-contact">
          <Facts>
            <Fact label={t("person.nationalId")}>
              <Personal hidden={hidden}>
                <Digits value={p.nationalId} />
              </Personal>
            </Fact>
            <Fact label={t("actorForm.mobile")}>
              <Personal hidden={hidden}>
                <Digits value={p.mobile} />
              </Personal>
            </Fact>
            <Fact label={t("actorForm.phone")}>
              <Personal hidden={hidden}>
                <Digits value={p.phone} />
              </Personal>
            </Fact>
            <Fact label={t("actorForm.email")}>
              <Personal hidden={hidden}>{p.email ? <bdi dir="ltr">{p.email}</bdi> : dash}</Personal>
            </Fact>
            <Fact label={t("actorForm.website")}>
              <OutLink href={p.website} />
            </Fact>
            <Fact label={t("actorForm.provinceCity")}>
              {[provinceName(p.provinceCode), p.city].filter(Boolean).join(t("common.listSeparator")) || dash}
            </Fact>
            <Fact label={t("actorForm.address")} wide>
              <Personal hidden={hidden}>{p.address ?? dash}</Personal>
            </Fact>
          </Facts>
        </Section>
        <Box sx={{ gridColumn: "1 / -1", minWidth: 0 }}>
          <MembershipsSection
            kind="person"
            actorId={p.id}
            memberships={p.memberships}
            canManage={manageMemberships}
            canAdd={manageMemberships}
            queryKey={queryKey}
          />
        </Box>
        {p.notes && (
          <Box sx={{ gridColumn: "1 / -1", minWidth: 0 }}>
            <Section title={t("actorForm.notes")}>
              <Box sx={{ whiteSpace: "pre-wrap" }}>{p.notes}</Box>
            </Section>
          </Box>
        )}
      </Box>
      {editing && (
        <PersonEditDialog
          person={p}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            notify.success(t("person.saved"));
          }}
        />
      )}
    </>
  );
}
