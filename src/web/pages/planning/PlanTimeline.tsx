import CompareArrows from "@mui/icons-material/CompareArrows";
import Box from "@mui/material/Box";
import { useTranslation } from "react-i18next";
import { addDaysIso, isoToJalali, jalaliToIso, todayIso } from "../../../core/jalali";
import { useFormat } from "../../app/format";
import { tDynamic } from "../../app/i18n";
import { visuallyHidden } from "./shared";
import type { Plan } from "./types";

interface Month {
  year: number;
  month: number;
  start: string;
  end: string;
}

const dayNo = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);

/** The Jalali months a period touches, each cut to the period. */
export function jalaliMonths(start: string, end: string): Month[] {
  const first = isoToJalali(start, "yyyy/MM");
  if (!first || end < start) return [];
  let [y, m] = first.split("/").map(Number) as [number, number];
  const out: Month[] = [];
  for (let guard = 0; guard < 40; guard++) {
    const from = jalaliToIso(`${y}/${m}/01`);
    if (!from || from > end) break;
    const [ny, nm] = m === 12 ? [y + 1, 1] : [y, m + 1];
    const next = jalaliToIso(`${ny}/${nm}/01`) ?? end;
    const last = addDaysIso(next, -1);
    out.push({ year: y, month: m, start: from < start ? start : from, end: last > end ? end : last });
    [y, m] = [ny, nm];
  }
  return out;
}

/**
 * The year's programmes on the plan's Jalali months, read in the page's
 * direction (right to left in Persian): each programme's current dates as a
 * solid bar over a faint, dashed bar of the dates last approved, so a slip
 * shows as the two parting; a slipped programme is also named in words.
 */
