import Edit from "@mui/icons-material/Edit";
import VisibilityOffOutlined from "@mui/icons-material/VisibilityOffOutlined";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import Link from "@mui/material/Link";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link as RouterLink, useParams } from "react-router";
import { useAuth } from "../../app/auth";
import { BackButton } from "../../components/BackButton";
import { useNotify } from "../../components/Notifier";
import { PageHeader } from "../../components/PageHeader";
import { Section } from "../../components/Section";
import { FullRow, TwoColumns } from "../../components/TwoColumns";
import { ActorDetailState, ContactSection, NotesSection, Personal, useActorDetail } from "./ActorPageParts";
import { actorPath, Digits, Fact, Facts, KindChip, OutLink } from "./labels";
import { MembershipsSection } from "./MembershipsSection";
import { type PersonDetail, PersonEditDialog } from "./PersonFormDialog";

/** A designer's, trainer's or consultant's page: skills, portfolio, employer, clusters. */
export default function PersonPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const notify = useNotify();
  const { can } = useAuth();
  const [editing, setEditing] = useState(false);
  const { queryKey, query } = useActorDetail<PersonDetail>("/people", id);
  if (!query.isSuccess) return <ActorDetailState query={query} />;
  const p = query.data;
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
      <TwoColumns>
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
        <ContactSection
          contact={p}
          testId="person-contact"
          hidden={hidden}
          first={
            <Fact label={t("person.nationalId")}>
              <Personal hidden={hidden}>
                <Digits value={p.nationalId} />
              </Personal>
            </Fact>
          }
        />
        <FullRow>
          <MembershipsSection
            kind="person"
            actorId={p.id}
            memberships={p.memberships}
            canManage={manageMemberships}
            canAdd={manageMemberships}
            queryKey={queryKey}
          />
        </FullRow>
        <NotesSection notes={p.notes} />
      </TwoColumns>
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
