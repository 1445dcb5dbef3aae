/**
 * The cluster's links as a table (paged on the server): the network for
 * keyboards and screen readers, and where links are changed, ended and
 * deleted. Filters by type and by whether a link holds today; the search
 * matches either actor's name.
 */
import DeleteOutline from "@mui/icons-material/DeleteOutline";
import Edit from "@mui/icons-material/Edit";
import EventBusy from "@mui/icons-material/EventBusy";
import Box from "@mui/material/Box";
import Chip from "@mui/material/Chip";
import IconButton from "@mui/material/IconButton";
import Link from "@mui/material/Link";
import Tooltip from "@mui/material/Tooltip";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link as RouterLink } from "react-router";
import { RELATIONSHIP_TYPES, type RelationshipType } from "../../../core/network";
import { api } from "../../app/api";
import { useFormat } from "../../app/format";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { type Column, DataTable } from "../../components/DataTable";
import { useNotify } from "../../components/Notifier";
import { Section } from "../../components/Section";
import { SelectField } from "../../components/SelectField";
import { KindDot } from "./Figures";
import { EditRelationshipDialog, EndRelationshipDialog } from "./RelationshipDialog";
import { actorPath, type Relationship } from "./shared";

function ActorCell({ actor }: { actor: Relationship["from"] }) {
  return (
    <Box sx={{ display: "inline-flex", alignItems: "center" }}>
      <KindDot kind={actor.kind} />
      <Link component={RouterLink} to={actorPath(actor)}>
        {actor.name}
      </Link>
    </Box>
  );
}

export function RelationshipsTable({
  clusterId,
  canManage,
  onChanged,
}: {
  clusterId: string;
  canManage: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const [type, setType] = useState<RelationshipType | null>(null);
  const [active, setActive] = useState<"" | "true" | "false">("");
  const [editing, setEditing] = useState<Relationship | null>(null);
  const [ending, setEnding] = useState<Relationship | null>(null);
  const [removing, setRemoving] = useState<Relationship | null>(null);
  const path = `/clusters/${encodeURIComponent(clusterId)}/relationships`;
  const remove = useMutation({
    mutationFn: (r: Relationship) => api.delete(`${path}/${encodeURIComponent(r.id)}`),
    onSuccess: () => {
      setRemoving(null);
      onChanged();
      notify.success(t("network.deleted"));
    },
    onError: notify.error,
  });

  const columns: Column<Relationship>[] = [
    { key: "from", label: t("network.from"), render: (r) => <ActorCell actor={r.from} />, minWidth: 160 },
    { key: "type", label: t("network.type"), render: (r) => t(`network.types.${r.type}`), nowrap: true },
    { key: "to", label: t("network.to"), render: (r) => <ActorCell actor={r.to} />, minWidth: 160 },
    {
      key: "strength",
      label: t("network.strength"),
      render: (r) => t(`network.strengths.${r.strength as 1 | 2 | 3}`),
      hideOnMobile: true,
    },
    {
      key: "period",
      label: t("network.period"),
      nowrap: true,
      hideOnMobile: true,
      render: (r) => (
        <>
          {r.startOn ? f.date(r.startOn, false) : t("network.sinceBefore")} –{" "}
          {r.endOn ? f.date(r.endOn, false) : t("network.present")}
          {!r.active && <Chip size="small" variant="outlined" label={t("network.ended")} sx={{ mx: 0.5 }} />}
        </>
      ),
    },
    { key: "source", label: t("network.source"), render: (r) => t(`network.sources.${r.source}`), hideOnMobile: true },
  ];
  if (canManage)
    columns.push({
      key: "actions",
      label: "",
      align: "right",
      nowrap: true,
      render: (r) => (
        <>
          <Tooltip title={t("network.edit")}>
            <IconButton
              size="small"
              aria-label={t("network.edit")}
              onClick={() => setEditing(r)}
              data-testid="rel-edit"
            >
              <Edit fontSize="small" />
            </IconButton>
          </Tooltip>
          {!r.endOn && (
            <Tooltip title={t("network.end")}>
              <IconButton size="small" aria-label={t("network.end")} onClick={() => setEnding(r)} data-testid="rel-end">
                <EventBusy fontSize="small" />
              </IconButton>
            </Tooltip>
          )}
          <Tooltip title={t("network.delete")}>
            <IconButton
              size="small"
              aria-label={t("network.delete")}
              onClick={() => setRemoving(r)}
              data-testid="rel-delete"
            >
              <DeleteOutline fontSize="small" />
            </IconButton>
          </Tooltip>
        </>
      ),
    });

  const saved = (close: () => void, message: string) => () => {
    close();
    onChanged();
    notify.success(message);
  };

  return (
    <Section title={t("network.list")} testId="network-links">
      <DataTable<Relationship>
        path={path}
        columns={columns}
        rowKey={(r) => r.id}
        params={{ type, active: active || undefined }}
        searchable
        searchPlaceholder={t("network.searchActors")}
        emptyText={t("network.empty")}
        ariaLabel={t("network.list")}
        testId="network-links-table"
        toolbar={
          <Box sx={{ display: "flex", gap: 1, flexWrap: "wrap" }}>
            <SelectField
              label={t("network.type")}
              value={type ?? ""}
              onChange={(v) => setType(v === "" ? null : (v as RelationshipType))}
              testId="links-type"
              minWidth={180}
              fullWidth={false}
            >
              <option value="">{t("network.allTypes")}</option>
              {RELATIONSHIP_TYPES.map((x) => (
                <option key={x} value={x}>
                  {t(`network.types.${x}`)}
                </option>
              ))}
            </SelectField>
            <SelectField
              label={t("network.active")}
              value={active}
              onChange={(v) => setActive(v as "" | "true" | "false")}
              testId="links-active"
              minWidth={140}
              fullWidth={false}
            >
              <option value="">{t("network.allStates")}</option>
              <option value="true">{t("network.active")}</option>
              <option value="false">{t("network.ended")}</option>
            </SelectField>
          </Box>
        }
      />
      {editing && (
        <EditRelationshipDialog
          relationship={editing}
          onClose={() => setEditing(null)}
          onSaved={saved(() => setEditing(null), t("network.saved"))}
        />
      )}
      {ending && (
        <EndRelationshipDialog
          relationship={ending}
          onClose={() => setEnding(null)}
          onSaved={saved(() => setEnding(null), t("network.endedDone"))}
        />
      )}
      <ConfirmDialog
        open={removing !== null}
        title={t("network.deleteTitle")}
        message={removing ? t("network.deleteText", { from: removing.from.name, to: removing.to.name }) : ""}
        confirmLabel={t("network.delete")}
        danger
        busy={remove.isPending}
        onConfirm={() => removing && remove.mutate(removing)}
        onClose={() => setRemoving(null)}
      />
    </Section>
  );
}
