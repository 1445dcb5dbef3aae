import Translate from "@mui/icons-material/Translate";
import Button from "@mui/material/Button";
import { useTranslation } from "react-i18next";
import { useSwitchLocale } from "../app/auth";

/** fa ⇄ en; remembered in this browser and, when signed in, on the account. */
export function LanguageSwitch({ color = "inherit" }: { color?: "inherit" | "primary" }) {
  const { t, i18n } = useTranslation();
  const switchLocale = useSwitchLocale();
  const next = i18n.language === "fa" ? "en" : "fa";
  return (
    <Button
      color={color}
      startIcon={<Translate />}
      onClick={() => void switchLocale(next)}
      aria-label={t("language.switchLabel")}
      lang={next}
      data-testid="lang-switch"
    >
      {t("language.switchTo")}
    </Button>
  );
}
