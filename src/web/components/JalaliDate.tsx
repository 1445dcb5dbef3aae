import { useFormat } from "../app/format";

/**
 * Shows an ISO date (YYYY-MM-DD) or a UTC instant as a Jalali date (instants
 * with the time in Tehran): Persian digits in the Persian UI, Latin in English.
 */
export function JalaliDate({
  value,
  withTime = true,
  empty = "—",
}: {
  value: string | null | undefined;
  withTime?: boolean;
  empty?: string;
}) {
  const f = useFormat();
  if (!value) return <span>{empty}</span>;
  return (
    <time dateTime={value} style={{ whiteSpace: "nowrap", unicodeBidi: "isolate" }}>
      {f.date(value, withTime)}
    </time>
  );
}
