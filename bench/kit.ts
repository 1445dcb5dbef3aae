/**
 * The benchmark's kit, shared by the runners (bench/data.ts, bench/run.ts)
 * and by what each module contributes to them: its data generator
 * (modules/<name>/bench-data.ts) and its load scenarios
 * (modules/<name>/bench-scenarios.ts), both named on the module's manifest
 * and imported only by the benchmark. Nothing here is loaded by the server.
 */
import { CompiledQuery, type Insertable, type Kysely } from "kysely";
import type { Database } from "../src/server/db/connection";
import type { DialectName } from "../src/server/db/dialect";
import type { DB } from "../src/server/db/schema";

// ----------------------------------------------------------------- scales

export type ScaleName = "national" | "province" | "small";

export interface BenchScale {
  name: ScaleName;
  /** Multiplies every national-scale count (ctx.count). */
  factor: number;
  /** The provinces that carry data; the others exist (migration 0002) but stay empty. */
  provinces: readonly string[] | "all";
}

/** The province the province-admin scenarios act in, and the only one with data at province scale. */
export const BENCH_PROVINCE = "IR-10";

export const SCALES: Record<ScaleName, BenchScale> = {
  national: { name: "national", factor: 1, provinces: "all" },
  // One province's worth of the country: about 1/31 of everything, all in one province.
  province: { name: "province", factor: 1 / 31, provinces: [BENCH_PROVINCE] },
  small: { name: "small", factor: 0.05, provinces: "all" },
};

// ----------------------------------------------------------------- a seeded PRNG

function hash32(s: string): number {
  // FNV-1a: a stable 32-bit hash of a module's name, to fork its own stream.
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * sfc32, seeded through splitmix32: fast, 128 bits of state, the same
 * sequence on every machine. Each generator gets its own fork (by module
 * name), so a change in one module's generator leaves every other module's
 * data as it was.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(readonly seed: number) {
    let s = seed >>> 0;
    const split = () => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = split();
    this.b = split();
    this.c = split();
    this.d = split();
    for (let i = 0; i < 12; i++) this.u32();
  }

  fork(name: string): Rng {
    return new Rng((this.seed ^ hash32(name)) >>> 0);
  }

  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** [0, 1) */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** One of `[value, weight]` pairs, in proportion to the weights. */
  weighted<T>(pairs: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of pairs) total += w;
    let r = this.next() * total;
    for (const [v, w] of pairs) {
      r -= w;
      if (r < 0) return v;
    }
    return pairs[pairs.length - 1]![0];
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }

  /** `k` distinct items (fewer when there are fewer). */
  sample<T>(items: readonly T[], k: number): T[] {
    return this.shuffle([...items]).slice(0, Math.min(k, items.length));
  }

  /** A version-4 UUID made from this stream (z.uuid() accepts it; the same seed gives the same ids). */
  uuid(): string {
    const h = (n: number) => n.toString(16).padStart(8, "0");
    const a = h(this.u32());
    const b = h(this.u32());
    const c = h(this.u32());
    const d = h(this.u32());
    const variant = "89ab"[this.u32() & 3]!;
    return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
  }
}

/**
 * Many picks from one weighted list (a million audit rows over ten thousand
 * users): cumulative weights and a binary search instead of a scan per pick.
 */
export class WeightedPicker<T> {
  private readonly cum: Float64Array;
  constructor(
    private readonly items: readonly T[],
    weight: (item: T) => number,
  ) {
    this.cum = new Float64Array(items.length);
    let s = 0;
    items.forEach((it, i) => {
      s += Math.max(0, weight(it));
      this.cum[i] = s;
    });
    if (s <= 0) throw new Error("WeightedPicker: no weight");
  }
  pick(rng: Rng): T {
    const r = rng.next() * this.cum[this.cum.length - 1]!;
    let lo = 0;
    let hi = this.cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cum[mid]! > r) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}

/** Splits `total` over `weights` in whole numbers that add up to it (largest remainder). */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((s, n) => s + n, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((x, y) => y[0] - x[0] || x[1] - y[1]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    out[i]! += 1;
  }
  return out;
}

// ----------------------------------------------------------------- dates

/** The earlier / later of two ISO dates (strings: Math.min would not do). */
export const minIso = (a: string, b: string) => (a < b ? a : b);
export const maxIso = (a: string, b: string) => (a > b ? a : b);

/** An instant on an ISO date, at a time of the working day in Tehran, as the product stores instants. */
export function instantOn(rng: Rng, isoDate: string): string {
  // 08:00–17:00 Tehran is 04:30–13:30 UTC.
  const secs = 4.5 * 3600 + rng.int(0, 9 * 3600);
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + secs * 1000 + rng.int(0, 999)).toISOString();
}

// ----------------------------------------------------------------- generators

/** The roles the benchmark signs in as. */
export type BenchRole = "national" | "province" | "manager";

export interface BenchAccount {
  email: string;
  userId: string;
  provinceCode: string | null;
  clusterId: string | null;
}

/** Every benchmark account signs in with this password (hashed once with the product's hashPassword). */
export const BENCH_PASSWORD = "Bench-Khooshe-2025";

/**
 * What generators made that later ones read (ids, states, who is who). A
 * module adds its part from its own bench-data.ts, as a module adds its
 * tables to DB: `declare module "../../../../bench/kit" { interface
 * BenchMade { clusters: BenchCluster[] } }`. The accounts the benchmark
 * signs in as are the platform's.
 */
