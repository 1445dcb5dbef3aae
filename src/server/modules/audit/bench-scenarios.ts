/**
 * The audit log's load scenario (bench/run.ts): a national admin reading
 * what one busy province admin did in one Iranian calendar month, as the
 * audit page's user and date filters ask for it. Loaded only by the
 * benchmark.
 */

import type { BenchScenario } from "../../../../bench/kit";
import { addDaysIso, isoToJalali, jalaliToIso } from "../../../core/jalali";

/** The Jalali month before the one `today` falls in, as ISO dates from and to (both included). */
function lastMonth(today: string): { from: string; to: string } {
  const [y, m] = isoToJalali(today)!.split("/").map(Number) as [number, number];
  const first = jalaliToIso(`${y}/${String(m).padStart(2, "0")}/01`)!;
  const to = addDaysIso(first, -1);
  const [py, pm] = isoToJalali(to)!.split("/").map(Number) as [number, number];
  return { from: jalaliToIso(`${py}/${String(pm).padStart(2, "0")}/01`)!, to };
}

const scenarios: BenchScenario[] = [
  {
    id: "audit-user-month",
    title: "audit log of one user in one month (national admin)",
    kind: "read",
    prepare: async (ctx) => {
      const { from, to } = lastMonth(ctx.today);
      const user = ctx.accounts.province.userId;
      return { as: "national", requests: [{ path: `/api/v1/audit?userId=${user}&from=${from}&to=${to}&limit=25` }] };
    },
  },
];

export default scenarios;
