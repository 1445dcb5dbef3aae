import Box from "@mui/material/Box";
import CircularProgress from "@mui/material/CircularProgress";
import { useTranslation } from "react-i18next";

export function Loading({ minHeight = 160 }: { minHeight?: number | string }) {
  const { t } = useTranslation();
  return (
    <Box sx={{ display: "flex", alignItems: "center", justifyContent: "center", minHeight, p: 2 }}>
      <CircularProgress aria-label={t("common.loading")} />
    </Box>
  );
}
