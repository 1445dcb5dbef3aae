import AccountBalanceOutlined from "@mui/icons-material/AccountBalanceOutlined";
import BusinessOutlined from "@mui/icons-material/BusinessOutlined";
import PersonOutline from "@mui/icons-material/PersonOutline";
import Box from "@mui/material/Box";
import Chip from "@mui/material/Chip";
import Typography from "@mui/material/Typography";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { type ActorKind, type MembershipStatus, SIZE_CLASSES, type SizeClass } from "../../../core/members";
import type { MembershipOut } from "../../../core/schemas/members";
import { useFormat } from "../../app/format";

export type Membership = z.infer<typeof MembershipOut>;

const enc = encodeURIComponent;

/** The page of an actor of any kind. */
export function actorPath(kind: ActorKind, id: string): string {
  if (kind === "enterprise") return `/members/enterprises/${enc(id)}`;
  if (kind === "person") return `/members/people/${enc(id)}`;
  return `/members/institutions/${enc(id)}`;
}

/** The directory with these filters (the cluster page's links, the home card). */
export function directoryLink(f: Record<string, string | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) p.set(k, v);
  const s = p.toString();
  return s ? `/members?${s}` : "/members";
}

const KIND_ICONS: Record<ActorKind, typeof BusinessOutlined> = {
  enterprise: BusinessOutlined,
  person: PersonOutline,
  institution: AccountBalanceOutlined,
};

export function KindChip({ kind }: { kind: ActorKind }) {
  const { t } = useTranslation();
  const Icon = KIND_ICONS[kind];
  return <Chip size="small" variant="outlined" icon={<Icon />} label={t(`actorKinds.${kind}`)} data-kind={kind} />;
}

const STATUS_COLORS: Record<MembershipStatus, "default" | "success" | "warning" | "info"> = {
  applicant: "info",
  member: "success",
  suspended: "warning",
  left: "default",
};

export function StatusChip({ status, testId }: { status: MembershipStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Chip
      size="small"
      label={t(`membershipStatuses.${status}`)}
      color={STATUS_COLORS[status]}
      variant={status === "left" ? "outlined" : "filled"}
      data-testid={testId}
      data-status={status}
    />
  );
}

/** "micro: 1–9 people", one per class: the thresholds the size class is read by. */
export function useSizeThresholds() {
  const { t } = useTranslation();
  const f = useFormat();
  return SIZE_CLASSES.map((c) => ({
    id: c.id,
    label: t(`sizeClasses.${c.id}`),
    range:
      c.max === null
        ? t("sizeClasses.rangeOpen", { min: f.num(c.min) })
        : t("sizeClasses.range", { min: f.num(c.min), max: f.num(c.max) }),
  }));
}

/** The size thresholds in one line, shown beside the size class and under the employee fields. */
export function SizeThresholds({ current }: { current?: SizeClass | null }) {
  const { t } = useTranslation();
  const rows = useSizeThresholds();
  return (
    <Typography variant="caption" color="text.secondary" component="div" data-testid="size-thresholds">
      {t("sizeClasses.thresholds")}{" "}
      {rows.map((r, i) => (
        <Box
          component="span"
          key={r.id}
          sx={{ fontWeight: r.id === current ? 700 : undefined, color: r.id === current ? "text.primary" : undefined }}
        >
          {i > 0 && t("common.listSeparator")}
          {r.label}: {r.range}
        </Box>
      ))}
    </Typography>
  );
}

/** A label and its value in a profile's facts (a <dl> row). */
export function Fact({ label, children, wide }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <Box sx={{ minWidth: 0, gridColumn: wide ? "1 / -1" : undefined }}>
      <Typography variant="caption" color="text.secondary" component="dt">
        {label}
      </Typography>
      <Typography component="dd" sx={{ m: 0, whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
        {children}
      </Typography>
    </Box>
  );
}

/** The grid a profile's facts sit in: one column on phones, two from tablets. */
export function Facts({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <Box
      component="dl"
      data-testid={testId}
      sx={{
        m: 0,
        display: "grid",
        gap: 2,
        gridTemplateColumns: { xs: "minmax(0, 1fr)", sm: "minmax(0, 1fr) minmax(0, 1fr)" },
      }}
    >
      {children}
    </Box>
  );
}

/** Digits of a phone, ID or code: the UI's digits, read left to right in either language. */
export function Digits({ value }: { value: string | null | undefined }) {
  const f = useFormat();
  if (!value) return <>—</>;
  return <bdi dir="ltr">{f.digits(value)}</bdi>;
}

/** A link out (website, portfolio): left to right, opens in a new tab. */
export function OutLink({ href }: { href: string | null | undefined }) {
  if (!href) return <>—</>;
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" dir="ltr" style={{ overflowWrap: "anywhere" }}>
      {href}
    </a>
  );
}
