import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import FormControlLabel from "@mui/material/FormControlLabel";
import Link from "@mui/material/Link";
import Switch from "@mui/material/Switch";
import Typography from "@mui/material/Typography";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link as RouterLink, useParams } from "react-router";
import { z } from "zod";
import { type ApplicationOut, RejectInput } from "../../../core/schemas/applications";
import { Email, PersonName } from "../../../core/schemas/common";
import { ApiError, api } from "../../app/api";
import { useFormat } from "../../app/format";
import { BackButton } from "../../components/BackButton";
import { ErrorState } from "../../components/ErrorState";
import { FormDialog, TextField, useSchemaForm } from "../../components/form";
import { JalaliDate } from "../../components/JalaliDate";
import { Loading } from "../../components/Loading";
import { useNotify } from "../../components/Notifier";
import { PageHeader } from "../../components/PageHeader";
import { Section } from "../../components/Section";
import NotFoundPage from "../notfound/NotFoundPage";
import { ApplicationStatusChip } from "./labels";

type Application = z.infer<typeof ApplicationOut>;

function Field({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Box sx={{ minWidth: 0 }} data-testid={testId}>
      <Typography variant="caption" color="text.secondary" component="div">
        {label}
      </Typography>
      <Typography component="div" sx={{ overflowWrap: "anywhere" }}>
        {children}
      </Typography>
    </Box>
  );
}

/** Whom approval invites: the applicant's contact by default. */
const ApproveForm = z.object({ inviteEmail: Email, inviteName: PersonName });

