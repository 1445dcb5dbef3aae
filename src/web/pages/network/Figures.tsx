/**
 * The network's figures as a list of terms (actors, links, density …), the
 * most central actors and the communities; the cluster page's section shows
 * the first part, the network page all of it.
 */
import Box from "@mui/material/Box";
import Link from "@mui/material/Link";
import Typography from "@mui/material/Typography";
import { useTranslation } from "react-i18next";
import { Link as RouterLink } from "react-router";
import { toPersianDigits } from "../../../core/normalize";
import { useFormat } from "../../app/format";
import { actorPath, KIND_COLORS, type Snapshot } from "./shared";

export const FIGURE_KEYS = [
  "actors",
  "links",
  "density",
  "averageDegree",
  "communities",
  "modularity",
  "isolated",
] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];

/** A figure as it reads: whole numbers grouped, shares and averages with their decimals, in the UI's digits. */
export function useFigureText() {
  const f = useFormat();
  return (key: FigureKey, v: number) => {
    if (key === "density") return decimal(v, v < 0.01 ? 4 : 3, f.lng);
    if (key === "modularity" || key === "averageDegree") return decimal(v, 2, f.lng);
    return f.num(v);
  };
}

/** A fraction with its decimals, in the UI's digits and decimal separator (۰٫۳۸۱). */
export function decimal(v: number, digits: number, lng: string): string {
  const text = new Intl.NumberFormat(lng === "fa" ? "fa-IR" : "en-US", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(v);
  return lng === "fa" ? toPersianDigits(text) : text;
}

export function FigureList({ snapshot, keys = FIGURE_KEYS }: { snapshot: Snapshot; keys?: readonly FigureKey[] }) {
  const { t } = useTranslation();
  const text = useFigureText();
  return (
    <Box
      component="dl"
      sx={{ display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(110px, 1fr))", gap: 1.5, m: 0 }}
      data-testid="network-figures"
    >
      {keys.map((k) => (
        <Box key={k} data-figure={k}>
          <Typography component="dt" variant="caption" color="text.secondary">
            {t(`network.figures.${k}`)}
          </Typography>
          <Typography component="dd" sx={{ m: 0, fontSize: 20, fontWeight: 600 }} data-testid={`figure-${k}`}>
            {text(k, snapshot.figures[k])}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}

/** A dot in the kind's colour before an actor's name (the picture's legend uses the same). */
export function KindDot({ kind }: { kind: keyof typeof KIND_COLORS }) {
  return (
    <Box
      component="span"
      aria-hidden
      sx={{
        display: "inline-block",
        width: 10,
        height: 10,
        borderRadius: "50%",
        bgcolor: KIND_COLORS[kind],
        mx: 0.75,
        flexShrink: 0,
      }}
    />
  );
}

export function CentralList({
  title,
  actors,
  measure,
  testId,
}: {
  title: string;
  actors: Snapshot["topByDegree"];
  measure: "degree" | "betweenness";
  testId: string;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  if (actors.length === 0) return null;
  return (
    <Box sx={{ mt: 2 }}>
      <Typography variant="subtitle2" component="h3" sx={{ mb: 0.5 }}>
        {title}
      </Typography>
      <Box
        component="ol"
        sx={{ m: 0, ps: 3, listStyleType: f.lng === "fa" ? "persian" : "decimal" }}
        data-testid={testId}
      >
        {actors.map((a) => (
          <Box component="li" key={a.id} sx={{ py: 0.25 }}>
            <Box sx={{ display: "flex", alignItems: "center", gap: 0.5 }}>
              <KindDot kind={a.kind} />
              <Link component={RouterLink} to={actorPath(a)} sx={{ flexGrow: 1, minWidth: 0 }}>
                {a.name}
              </Link>
              <Typography variant="caption" color="text.secondary" title={t(`network.${measure}`)}>
                {measure === "degree" ? f.num(a.degree) : decimal(a.betweenness, 3, f.lng)}
              </Typography>
            </Box>
          </Box>
        ))}
      </Box>
    </Box>
  );
}
