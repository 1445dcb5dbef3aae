/**
 * Benchmark data for activities (bench/data.ts): for every cluster whose
 * project got as far as an agent's contract, its activities over the
 * project's years and the next months — trainings with their sessions,
 * tours, exhibitions with the exhibiting members, meetings (biweekly series
 * with a session each time), conferences, workshops, start-up events,
 * studies, publications and consultancy — about two thirds serving a
 * programme of the cluster's action plans and dated inside it; past ones
 * done (a few cancelled). Registrations of the cluster's people (and public
 * names with a mobile where an event draws more than the directory holds):
 * mostly accepted, the rest on the waiting list, cancelled, offered, pending
 * or rejected, with each activity's `seats_taken` and `waitlist_seq` as the
 * rows make them. The benchmark manager's cluster also gets small-capacity
 * trainings ahead, for the registrations mix to race for their last seats.
 *
 * Registrations are decided per activity in a first pass (statuses and
 * waiting places in typed arrays, so the counters go in with the activity
 * rows) and written in a second, streamed in batches, so three million of
 * them never sit in memory at once. Loaded only by the benchmark.
 */
import { CompiledQuery, type Insertable } from "kysely";
import { personName, typeFa } from "../../../../bench/fa-data";
import {
  apportion,
  type BenchGenerator,
  type GenContext,
  instantOn,
  maxIso,
  minIso,
  type Rng,
} from "../../../../bench/kit";
import type { ActivityKind } from "../../../core/activities";
import { addDaysIso } from "../../../core/jalali";
import type { DB } from "../../db/schema";
import { type BenchCluster, inProject, managedCluster } from "../clusters/bench-data";
import { rebuildBeneficiaryAggregates } from "./beneficiaries-rebuild";

type Row<T extends keyof DB> = Insertable<DB[T]>;

const NATIONAL_ACTIVITIES = 100_000;
const NATIONAL_REGISTRATIONS = 3_000_000;
/** Registrations kept before they are written (ctx.insert batches them further). */
const FLUSH = 40_000;
/** Small-capacity trainings ahead in the benchmark manager's cluster (the mix races for their seats). */
const RACE_ACTIVITIES = 40;
const RACE_CAPACITY = 6;
const MILLION = 1_000_000;
const DAY_MS = 86_400_000;

// ----------------------------------------------------------------- vocabulary

const Z = "\u200c";

const KIND_SHARES: readonly (readonly [ActivityKind, number])[] = [
  ["training", 30],
  ["meeting", 15],
  ["workshop", 10],
  ["consultancy", 9],
  ["tour", 8],
  ["exhibition", 7],
  ["conference", 5],
  ["publication", 5],
  ["market_study", 4],
  ["startup_event", 4],
  ["research", 3],
];

