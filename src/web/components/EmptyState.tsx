import InboxOutlined from "@mui/icons-material/InboxOutlined";
import Box from "@mui/material/Box";
import Typography from "@mui/material/Typography";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

export function EmptyState({ title, children }: { title?: string; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Box sx={{ textAlign: "center", py: 5, px: 2, color: "text.secondary" }} data-testid="empty-state">
      <InboxOutlined sx={{ fontSize: 48, opacity: 0.5 }} aria-hidden />
      <Typography variant="body1" sx={{ mt: 1 }}>
        {title ?? t("common.empty")}
      </Typography>
      {children}
    </Box>
  );
}
