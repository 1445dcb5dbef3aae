import Box from "@mui/material/Box";
import Typography from "@mui/material/Typography";
import { type ReactNode, useEffect } from "react";
import { useTranslation } from "react-i18next";

/** The page's title (also the document title) and its main actions. */
export function PageHeader({ title, actions, testId }: { title: string; actions?: ReactNode; testId?: string }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} · ${t("app.name")}`;
  }, [title, t]);
  return (
    <Box sx={{ display: "flex", alignItems: "center", flexWrap: "wrap", gap: 1, mb: 2 }}>
      <Typography variant="h5" component="h1" sx={{ flexGrow: 1, fontWeight: 600 }} data-testid={testId}>
        {title}
      </Typography>
      {actions}
    </Box>
  );
}
