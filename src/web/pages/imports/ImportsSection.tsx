import UploadFile from "@mui/icons-material/UploadFile";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import LinearProgress from "@mui/material/LinearProgress";
import Link from "@mui/material/Link";
import List from "@mui/material/List";
import ListItem from "@mui/material/ListItem";
import ListItemText from "@mui/material/ListItemText";
import Typography from "@mui/material/Typography";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type ChangeEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link as RouterLink, useNavigate } from "react-router";
import type { ImportKindName, ImportRunDto } from "../../../core/schemas/imports";
import { api } from "../../app/api";
import { useFormat } from "../../app/format";
import type { Page } from "../../app/types";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { JalaliDate } from "../../components/JalaliDate";
import { Loading } from "../../components/Loading";
import { useNotify } from "../../components/Notifier";
import { Section } from "../../components/Section";
import { SelectField } from "../../components/SelectField";
import type { ClusterSectionProps } from "../../modules/module";

/** On the cluster's page: upload a spreadsheet to import, and the cluster's recent imports. */
export default function ImportsSection({ cluster }: ClusterSectionProps) {
  const { t } = useTranslation("imports");
  const f = useFormat();
  const notify = useNotify();
  const navigate = useNavigate();
  const input = useRef<HTMLInputElement>(null);
  const [kind, setKind] = useState<ImportKindName>("enterprise");
  const base = `/clusters/${encodeURIComponent(cluster.id)}/imports`;
  const runs = useQuery({
    queryKey: ["/clusters", cluster.id, "imports"],
    queryFn: ({ signal }) => api.get<Page<ImportRunDto>>(base, { limit: 5 }, signal),
  });
  const upload = useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append("file", file);
      return api.post<ImportRunDto>(`${base}?kind=${kind}`, form);
    },
    onSuccess: (run) => navigate(`/imports/${run.id}`),
    onError: notify.error,
  });
  function onFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = "";
    if (file) upload.mutate(file);
  }
  return (
    <Section title={t("imports.sectionTitle")} testId="imports-section">
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
        {t("imports.sectionIntro")}
      </Typography>
      <Box sx={{ display: "flex", gap: 1.5, flexWrap: "wrap", alignItems: "center", mb: 1 }}>
        <SelectField
          label={t("imports.kind")}
          value={kind}
          onChange={(v) => setKind(v as ImportKindName)}
          fullWidth={false}
          minWidth={200}
          testId="import-kind"
        >
          <option value="enterprise">{t("imports.kinds.enterprise")}</option>
          <option value="person">{t("imports.kinds.person")}</option>
        </SelectField>
        <input
          ref={input}
          type="file"
          hidden
          accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={onFile}
          data-testid="import-input"
        />
        <Button
          variant="contained"
          startIcon={<UploadFile />}
          disabled={upload.isPending}
          onClick={() => input.current?.click()}
          data-testid="import-upload"
        >
          {upload.isPending ? t("imports.uploading") : t("imports.upload")}
        </Button>
      </Box>
      {upload.isPending && <LinearProgress sx={{ mb: 1 }} aria-label={t("imports.uploading")} />}
      {runs.isPending ? (
        <Loading minHeight={60} />
      ) : runs.isError ? (
        <ErrorState error={runs.error} onRetry={() => void runs.refetch()} />
      ) : runs.data.items.length === 0 ? (
        <EmptyState title={t("imports.noRuns")} />
      ) : (
        <List dense data-testid="import-runs">
          {runs.data.items.map((r) => (
            <ListItem key={r.id} disableGutters>
              <ListItemText
                primary={
                  <Link component={RouterLink} to={`/imports/${r.id}`} underline="hover" dir="auto">
                    {r.fileName}
                  </Link>
                }
                secondary={
                  <>
                    {t(`imports.kinds.${r.kind}`)} · {t(`imports.states.${r.state}`)}
                    {r.state === "done" &&
                      ` · ${t("imports.summaryDone", {
                        created: f.num(r.counts.created),
                        updated: f.num(r.counts.updated),
                        failed: f.num(r.counts.failed),
                      })}`}{" "}
                    · <JalaliDate value={r.createdAt} />
                  </>
                }
              />
            </ListItem>
          ))}
        </List>
      )}
    </Section>
  );
}
