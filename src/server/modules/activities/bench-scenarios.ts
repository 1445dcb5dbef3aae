/**
 * The activities module's load scenarios (bench/run.ts): the benchmark
 * manager's cluster calendar a Jalali month at a time (the months around
 * today, one after another), the cluster's list and the province's, an
 * activity's participants page, and a mix of those reads with registrations
 * at one in ten — half of them for the cluster's open activities, half
 * racing for the last seats of its small-capacity trainings (every
 * connection on the same training until it is full, then the next), each a
 * new public name and mobile, so every one answers 201: a seat while one is
 * left, the waiting list after; and the beneficiary figures of the manager's
 * cluster and of the province admin's province, a Jalali year at a time
 * over the years that have them (read from the aggregate rows the data's
 * rebuild filled). Loaded only by the benchmark.
 */
import type { BenchRequest, BenchScenario, ScenarioContext } from "../../../../bench/kit";
import { jalaliYearOf } from "../../../core/beneficiaries";
import { addDaysIso, isoToJalali, jalaliToIso } from "../../../core/jalali";

const API = "/api/v1";
/** A page size the lists offer. */
const LIMIT = 25;
/** The benchmark data's small-capacity trainings ahead (bench-data.ts RACE_CAPACITY). */
const RACE_CAPACITY = 6;

type Brief = { id: string; kind: string; capacity: number | null; status: string; startDate: string };
type Page = { items: Brief[]; total: number };

/** The first day of the Jalali month `iso` falls in, as an ISO date. */
function monthStart(iso: string): string {
  const ym = isoToJalali(iso, "yyyy/MM");
  const first = ym ? jalaliToIso(`${ym}/01`) : null;
  if (!first) throw new Error(`activities scenarios: no Jalali month for ${iso}`);
  return first;
}

/** The first days of the Jalali months from `back` months before today's to `ahead` after it. */
function months(today: string, back: number, ahead: number): string[] {
  const current = monthStart(today);
  const out = [current];
  let d = current;
  for (let i = 0; i < back; i++) {
    d = monthStart(addDaysIso(d, -1));
    out.unshift(d);
  }
  d = current;
  for (let i = 0; i < ahead; i++) {
    d = monthStart(addDaysIso(d, 40));
    out.push(d);
  }
  return out;
}

/** The manager's cluster's activities, up to 200 from `from` on (of a kind). */
async function activitiesOf(ctx: ScenarioContext, query: string): Promise<Brief[]> {
  const clusterId = ctx.accounts.manager.clusterId!;
  return (await ctx.get<Page>("manager", `${API}/activities?clusterId=${clusterId}&limit=200&${query}`)).items;
}

/** Activities with a participants list worth paging: the trainings, events and tours of the last months. */
async function participantPool(ctx: ScenarioContext): Promise<string[]> {
  const items = (await activitiesOf(ctx, `from=${addDaysIso(ctx.today, -365)}`)).filter((a) =>
    ["training", "conference", "startup_event", "tour", "workshop"].includes(a.kind),
  );
  if (items.length === 0) throw new Error("activities scenarios: the manager's cluster has no activities");
  return items.map((a) => a.id);
}

function reads(ctx: ScenarioContext, pool: string[]): BenchRequest[] {
  const clusterId = ctx.accounts.manager.clusterId!;
  const monthList = months(ctx.today, 6, 3);
  let m = 0;
  let p = 0;
  return [
    {
      label: "read",
      next: () => ({
        path: `${API}/clusters/${clusterId}/activities/calendar?month=${monthList[m++ % monthList.length]}`,
      }),
    },
    { label: "read", path: `${API}/activities?clusterId=${clusterId}&from=${ctx.today}&limit=${LIMIT}` },
    {
      label: "read",
      next: () => ({ path: `${API}/activities/${pool[p++ % pool.length]}/registrations?limit=${LIMIT}` }),
    },
  ];
}

/**
 * The Jalali years (of the last six up to today's) whose figures at `path`
 * count someone, so every request of the run reads a non-empty aggregate.
 */
async function yearsWithFigures(ctx: ScenarioContext, as: "manager" | "province", path: string): Promise<number[]> {
  const current = jalaliYearOf(ctx.today);
  const out: number[] = [];
  for (let y = current - 5; y <= current; y++) {
    const f = await ctx.get<{ people: number; enterprises: number }>(as, `${path}?year=${y}`);
    if (f.people > 0 || f.enterprises > 0) out.push(y);
  }
  if (out.length === 0)
    throw new Error(`activities scenarios: no beneficiaries at ${path} in ${current - 5}–${current}`);
  return out;
}