const COURSES = [
  "بازاریابی دیجیتال",
  "مدیریت تولید",
  "طراحی محصول",
  "صادرات و تجارت بین‌الملل",
  "کنترل کیفیت",
  "برندسازی",
  "شناخت روندهای بازار",
  "مدیریت مالی بنگاه‌های کوچک",
  "فروش اینترنتی",
  "بسته‌بندی و عرضه",
];
const WORKSHOPS = ["طراحی مدل کسب‌وکار", "قیمت‌گذاری محصول", "عکاسی محصول", "مذاکره با خریداران خارجی", "ثبت برند"];
const MEETINGS = [
  "جلسه توجیهی دوهفتگی اعضای خوشه",
  "جلسه هم‌اندیشی بنگاه‌های خوشه",
  "نشست صادرکنندگان خوشه",
  "جلسه گروه کاری بازاریابی",
];
const CONSULTANCY = [
  "مشاوره صادرات",
  "مشاوره مالی و دریافت تسهیلات",
  "مشاوره استاندارد و کیفیت",
  "مشاوره تشکیل کنسرسیوم",
];
const RESEARCH = ["بررسی بهای تمام‌شده تولید", "شناسایی نیازهای آموزشی بنگاه‌ها", "بررسی زنجیره تأمین مواد اولیه"];
const EXHIBITIONS = ["نمایشگاه بین‌المللی ایران اکسپو", "نمایشگاه تخصصی", "نمایشگاه کالای ایرانی", "نمایشگاه استانی"];
const DESTINATIONS_IN = ["تهران", "مشهد", "اصفهان", "تبریز", "قم", "کرج", "شیراز", "یزد"];
const DESTINATIONS_OUT = ["دبی", "استانبول", "گوانگژو", "داکا", "باکو", "مسقط"];
const COUNTRIES: readonly (readonly [string, string])[] = [
  ["CN", "چین"],
  ["TR", "ترکیه"],
  ["BD", "بنگلادش"],
  ["AE", "امارات"],
  ["IQ", "عراق"],
  ["AF", "افغانستان"],
  ["RU", "روسیه"],
];
const ORGANISERS = [
  "دبیرخانه خوشه",
  "عامل توسعه خوشه",
  "سازمان صنعت، معدن و تجارت استان",
  "سازمان فنی و حرفه‌ای",
  "اتاق بازرگانی",
];
/** Satisfaction scores (1–5) as attendees give them: mostly content. */
const SCORES: readonly (readonly [number, number])[] = [
  [5, 35],
  [4, 35],
  [3, 18],
  [2, 8],
  [1, 4],
];
const SURVEY_COMMENTS = ["مطالب کاربردی بود.", "زمان دوره کوتاه بود.", "مدرس مسلط بود.", "محل برگزاری مناسب نبود."];
const REJECT_REASONS = ["ظرفیت ویژه بنگاه‌های عضو است.", "با موضوع دوره هم‌خوانی ندارد.", "مدارک ناقص است."];

// ----------------------------------------------------------------- helpers

/** The state whose work the cluster has reached (on hold: the one it was held from). */
function stageOf(c: BenchCluster): BenchCluster["state"] {
  return c.state === "on_hold" ? (c.steps[c.steps.length - 2]?.to ?? "identified") : c.state;
}

/** How busy a cluster's calendar is by how far its project got. */
const STAGE_WEIGHT: Partial<Record<BenchCluster["state"], number>> = {
  agent_contracted: 0.3,
  diagnostic: 0.5,
  action_planning: 0.8,
  implementation: 1.6,
  handed_over: 1.2,
  network: 1.2,
};

/** `k` distinct indexes below `n`, in random order (a partial shuffle of a reused buffer). */
function distinct(rng: Rng, n: number, k: number, buf: Int32Array): Int32Array {
  for (let i = 0; i < n; i++) buf[i] = i;
  const m = Math.min(n, k);
  for (let i = 0; i < m; i++) {
    const j = i + Math.floor(rng.next() * (n - i));
    const t = buf[i]!;
    buf[i] = buf[j]!;
    buf[j] = t;
  }
  return buf.subarray(0, m);
}

/** The PostgreSQL array types of the streamed tables' non-text columns (every other column is text). */
const PG_TYPES: Record<string, Record<string, string>> = {
  activity_registrations: { position: "int4[]" },
  activity_attendances: { hours: "float8[]", walk_in: "int4[]" },
  activity_surveys: { score: "int4[]" },
};

/**
 * The streamed tables' batches. On PostgreSQL one statement per 20,000 rows
 * with one array parameter per column — `insert … select * from
 * unnest($1::text[], …)` — rather than ctx.insert's multi-row VALUES with a
 * parameter per value (2,000 rows, ~30,000 parameters a statement), so
 * millions of rows take a few hundred statements. SQLite keeps ctx.insert
 * (its prepared statements run on the connection without a round trip).
 */
