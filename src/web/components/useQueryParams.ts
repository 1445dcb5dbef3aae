import { useCallback, useRef } from "react";
import { useSearchParams } from "react-router";

/** Parameters to set (a value) or remove (empty, null or undefined); the others are kept. */
export type ParamChanges = Record<string, string | null | undefined>;

/**
 * The query parameters as this page last wrote them, beside what the
 * router renders. Each change starts from the last one written, not from
 * the params of the last render: react-router's functional update is handed
 * the params of the render it was made in, so two changes before the next
 * render (a debounced search landing as a filter is picked, on a slow
 * device) kept only the second — the partner search's browser test caught
 * it on the CI clone. A render of something this page did not write (a
 * link, back) is taken as the new start.
 */
export class WrittenParams {
  private latest: URLSearchParams;
  private seen: string;
  /** Written and not rendered yet, oldest first: rendering one of them is not news. */
  private inFlight: string[] = [];

  constructor(initial: URLSearchParams) {
    this.latest = new URLSearchParams(initial);
    this.seen = initial.toString();
  }

  /** What the router renders now. */
  rendered(params: URLSearchParams): void {
    const s = params.toString();
    if (s === this.seen) return;
    this.seen = s;
    const mine = this.inFlight.indexOf(s);
    if (mine >= 0) this.inFlight.splice(0, mine + 1);
    else {
      this.inFlight = [];
      this.latest = new URLSearchParams(params);
    }
  }

  /** The params with these changes on the last written ones; null when nothing changes. */
  write(changes: ParamChanges): URLSearchParams | null {
    const next = new URLSearchParams(this.latest);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (next.toString() === this.latest.toString()) return null;
    this.latest = next;
    this.inFlight.push(next.toString());
    return next;
  }
}

/**
 * The address's query parameters, and a writer that changes some of them
 * and keeps the rest (replacing the history entry: filters are not steps).
 */
export function useQueryParams(): [URLSearchParams, (changes: ParamChanges) => void] {
  const [params, setParams] = useSearchParams();
  const written = useRef<WrittenParams | null>(null);
  written.current ??= new WrittenParams(params);
  written.current.rendered(params);
  const update = useCallback(
    (changes: ParamChanges) => {
      const next = written.current?.write(changes);
      if (next) setParams(next, { replace: true });
    },
    [setParams],
  );
  return [params, update];
}

/**
 * A list's filters kept in the address: read with `parse` (which leaves out
 * values the server would refuse), changed a few at a time, cleared together
 * (the other parameters stay).
 */
export function useUrlFilterSet<F extends Partial<Record<string, string>>>(
  keys: readonly string[],
  parse: (params: URLSearchParams) => F,
) {
  const [params, update] = useQueryParams();
  const filters = parse(params);
  const set = useCallback((changes: Partial<F>) => update(changes as ParamChanges), [update]);
  const clear = useCallback(() => update(Object.fromEntries(keys.map((k) => [k, null]))), [update, keys]);
  return { filters, set, clear };
}
