import AttachFile from "@mui/icons-material/AttachFile";
import Download from "@mui/icons-material/Download";
import UploadFile from "@mui/icons-material/UploadFile";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import IconButton from "@mui/material/IconButton";
import LinearProgress from "@mui/material/LinearProgress";
import Link from "@mui/material/Link";
import List from "@mui/material/List";
import ListItem from "@mui/material/ListItem";
import ListItemIcon from "@mui/material/ListItemIcon";
import ListItemText from "@mui/material/ListItemText";
import Paper from "@mui/material/Paper";
import Typography from "@mui/material/Typography";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type ChangeEvent, type ReactNode, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { API_BASE, ApiError, api } from "../../app/api";
import { useAuth } from "../../app/auth";
import { useFormat } from "../../app/format";
import { clusterName, clusterProvinceName } from "../../app/lookups";
import type { Attachment, Cluster, Page } from "../../app/types";
import { BackButton } from "../../components/BackButton";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { JalaliDate } from "../../components/JalaliDate";
import { Loading } from "../../components/Loading";
import { StateChip } from "../../components/labels";
import { useNotify } from "../../components/Notifier";
import { PageHeader } from "../../components/PageHeader";
import NotFoundPage from "../notfound/NotFoundPage";

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box>
      <Typography variant="caption" color="text.secondary" component="div">
        {label}
      </Typography>
      <Typography component="div">{children}</Typography>
    </Box>
  );
}

export default function ClusterDetailPage() {
  const { id = "" } = useParams();
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const { can } = useAuth();
  const notify = useNotify();
  const qc = useQueryClient();
  const fileInput = useRef<HTMLInputElement>(null);
  const base = `/clusters/${encodeURIComponent(id)}`;
  const cluster = useQuery({
    queryKey: ["/clusters", id],
    queryFn: ({ signal }) => api.get<Cluster>(base, undefined, signal),
  });
  const attachmentsKey = ["/clusters", id, "attachments"];
  const attachments = useQuery({
    queryKey: attachmentsKey,
    queryFn: ({ signal }) => api.get<Page<Attachment>>(`${base}/attachments`, undefined, signal),
    enabled: cluster.isSuccess,
  });
  const upload = useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append("file", file);
      return api.post<Attachment>(`${base}/attachments`, form);
    },
    onSuccess: (a) => {
      void qc.invalidateQueries({ queryKey: attachmentsKey });
      notify.success(t("clusterDetail.uploaded", { name: a.fileName }));
    },
    onError: notify.error,
  });

  function onFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = "";
    if (file) upload.mutate(file);
  }

  if (cluster.isPending) return <Loading />;
  if (cluster.isError) {
    if (cluster.error instanceof ApiError && cluster.error.status === 404) return <NotFoundPage />;
    return <ErrorState error={cluster.error} onRetry={() => void cluster.refetch()} />;
  }
  const c = cluster.data;
  const lng = i18n.language;

  return (
    <>
      <BackButton to="/clusters" label={t("clusterDetail.back")} />
      <PageHeader title={clusterName(c, lng)} testId="cluster-title" />
      <Box sx={{ display: "grid", gap: 2, gridTemplateColumns: { xs: "1fr", md: "1fr 2fr" }, alignItems: "start" }}>
        <Paper variant="outlined" sx={{ p: 2, display: "grid", gap: 2 }}>
          <Field label={t("clusterDetail.nameFa")}>{c.nameFa}</Field>
          {c.nameEn && (
            <Field label={t("clusterDetail.nameEn")}>
              <bdi>{c.nameEn}</bdi>
            </Field>
          )}
          <Field label={t("clusters.province")}>{clusterProvinceName(c, lng)}</Field>
          <Field label={t("clusters.state")}>
            <StateChip state={c.state} />
          </Field>
        </Paper>

        <Paper variant="outlined" sx={{ p: 2 }}>
          <Box sx={{ display: "flex", alignItems: "center", gap: 1, mb: 1, flexWrap: "wrap" }}>
            <Typography variant="h6" component="h2" sx={{ fontSize: 17, fontWeight: 600, flexGrow: 1 }}>
              {t("clusterDetail.attachments")}
            </Typography>
            {can("cluster.update") && (
              <>
                <input
                  ref={fileInput}
                  type="file"
                  hidden
                  accept=".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.png,.jpg,.jpeg,.gif,.webp"
                  onChange={onFile}
                  data-testid="attachment-input"
                />
                <Button
                  variant="outlined"
                  startIcon={<UploadFile />}
                  disabled={upload.isPending}
                  onClick={() => fileInput.current?.click()}
                  data-testid="attachment-upload"
                >
                  {upload.isPending ? t("clusterDetail.uploading") : t("clusterDetail.upload")}
                </Button>
              </>
            )}
          </Box>
          {upload.isPending && <LinearProgress sx={{ mb: 1 }} />}
          {attachments.isPending ? (
            <Loading minHeight={80} />
          ) : attachments.isError ? (
            <ErrorState error={attachments.error} onRetry={() => void attachments.refetch()} />
          ) : attachments.data.items.length === 0 ? (
            <EmptyState title={t("clusterDetail.noAttachments")} />
          ) : (
            <List dense data-testid="attachments">
              {attachments.data.items.map((a) => {
                const href = `${API_BASE}/attachments/${encodeURIComponent(a.id)}`;
                return (
                  <ListItem
                    key={a.id}
                    disableGutters
                    secondaryAction={
                      <IconButton
                        edge="end"
                        component="a"
                        href={href}
                        download={a.fileName}
                        aria-label={t("clusterDetail.downloadNamed", { name: a.fileName })}
                      >
                        <Download />
                      </IconButton>
                    }
                  >
                    <ListItemIcon sx={{ minWidth: 36 }}>
                      <AttachFile />
                    </ListItemIcon>
                    <ListItemText
                      primary={
                        <Link href={href} underline="hover" dir="auto">
                          {a.fileName}
                        </Link>
                      }
                      secondary={
                        <>
                          {f.bytes(a.size)} · <JalaliDate value={a.createdAt} />
                        </>
                      }
                    />
                  </ListItem>
                );
              })}
            </List>
          )}
        </Paper>
      </Box>
    </>
  );
}
