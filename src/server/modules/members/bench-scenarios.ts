/**
 * The members module's load scenarios (bench/run.ts), at 300,000
 * enterprises: the directory's search for a rare term (a few dozen firms)
 * and a common one (tens of thousands), typed with Arabic letter forms, a
 * ZWNJ and Persian digits; a cluster's member list as its manager pages it
 * (the 3,000-actor cluster); and the partner search across two provinces
 * ("who makes film in Qazvin or Tehran?"). Loaded only by the benchmark.
 */
import { RARE_BRAND } from "../../../../bench/fa-data";
import type { BenchRole, BenchScenario } from "../../../../bench/kit";

const API = "/api/v1";
/** A page size the directory's table offers. */
const LIMIT = 25;

const directory = (id: string, title: string, q: string, as: BenchRole = "national"): BenchScenario => ({
  id,
  title,
  kind: "search",
  prepare: async () => ({
    as,
    requests: [{ path: `${API}/directory?q=${encodeURIComponent(q)}&kind=enterprise&limit=${LIMIT}` }],
  }),
});

const scenarios: BenchScenario[] = [
  directory("dir-rare", `directory search, rare term «${RARE_BRAND}» (a few dozen firms)`, RARE_BRAND),
  directory("dir-common", "directory search, common term «پوشاک» (tens of thousands)", "پوشاک"),
  directory("dir-arabic", "directory search «كيف» typed with Arabic kaf and yeh", "كيف"),
  directory("dir-zwnj", "directory search «قطعه‌سازی» with a ZWNJ", "قطعه\u200cسازی"),
  directory("dir-digits", "directory search «شماره ۳» with a Persian digit", "شماره ۳"),
  {
    id: "members-list",
    title: "a cluster's members, page 1 (its manager; the 3,000-actor cluster)",
    kind: "read",
    prepare: async (ctx) => ({
      as: "manager",
      requests: [
        {
          path: `${API}/directory?clusterId=${ctx.accounts.manager.clusterId}&kind=enterprise&status=member&limit=${LIMIT}`,
        },
      ],
    }),
  },
  {
    id: "partners",
    title: "partner search «فیلم» in Qazvin or Tehran (a cluster manager in Isfahan)",
    kind: "search",
    prepare: async () => ({
      as: "manager",
      requests: [{ path: `${API}/partners?q=${encodeURIComponent("فیلم")}&provinceCodes=IR-26,IR-23&limit=${LIMIT}` }],
    }),
  },
];

export default scenarios;
