/**
 * The network picture: sigma.js 3 over a graphology graph, positions from
 * the snapshot (computed on the server with the figures, so nothing is laid
 * out here), colour by actor kind, size by degree. Hovering an actor shows
 * its name (sigma's hover label); clicking opens its page. Filters hide
 * actors of a kind and links of other types without rebuilding the graph.
 *
 * This file (and with it sigma and graphology) is loaded lazily by the
 * network page only. When the picture has first been drawn the container
 * carries data-drawn-ms (milliseconds since the page's navigation began),
 * which the browser test and bench/network-draw.ts read.
 */
import Box from "@mui/material/Box";
import { useTheme } from "@mui/material/styles";
import Typography from "@mui/material/Typography";
import { MultiGraph } from "graphology";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import Sigma from "sigma";
import type { ActorKind } from "../../../core/members";
import type { RelationshipType } from "../../../core/network";
import { actorPath, KIND_COLORS, type Network } from "./shared";

export interface CanvasFilters {
  kinds: ReadonlySet<ActorKind>;
  /** null: every type. */
  type: RelationshipType | null;
}

const nodeSize = (degree: number, n: number) => {
  // Smaller dots in a big network, so hubs stand out without covering it.
  const base = n > 1000 ? 2 : 4;
  return base + Math.sqrt(degree) * (n > 1000 ? 1.2 : 2);
};

function webglAvailable(): boolean {
  try {
    const c = document.createElement("canvas");
    return !!(c.getContext("webgl2") ?? c.getContext("webgl"));
  } catch {
    return false;
  }
}

export default function NetworkCanvas({
  network,
  filters,
  label,
  onShown,
}: {
  network: Network;
  filters: CanvasFilters;
  /** What the picture shows, for screen readers (the table beside it lists the links). */
  label: string;
  onShown?: (nodes: number, edges: number) => void;
}) {
  const { t } = useTranslation();
  const theme = useTheme();
  const navigate = useNavigate();
  const container = useRef<HTMLDivElement>(null);
  const sigmaRef = useRef<Sigma | null>(null);
  const filtersRef = useRef(filters);
  const [noWebgl] = useState(() => !webglAvailable());

  // Build the graph and the renderer once per network answer.
  useEffect(() => {
    const el = container.current;
    if (!el || noWebgl) return;
    const graph = new MultiGraph();
    const n = network.nodes.length;
    for (const node of network.nodes) {
      graph.addNode(node.id, {
        x: node.x,
        y: node.y,
        label: node.name,
        size: nodeSize(node.degree, n),
        color: KIND_COLORS[node.kind],
        kind: node.kind,
      });
    }
    const edgeColor = theme.palette.mode === "dark" ? "#5f6b7a" : "#b8c2cc";
    for (const e of network.edges) {
      const s = network.nodes[e.source];
      const d = network.nodes[e.target];
      if (!s || !d || s.id === d.id) continue;
      graph.addEdge(s.id, d.id, {
        type: "line",
        size: e.strength * (n > 1000 ? 0.3 : 0.8),
        color: edgeColor,
        rel: e.type,
      });
    }
    const renderer = new Sigma(graph, el, {
      // Names only where they fit; a hovered actor always shows its name.
      labelRenderedSizeThreshold: n > 500 ? 14 : 6,
      labelFont: theme.typography.fontFamily as string,
      labelColor: { color: theme.palette.text.primary },
      defaultEdgeType: "line",
      // A big network pans and zooms on its actors alone (software WebGL drew 13 frames a second with every link).
      hideEdgesOnMove: n > 1000,
      hideLabelsOnMove: n > 1000,
      // The filters hide actors and links in the reducers: the graph stays, refresh() re-reads them.
      nodeReducer: (_key, attrs) => {
        const f = filtersRef.current;
        return f.kinds.has(attrs.kind as ActorKind) ? attrs : { ...attrs, hidden: true };
      },
      edgeReducer: (key, attrs) => {
        const f = filtersRef.current;
        if (f.type && attrs.rel !== f.type) return { ...attrs, hidden: true };
        const [a, b] = graph.extremities(key);
        const ka = graph.getNodeAttribute(a, "kind") as ActorKind;
        const kb = graph.getNodeAttribute(b, "kind") as ActorKind;
        return f.kinds.has(ka) && f.kinds.has(kb) ? attrs : { ...attrs, hidden: true };
      },
    });
    sigmaRef.current = renderer;
    const kindOf = new Map(network.nodes.map((x) => [x.id, x.kind]));
    renderer.on("clickNode", ({ node }) => {
      const kind = kindOf.get(node);
      if (kind) navigate(actorPath({ id: node, kind }));
    });
    renderer.on("enterNode", () => {
      el.style.cursor = "pointer";
    });
    renderer.on("leaveNode", () => {
      el.style.cursor = "";
    });
    let first = true;
    renderer.on("afterRender", () => {
      if (!first) return;
      first = false;
      el.dataset.drawnMs = String(Math.round(performance.now()));
      el.dataset.drawn = "true";
    });
    renderer.refresh();
    return () => {
      renderer.kill();
      sigmaRef.current = null;
    };
  }, [network, noWebgl, navigate, theme]);

  // A filter change only re-runs the reducers.
  useEffect(() => {
    filtersRef.current = filters;
    sigmaRef.current?.refresh();
    if (onShown) {
      const shownNodes = network.nodes.filter((x) => filters.kinds.has(x.kind)).length;
      const shownEdges = network.edges.filter((e) => {
        const s = network.nodes[e.source];
        const d = network.nodes[e.target];
        return (
          !!s &&
          !!d &&
          filters.kinds.has(s.kind) &&
          filters.kinds.has(d.kind) &&
          (!filters.type || e.type === filters.type)
        );
      }).length;
      onShown(shownNodes, shownEdges);
    }
  }, [filters, network, onShown]);

  if (noWebgl)
    return (
      <Typography color="text.secondary" sx={{ p: 2 }} data-testid="network-no-webgl">
        {t("network.noWebgl")}
      </Typography>
    );
  return (
    <Box
      ref={container}
      role="img"
      aria-label={label}
      data-testid="network-canvas"
      // sigma lays its canvases over the whole box; left-to-right whatever the page's direction.
      dir="ltr"
      sx={{ width: "100%", height: { xs: 380, md: 560 }, position: "relative", bgcolor: "background.default" }}
    />
  );
}
