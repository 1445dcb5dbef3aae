import BookmarkAddOutlined from "@mui/icons-material/BookmarkAddOutlined";
import BookmarkOutlined from "@mui/icons-material/BookmarkOutlined";
import DeleteOutline from "@mui/icons-material/DeleteOutline";
import DesignServicesOutlined from "@mui/icons-material/DesignServicesOutlined";
import LinkOutlined from "@mui/icons-material/LinkOutlined";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link as RouterLink } from "react-router";
import type { z } from "zod";
import type { SavedViewOut, SavedViewsOut } from "../../../core/schemas/members";
import { SavedViewInput } from "../../../core/schemas/members";
import { api } from "../../app/api";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { FormDialog, TextField, useSchemaForm } from "../../components/form";
import { useNotify } from "../../components/Notifier";
import { DIRECTORY_KEYS, type DirectoryFilters } from "./filters";

type SavedView = z.infer<typeof SavedViewOut>;
type SavedViews = z.infer<typeof SavedViewsOut>;

const enc = encodeURIComponent;
const NameOnly = SavedViewInput.pick({ name: true });

/** A view's address, to open it again or send it to a colleague. */
export function viewLink(id: string): string {
  return `${window.location.origin}/members?viewId=${enc(id)}`;
}

/** What a view stores: the directory's filters without its cluster (the view's own) or a view. */
function viewFilters(f: DirectoryFilters): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(f)) if (v && k !== "clusterId" && k !== "viewId") out[k] = v;
  return out;
}

function SaveViewDialog({
  clusterId,
  filters,
  defaultName,
  onClose,
  onSaved,
}: {
  clusterId: string;
  filters: DirectoryFilters;
  defaultName: string;
  onClose: () => void;
  onSaved: (v: SavedView) => void;
}) {
  const { t } = useTranslation();
  const form = useSchemaForm(NameOnly, { name: defaultName || null });
  return (
    <FormDialog
      form={form}
      title={t("views.saveTitle")}
      submitLabel={t("views.save")}
      submitTestId="view-save-submit"
      onClose={onClose}
      onSubmit={async ({ name }) => {
        const v = await api.post<SavedView>(`/clusters/${enc(clusterId)}/views`, {
          name,
          filters: viewFilters(filters),
        });
        onSaved(v);
      }}
    >
      <TextField name="name" label={t("views.name")} required autoFocus testId="view-name" />
    </FormDialog>
  );
}

/**
 * The saved views of the directory: the one opened by link (its filters put
 * into the page's), the cluster's views to open, saving the current filters
 * as a view, and the designer database as a starting point.
 */
export function SavedViews({ filters, set }: { filters: DirectoryFilters; set: (changes: DirectoryFilters) => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const qc = useQueryClient();
  const [saving, setSaving] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  const viewId = filters.viewId;
  const clusterId = filters.clusterId;

  const view = useQuery({
    queryKey: ["/views", viewId],
    queryFn: ({ signal }) => api.get<SavedView>(`/views/${enc(viewId ?? "")}`, undefined, signal),
    enabled: !!viewId,
  });
  const views = useQuery({
    queryKey: ["/clusters", clusterId, "views"],
    queryFn: ({ signal }) => api.get<SavedViews>(`/clusters/${enc(clusterId ?? "")}/views`, { limit: 50 }, signal),
    enabled: !!clusterId,
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.delete<void>(`/views/${enc(id)}`),
    onSuccess: () => {
      setDeleting(false);
      notify.success(t("views.deleted"));
      void qc.invalidateQueries({ queryKey: ["/clusters", clusterId, "views"] });
      set({ viewId: "" });
    },
    onError: (e) => notify.error(e),
  });

  // A view opened by link shows its filters in the page's controls (once per view).
  const applied = useRef<string | null>(null);
  useEffect(() => {
    const v = view.data;
    if (!v || applied.current === v.id) return;
    applied.current = v.id;
    const changes: DirectoryFilters = { viewId: v.id };
    for (const k of DIRECTORY_KEYS) if (k !== "viewId") changes[k] = (v.filters as DirectoryFilters)[k] ?? "";
    set(changes);
  }, [view.data, set]);

  async function copy(id: string) {
    try {
      await navigator.clipboard.writeText(viewLink(id));
      notify.success(t("views.linkCopied"));
    } catch {
      notify.success(viewLink(id));
    }
  }

  const designers = filters.kind === "person" && filters.skill === "designer";

  return (
    <Box sx={{ display: "grid", gap: 1, mb: 2 }} data-testid="saved-views">
      {viewId && view.isError && <Alert severity="warning">{t("views.notFound")}</Alert>}
      {view.data && (
        <Alert
          severity="info"
          icon={<BookmarkOutlined />}
          data-testid="saved-view-open"
          action={
            <Box sx={{ display: "flex", gap: 0.5, flexWrap: "wrap" }}>
              <Button size="small" startIcon={<LinkOutlined />} onClick={() => void copy(view.data.id)}>
                {t("views.copyLink")}
              </Button>
              {view.data.canDelete && (
                <Button
                  size="small"
                  color="error"
                  startIcon={<DeleteOutline />}
                  onClick={() => setDeleting(true)}
                  data-testid="saved-view-delete"
                >
                  {t("views.delete")}
                </Button>
              )}
            </Box>
          }
        >
          {t("views.opened", { name: view.data.name, cluster: view.data.clusterName })}
        </Alert>
      )}
      <Box sx={{ display: "flex", flexWrap: "wrap", gap: 1, alignItems: "center" }}>
        {(views.data?.items ?? []).map((v) => (
          <Chip
            key={v.id}
            icon={<BookmarkOutlined />}
            label={v.name}
            component={RouterLink}
            to={`/members?viewId=${enc(v.id)}`}
            clickable
            color={v.id === viewId ? "primary" : "default"}
            variant={v.id === viewId ? "filled" : "outlined"}
            data-testid="saved-view"
          />
        ))}
        {!designers && (
          <Button
            size="small"
            startIcon={<DesignServicesOutlined />}
            onClick={() => set({ kind: "person", skill: "designer", viewId: "" })}
            data-testid="views-designers"
          >
            {t("views.designers")}
          </Button>
        )}
        {clusterId ? (
          <Button
            size="small"
            startIcon={<BookmarkAddOutlined />}
            onClick={() => setSaving(designers ? t("views.designersName") : "")}
            data-testid="view-save"
          >
            {t("views.saveCurrent")}
          </Button>
        ) : (
          <Box component="span" sx={{ color: "text.secondary", fontSize: 13 }}>
            {t("views.chooseCluster")}
          </Box>
        )}
      </Box>
      {saving !== null && clusterId && (
        <SaveViewDialog
          clusterId={clusterId}
          filters={filters}
          defaultName={saving}
          onClose={() => setSaving(null)}
          onSaved={(v) => {
            setSaving(null);
            notify.success(t("views.saved", { name: v.name }));
            void qc.invalidateQueries({ queryKey: ["/clusters", clusterId, "views"] });
            applied.current = v.id;
            set({ viewId: v.id });
          }}
        />
      )}
      {view.data && (
        <ConfirmDialog
          open={deleting}
          title={t("views.deleteTitle")}
          message={t("views.deleteMessage", { name: view.data.name })}
          confirmLabel={t("views.delete")}
          danger
          busy={remove.isPending}
          onConfirm={() => remove.mutate(view.data.id)}
          onClose={() => setDeleting(false)}
        />
      )}
    </Box>
  );
}
