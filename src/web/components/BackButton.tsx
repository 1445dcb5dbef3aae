import ArrowBack from "@mui/icons-material/ArrowBack";
import ArrowForward from "@mui/icons-material/ArrowForward";
import Button from "@mui/material/Button";
import { useTheme } from "@mui/material/styles";
import { Link as RouterLink } from "react-router";

/** "Back to the list", with the arrow pointing the way the page reads. */
export function BackButton({ to, label }: { to: string; label: string }) {
  const theme = useTheme();
  const Icon = theme.direction === "rtl" ? ArrowForward : ArrowBack;
  return (
    <Button component={RouterLink} to={to} startIcon={<Icon />} sx={{ mb: 1 }} data-testid="back">
      {label}
    </Button>
  );
}
