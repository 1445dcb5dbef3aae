import ErrorOutline from "@mui/icons-material/ErrorOutline";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Typography from "@mui/material/Typography";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../app/api";

export function ErrorState({ error, onRetry, title }: { error?: unknown; onRetry?: () => void; title?: string }) {
  const { t } = useTranslation();
  return (
    <Box sx={{ textAlign: "center", py: 5, px: 2 }} role="alert" data-testid="error-state">
      <ErrorOutline color="error" sx={{ fontSize: 48 }} aria-hidden />
      <Typography variant="h6" component="p" sx={{ mt: 1 }}>
        {title ?? t("common.errorTitle")}
      </Typography>
      {error !== undefined && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
          {errorMessage(error)}
        </Typography>
      )}
      {onRetry && (
        <Button sx={{ mt: 2 }} variant="outlined" onClick={onRetry}>
          {t("common.retry")}
        </Button>
      )}
    </Box>
  );
}
