import CheckCircleOutline from "@mui/icons-material/CheckCircleOutline";
import EditOutlined from "@mui/icons-material/EditOutlined";
import MailOutline from "@mui/icons-material/MailOutline";
import PictureAsPdfOutlined from "@mui/icons-material/PictureAsPdfOutlined";
import RemoveCircleOutline from "@mui/icons-material/RemoveCircleOutline";
import VerifiedOutlined from "@mui/icons-material/VerifiedOutlined";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Checkbox from "@mui/material/Checkbox";
import FormControlLabel from "@mui/material/FormControlLabel";
import Link from "@mui/material/Link";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableContainer from "@mui/material/TableContainer";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import Typography from "@mui/material/Typography";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { CertificateIssueOut, CertificatesOut } from "../../../core/schemas/activities";
import { API_BASE, api } from "../../app/api";
import { useFormat } from "../../app/format";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { Loading } from "../../components/Loading";
import { useNotify } from "../../components/Notifier";
import { Section } from "../../components/Section";
import { ActionsHead } from "../planning/shared";
import { CertificateSettingsDialog } from "./CertificateSettingsDialog";
import { activityPath, enc } from "./shared";
import type { Activity } from "./types";

export type Certificates = z.infer<typeof CertificatesOut>;
type CertificateItem = Certificates["items"][number];
type Issued = z.infer<typeof CertificateIssueOut>;

const PAGE_SIZE = 50;

export const certificatesPath = (activityId: string) => `${activityPath(activityId)}/certificates`;

/** The public check of a certificate: the code travels in the fragment, so it never reaches a server log. */
export function verifyUrl(code: string): string {
  return `${window.location.origin}/verify#${encodeURIComponent(code)}`;
}

function Eligible({ yes }: { yes: boolean }) {
  const { t } = useTranslation();
  return (
    <Box
      component="span"
      sx={{ display: "inline-flex", alignItems: "center", gap: 0.5, color: yes ? "success.dark" : "text.secondary" }}
      data-testid="certificate-eligible"
      data-eligible={yes}
    >
      {yes ? <CheckCircleOutline fontSize="small" aria-hidden /> : <RemoveCircleOutline fontSize="small" aria-hidden />}
      {yes ? t("certificates.eligibleYes") : t("certificates.eligibleNo")}
    </Box>
  );
}

/**
 * A training's certificates (managers): the attendance rule and signatories,
 * each registrant's hours against the rule, issuing one or all who qualify,
 * mailing, the PDF and the public verification link.
 */