async function bulk<T extends "activity_registrations" | "activity_attendances" | "activity_surveys">(
  ctx: GenContext,
  table: T,
  rows: readonly Row<T>[],
): Promise<void> {
  if (rows.length === 0) return;
  if (ctx.dialect !== "postgres") return ctx.insert(table, rows);
  const cols = Object.keys(rows[0] as object);
  const types = PG_TYPES[table] ?? {};
  const list = cols.map((c) => `"${c}"`).join(", ");
  const arrays = cols.map((c, i) => `$${i + 1}::${types[c] ?? "text[]"}`).join(", ");
  const text = `insert into "${table}" (${list}) select * from unnest(${arrays})`;
  for (let i = 0; i < rows.length; i += 20_000) {
    const batch = rows.slice(i, i + 20_000) as readonly Record<string, unknown>[];
    const params = cols.map((c) => batch.map((r) => r[c] ?? null));
    await ctx.db.executeQuery(CompiledQuery.raw(text, params));
  }
}

const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / DAY_MS);

// Status codes of the first pass (decided per activity, written in the second).
const ACCEPTED = 0;
const WAITLISTED = 1;
const CANCELLED = 2;
const OFFERED = 3;
const PENDING = 4;
const REJECTED = 5;
const STATUS = ["accepted", "waitlisted", "cancelled", "offered", "pending", "rejected"] as const;

interface Planned {
  id: string;
  clusterId: string;
  createdMs: number;
  /** When registration closes: the start, or today for those already under way. */
  closesMs: number;
  statuses: Uint8Array;
  positions: Int32Array;
  /** Whether registrations were mailed offers that are still open (the offered ones' deadline). */
  offeredUntil: string | null;
  /** Done: ~70% of those accepted attended, each of its sessions or the whole activity. */
  attended: boolean;
}

/** A session as its check-ins see it (id null: the whole activity, which has none). */
interface Held {
  id: string | null;
  hours: number;
  atMs: number;
}

interface Person {
  id: string;
  enterpriseId: string | null;
  name: string;
  mobile: string | null;
}

/**
 * Who registered and how it went, in arrival order: seats while they last,
 * then the waiting list; some cancel, and each freed seat goes to the first
 * waiting (accepted, or still offered ahead of a planned start); moderated
 * activities have their decisions (pending ones only ahead).
 */
function decide(
  rng: Rng,
  n: number,
  capacity: number | null,
  moderated: boolean,
  ahead: boolean,
): { statuses: Uint8Array; positions: Int32Array; seats: number; seq: number; offered: boolean } {
  const statuses = new Uint8Array(n);
  const positions = new Int32Array(n);
  let seats = 0;
  let seq = 0;
  for (let i = 0; i < n; i++) {
    if (moderated) {
      const r = rng.next();
      if (ahead && r < 0.15) {
        statuses[i] = PENDING;
        continue;
      }
      if (r < 0.25) {
        statuses[i] = REJECTED;
        continue;
      }
    }
    if (capacity === null || seats < capacity) {
      statuses[i] = ACCEPTED;
      seats++;
    } else {
      statuses[i] = WAITLISTED;
      positions[i] = ++seq;
    }
  }
  let offered = false;
  let nextWaiting = 0;
  for (let i = 0; i < n; i++) {
    if (statuses[i] !== ACCEPTED || !rng.chance(0.06)) continue;
    statuses[i] = CANCELLED;
    while (nextWaiting < n && statuses[nextWaiting] !== WAITLISTED) nextWaiting++;
    if (nextWaiting < n) {
      // The seat stays taken: offered to the first waiting, who took it (or has it on offer ahead).
      if (ahead && rng.chance(0.3)) {
        statuses[nextWaiting] = OFFERED;
        offered = true;
      } else statuses[nextWaiting] = ACCEPTED;
      positions[nextWaiting] = 0;
    } else seats--;
  }
  return { statuses, positions, seats, seq, offered };
}

// ----------------------------------------------------------------- the generator

