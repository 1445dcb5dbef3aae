import AttachFile from "@mui/icons-material/AttachFile";
import Box from "@mui/material/Box";
import Link from "@mui/material/Link";
import Typography from "@mui/material/Typography";
import { useTranslation } from "react-i18next";
import { API_BASE } from "../../app/api";
import { useFormat } from "../../app/format";
import type { Transition } from "../../app/types";
import { EmptyState } from "../../components/EmptyState";
import { JalaliDate } from "../../components/JalaliDate";
import { STATE_COLORS, StateChip } from "../../components/labels";

/** The cluster's life-cycle history, newest step first, as a vertical line of dated steps. */
export function Timeline({ transitions }: { transitions: Transition[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (transitions.length === 0) return <EmptyState title={t("timeline.empty")} />;
  return (
    <Box component="ol" sx={{ listStyle: "none", m: 0, p: 0 }} data-testid="cluster-timeline">
      {transitions.map((tr, i) => {
        const last = i === transitions.length - 1;
        const color = STATE_COLORS[tr.toState];
        return (
          <Box
            component="li"
            key={tr.id}
            data-testid="timeline-item"
            data-state={tr.toState}
            sx={{ position: "relative", pl: 3.5, pb: last ? 0 : 2.5 }}
          >
            {/* The line joining this step to the one before it. */}
            {!last && (
              <Box
                aria-hidden
                sx={{ position: "absolute", left: 7, top: 18, bottom: 0, width: 2, bgcolor: "divider" }}
              />
            )}
            <Box
              aria-hidden
              sx={{
                position: "absolute",
                left: 1,
                top: 4,
                width: 14,
                height: 14,
                borderRadius: "50%",
                border: 2,
                borderColor: "background.paper",
                boxShadow: 1,
                bgcolor: color === "default" ? "grey.500" : `${color}.main`,
              }}
            />
            <Box sx={{ display: "flex", flexWrap: "wrap", alignItems: "center", gap: 1 }}>
              <Typography component="span" sx={{ fontWeight: 600 }}>
                <JalaliDate value={tr.happenedOn} withTime={false} />
              </Typography>
              {tr.fromState ? (
                <Box
                  component="span"
                  sx={{ display: "inline-flex", alignItems: "center", gap: 0.5, flexWrap: "wrap" }}
                  aria-label={t("timeline.fromTo", {
                    from: t(`states.${tr.fromState}`),
                    to: t(`states.${tr.toState}`),
                  })}
                >
                  <StateChip state={tr.fromState} />
                  <Box component="span" aria-hidden sx={{ color: "text.secondary" }}>
                    {t("timeline.arrow")}
                  </Box>
                  <StateChip state={tr.toState} />
                </Box>
              ) : (
                <>
                  <Typography component="span" variant="body2" color="text.secondary">
                    {t("timeline.registered")}
                  </Typography>
                  <StateChip state={tr.toState} />
                </>
              )}
            </Box>
            {tr.approvals && (
              <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }} data-testid="timeline-approvals">
                {t("timeline.approvals", {
                  committee: f.date(tr.approvals.provincialCommittee, false),
                  national: f.date(tr.approvals.nationalOrganisation, false),
                })}
              </Typography>
            )}
            {tr.note && (
              <Typography variant="body2" dir="auto" sx={{ mt: 0.75, whiteSpace: "pre-wrap" }}>
                {tr.note}
              </Typography>
            )}
            {tr.reason && (
              <Typography variant="body2" sx={{ mt: 0.5, whiteSpace: "pre-wrap" }}>
                <Box component="span" sx={{ fontWeight: 600 }}>
                  {t("timeline.reason")}
                </Box>{" "}
                <bdi>{tr.reason}</bdi>
              </Typography>
            )}
            {tr.attachments.length > 0 && (
              <Box sx={{ mt: 0.5, display: "flex", flexDirection: "column", gap: 0.25 }}>
                {tr.attachments.map((a) => (
                  <Link
                    key={a.id}
                    href={`${API_BASE}/attachments/${encodeURIComponent(a.id)}`}
                    download={a.fileName}
                    underline="hover"
                    variant="body2"
                    sx={{ display: "inline-flex", alignItems: "center", gap: 0.5, wordBreak: "break-all" }}
                    data-testid="timeline-attachment"
                  >
                    <AttachFile fontSize="inherit" />
                    <bdi>{a.fileName}</bdi>
                    <Box component="span" sx={{ color: "text.secondary" }}>
                      ({f.bytes(a.size)})
                    </Box>
                  </Link>
                ))}
              </Box>
            )}
            <Typography variant="caption" color="text.secondary" component="div" sx={{ mt: 0.5 }}>
              {t("timeline.by", { name: tr.createdByName ?? t("audit.system") })} · <JalaliDate value={tr.createdAt} />
            </Typography>
          </Box>
        );
      })}
    </Box>
  );
}
