import Edit from "@mui/icons-material/Edit";
import PersonAddAlt from "@mui/icons-material/PersonAddAlt";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams, useSearchParams } from "react-router";
import { useFormat } from "../../app/format";
import { useProvinceName } from "../../app/lookups";
import { BackButton } from "../../components/BackButton";
import { EmptyState } from "../../components/EmptyState";
import { JalaliDate } from "../../components/JalaliDate";
import { useNotify } from "../../components/Notifier";
import { PageHeader } from "../../components/PageHeader";
import { Section } from "../../components/Section";
import { FullRow, TwoColumns } from "../../components/TwoColumns";
import { ActorDetailState, ContactSection, NotesSection, useActorDetail } from "./ActorPageParts";
import { type EnterpriseDetail, EnterpriseEditDialog } from "./EnterpriseFormDialog";
import { actorPath, Digits, Fact, Facts, KindChip, SizeThresholds } from "./labels";
import { MembershipsSection } from "./MembershipsSection";
import { PersonCreateDialog } from "./PersonFormDialog";

/** An enterprise's profile (شناسنامه بنگاه): every field, its products, what it publishes, its clusters. */
export default function EnterprisePage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const navigate = useNavigate();
  const provinceName = useProvinceName();
  const [params, setParams] = useSearchParams();
  const [addingPerson, setAddingPerson] = useState(false);
  const { queryKey, query } = useActorDetail<EnterpriseDetail>("/enterprises", id);
  if (!query.isSuccess) return <ActorDetailState query={query} />;
  const e = query.data;
  // ?edit opens the form (the member's home card links here): only for those who may edit.
  const editing = params.has("edit") && e.can.update;
  const setEditing = (on: boolean) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (on) next.set("edit", "1");
        else next.delete("edit");
        return next;
      },
      { replace: true },
    );
  const dash = "—";
  const employees =
    e.employeesIndustrial !== null || e.employeesGuild !== null
      ? (e.employeesIndustrial ?? 0) + (e.employeesGuild ?? 0)
      : null;
  const yesNo = (v: boolean | null) => (v === null ? dash : v ? t("common.yes") : t("common.no"));

  return (
    <>
      <BackButton to="/members?kind=enterprise" label={t("enterprise.back")} />
      <PageHeader
        title={e.name}
        testId="enterprise-title"
        actions={
          <Box sx={{ display: "flex", gap: 1, flexWrap: "wrap" }}>
            {e.can.managePeople && (
              <Button
                variant="outlined"
                startIcon={<PersonAddAlt />}
                onClick={() => setAddingPerson(true)}
                data-testid="enterprise-add-person"
              >
                {t("enterprise.addPerson")}
              </Button>
            )}
            {e.can.update && (
              <Button
                variant="contained"
                startIcon={<Edit />}
                onClick={() => setEditing(true)}
                data-testid="enterprise-edit"
              >
                {t("enterprise.edit")}
              </Button>
            )}
          </Box>
        }
      />
      <Box sx={{ display: "flex", flexWrap: "wrap", alignItems: "center", gap: 1, mt: -1, mb: 2 }}>
        <KindChip kind="enterprise" />
        {e.provinceCode && (
          <Chip
            size="small"
            variant="outlined"
            label={[provinceName(e.provinceCode), e.city].filter(Boolean).join(" · ")}
          />
        )}
        {e.sizeClass && (
          <Chip size="small" color="primary" label={t(`sizeClasses.${e.sizeClass}`)} data-testid="enterprise-size" />
        )}
        <Chip
          size="small"
          variant={e.published ? "filled" : "outlined"}
          color={e.published ? "success" : "default"}
          label={e.published ? t("enterprise.published") : t("enterprise.notPublished")}
        />
      </Box>

      <TwoColumns>
        <Section title={t("enterprise.identity")} testId="enterprise-identity">
          <Facts>
            <Fact label={t("enterprise.nationalId")}>
              <Digits value={e.nationalId} />
            </Fact>
            <Fact label={t("enterprise.legalForm")}>{e.legalForm ? t(`legalForms.${e.legalForm}`) : dash}</Fact>
            <Fact label={t("enterprise.contactPerson")}>{e.contactPerson ?? dash}</Fact>
            <Fact label={t("enterprise.staff")}>
              {e.staffCount === 0 ? dash : t("enterprise.staffCount", { n: f.num(e.staffCount) })}
            </Fact>
            <Fact label={t("enterprise.updatedAt")}>
              <JalaliDate value={e.updatedAt} />
            </Fact>
          </Facts>
        </Section>

        <Section title={t("enterprise.employees")} testId="enterprise-employees">
          <Facts>
            <Fact label={t("enterprise.employeesIndustrial")}>
              {e.employeesIndustrial === null ? dash : f.num(e.employeesIndustrial)}
            </Fact>
            <Fact label={t("enterprise.employeesGuild")}>
              {e.employeesGuild === null ? dash : f.num(e.employeesGuild)}
            </Fact>
            <Fact label={t("enterprise.employeesTotal")}>{employees === null ? dash : f.num(employees)}</Fact>
            <Fact label={t("enterprise.sizeClass")}>
              {e.sizeClass ? t(`sizeClasses.${e.sizeClass}`) : t("enterprise.sizeUnknown")}
            </Fact>
          </Facts>
          <Box sx={{ mt: 1.5 }}>
            <SizeThresholds current={e.sizeClass} />
          </Box>
        </Section>

        <Section title={t("enterprise.products")} testId="enterprise-products">
          {e.products.length === 0 ? (
            <EmptyState title={t("enterprise.noProducts")} />
          ) : (
            <Table size="small" aria-label={t("enterprise.products")}>
              <TableHead>
                <TableRow>
                  <TableCell>{t("enterprise.productName")}</TableCell>
                  <TableCell>{t("enterprise.productGroup")}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {e.products.map((p) => (
                  <TableRow key={p.id}>
                    <TableCell>{p.name}</TableCell>
                    <TableCell>{p.productGroup ? <Chip size="small" label={p.productGroup} /> : dash}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </Section>

        <Section title={t("enterprise.capacityExport")} testId="enterprise-capacity">
          <Facts>
            <Fact label={t("enterprise.capacity")}>
              {e.capacity === null ? dash : [f.num(e.capacity), e.capacityUnit].filter(Boolean).join(" ")}
            </Fact>
            <Fact label={t("enterprise.exportExperience")}>{yesNo(e.exportExperience)}</Fact>
            <Fact label={t("enterprise.exportMarkets")} wide>
              {e.exportMarkets ?? dash}
            </Fact>
            <Fact label={t("enterprise.certificates")} wide>
              {e.certificates ?? dash}
            </Fact>
          </Facts>
        </Section>

        <ContactSection contact={e} testId="enterprise-contact" />

        <Section title={t("enterprise.publishing")} testId="enterprise-publishing">
          <Facts>
            <Fact label={t("enterprise.publishedSwitch")} wide>
              {e.published ? t("enterprise.publishedYes") : t("enterprise.publishedNo")}
            </Fact>
            <Fact label={t("enterprise.publishedFields")} wide>
              {e.publishedFields.length === 0 ? (
                t("enterprise.publishedOnlyBasics")
              ) : (
                <Box component="span" sx={{ display: "inline-flex", flexWrap: "wrap", gap: 0.5 }}>
                  {e.publishedFields.map((p) => (
                    <Chip key={p} size="small" variant="outlined" label={t(`publishFields.${p}`)} />
                  ))}
                </Box>
              )}
            </Fact>
          </Facts>
        </Section>

        <FullRow>
          <MembershipsSection
            kind="enterprise"
            actorId={e.id}
            memberships={e.memberships}
            canManage={e.can.manageMemberships}
            canAdd={e.can.manageMemberships}
            queryKey={queryKey}
          />
        </FullRow>

        <NotesSection notes={e.notes} />
      </TwoColumns>

      {editing && (
        <EnterpriseEditDialog
          enterprise={e}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            notify.success(t("enterprise.saved"));
          }}
        />
      )}
      {addingPerson && (
        <PersonCreateDialog
          enterpriseId={e.id}
          onClose={() => setAddingPerson(false)}
          onCreated={(p) => {
            setAddingPerson(false);
            notify.success(t("directory.created", { name: p.name }));
            navigate(actorPath("person", p.id));
          }}
        />
      )}
    </>
  );
}
