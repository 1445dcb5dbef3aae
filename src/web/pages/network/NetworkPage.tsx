/**
 * A cluster's network page (/clusters/:id/network): the picture with its
 * filters, the figures (the most central actors, the communities), the
 * comparison of two dates, and the list of links with its forms — the same
 * network as a table, for keyboards and screen readers.
 *
 * The picture's code (sigma, graphology) is its own lazy chunk, loaded only
 * here; the figures and the table show while it loads.
 */
import Add from "@mui/icons-material/Add";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Checkbox from "@mui/material/Checkbox";
import FormControlLabel from "@mui/material/FormControlLabel";
import FormGroup from "@mui/material/FormGroup";
import Typography from "@mui/material/Typography";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { lazy, Suspense, useCallback, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { ACTOR_KINDS, type ActorKind } from "../../../core/members";
import { RELATIONSHIP_TYPES, type RelationshipType } from "../../../core/network";
import { ApiError, api } from "../../app/api";
import { useFormat } from "../../app/format";
import { clusterName } from "../../app/lookups";
import type { ClusterDetail } from "../../app/types";
import { BackButton } from "../../components/BackButton";
import { ErrorState } from "../../components/ErrorState";
import { Loading } from "../../components/Loading";
import { PageHeader } from "../../components/PageHeader";
import { Section } from "../../components/Section";
import { SelectField } from "../../components/SelectField";
import NotFoundPage from "../notfound/NotFoundPage";
import { ComparePanel } from "./ComparePanel";
import { CentralList, FigureList, KindDot } from "./Figures";
import { AddRelationshipDialog } from "./RelationshipDialog";
import { RelationshipsTable } from "./RelationshipsTable";
import type { Network } from "./shared";

const NetworkCanvas = lazy(() => import("./NetworkCanvas"));

export default function NetworkPage() {
  const { id = "" } = useParams();
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const enc = encodeURIComponent(id);
  const cluster = useQuery({
    queryKey: ["/clusters", id],
    queryFn: ({ signal }) => api.get<ClusterDetail>(`/clusters/${enc}`, undefined, signal),
  });
  const networkPath = `/clusters/${enc}/network`;
  const network = useQuery({
    queryKey: [networkPath],
    queryFn: ({ signal }) => api.get<Network>(networkPath, undefined, signal),
    refetchInterval: (query) => (query.state.data?.computing ? 3000 : false),
  });
  const [kinds, setKinds] = useState<ReadonlySet<ActorKind>>(() => new Set(ACTOR_KINDS));
  const [type, setType] = useState<RelationshipType | null>(null);
  const [shown, setShown] = useState<{ nodes: number; edges: number } | null>(null);
  const [adding, setAdding] = useState(false);
  const filters = useMemo(() => ({ kinds, type }), [kinds, type]);
  const onShown = useCallback((nodes: number, edges: number) => setShown({ nodes, edges }), []);

  // A change of the links: the list, and the network (whose snapshot is being recomputed).
  const changed = useCallback(() => {
    void qc.invalidateQueries({ queryKey: [`/clusters/${enc}/relationships`] });
    void qc.invalidateQueries({ queryKey: [networkPath] });
    void qc.invalidateQueries({ queryKey: [`${networkPath}/figures`] });
  }, [qc, enc, networkPath]);

  if (network.isPending) return <Loading />;
  if (network.isError) {
    if (network.error instanceof ApiError && (network.error.status === 404 || network.error.status === 400))
      return <NotFoundPage />;
    return <ErrorState error={network.error} onRetry={() => void network.refetch()} />;
  }
  const n = network.data;
  const s = n.snapshot;
  const name = cluster.data ? clusterName(cluster.data, i18n.language) : "";

  return (
    <>
      <BackButton to={`/clusters/${enc}`} label={t("network.back")} />
      <PageHeader
        title={t("network.title", { name })}
        testId="network-title"
        actions={
          n.canManage && (
            <Button variant="contained" startIcon={<Add />} onClick={() => setAdding(true)} data-testid="rel-add">
              {t("network.add")}
            </Button>
          )
        }
      />
      {n.computing && (
        <Typography color="text.secondary" role="status" sx={{ mb: 1 }} data-testid="network-computing">
          {t("network.computing")}
        </Typography>
      )}
      <Box
        sx={{
          display: "grid",
          gap: 2,
          gridTemplateColumns: { xs: "minmax(0, 1fr)", lg: "minmax(0, 2fr) minmax(300px, 1fr)" },
          alignItems: "start",
        }}
      >
        <Section title={t("network.picture")} testId="network-picture">
          <Box sx={{ display: "flex", flexWrap: "wrap", gap: 2, alignItems: "center", mb: 1 }}>
            <FormGroup row aria-label={t("network.filterKinds")} data-testid="network-kinds">
              {ACTOR_KINDS.map((k) => (
                <FormControlLabel
                  key={k}
                  control={
                    <Checkbox
                      checked={kinds.has(k)}
                      onChange={(e) => {
                        const next = new Set(kinds);
                        if (e.target.checked) next.add(k);
                        else next.delete(k);
                        setKinds(next);
                      }}
                      slotProps={{ input: { "data-testid": `network-kind-${k}` } as object }}
                    />
                  }
                  label={
                    <Box component="span" sx={{ display: "inline-flex", alignItems: "center" }}>
                      <KindDot kind={k} />
                      {t(`network.kinds.${k}`)}
                    </Box>
                  }
                />
              ))}
            </FormGroup>
            <Box sx={{ minWidth: 200 }}>
              <SelectField
                label={t("network.filterType")}
                value={type ?? ""}
                onChange={(v) => setType(v === "" ? null : (v as RelationshipType))}
                testId="network-type"
              >
                <option value="">{t("network.allTypes")}</option>
                {RELATIONSHIP_TYPES.map((x) => (
                  <option key={x} value={x}>
                    {t(`network.types.${x}`)}
                  </option>
                ))}
              </SelectField>
            </Box>
          </Box>
          {n.nodes.length === 0 ? (
            <Typography color="text.secondary" sx={{ py: 4 }} data-testid="network-empty">
              {s ? t("network.empty") : t("network.noSnapshot")}
            </Typography>
          ) : (
            <Suspense fallback={<Loading minHeight={380} />}>
              <NetworkCanvas
                network={n}
                filters={filters}
                onShown={onShown}
                label={t("network.pictureLabel", {
                  actors: f.num(n.nodes.length),
                  links: f.num(n.edges.length),
                })}
              />
            </Suspense>
          )}
          <Box sx={{ display: "flex", flexWrap: "wrap", gap: 2, mt: 1 }}>
            {shown && (
              <Typography variant="caption" color="text.secondary" data-testid="network-shown">
                {t("network.shown", { nodes: f.num(shown.nodes), edges: f.num(shown.edges) })}
              </Typography>
            )}
            <Typography variant="caption" color="text.secondary">
              {t("network.hoverHint")}
            </Typography>
          </Box>
        </Section>

        <Section title={t("network.figuresTitle")} testId="network-figures-panel">
          {!s ? (
            <Typography color="text.secondary">{t("network.noSnapshot")}</Typography>
          ) : (
            <>
              <FigureList snapshot={s} />
              <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1 }}>
                {t("network.computedAt", { at: f.date(s.computedAt) })}
                {s.stale && ` · ${t("network.stale")}`}
              </Typography>
              <CentralList
                title={t("network.topDegree")}
                actors={s.topByDegree}
                measure="degree"
                testId="network-top-degree"
              />
              <CentralList
                title={t("network.topBetweenness")}
                actors={s.topByBetweenness}
                measure="betweenness"
                testId="network-top-betweenness"
              />
              {s.communities.length > 0 && (
                <Box sx={{ mt: 2 }} data-testid="network-communities">
                  <Typography variant="subtitle2" component="h3" sx={{ mb: 0.5 }}>
                    {t("network.figures.communities")}
                  </Typography>
                  {s.communities.map((c) => (
                    <Box key={c.index} sx={{ py: 0.5 }}>
                      <Typography variant="body2" sx={{ fontWeight: 500 }}>
                        {t("network.communityN", { n: f.num(c.index + 1) })} (
                        {t("network.communitySize", { size: f.num(c.size) })})
                      </Typography>
                      <Typography variant="caption" color="text.secondary">
                        {c.top.map((a) => a.name).join("، ")}
                      </Typography>
                    </Box>
                  ))}
                </Box>
              )}
            </>
          )}
        </Section>
      </Box>

      <Box sx={{ mt: 2 }}>
        <ComparePanel clusterId={id} />
      </Box>

      <Box sx={{ mt: 2 }}>
        <RelationshipsTable clusterId={id} canManage={n.canManage} onChanged={changed} />
      </Box>

      {adding && (
        <AddRelationshipDialog
          clusterId={id}
          onClose={() => setAdding(false)}
          onSaved={() => {
            setAdding(false);
            changed();
          }}
        />
      )}
    </>
  );
}
