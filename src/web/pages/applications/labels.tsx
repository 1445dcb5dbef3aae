import Chip from "@mui/material/Chip";
import { useTranslation } from "react-i18next";
import type { APPLICATION_STATUSES } from "../../../core/schemas/applications";

type Status = (typeof APPLICATION_STATUSES)[number];
const COLORS = { pending: "warning", approved: "success", rejected: "error" } as const;

/** An application's status as a chip, coloured as the public status page shows it. */
export function ApplicationStatusChip({ status }: { status: Status }) {
  const { t } = useTranslation();
  return (
    <Chip
      size="small"
      color={COLORS[status]}
      variant={status === "pending" ? "outlined" : "filled"}
      label={t(`applicationStatuses.${status}`)}
      data-testid={`application-status-${status}`}
    />
  );
}