export interface BenchMade {
  accounts: Record<BenchRole, BenchAccount>;
}

/** Inserts rows in multi-row batches inside the generator's transaction. */
export type Inserter = <T extends keyof DB & string>(table: T, rows: readonly Insertable<DB[T]>[]) => Promise<void>;

export interface GenContext {
  /** The generator's transaction: every generator runs in one. */
  db: Kysely<DB>;
  dialect: DialectName;
  /** This module's own stream (forked from the seed by module name). */
  rng: Rng;
  scale: BenchScale;
  /** The date the data is anchored at (histories end by it, contracts run around it). */
  today: string;
  /** The provinces that carry data, by code, with their names. */
  provinces: readonly { code: string; nameFa: string; nameEn: string }[];
  /** A national-scale count at this scale: max(min, round(n × factor)). */
  count(national: number, min?: number): number;
  insert: Inserter;
  /** What earlier generators made. */
  made: Partial<BenchMade>;
  /** What an earlier generator made, or a clear error when it has not run. */
  need<K extends keyof BenchMade>(key: K): BenchMade[K];
}

export interface BenchGenerator {
  /**
   * Modules whose data this one reads, when they come later in the
   * manifest list (users read the clusters their grants name). Otherwise
   * the generators run in SERVER_MODULES order.
   */
  after?: readonly string[];
  /** Fills the module's tables; returns the rows written per table, for the summary. */
  run(ctx: GenContext): Promise<Record<string, number>>;
}

/**
 * A multi-row INSERT per batch. On SQLite the statements go straight to
 * better-sqlite3 (prepared once per batch shape) on the connection the
 * transaction holds; on PostgreSQL as one parameterised statement per batch
 * through the transaction. Batches stay under each engine's parameter limit.
 */
export function makeInserter(database: Database, trx: Kysely<DB>): Inserter {
  const cache = new Map<string, import("better-sqlite3").Statement>();
  return async (table, rows) => {
    if (rows.length === 0) return;
    const cols = Object.keys(rows[0] as object);
    const maxParams = database.dialect === "sqlite" ? 30_000 : 60_000;
    const per = Math.max(1, Math.min(database.dialect === "sqlite" ? 500 : 2_000, Math.floor(maxParams / cols.length)));
    const colList = cols.map((c) => `"${c}"`).join(", ");
    for (let i = 0; i < rows.length; i += per) {
      const batch = rows.slice(i, i + per);
      const params: unknown[] = [];
      for (const r of batch) {
        const o = r as Record<string, unknown>;
        for (const c of cols) params.push(o[c] ?? null);
      }
      if (database.dialect === "sqlite") {
        const key = `${table}|${colList}|${batch.length}`;
        let stmt = cache.get(key);
        if (!stmt) {
          const tuple = `(${cols.map(() => "?").join(", ")})`;
          stmt = database.sqlite!.prepare(
            `insert into "${table}" (${colList}) values ${Array.from({ length: batch.length }, () => tuple).join(", ")}`,
          );
          cache.set(key, stmt);
        }
        stmt.run(...params);
      } else {
        let n = 0;
        const tuples = batch.map(() => `(${cols.map(() => `$${++n}`).join(", ")})`);
        await trx.executeQuery(
          CompiledQuery.raw(`insert into "${table}" (${colList}) values ${tuples.join(", ")}`, params),
        );
      }
    }
  };
}

// ----------------------------------------------------------------- scenarios

/** One request of a scenario. A scenario's requests are sent in turn on every connection, round and round. */
export interface BenchRequest {
  method?: "GET" | "POST" | "PATCH";
  /** A fixed request: its path under the server (with /api/v1) and body. */
  path?: string;
  body?: unknown;
  /**
   * Or a request built anew each time it is sent (the next cluster to
   * move, a random cluster to open). `token` comes back to `done` with the
   * answer's status on the same connection.
   */
  next?: () => { method?: "GET" | "POST" | "PATCH"; path: string; body?: unknown; token?: unknown };
  done?: (status: number, token: unknown) => void;
  /** Its part in a mix ("read", "update", "transition"), reported apart. */
  label?: string;
}

export interface PreparedScenario {
  /** Whom the requests are sent as. */
  as: BenchRole;
  requests: BenchRequest[];
}

export interface ScenarioContext {
  accounts: Record<BenchRole, BenchAccount>;
  scale: BenchScale;
  /** The date the data is anchored at. */
  today: string;
  /** A GET over HTTP as one of the roles, its JSON (for ids, totals, pools). */
  get<T>(as: BenchRole, path: string): Promise<T>;
}

export interface BenchScenario {
  /** Short and unique across modules: used by --scenarios and in the table. */
  id: string;
  title: string;
  /** Targets: every read p99 ≤ 50 ms at 32 connections; search p95 ≤ 20 ms; writes: no errors, no SQLITE_BUSY. */
  kind: "read" | "search" | "write";
  /** For a deep page: the id of the scenario that reads page 1 (held to ≤ 2× its latency). */
  deepPageOf?: string;
  /** Called before every run, so pools and totals start from the data as it is then. */
  prepare(ctx: ScenarioContext): Promise<PreparedScenario>;
}
