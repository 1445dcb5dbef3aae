import Chip from "@mui/material/Chip";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../app/format";

/** "Year 2" of the three-year project, or nothing outside it. */
export function YearChip({ year }: { year: 1 | 2 | 3 | null }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!year) return null;
  return <Chip size="small" variant="outlined" label={t("clusters.yearN", { n: f.num(year) })} />;
}
