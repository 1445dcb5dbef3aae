import Alert from "@mui/material/Alert";
import Typography from "@mui/material/Typography";
import { useWatch } from "react-hook-form";
import { COST_SHARES, type CostShares } from "../../../core/planning";

const amount = (v: number | null | undefined) => (Number.isFinite(v) ? (v ?? 0) : 0);

/**
 * The cost shares' running sum against the form's total (a programme's
 * budget, an activity's cost), and the gap before the form is sent: the
 * server refuses shares that do not add up, and this shows it as they type.
 * The words are the caller's (its module's strings).
 */
export function SharesSum({
  totalField,
  sumText,
  gapText,
  testId,
  gapTestId,
}: {
  totalField: string;
  sumText: (sum: number, total: number) => string;
  /** The gap's words: positive when the shares fall short of the total, negative when over. */
  gapText: (gap: number) => string;
  testId: string;
  gapTestId?: string;
}) {
  const total = amount(useWatch({ name: totalField }) as number | null);
  const shares = useWatch({ name: "shares" }) as Partial<Record<keyof CostShares, number | null>> | undefined;
  const sum = COST_SHARES.reduce((s, k) => s + amount(shares?.[k]), 0);
  const gap = total - sum;
  return (
    <Alert severity={gap === 0 ? "success" : "warning"} role="status" data-testid={testId} data-mismatch={gap !== 0}>
      {sumText(sum, total)}
      {gap !== 0 && (
        <Typography component="span" sx={{ display: "block", fontWeight: 600 }} data-testid={gapTestId}>
          {gapText(gap)}
        </Typography>
      )}
    </Alert>
  );
}
