import Edit from "@mui/icons-material/Edit";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { useAuth } from "../../app/auth";
import { BackButton } from "../../components/BackButton";
import { useNotify } from "../../components/Notifier";
import { PageHeader } from "../../components/PageHeader";
import { Section } from "../../components/Section";
import { FullRow, TwoColumns } from "../../components/TwoColumns";
import { ActorDetailState, ContactSection, NotesSection, useActorDetail } from "./ActorPageParts";
import { type InstitutionDetail, InstitutionEditDialog } from "./InstitutionFormDialog";
import { Fact, Facts, KindChip } from "./labels";
import { MembershipsSection } from "./MembershipsSection";

/** A supplier's, union's, bank's… page: what it is, how to reach it, the clusters it serves. */
export default function InstitutionPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const notify = useNotify();
  const { can } = useAuth();
  const [editing, setEditing] = useState(false);
  const { queryKey, query } = useActorDetail<InstitutionDetail>("/institutions", id);
  if (!query.isSuccess) return <ActorDetailState query={query} />;
  const i = query.data;
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
      <TwoColumns>
        <Section title={t("institution.identity")} testId="institution-identity">
          <Facts>
            <Fact label={t("institution.kind")}>{t(`institutionKinds.${i.institutionKind}`)}</Fact>
            <Fact label={t("institution.description")} wide>
              {i.description ?? dash}
            </Fact>
          </Facts>
        </Section>
        <ContactSection contact={i} testId="institution-contact" />
        <FullRow>
          <MembershipsSection
            kind="institution"
            actorId={i.id}
            memberships={i.memberships}
            canManage={manageMemberships}
            canAdd={manageMemberships}
            queryKey={queryKey}
            title={t("institution.clusters")}
          />
        </FullRow>
        <NotesSection notes={i.notes} />
      </TwoColumns>
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