export function PlanTimeline({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const f = useFormat();
  const start = plan.periodStart;
  const end = plan.periodEnd;
  const months = jalaliMonths(start, end);
  const total = dayNo(end) - dayNo(start) + 1;
  if (total <= 0 || months.length === 0) return null;
  /** Where a span lies on the track, in percent from the inline start. */
  const span = (from: string, to: string) => {
    const a = Math.max(0, dayNo(from) - dayNo(start));
    const b = Math.min(total, dayNo(to) - dayNo(start) + 1);
    return { insetInlineStart: `${(a / total) * 100}%`, width: `${(Math.max(b - a, 0.5) / total) * 100}%` };
  };
  const today = todayIso();
  const todayAt = today >= start && today <= end ? span(today, today).insetInlineStart : null;
  const label = { width: { xs: 110, sm: 180 }, flexShrink: 0, pe: 1 } as const;

  return (
    <Box
      sx={{ overflowX: "auto" }}
      tabIndex={0}
      role="region"
      aria-label={t("planning.timeline.title")}
      data-testid="plan-timeline"
    >
      <Box sx={{ minWidth: 560 }}>
        <Box sx={{ display: "flex", alignItems: "stretch", borderBottom: 1, borderColor: "divider" }}>
          <Box sx={label} />
          <Box sx={{ flexGrow: 1, display: "flex" }}>
            {months.map((m) => (
              <Box
                key={`${m.year}-${m.month}`}
                sx={{
                  width: `${((dayNo(m.end) - dayNo(m.start) + 1) / total) * 100}%`,
                  borderInlineStart: 1,
                  borderColor: "divider",
                  px: 0.25,
                  py: 0.5,
                  fontSize: 11,
                  textAlign: "center",
                  overflow: "hidden",
                  whiteSpace: "nowrap",
                  textOverflow: "ellipsis",
                }}
                data-testid="timeline-month"
              >
                {tDynamic(`jalaliMonths.${m.month}`)}
                {m.month === 1 || m === months[0] ? (
                  <Box component="span" sx={{ color: "text.secondary" }}>
                    {" "}
                    {f.digits(m.year)}
                  </Box>
                ) : null}
              </Box>
            ))}
          </Box>
        </Box>
        <Box component="ul" sx={{ listStyle: "none", m: 0, p: 0 }}>
          {plan.programmeList.map((p) => {
            const a = p.approved;
            const slipped = a !== null && (a.startDate !== p.startDate || a.endDate !== p.endDate);
            return (
              <Box
                component="li"
                key={p.id}
                sx={{ display: "flex", alignItems: "center", borderBottom: 1, borderColor: "divider", minHeight: 40 }}
                data-testid="timeline-row"
                data-slipped={slipped}
              >
                <Box sx={{ ...label, fontSize: 13, overflow: "hidden" }}>
                  {/* Its own direction, so a long Persian title is cut at its end in either UI language. */}
                  <Box
                    dir="auto"
                    sx={{ overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" }}
                    title={p.title}
                  >
                    {p.title}
                  </Box>
                  {slipped && (
                    <Box
                      component="span"
                      sx={{
                        display: "inline-flex",
                        alignItems: "center",
                        gap: 0.25,
                        fontSize: 11,
                        color: "warning.dark",
                      }}
                    >
                      <CompareArrows sx={{ fontSize: 14 }} aria-hidden />
                      {t("planning.timeline.moved")}
                    </Box>
                  )}
                </Box>
                <Box sx={{ position: "relative", flexGrow: 1, height: 28 }}>
                  {months.map((m) => (
                    <Box
                      key={`${m.year}-${m.month}`}
                      aria-hidden
                      sx={{
                        position: "absolute",
                        top: 0,
                        bottom: 0,
                        ...span(m.start, m.start),
                        width: 0,
                        borderInlineStart: 1,
                        borderColor: "divider",
                      }}
                    />
                  ))}
                  {a && (
                    <Box
                      aria-hidden
                      title={t("planning.timeline.approvedSpan", { from: f.date(a.startDate), to: f.date(a.endDate) })}
                      sx={{
                        position: "absolute",
                        top: 3,
                        height: 22,
                        ...span(a.startDate, a.endDate),
                        bgcolor: "action.selected",
                        border: 1,
                        borderStyle: "dashed",
                        borderColor: "text.disabled",
                        borderRadius: 1,
                      }}
                      data-testid="timeline-approved"
                    />
                  )}
                  <Box
                    aria-hidden
                    title={t("planning.timeline.currentSpan", { from: f.date(p.startDate), to: f.date(p.endDate) })}
                    sx={{
                      position: "absolute",
                      top: 8,
                      height: 12,
                      ...span(p.startDate, p.endDate),
                      bgcolor:
                        p.status === "late" ? "error.main" : p.status === "done" ? "success.main" : "primary.main",
                      borderRadius: 1,
                    }}
                    data-testid="timeline-bar"
                  />
                  {todayAt && (
                    <Box
                      aria-hidden
                      sx={{
                        position: "absolute",
                        top: 0,
                        bottom: 0,
                        insetInlineStart: todayAt,
                        borderInlineStart: 2,
                        borderColor: "secondary.main",
                      }}
                    />
                  )}
                  <Box component="span" sx={visuallyHidden}>
                    {t("planning.timeline.currentSpan", { from: f.date(p.startDate), to: f.date(p.endDate) })}
                    {a &&
                      ` ${t("planning.timeline.approvedSpan", { from: f.date(a.startDate), to: f.date(a.endDate) })}`}
                  </Box>
                </Box>
              </Box>
            );
          })}
        </Box>
        <Box sx={{ display: "flex", flexWrap: "wrap", gap: 2, mt: 1, fontSize: 12, color: "text.secondary" }}>
          <Box component="span" sx={{ display: "inline-flex", alignItems: "center", gap: 0.5 }}>
            <Box component="span" aria-hidden sx={{ width: 24, height: 8, bgcolor: "primary.main", borderRadius: 1 }} />
            {t("planning.timeline.legendCurrent")}
          </Box>
          <Box component="span" sx={{ display: "inline-flex", alignItems: "center", gap: 0.5 }}>
            <Box
              component="span"
              aria-hidden
              sx={{
                width: 24,
                height: 12,
                bgcolor: "action.selected",
                border: 1,
                borderStyle: "dashed",
                borderColor: "text.disabled",
                borderRadius: 1,
              }}
            />
            {t("planning.timeline.legendApproved")}
          </Box>
          {todayAt && (
            <Box component="span" sx={{ display: "inline-flex", alignItems: "center", gap: 0.5 }}>
              <Box component="span" aria-hidden sx={{ width: 2, height: 14, bgcolor: "secondary.main" }} />
              {t("planning.timeline.today")}
            </Box>
          )}
        </Box>
      </Box>
    </Box>
  );
}