export default function CertificatesPanel({ activity }: { activity: Activity }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const notify = useNotify();
  const [page, setPage] = useState(1);
  const [mail, setMail] = useState(false);
  const [editing, setEditing] = useState(false);
  const path = certificatesPath(activity.id);
  const list = useQuery({
    queryKey: [path, page],
    queryFn: ({ signal }) => api.get<Certificates>(path, { page, pageSize: PAGE_SIZE }, signal),
    placeholderData: keepPreviousData,
    enabled: activity.kind === "training" && activity.can.manage,
  });
  const refresh = () => qc.invalidateQueries({ queryKey: [path] });

  const issue = useMutation({
    mutationFn: (body: { registrationIds?: string[]; allEligible?: boolean; mail: boolean }) =>
      api.post<Issued>(path, body),
    onSuccess: (r, body) => {
      notify.success(
        body.mail && r.issued.length === 0
          ? t("certificates.mailed")
          : t("certificates.issuedN", { count: r.issued.length, n: f.num(r.issued.length) }),
      );
      return refresh();
    },
    onError: (e) => notify.error(e),
  });

  if (activity.kind !== "training" || !activity.can.manage) return null;

  const data = list.data;
  const settings = data?.settings ?? null;
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  const busy = issue.isPending;
  const pendingOf = (r: CertificateItem) => busy && issue.variables?.registrationIds?.includes(r.registrationId);

  return (
    <Section
      title={t("certificates.title")}
      testId="certificates-panel"
      actions={
        <Button startIcon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="certificate-settings-open">
          {t("certificates.settings.open")}
        </Button>
      }
    >
      {list.isPending ? (
        <Loading minHeight={100} />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : data ? (
        <Box sx={{ display: "grid", gap: 1.5 }}>
          {settings ? (
            <Typography variant="body2" data-testid="certificate-rule">
              {t("certificates.rule", {
                percent: f.num(settings.minAttendancePercent),
                hours: f.num(data.hoursRequired),
              })}
              {" · "}
              {t("certificates.signedBy", {
                names: settings.signatories.map((s) => `${s.name} (${s.title})`).join(t("common.listSeparator")),
              })}
            </Typography>
          ) : (
            <Alert severity="info" data-testid="certificate-no-settings">
              {t("certificates.noSettings")}
            </Alert>
          )}
          <Box sx={{ display: "flex", flexWrap: "wrap", alignItems: "center", gap: 1 }}>
            <Button
              variant="contained"
              startIcon={<VerifiedOutlined />}
              disabled={!settings || busy}
              onClick={() => issue.mutate({ allEligible: true, mail })}
              data-testid="certificates-issue-all"
            >
              {t("certificates.issueAll")}
            </Button>
            <FormControlLabel
              control={
                <Checkbox checked={mail} onChange={(e) => setMail(e.target.checked)} data-testid="certificates-mail" />
              }
              label={t("certificates.mailOnIssue")}
            />
          </Box>
          {data.items.length === 0 ? (
            <EmptyState title={t("certificates.empty")} />
          ) : (
            <TableContainer>
              <Table size="small" aria-label={t("certificates.tableLabel")}>
                <TableHead>
                  <TableRow>
                    <TableCell>{t("certificates.name")}</TableCell>
                    <TableCell>{t("certificates.hoursAttended")}</TableCell>
                    <TableCell>{t("certificates.eligible")}</TableCell>
                    <TableCell>{t("certificates.certificate")}</TableCell>
                    <ActionsHead />
                  </TableRow>
                </TableHead>
                <TableBody>
                  {data.items.map((r) => (
                    <TableRow key={r.registrationId} data-testid="certificate-row" data-issued={!!r.certificate}>
                      <TableCell>
                        <bdi>{r.name}</bdi>
                      </TableCell>
                      <TableCell>{f.num(r.hoursAttended)}</TableCell>
                      <TableCell>
                        <Eligible yes={r.eligible} />
                      </TableCell>
                      <TableCell>
                        {r.certificate ? (
                          <Box sx={{ display: "grid" }}>
                            <Link
                              href={verifyUrl(r.certificate.code)}
                              target="_blank"
                              rel="noopener"
                              dir="ltr"
                              data-testid="certificate-verify-link"
                              aria-label={t("certificates.verifyOf", { name: r.name })}
                              sx={{ fontFamily: "monospace", justifySelf: "start" }}
                            >
                              {r.certificate.code}
                            </Link>
                            <Typography variant="caption" color="text.secondary">
                              {r.certificate.mailedAt
                                ? t("certificates.issuedMailed", {
                                    on: f.date(r.certificate.issuedAt, false),
                                    mailed: f.date(r.certificate.mailedAt, false),
                                  })
                                : t("certificates.issuedOn", { on: f.date(r.certificate.issuedAt, false) })}
                            </Typography>
                          </Box>
                        ) : (
                          <Typography variant="body2" color="text.secondary">
                            {t("certificates.notIssued")}
                          </Typography>
                        )}
                      </TableCell>
                      <TableCell sx={{ whiteSpace: "nowrap" }}>
                        {r.certificate ? (
                          <>
                            <Button
                              size="small"
                              component="a"
                              href={`${API_BASE}/certificates/${enc(r.certificate.id)}/pdf`}
                              download
                              startIcon={<PictureAsPdfOutlined />}
                              aria-label={t("certificates.pdfOf", { name: r.name })}
                              data-testid="certificate-pdf"
                            >
                              {t("certificates.pdf")}
                            </Button>
                            {!r.certificate.mailedAt && (
                              <Button
                                size="small"
                                startIcon={<MailOutline />}
                                disabled={busy}
                                onClick={() => issue.mutate({ registrationIds: [r.registrationId], mail: true })}
                                aria-label={t("certificates.mailOf", { name: r.name })}
                                data-testid="certificate-mail"
                              >
                                {t("certificates.mail")}
                              </Button>
                            )}
                          </>
                        ) : (
                          <Button
                            size="small"
                            variant="outlined"
                            disabled={!settings || !r.eligible || busy}
                            onClick={() => issue.mutate({ registrationIds: [r.registrationId], mail })}
                            aria-label={t("certificates.issueOf", { name: r.name })}
                            data-testid="certificate-issue"
                          >
                            {pendingOf(r) ? t("certificates.issuing") : t("certificates.issue")}
                          </Button>
                        )}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
          )}
          {pages > 1 && (
            <Box sx={{ display: "flex", alignItems: "center", justifyContent: "space-between", gap: 1 }}>
              <Button disabled={page <= 1} onClick={() => setPage(page - 1)}>
                {t("table.previousPage")}
              </Button>
              <Typography variant="body2">{t("checkIn.pageOf", { n: f.num(page), of: f.num(pages) })}</Typography>
              <Button disabled={page >= pages} onClick={() => setPage(page + 1)}>
                {t("table.nextPage")}
              </Button>
            </Box>
          )}
        </Box>
      ) : null}
      {editing && (
        <CertificateSettingsDialog
          activityId={activity.id}
          settings={settings}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            notify.success(t("common.saved"));
            void refresh();
          }}
        />
      )}
    </Section>
  );
}
