/**
 * One autocannon run of a scenario's requests: every connection sends them
 * in turn, round and round, for the duration. Latency percentiles come from
 * every answer (autocannon's own keep 2xx only and have no p95); a
 * scenario's labelled parts (reads and writes in the mix) are timed apart.
 */
import autocannon from "autocannon";
import type { BenchRequest } from "./kit";

export interface Latency {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface LoadResult extends Latency {
  seconds: number;
  rps: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statuses: Record<string, number>;
  byLabel: Record<string, Latency & { non2xx: number; statuses: Record<string, number> }>;
}

function percentiles(values: number[]): Latency {
  const v = Float64Array.from(values).sort();
  const at = (p: number) => (v.length ? v[Math.min(v.length - 1, Math.ceil((p / 100) * v.length) - 1)]! : 0);
  return { count: v.length, p50: at(50), p95: at(95), p99: at(99), max: v.length ? v[v.length - 1]! : 0 };
}

interface Ctx {
  t0?: number;
  token?: unknown;
}

type AcRequest = NonNullable<autocannon.Options["requests"]>[number];

export async function runLoad(opts: {
  url: string;
  connections: number;
  seconds: number;
  /** Sent with every request (session cookie, accept-encoding, language). */
  headers: Record<string, string>;
  /** Added to unsafe requests (the session's CSRF token). */
  unsafeHeaders?: Record<string, string>;
  requests: readonly BenchRequest[];
}): Promise<LoadResult> {
  const labelled = opts.requests.some((r) => r.label);
  const byLabel = new Map<string, { times: number[]; non2xx: number; statuses: Record<string, number> }>();
  const headersFor = (method: string, hasBody: boolean): Record<string, string> => ({
    ...opts.headers,
    ...(method === "GET" ? {} : opts.unsafeHeaders),
    ...(hasBody ? { "content-type": "application/json" } : {}),
  });
  const requests: AcRequest[] = opts.requests.map((r) => {
    const method = r.method ?? "GET";
    const label = r.label ?? "";
    const base: AcRequest = {
      method,
      path: r.path ?? "/",
      headers: headersFor(method, r.body !== undefined),
      body: r.body === undefined ? undefined : JSON.stringify(r.body),
    };
    if (!r.next && !labelled) return base;
    return {
      ...base,
      setupRequest: (req: AcRequest, context: Ctx) => {
        context.t0 = performance.now();
        if (!r.next) return req;
        const n = r.next();
        context.token = n.token;
        const m = n.method ?? method;
        return {
          ...req,
          method: m,
          path: n.path,
          headers: headersFor(m, n.body !== undefined),
          body: n.body === undefined ? undefined : JSON.stringify(n.body),
        } as AcRequest;
      },
      onResponse: (status: number, _body: string, context: Ctx) => {
        r.done?.(status, context.token);
        if (!labelled) return;
        const l = byLabel.get(label) ?? { times: [], non2xx: 0, statuses: {} };
        if (context.t0 !== undefined) l.times.push(performance.now() - context.t0);
        if (status < 200 || status > 299) l.non2xx++;
        l.statuses[status] = (l.statuses[status] ?? 0) + 1;
        byLabel.set(label, l);
      },
    } as AcRequest;
  });
  const times: number[] = [];
  // Without a callback autocannon's instance is both the event emitter and a promise of the result.
  const instance = autocannon({
    url: opts.url,
    connections: opts.connections,
    duration: opts.seconds,
    headers: opts.headers,
    requests,
    timeout: 10,
  }) as unknown as autocannon.Instance & PromiseLike<autocannon.Result>;
  instance.on("response", (_client, _status, _bytes, ms) => times.push(ms));
  const r = await instance;
  const statuses: Record<string, number> = {};
  for (const [code, v] of Object.entries(r.statusCodeStats ?? {})) statuses[code] = (v as { count: number }).count;
  const seconds = r.duration;
  return {
    ...percentiles(times),
    seconds,
    rps: times.length / seconds,
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
    statuses,
    byLabel: Object.fromEntries(
      [...byLabel].map(([k, v]) => [k, { ...percentiles(v.times), non2xx: v.non2xx, statuses: v.statuses }]),
    ),
  };
}