function ApproveDialog({ a, onClose, onDone }: { a: Application; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [invite, setInvite] = useState(true);
  const form = useSchemaForm(ApproveForm, { inviteEmail: a.email, inviteName: a.contactPerson });
  return (
    <FormDialog
      form={form}
      title={t("applications.approveTitle")}
      onSubmit={async (body) => {
        await api.post(`/applications/${encodeURIComponent(a.id)}/approve`, invite ? body : { invite: false });
        onDone();
      }}
      submitLabel={t("applications.approve")}
      submitTestId="approve-submit"
      onClose={onClose}
    >
      <Typography variant="body2">
        {a.match
          ? t("applications.matchText", { name: a.match.name, cluster: a.match.clusterName })
          : t("applications.noMatch")}
      </Typography>
      <FormControlLabel
        control={
          <Switch
            checked={invite}
            onChange={(e) => setInvite(e.target.checked)}
            slotProps={{ input: { "data-testid": "approve-invite" } as object }}
          />
        }
        label={t("applications.invite")}
      />
      <TextField
        name="inviteName"
        label={t("applications.inviteName")}
        required
        disabled={!invite}
        testId="approve-invite-name"
      />
      <TextField
        name="inviteEmail"
        label={t("applications.inviteEmail")}
        type="email"
        required
        ltr
        disabled={!invite}
        testId="approve-invite-email"
      />
    </FormDialog>
  );
}

function RejectDialog({ a, onClose, onDone }: { a: Application; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const form = useSchemaForm(RejectInput, { reason: "" });
  return (
    <FormDialog
      form={form}
      title={t("applications.rejectTitle")}
      onSubmit={async (body) => {
        await api.post(`/applications/${encodeURIComponent(a.id)}/reject`, body);
        onDone();
      }}
      submitLabel={t("applications.reject")}
      submitTestId="reject-submit"
      onClose={onClose}
    >
      <TextField
        name="reason"
        label={t("applications.reason")}
        required
        multiline
        minRows={3}
        autoFocus
        helperText={t("applications.rejectHint")}
        testId="reject-reason"
      />
    </FormDialog>
  );
}

export default function ApplicationPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const qc = useQueryClient();
  const [dialog, setDialog] = useState<"approve" | "reject" | null>(null);
  const key = ["/applications", id];
  const q = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => api.get<Application>(`/applications/${encodeURIComponent(id)}`, undefined, signal),
  });
  if (q.isPending) return <Loading />;
  if (q.error) {
    if (q.error instanceof ApiError && q.error.status === 404) return <NotFoundPage />;
    return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  }
  const a = q.data;
  const decided = (message: string) => {
    setDialog(null);
    void qc.invalidateQueries({ queryKey: ["/applications"] });
    notify.success(message);
  };
  const none = t("applications.none");

  return (
    <>
      <BackButton to="/applications" label={t("applications.title")} />
      <PageHeader
        title={t("applications.detailTitle", { name: a.enterpriseName })}
        testId="application-title"
        actions={
          a.can.decide && (
            <Box sx={{ display: "flex", gap: 1 }}>
              <Button variant="contained" onClick={() => setDialog("approve")} data-testid="application-approve">
                {t("applications.approve")}
              </Button>
              <Button
                variant="outlined"
                color="error"
                onClick={() => setDialog("reject")}
                data-testid="application-reject"
              >
                {t("applications.reject")}
              </Button>
            </Box>
          )
        }
      />
      <Box sx={{ display: "grid", gap: 2 }}>
        <Section title={t("applications.applicant")} actions={<ApplicationStatusChip status={a.status} />}>
          <Box sx={{ display: "grid", gap: 2, gridTemplateColumns: { xs: "1fr", sm: "1fr 1fr", md: "1fr 1fr 1fr" } }}>
            <Field label={t("applications.cluster")}>{a.clusterName}</Field>
            <Field label={t("applications.nationalId")}>
              {a.nationalId ? <bdi>{f.digits(a.nationalId)}</bdi> : none}
            </Field>
            <Field label={t("applications.city")}>{a.city}</Field>
            <Field label={t("applications.contactPerson")}>{a.contactPerson}</Field>
            <Field label={t("applications.mobile")}>
              <bdi>{f.digits(a.mobile)}</bdi>
            </Field>
            <Field label={t("applications.email")}>
              <bdi>{a.email}</bdi>
            </Field>
            <Field label={t("applications.products")}>{a.products.join(t("common.listSeparator"))}</Field>
            <Field label={t("applications.employees")}>{f.num(a.employees)}</Field>
            <Field label={t("applications.submittedAt")}>
              <JalaliDate value={a.createdAt} />
            </Field>
          </Box>
          {a.message && (
            <Box sx={{ mt: 2 }}>
              <Field label={t("applications.message")}>
                <Box component="span" sx={{ whiteSpace: "pre-wrap" }}>
                  {a.message}
                </Box>
              </Field>
            </Box>
          )}
        </Section>
        {a.status === "pending" && a.match && (
          <Alert severity="info" data-testid="application-match">
            {t("applications.matchText", { name: a.match.name, cluster: a.match.clusterName })}
          </Alert>
        )}
        {a.status !== "pending" && (
          <Section title={t("applications.decision")} testId="application-decision">
            <Box sx={{ display: "grid", gap: 2, gridTemplateColumns: { xs: "1fr", sm: "1fr 1fr" } }}>
              {a.decidedAt && (
                <Field label={t("applications.decidedAt")}>
                  <JalaliDate value={a.decidedAt} />
                </Field>
              )}
              {a.reason && <Field label={t("applications.reason")}>{a.reason}</Field>}
              {a.enterpriseId && (
                <Field label={t("applications.enterprise")}>
                  <Link
                    component={RouterLink}
                    to={`/members/enterprises/${encodeURIComponent(a.enterpriseId)}`}
                    data-testid="application-enterprise"
                  >
                    {t("applications.openEnterprise")}
                  </Link>
                </Field>
              )}
            </Box>
          </Section>
        )}
      </Box>
      {dialog === "approve" && (
        <ApproveDialog a={a} onClose={() => setDialog(null)} onDone={() => decided(t("applications.approved"))} />
      )}
      {dialog === "reject" && (
        <RejectDialog a={a} onClose={() => setDialog(null)} onDone={() => decided(t("applications.rejected"))} />
      )}
    </>
  );
}
