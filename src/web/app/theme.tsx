import createCache, { type EmotionCache } from "@emotion/cache";
import { CacheProvider } from "@emotion/react";
import CssBaseline from "@mui/material/CssBaseline";
import { enUS as muiEn, faIR as muiFa } from "@mui/material/locale";
import { createTheme, ThemeProvider } from "@mui/material/styles";
import rtlPlugin from "@mui/stylis-plugin-rtl";
import { type ReactNode, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { prefixer } from "stylis";

// One emotion cache per direction: the RTL one flips left/right in every style.
const caches: Record<"rtl" | "ltr", EmotionCache> = {
  rtl: createCache({ key: "muirtl", stylisPlugins: [prefixer, rtlPlugin] }),
  ltr: createCache({ key: "muiltr", stylisPlugins: [prefixer] }),
};

export const FONT_FAMILY = 'Vazirmatn, "Segoe UI", Tahoma, Roboto, Arial, sans-serif';

export function makeTheme(lng: string) {
  const direction = lng === "fa" ? "rtl" : "ltr";
  return createTheme(
    {
      direction,
      // Every main colour carries white text (filled chips, avatars) and shows as text on the
      // page background at 4.5:1 or more (WCAG AA); MUI's own info and warning blues and
      // oranges do not.
      palette: {
        primary: { main: "#00695c", contrastText: "#fff" },
        secondary: { main: "#935800", contrastText: "#fff" },
        info: { main: "#01579b", contrastText: "#fff" },
        warning: { main: "#b45309", contrastText: "#fff" },
        success: { main: "#2e7d32", contrastText: "#fff" },
        error: { main: "#c62828", contrastText: "#fff" },
        background: { default: "#f5f7f6" },
      },
      typography: { fontFamily: FONT_FAMILY, button: { textTransform: "none" } },
      shape: { borderRadius: 8 },
      components: {
        MuiAppBar: { defaultProps: { elevation: 1 } },
        MuiTextField: { defaultProps: { size: "small", fullWidth: true } },
        MuiTableCell: { styleOverrides: { head: { fontWeight: 600, whiteSpace: "nowrap" } } },
      },
    },
    lng === "fa" ? muiFa : muiEn,
  );
}

/** Theme, direction and emotion cache that follow the UI language. */
export function AppThemeProvider({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const lng = i18n.language;
  const theme = useMemo(() => makeTheme(lng), [lng]);
  return (
    <CacheProvider value={caches[theme.direction]}>
      <ThemeProvider theme={theme}>
        <CssBaseline />
        {children}
      </ThemeProvider>
    </CacheProvider>
  );
}
