import SearchOff from "@mui/icons-material/SearchOff";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Typography from "@mui/material/Typography";
import { useTranslation } from "react-i18next";
import { Link as RouterLink } from "react-router";
import { PageHeader } from "../../components/PageHeader";

export default function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Box sx={{ textAlign: "center", py: 6 }} data-testid="not-found">
      <SearchOff sx={{ fontSize: 64, color: "text.disabled" }} aria-hidden />
      <Box sx={{ display: "flex", justifyContent: "center", mt: 1 }}>
        <PageHeader title={t("notFound.title")} />
      </Box>
      <Typography color="text.secondary" sx={{ mb: 3 }}>
        {t("notFound.body")}
      </Typography>
      <Button component={RouterLink} to="/" variant="contained">
        {t("notFound.home")}
      </Button>
    </Box>
  );
}