const generator: BenchGenerator = {
  after: ["planning", "members"],
  async run(ctx) {
    const { rng, today } = ctx;
    const todayMs = Date.parse(today);
    const all = ctx.need("clusters");
    const manager = managedCluster(all);
    const clusters = all.filter((c) => inProject(c) || c.id === manager.id);

    // The directory: members of each cluster (people registering, enterprises exhibiting).
    const members = await ctx.db
      .selectFrom("cluster_actors")
      .select(["cluster_id", "actor_id", "kind"])
      .where("status", "=", "member")
      .where("kind", "in", ["person", "enterprise"])
      .execute();
    const personRows = await ctx.db
      .selectFrom("people")
      .innerJoin("actors", "actors.id", "people.id")
      .select(["people.id", "people.enterprise_id", "actors.name", "actors.mobile"])
      .execute();
    const personById = new Map<string, Person>(
      personRows.map((p) => [p.id, { id: p.id, enterpriseId: p.enterprise_id, name: p.name, mobile: p.mobile }]),
    );
    const peopleOf = new Map<string, Person[]>();
    const enterprisesOf = new Map<string, string[]>();
    for (const m of members) {
      if (m.kind === "person") {
        const p = personById.get(m.actor_id);
        if (p) peopleOf.set(m.cluster_id, [...(peopleOf.get(m.cluster_id) ?? []), p]);
      } else enterprisesOf.set(m.cluster_id, [...(enterprisesOf.get(m.cluster_id) ?? []), m.actor_id]);
    }
    const programmeRows = await ctx.db
      .selectFrom("planning_programmes")
      .select(["id", "cluster_id", "start_date", "end_date"])
      .execute();
    const programmesOf = new Map<string, typeof programmeRows>();
    for (const p of programmeRows) programmesOf.set(p.cluster_id, [...(programmesOf.get(p.cluster_id) ?? []), p]);

    // How many activities each cluster holds: by how far its project got, sizes spread wide.
    const total = ctx.count(NATIONAL_ACTIVITIES, 100);
    const weights = clusters.map(
      (c) => (STAGE_WEIGHT[stageOf(c)] ?? 0.3) * (0.3 + rng.next() * 1.4) * (c.id === manager.id ? 4 : 1),
    );
    const quota = apportion(total, weights);

    const activities: Row<"activities">[] = [];
    const sessions: Row<"activity_sessions">[] = [];
    const wants: number[] = [];
    const heldOf = new Map<string, Held[]>();
    const meta: {
      clusterId: string;
      capacity: number | null;
      moderated: boolean;
      ahead: boolean;
      createdMs: number;
      closesMs: number;
      row: number;
      race: boolean;
    }[] = [];

    const add = (c: BenchCluster, kind: ActivityKind, start: string, programmeId: string | null, race = false) => {
      const city = c.city;
      const product = c.product.fa;
      let end = start;
      let title: string;
      let details: Record<string, unknown> = {};
      let capacity: number | null = null;
      let want = 0;
      let online = false;
      let place: string | null = typeFa(
        rng,
        rng.pick([`دفتر خوشه ${city}`, `سالن همایش‌های اتاق بازرگانی ${city}`, `مرکز آموزش فنی و حرفه‌ای ${city}`]),
      );
      const sessionDays: string[] = [];
      switch (kind) {
        case "training": {
          const n = race ? 1 : rng.int(2, 8);
          const gap = rng.pick([1, 2, 7]);
          for (let i = 0; i < n; i++) sessionDays.push(addDaysIso(start, i * gap));
          end = sessionDays[sessionDays.length - 1]!;
          online = rng.chance(0.3);
          details = { hours: n * rng.pick([2, 3, 4]), mode: online ? "virtual" : "in_person", trainerId: null };
          title = `دوره آموزشی ${rng.pick(COURSES)}${rng.chance(0.3) ? ` ویژه بنگاه${Z}های ${product}` : ""}`;
          capacity = race ? RACE_CAPACITY : rng.int(20, 45);
          want = race ? RACE_CAPACITY - 2 : capacity * (0.7 + rng.next() * 0.5);
          break;
        }
        case "meeting": {
          const series = rng.chance(0.3);
          const n = series ? rng.int(3, 10) : 1;
          for (let i = 0; i < n; i++) sessionDays.push(addDaysIso(start, i * 14));
          end = sessionDays[sessionDays.length - 1]!;
          details = { recurrence: series ? "biweekly" : "none" };
          title = series ? MEETINGS[0]! : rng.pick(MEETINGS.slice(1));
          capacity = rng.chance(0.4) ? rng.int(30, 80) : null;
          want = rng.int(8, 40);
          break;
        }
        case "workshop":
          sessionDays.push(start);
          title = `کارگاه ${rng.pick(WORKSHOPS)}`;
          capacity = rng.int(20, 50);
          want = capacity * (0.6 + rng.next() * 0.5);
          break;
        case "consultancy":
          end = addDaysIso(start, rng.int(10, 90));
          title = `${rng.pick(CONSULTANCY)} به بنگاه${Z}های خوشه`;
          capacity = rng.int(5, 15);
          want = rng.int(2, capacity);
          break;
        case "tour": {
          const abroad = rng.chance(0.2);
          end = addDaysIso(start, abroad ? rng.int(3, 6) : rng.int(0, 2));
          const destinations = rng.sample(abroad ? DESTINATIONS_OUT : DESTINATIONS_IN, rng.int(1, 2));
          details = { scope: abroad ? "foreign" : "domestic", destinations };
          title = `بازدید صنعتی از ${destinations.join(" و ")}`;
          capacity = rng.int(15, 45);
          want = capacity * (0.7 + rng.next() * 0.6);
          place = null;
          break;
        }
        case "exhibition": {
          end = addDaysIso(start, rng.int(3, 5));
          const name = `${rng.pick(EXHIBITIONS)} ${product}`;
          const ents = enterprisesOf.get(c.id) ?? [];
          details = {
            name,
            form: rng.chance(0.2) ? "pavilion" : "booth",
            areaM2: rng.chance(0.7) ? rng.int(12, 400) : null,
            enterpriseIds: rng.sample(ents, rng.int(0, Math.min(8, ents.length))),
          };
          title = `حضور در ${name}`;
          want = rng.int(4, 25);
          place = typeFa(rng, `محل دائمی نمایشگاه‌های ${rng.pick(DESTINATIONS_IN)}`);
          break;
        }
        case "conference":
          end = addDaysIso(start, rng.int(0, 1));
          title = `همایش ${rng.pick(["توسعه صادرات", "کالای ایرانی", "نوآوری در صنعت", "برندسازی"])} ${product}`;
          capacity = rng.int(100, 400);
          want = capacity * (0.4 + rng.next() * 0.5);
          break;
        case "startup_event":
          end = addDaysIso(start, rng.int(0, 2));
          title = `رویداد استارتاپی ${product} ${city}`;
          capacity = rng.int(50, 200);
          want = capacity * (0.5 + rng.next() * 0.6);
          break;
        case "market_study": {
          end = addDaysIso(start, rng.int(30, 120));
          const cs = rng.sample(COUNTRIES, rng.int(1, 3));
          details = { countries: cs.map(([code]) => code) };
          title = `مطالعه بازار ${product} ${cs.map(([, fa]) => fa).join("، ")}`;
          place = null;
          break;
        }
        case "research":
          end = addDaysIso(start, rng.int(30, 150));
          title = `پژوهش ${rng.pick(RESEARCH)} ${product}`;
          place = null;
          break;
        case "publication": {
          const form = rng.weighted([
            ["newsletter", 4],
            ["article", 3],
            ["book", 1],
            ["video", 1],
          ] as const);
          details = { form };
          title =
            form === "book"
              ? `کتاب جامع ${product} ${city}`
              : form === "article"
                ? `مقاله معرفی خوشه ${product} در ماهنامه صنعت`
                : form === "video"
                  ? `فیلم معرفی خوشه ${product}`
                  : `خبرنامه خوشه ${product}`;
          place = null;
          break;
        }
        default:
          throw new Error(`bench activities: no kind ${kind satisfies never}`);
      }
      const id = rng.uuid();
      const createdOn = addDaysIso(start, -rng.int(10, 60));
      const createdMs = Date.parse(`${minIso(createdOn, today)}T06:00:00Z`);
      const past = end < today;
      const status = race
        ? "planned"
        : past
          ? rng.weighted([
              ["done", 90],
              ["cancelled", 5],
              ["planned", 5],
            ] as const)
          : rng.chance(0.03)
            ? "cancelled"
            : "planned";
      const cost =
        kind === "publication" || kind === "meeting" ? rng.int(0, 5) * 10 * MILLION : rng.int(1, 200) * 10 * MILLION;
      const [national, province, membersShare, others] = apportion(cost / MILLION, [
        rng.int(30, 60),
        rng.int(10, 30),
        rng.int(10, 40),
        rng.chance(0.3) ? rng.int(0, 20) : 0,
      ]).map((x) => x * MILLION) as [number, number, number, number];
      const moderated = !race && capacity !== null && rng.chance(0.04);
      activities.push({
        id,
        cluster_id: c.id,
        province_code: c.provinceCode,
        kind,
        title: typeFa(rng, title),
        description: rng.chance(0.4) ? typeFa(rng, `${title} با همکاری ${rng.pick(ORGANISERS)}`) : null,
        online: online ? 1 : 0,
        place: online ? null : place,
        online_link: online ? `https://meet.example.ir/${id.slice(0, 8)}` : null,
        start_date: start,
        end_date: end,
        programme_id: programmeId,
        organiser: rng.chance(0.7) ? rng.pick(ORGANISERS) : null,
        capacity,
        cost_rials: cost,
        share_national: national,
        share_province: province,
        share_members: membersShare,
        share_others: others,
        details: JSON.stringify(details),
        status,
        created_at: new Date(createdMs + rng.int(0, 8 * 3600_000)).toISOString(),
        updated_at: instantOn(rng, past ? minIso(addDaysIso(end, rng.int(0, 10)), today) : minIso(createdOn, today)),
        moderated: moderated ? 1 : 0,
        offer_hours: 48,
        // Set from the registrations decided below (every row names the same columns for the inserter).
        seats_taken: 0,
        waitlist_seq: 0,
      });
      const held: Held[] = [];
      sessionDays.forEach((d, position) => {
        const from = rng.pick([9, 10, 14, 16]);
        const hours = rng.int(2, 4);
        const sid = rng.uuid();
        sessions.push({
          id: sid,
          activity_id: id,
          cluster_id: c.id,
          starts_on: d,
          start_time: `${String(from).padStart(2, "0")}:00`,
          end_time: `${String(from + hours).padStart(2, "0")}:00`,
          place: null,
          capacity: null,
          position,
        });
        // Check-ins from a quarter before the start (Tehran, UTC+3:30) to a quarter after.
        held.push({ id: sid, hours, atMs: Date.parse(`${d}T00:00:00Z`) + (from - 3.75) * 3600_000 });
      });
      if (held.length === 0) held.push({ id: null, hours: 0, atMs: Date.parse(`${start}T05:00:00Z`) });
      heldOf.set(id, held);
      // Registration closes at the start (or by today for those under way or past).
      const closesMs = Math.max(createdMs + DAY_MS, Math.min(Date.parse(start), todayMs));
      wants.push(status === "cancelled" && !past ? want * 0.3 : want);
      meta.push({
        clusterId: c.id,
        capacity,
        moderated,
        ahead: start > today,
        createdMs,
        closesMs,
        row: activities.length - 1,
        race,
      });
    };

    clusters.forEach((c, ci) => {
      const n = quota[ci]!;
      if (n === 0) return;
      const from = c.agentStart ?? c.steps[c.steps.length - 1]!.on;
      const until = addDaysIso(today, 150);
      const span = Math.max(30, daysBetween(from, until));
      const programmes = programmesOf.get(c.id) ?? [];
      for (let i = 0; i < n; i++) {
        const kind = rng.weighted(KIND_SHARES);
        // Two thirds serve a programme of the cluster's plans, inside its dates.
        const p = programmes.length > 0 && rng.chance(0.67) ? rng.pick(programmes) : null;
        const start = p
          ? addDaysIso(p.start_date, rng.int(0, Math.max(0, daysBetween(p.start_date, p.end_date) - 7)))
          : addDaysIso(from, rng.int(0, span));
        add(c, kind, start, p?.id ?? null);
      }
      if (c.id === manager.id) {
        for (let i = 0; i < RACE_ACTIVITIES; i++) add(c, "training", addDaysIso(today, rng.int(20, 120)), null, true);
      }
    });

    // Registrations: the kinds' demand, scaled so the country holds the national count.
    const target = ctx.count(NATIONAL_REGISTRATIONS, 1000);
    const wanted = wants.reduce((s, w) => s + w, 0);
    const factor = wanted > 0 ? target / wanted : 0;
    const planned: Planned[] = [];
    for (const [i, m] of meta.entries()) {
      // The race's trainings keep their two last seats free, whatever the scale.
      const n = Math.round(wants[i]! * (m.race ? 1 : factor));
      if (n === 0) continue;
      const d = decide(rng, n, m.capacity, m.moderated, m.ahead);
      const a = activities[m.row]!;
      a.seats_taken = d.seats;
      a.waitlist_seq = d.seq;
      planned.push({
        id: a.id as string,
        clusterId: m.clusterId,
        createdMs: m.createdMs,
        closesMs: m.closesMs,
        statuses: d.statuses,
        positions: d.positions,
        offeredUntil: d.offered ? new Date(todayMs + rng.int(6, 40) * 3600_000).toISOString() : null,
        attended: a.status === "done",
      });
    }

    await ctx.insert("activities", activities);
    await ctx.insert("activity_sessions", sessions);

    // The second pass: who each registration is, and when it came; written in batches.
    let regs: Row<"activity_registrations">[] = [];
    let atts: Row<"activity_attendances">[] = [];
    let surveys: Row<"activity_surveys">[] = [];
    let registrations = 0;
    let attendances = 0;
    let answers = 0;
    const codeBytes = Buffer.alloc(18);
    const byStatus: Record<string, number> = {};
    const buf = new Int32Array(Math.max(1, ...[...peopleOf.values()].map((l) => l.length)));
    for (const p of planned) {
      const people = peopleOf.get(p.clusterId) ?? [];
      const n = p.statuses.length;
      const picks = distinct(rng, people.length, n, buf);
      const step = Math.max(1, (p.closesMs - p.createdMs) / (n + 1));
      for (let i = 0; i < n; i++) {
        const person = i < picks.length ? people[picks[i]!]! : null;
        const code = p.statuses[i]!;
        const status = STATUS[code]!;
        const created = new Date(p.createdMs + step * (i + 0.5 + rng.next() * 0.4)).toISOString();
        const changed =
          code === CANCELLED || code === OFFERED || code === REJECTED
            ? new Date(Math.min(p.closesMs, Date.parse(created) + rng.int(1, 10) * DAY_MS)).toISOString()
            : created;
        const regId = rng.uuid();
        // The ticket's code: 18 bytes as the product makes them, the first four the row's serial so
        // three million of them are unique by construction.
        codeBytes.writeUInt32BE(registrations + i, 0);
        for (let b = 4; b < 18; b += 2) codeBytes.writeUInt16BE(rng.u32() & 0xffff, b);
        regs.push({
          id: regId,
          checkin_code: codeBytes.toString("base64url"),
          activity_id: p.id,
          cluster_id: p.clusterId,
          session_id: null,
          person_id: person?.id ?? null,
          name: person?.name ?? personName(rng),
          // Public names register with their mobile, unique in the activity by its place in the list.
          mobile: person ? person.mobile : `0939${String(i).padStart(7, "0")}`,
          enterprise_id: person?.enterpriseId ?? null,
          status,
          reason:
            code === REJECTED ? rng.pick(REJECT_REASONS) : code === CANCELLED && rng.chance(0.3) ? "انصراف" : null,
          offered_until: code === OFFERED ? p.offeredUntil : null,
          position: code === WAITLISTED ? p.positions[i]! : null,
          registered_by: null,
          created_at: created,
          updated_at: maxIso(changed, created),
        });
        byStatus[status] = (byStatus[status] ?? 0) + 1;
        if (p.attended && code === ACCEPTED && rng.chance(0.7)) {
          const held = heldOf.get(p.id)!;
          // Most sessions, never none: the first they came to is certain.
          const first = rng.int(0, held.length - 1);
          let lastMs = 0;
          for (const [k, h] of held.entries()) {
            if (k !== first && !rng.chance(0.85)) continue;
            lastMs = Math.max(lastMs, h.atMs);
            atts.push({
              id: rng.uuid(),
              activity_id: p.id,
              cluster_id: p.clusterId,
              registration_id: regId,
              session_id: h.id,
              hours: h.hours,
              walk_in: 0,
              checked_in_at: new Date(h.atMs + rng.int(0, 30 * 60_000)).toISOString(),
              checked_in_by: null,
            });
          }
          // Two in five answer the satisfaction survey, within days of the last session they came to.
          if (rng.chance(0.4)) {
            surveys.push({
              registration_id: regId,
              activity_id: p.id,
              cluster_id: p.clusterId,
              score: rng.weighted(SCORES),
              comment: rng.chance(0.15) ? rng.pick(SURVEY_COMMENTS) : null,
              answered_at: new Date(Math.min(todayMs, lastMs + rng.int(2, 96) * 3600_000)).toISOString(),
              answered_by: null,
            });
          }
        }
      }
      registrations += n;
      if (regs.length >= FLUSH) {
        await bulk(ctx, "activity_registrations", regs);
        await bulk(ctx, "activity_attendances", atts);
        await bulk(ctx, "activity_surveys", surveys);
        attendances += atts.length;
        answers += surveys.length;
        regs = [];
        atts = [];
        surveys = [];
      }
    }
    await bulk(ctx, "activity_registrations", regs);
    await bulk(ctx, "activity_attendances", atts);
    await bulk(ctx, "activity_surveys", surveys);
    attendances += atts.length;
    answers += surveys.length;

    // The beneficiary aggregates the attendance writes keep in production, set-based from the rows above.
    const started = Date.now();
    const aggregates = await rebuildBeneficiaryAggregates(ctx.db, ctx.dialect);
    const seconds = (Date.now() - started) / 1000;

    return {
      activities: activities.length,
      activity_sessions: sessions.length,
      activity_registrations: registrations,
      activity_attendances: attendances,
      activity_surveys: answers,
      activity_beneficiary_registrations: aggregates.registrations,
      activity_beneficiaries: aggregates.beneficiaries,
      activity_beneficiary_marks: aggregates.marks,
      activity_beneficiary_counts: aggregates.counts,
      "  beneficiary rebuild ms": Math.round(seconds * 1000),
      ...Object.fromEntries(Object.entries(byStatus).map(([k, v]) => [`  ${k}`, v])),
    };
  },
};

export default generator;