const scenarios: BenchScenario[] = [
  {
    id: "activities-calendar",
    title: "a cluster's Jalali month calendar, the months around today one after another (its manager)",
    kind: "read",
    prepare: async (ctx) => {
      const clusterId = ctx.accounts.manager.clusterId!;
      const list = months(ctx.today, 6, 3);
      let i = 0;
      return {
        as: "manager",
        requests: [
          {
            next: () => ({ path: `${API}/clusters/${clusterId}/activities/calendar?month=${list[i++ % list.length]}` }),
          },
        ],
      };
    },
  },
  {
    id: "activities-list",
    title: "the cluster's activities from today on, page 1 (its manager)",
    kind: "read",
    prepare: async (ctx) => ({
      as: "manager",
      requests: [
        { path: `${API}/activities?clusterId=${ctx.accounts.manager.clusterId}&from=${ctx.today}&limit=${LIMIT}` },
      ],
    }),
  },
  {
    id: "activities-list-prov",
    title: "the province's activities from today on, page 1 (province admin)",
    kind: "read",
    prepare: async (ctx) => ({
      as: "province",
      requests: [
        {
          path: `${API}/activities?provinceCode=${ctx.accounts.province.provinceCode}&from=${ctx.today}&limit=${LIMIT}`,
        },
      ],
    }),
  },
  {
    id: "participants",
    title: "an activity's registrations, page 1, across the cluster's trainings and events of the year (its manager)",
    kind: "read",
    prepare: async (ctx) => {
      const pool = await participantPool(ctx);
      let i = 0;
      return {
        as: "manager",
        requests: [
          { next: () => ({ path: `${API}/activities/${pool[i++ % pool.length]}/registrations?limit=${LIMIT}` }) },
        ],
      };
    },
  },
  {
    id: "registrations-mix",
    title:
      "9 reads (calendar, list, participants) to 1 registration: open activities, and every connection racing for the last seats of small trainings",
    kind: "write",
    prepare: async (ctx) => {
      const pool = await participantPool(ctx);
      const ahead = (await activitiesOf(ctx, `from=${ctx.today}`)).filter(
        (a) => a.status === "planned" && a.startDate >= ctx.today,
      );
      const race = ahead.filter((a) => a.kind === "training" && a.capacity === RACE_CAPACITY).map((a) => a.id);
      const open = ahead.filter((a) => a.capacity === null || a.capacity > RACE_CAPACITY).map((a) => a.id);
      if (race.length === 0 || open.length === 0) {
        throw new Error("activities scenarios: the manager's cluster has no planned activities to register for");
      }
      // A new public name and mobile each time: never already registered, in this run or an earlier one.
      const run = Date.now() % 1000;
      let serial = 0;
      const mobile = () => `09${String(run).padStart(3, "0")}${String(serial++ % 1_000_000).padStart(6, "0")}`;
      let o = 0;
      let r = 0;
      let w = 0;
      const register: BenchRequest = {
        label: "register",
        method: "POST",
        next: () => {
          // Every other write on the race's current training, moving on after its seats and a few waiting.
          const id =
            w++ % 2 === 0 ? open[o++ % open.length]! : race[Math.floor(r++ / (RACE_CAPACITY + 4)) % race.length]!;
          return {
            method: "POST",
            path: `${API}/activities/${id}/registrations`,
            body: { people: [{ name: `شرکت‌کننده آزمون ${serial}`, mobile: mobile() }] },
          };
        },
      };
      const [calendar, list, participants] = reads(ctx, pool);
      return {
        as: "manager",
        requests: [
          calendar!,
          list!,
          participants!,
          calendar!,
          participants!,
          list!,
          participants!,
          calendar!,
          participants!,
          register,
        ],
      };
    },
  },
  {
    id: "beneficiaries-cluster",
    title:
      "a cluster's unique beneficiaries by kind and role and its survey average, a Jalali year at a time (its manager)",
    kind: "read",
    prepare: async (ctx) => {
      const path = `${API}/clusters/${ctx.accounts.manager.clusterId}/beneficiaries`;
      const years = await yearsWithFigures(ctx, "manager", path);
      let i = 0;
      return { as: "manager", requests: [{ next: () => ({ path: `${path}?year=${years[i++ % years.length]}` }) }] };
    },
  },
  {
    id: "beneficiaries-province",
    title:
      "a province's unique beneficiaries by kind and role and its survey average, a Jalali year at a time (province admin)",
    kind: "read",
    prepare: async (ctx) => {
      const path = `${API}/provinces/${ctx.accounts.province.provinceCode}/beneficiaries`;
      const years = await yearsWithFigures(ctx, "province", path);
      let i = 0;
      return { as: "province", requests: [{ next: () => ({ path: `${path}?year=${years[i++ % years.length]}` }) }] };
    },
  },
];

export default scenarios;
