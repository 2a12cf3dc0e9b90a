/**
 * Timestamps of the Choice state: the RFC3339 profile of ISO 8601 with an uppercase `T` between date and time
 * and an uppercase `Z` when no numeric offset is given (spec "Timestamps"). Compared to the nanosecond.
 */

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-](\d{2}):(\d{2}))$/;

export interface Instant {
  /** whole seconds since the epoch */
  seconds: number;
  /** fraction of the second, in nanoseconds */
  nanos: number;
}

const cache = new Map<string, Instant | null>();

/** Milliseconds since the epoch of a UTC date and time (years 0-99 taken literally, unlike Date.UTC). */
function utc(y: number, mo: number, d: number, h = 0, mi = 0): number {
  const t = new Date(0);
  t.setUTCFullYear(y, mo, d);
  t.setUTCHours(h, mi, 0, 0);
  return t.getTime();
}
const daysIn = (y: number, m: number) => new Date(utc(y, m, 0)).getUTCDate();

/** The instant a timestamp string denotes, or undefined when it is not a valid RFC3339 timestamp. */
export function parseTimestamp(s: unknown): Instant | undefined {
  if (typeof s !== 'string') return undefined;
  let r = cache.get(s);
  if (r === undefined) {
    r = parse(s);
    if (cache.size > 10_000) cache.clear();
    cache.set(s, r);
  }
  return r ?? undefined;
}

function parse(s: string): Instant | null {
  const m = RFC3339.exec(s);
  if (!m) return null;
  const [y, mo, d, h, mi, se] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i]));
  if (mo! < 1 || mo! > 12 || d! < 1 || d! > daysIn(y!, mo!) || h! > 23 || mi! > 59 || se! > 60) return null;
  let offset = 0;
  if (m[8] !== 'Z') {
    const oh = Number(m[9]);
    const om = Number(m[10]);
    if (oh > 23 || om > 59) return null;
    offset = (m[8]!.startsWith('-') ? -1 : 1) * (oh * 60 + om) * 60;
  }
  const seconds = utc(y!, mo! - 1, d!, h!, mi!) / 1000 + se! - offset;
  const nanos = Number((m[7] ?? '').padEnd(9, '0').slice(0, 9));
  return { seconds, nanos };
}

export const compareInstants = (a: Instant, b: Instant): number =>
  a.seconds !== b.seconds ? a.seconds - b.seconds : a.nanos - b.nanos;
