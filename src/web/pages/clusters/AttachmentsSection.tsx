import AttachFile from "@mui/icons-material/AttachFile";
import Download from "@mui/icons-material/Download";
import UploadFile from "@mui/icons-material/UploadFile";
import Button from "@mui/material/Button";
import IconButton from "@mui/material/IconButton";
import LinearProgress from "@mui/material/LinearProgress";
import Link from "@mui/material/Link";
import List from "@mui/material/List";
import ListItem from "@mui/material/ListItem";
import ListItemIcon from "@mui/material/ListItemIcon";
import ListItemText from "@mui/material/ListItemText";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type ChangeEvent, useRef } from "react";
import { useTranslation } from "react-i18next";
import { API_BASE, api } from "../../app/api";
import { useFormat } from "../../app/format";
import type { Attachment, Page } from "../../app/types";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { JalaliDate } from "../../components/JalaliDate";
import { Loading } from "../../components/Loading";
import { useNotify } from "../../components/Notifier";
import { Section } from "../../components/Section";

/** Files kept with the cluster (reports, minutes, photos). */
export function AttachmentsSection({ clusterId, canUpload }: { clusterId: string; canUpload: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const qc = useQueryClient();
  const fileInput = useRef<HTMLInputElement>(null);
  const base = `/clusters/${encodeURIComponent(clusterId)}`;
  const attachmentsKey = ["/clusters", clusterId, "attachments"];
  const attachments = useQuery({
    queryKey: attachmentsKey,
    queryFn: ({ signal }) => api.get<Page<Attachment>>(`${base}/attachments`, undefined, signal),
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

  return (
    <Section
      title={t("clusterDetail.attachments")}
      actions={
        canUpload && (
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
        )
      }
    >
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
                    <Link href={href} underline="hover" dir="auto" sx={{ wordBreak: "break-all" }}>
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
    </Section>
  );
}
