import Box from "@mui/material/Box";
import Tooltip from "@mui/material/Tooltip";
import Typography from "@mui/material/Typography";
import { useTranslation } from "react-i18next";
import { PROVINCE_TILES, TILE_COLUMNS, TILE_ROWS } from "../../../core/tilemap";
import { useFormat } from "../../app/format";
import { tDynamic } from "../../app/i18n";
import type { Province } from "../../app/types";

/** A sequential palette from light to dark; no clusters is grey. */
const PALETTE = ["#d5ede7", "#a3d7ca", "#63b8a5", "#2a8f7c", "#00594e"];
const EMPTY = "#e6e8e7";
const OUTSIDE = "#f4f5f5";

export interface TileDatum {
  code: string;
  count: number;
}

const STEPS = PALETTE.length;

/**
 * The colour step of a count: -1 for none, else 0..4. Counts are spread on a
 * logarithmic scale (one province with ~70 clusters beside several with a
 * handful would otherwise leave all of those in the lightest step); when the
 * largest count is small each count gets its own step.
 */
export function bucketOf(n: number, max: number): number {
  if (n <= 0 || max <= 0) return -1;
  if (max <= STEPS) return Math.min(STEPS - 1, n - 1 + (STEPS - max));
  return Math.min(STEPS - 1, Math.floor((Math.log(n) / Math.log(max)) * STEPS));
}

/** The legend's steps: colour and the range of counts it stands for. */
function legendSteps(max: number): { color: string; from: number; to: number }[] {
  const steps: { color: string; from: number; to: number }[] = [];
  for (let n = 1; n <= max; n++) {
    const color = PALETTE[bucketOf(n, max)];
    const last = steps[steps.length - 1];
    if (last?.color === color) last.to = n;
    else steps.push({ color, from: n, to: n });
  }
  return steps;
}

/**
 * Iran's 31 provinces as a tile map, each a square placed roughly where the
 * province lies, coloured by its count. The grid is laid out left to right
 * whatever the page direction, so east stays east. Provinces outside the
 * user's scope are shown but greyed and cannot be opened.
 */
export function TileMap({
  provinces,
  data,
  onOpen,
}: {
  provinces: Province[];
  /** Counts of the provinces in scope; the others are drawn as outside it. */
  data: TileDatum[];
  onOpen: (code: string) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const counts = new Map(data.map((d) => [d.code, d.count]));
  const max = Math.max(0, ...data.map((d) => d.count));
  const name = (code: string) => {
    const p = provinces.find((x) => x.code === code);
    return p ? (f.lng === "en" ? p.nameEn : p.nameFa) : code;
  };
  const short = (code: string) => tDynamic(`provinceShort.${code}`, { defaultValue: name(code) });

  return (
    <Box>
      <Box
        dir="ltr"
        role="group"
        aria-label={t("overview.mapLabel")}
        data-testid="tile-map"
        sx={{
          display: "grid",
          gridTemplateColumns: `repeat(${TILE_COLUMNS}, minmax(0, 1fr))`,
          gridTemplateRows: `repeat(${TILE_ROWS}, auto)`,
          gap: { xs: "3px", sm: "6px" },
          maxWidth: 620,
          mx: "auto",
        }}
      >
        {Object.entries(PROVINCE_TILES).map(([code, pos]) => {
          const inScope = counts.has(code);
          const count = counts.get(code) ?? 0;
          const bucket = bucketOf(count, max);
          const bg = !inScope ? OUTSIDE : bucket < 0 ? EMPTY : PALETTE[bucket];
          const dark = bucket >= 3;
          const label = inScope
            ? t("overview.tileLabel", { province: name(code), n: f.num(count) })
            : t("overview.tileOutside", { province: name(code) });
          const tile = (
            <Box
              key={code}
              component="button"
              type="button"
              disabled={!inScope}
              aria-label={label}
              onClick={() => onOpen(code)}
              data-testid={`tile-${code}`}
              data-count={inScope ? count : undefined}
              data-in-scope={inScope}
              sx={{
                gridColumn: pos.x + 1,
                gridRow: pos.y + 1,
                aspectRatio: { xs: "1 / 1.15", sm: "1 / 0.9" },
                minWidth: 0,
                p: { xs: "2px", sm: 0.5 },
                border: 1,
                borderColor: inScope ? "rgba(0,0,0,0.08)" : "divider",
                borderStyle: inScope ? "solid" : "dashed",
                borderRadius: { xs: 1, sm: 1.5 },
                bgcolor: bg,
                color: dark ? "#fff" : inScope ? "text.primary" : "text.disabled",
                display: "flex",
                flexDirection: "column",
                alignItems: "center",
                justifyContent: "center",
                gap: { xs: 0, sm: 0.25 },
                fontFamily: "inherit",
                cursor: inScope ? "pointer" : "default",
                transition: "transform 120ms, box-shadow 120ms",
                "&:hover:not(:disabled)": { transform: "scale(1.05)", boxShadow: 3, zIndex: 1 },
                "&:focus-visible": { outline: "3px solid", outlineColor: "secondary.main", outlineOffset: 1 },
              }}
            >
              <Box
                component="span"
                dir="auto"
                sx={{
                  fontSize: { xs: 8.5, sm: 12 },
                  lineHeight: 1.15,
                  textAlign: "center",
                  overflowWrap: "anywhere",
                  maxWidth: "100%",
                }}
              >
                {short(code)}
              </Box>
              {inScope && (
                <Box component="span" sx={{ fontSize: { xs: 13, sm: 18 }, fontWeight: 700, lineHeight: 1.1 }}>
                  {f.num(count)}
                </Box>
              )}
            </Box>
          );
          // A disabled button gets no events, so the ones outside the scope explain themselves by title.
          return inScope ? (
            <Tooltip key={code} title={label} disableInteractive>
              {tile}
            </Tooltip>
          ) : (
            <Box key={code} component="span" title={label} sx={{ display: "contents" }}>
              {tile}
            </Box>
          );
        })}
      </Box>
      <Box
        sx={{ display: "flex", flexWrap: "wrap", alignItems: "center", justifyContent: "center", gap: 1.5, mt: 1.5 }}
        data-testid="tile-legend"
      >
        <LegendItem color={EMPTY} label={f.num(0)} />
        {legendSteps(max).map((s) => (
          <LegendItem
            key={s.color}
            color={s.color}
            label={s.from === s.to ? f.num(s.from) : t("overview.range", { from: f.num(s.from), to: f.num(s.to) })}
          />
        ))}
        {data.length < Object.keys(PROVINCE_TILES).length && (
          <LegendItem color={OUTSIDE} dashed label={t("overview.outside")} />
        )}
      </Box>
    </Box>
  );
}

function LegendItem({ color, label, dashed }: { color: string; label: string; dashed?: boolean }) {
  return (
    <Box sx={{ display: "inline-flex", alignItems: "center", gap: 0.5 }}>
      <Box
        sx={{
          width: 14,
          height: 14,
          borderRadius: 0.5,
          bgcolor: color,
          border: 1,
          borderColor: "divider",
          borderStyle: dashed ? "dashed" : "solid",
        }}
      />
      <Typography variant="caption">{label}</Typography>
    </Box>
  );
}
