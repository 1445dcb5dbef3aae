/**
 * The registry's load scenarios (bench/run.ts): the national list with a
 * filter at page 1 and page 40 (by offset and by cursor), the national
 * overview and a province's, a cluster's page as its manager opens it,
 * search typed with Arabic letter forms, a ZWNJ and Persian digits, and a
 * province office's working mix with 10% writes (record edits and
 * life-cycle steps). Loaded only by the benchmark.
 */

import type { BenchRequest, BenchScenario } from "../../../../bench/kit";
import { todayIso } from "../../../core/jalali";
import { toPersianDigits } from "../../../core/normalize";

const API = "/api/v1";
/** A page size the registry's table offers. */
const LIMIT = 25;
const LIST = `${API}/clusters?state=identified&sort=name&order=asc&limit=${LIMIT}`;

type ClusterPage = { items: { id: string; state: string }[]; total: number; nextCursor: string | null };

const search = (id: string, title: string, q: string): BenchScenario => ({
  id,
  title,
  kind: "search",
  prepare: async () => ({
    as: "national",
    requests: [{ path: `${API}/clusters?q=${encodeURIComponent(q)}&limit=${LIMIT}` }],
  }),
});

/** One cluster in the write mix's pool: moved to on hold and back, by one connection at a time. */
interface Ticket {
  id: string;
  held: boolean;
}

const scenarios: BenchScenario[] = [
  {
    id: "list-p1",
    title: "registry list, state filter, page 1 (national admin)",
    kind: "read",
    prepare: async () => ({ as: "national", requests: [{ path: `${LIST}&offset=0` }] }),
  },
  {
    id: "list-p40",
    title: "registry list, state filter, page 40 (national admin)",
    kind: "read",
    deepPageOf: "list-p1",
    prepare: async (ctx) => {
      // Page 40, or the last page where the data has fewer (province and small scales).
      const { total } = await ctx.get<ClusterPage>("national", `${LIST}&offset=0`);
      const page = Math.max(0, Math.min(39, Math.ceil(total / LIMIT) - 1));
      return { as: "national", requests: [{ path: `${LIST}&offset=${page * LIMIT}` }] };
    },
  },
  {
    id: "list-cursor",
    title: "registry list, state filter, page 40 by cursor (national admin)",
    kind: "read",
    deepPageOf: "list-p1",
    prepare: async (ctx) => {
      // Page 40 (or the last), reached as a reader paging on reaches it: each page's nextCursor in turn.
      let path = `${LIST}&offset=0`;
      for (let page = 1; page < 40; page++) {
        const { nextCursor } = await ctx.get<ClusterPage>("national", path);
        if (!nextCursor) break;
        path = `${LIST}&cursor=${nextCursor}`;
      }
      return { as: "national", requests: [{ path }] };
    },
  },
  {
    id: "stats-national",
    title: "national overview: counts per state per province",
    kind: "read",
    prepare: async () => ({ as: "national", requests: [{ path: `${API}/clusters/stats` }] }),
  },
  {
    id: "stats-province",
    title: "a province's overview (province admin)",
    kind: "read",
    prepare: async () => ({ as: "province", requests: [{ path: `${API}/clusters/stats` }] }),
  },
  {
    id: "cluster-page",
    title: "a cluster's page: record, council, files (its manager)",
    kind: "read",
    prepare: async (ctx) => {
      const id = ctx.accounts.manager.clusterId!;
      return {
        as: "manager",
        requests: [
          { path: `${API}/clusters/${id}` },
          { path: `${API}/clusters/${id}/council` },
          { path: `${API}/clusters/${id}/attachments` },
        ],
      };
    },
  },
  search("search-arabic", "search «كفش» typed with Arabic kaf", "كفش"),
  search("search-zwnj", "search «بسته‌بندی» with a ZWNJ", "بسته\u200cبندی"),
  search("search-digits", "search «شماره ۲» with a Persian digit", "شماره ۲"),
  {
    id: "write-mix",
    title: "province office mix: 90% reads, 5% record edits, 5% life-cycle steps",
    kind: "write",
    prepare: async (ctx) => {
      const code = ctx.accounts.province.provinceCode!;
      const inProvince = `${API}/clusters?provinceCode=${code}&sort=name&limit=200`;
      const { items } = await ctx.get<ClusterPage>("province", `${inProvince}&state=identified`);
      // Clusters an earlier run left on hold (from identified) are moved back first.
      const held: Ticket[] = [];
      for (const c of (await ctx.get<ClusterPage>("province", `${inProvince}&state=on_hold`)).items) {
        const d = await ctx.get<{ resumeState: string | null }>("province", `${API}/clusters/${c.id}`);
        if (d.resumeState === "identified") held.push({ id: c.id, held: true });
      }
      if (items.length < 2) throw new Error(`write-mix: fewer than two identified clusters in ${code}`);
      const ids = items.map((c) => c.id);
      // Half the clusters are edited, the other half go on hold and back; a transition takes its
      // cluster out of the pool until its answer, so no two connections move the same one.
      const half = Math.floor(ids.length / 2);
      const idle: Ticket[] = [...held, ...ids.slice(half).map((id) => ({ id, held: false }))];
      const edited = ids.slice(0, half);
      let n = 0;
      const anyCluster = () => `${API}/clusters/${ids[n++ % ids.length]}`;
      const read = (path: string): BenchRequest => ({ path, label: "read" });
      const detail: BenchRequest = { next: () => ({ path: anyCluster() }), label: "read" };
      const listPath = `${API}/clusters?sort=name&limit=${LIMIT}`;
      const stats = `${API}/clusters/stats`;
      const update: BenchRequest = {
        method: "PATCH",
        label: "update",
        next: () => {
          const k = n++;
          return {
            path: `${API}/clusters/${edited[k % edited.length]}`,
            body: { place: `شهرک صنعتی شماره ${toPersianDigits((k % 9) + 1)}` },
          };
        },
      };
      const transition: BenchRequest = {
        method: "POST",
        label: "transition",
        next: () => {
          const t = idle.shift();
          // Every ticket in flight (more connections than clusters): an edit instead.
          if (!t) return { ...update.next!(), method: "PATCH" };
          return {
            path: `${API}/clusters/${t.id}/transitions`,
            body: { toState: t.held ? "identified" : "on_hold", happenedOn: todayIso() },
            token: t,
          };
        },
        done: (status, token) => {
          const t = token as Ticket | undefined;
          if (!t) return;
          // A refused step leaves the cluster out of the pool: its state is no longer known.
          if (status === 201) {
            t.held = !t.held;
            idle.push(t);
          }
        },
      };
      return {
        as: "province",
        requests: [
          read(listPath),
          detail,
          read(stats),
          detail,
          read(listPath),
          detail,
          detail,
          read(listPath),
          detail,
          update,
          read(listPath),
          detail,
          read(stats),
          detail,
          read(listPath),
          detail,
          detail,
          read(listPath),
          detail,
          transition,
        ],
      };
    },
  },
];

export default scenarios;
