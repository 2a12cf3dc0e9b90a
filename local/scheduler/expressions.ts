/**
 * EventBridge Scheduler expressions: `at(yyyy-mm-ddThh:mm:ss)` read as wall time in `ScheduleExpressionTimezone`
 * (UTC when absent) and turned into the instant, with Intl so BST/GMT and every other zone's rules are the
 * platform's; and `rate(n unit)`. `cron()` is refused by the local scheduler rather than ignored.
 *
 * Wall times that do not exist (the hour skipped when clocks go forward) fire at the same distance after the
 * change (01:30 on the March change in London is 02:30 BST); wall times that happen twice (the hour repeated when
 * clocks go back) fire at the first of the two.
 */
import { AwsError } from '../wire.ts';

export type ParsedExpression =
  | { readonly kind: 'at'; readonly wall: readonly [number, number, number, number, number, number] }
  | { readonly kind: 'rate'; readonly everyMs: number };

const AT = /^at\((\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\)$/;
const RATE = /^rate\((\d+)\s+(minute|minutes|hour|hours|day|days)\)$/;
const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

const invalidExpression = (expression: string, why: string) =>
  new AwsError('ValidationException', `Invalid Schedule Expression ${expression}: ${why}`);

export function parseExpression(expression: string): ParsedExpression {
  const at = AT.exec(expression);
  if (at) {
    const wall = at.slice(1).map(Number) as [number, number, number, number, number, number];
    const [y, mo, d, h, mi, s] = wall;
    const probe = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
    if (
      probe.getUTCFullYear() !== y ||
      probe.getUTCMonth() !== mo - 1 ||
      probe.getUTCDate() !== d ||
      h > 23 ||
      mi > 59 ||
      s > 59
    )
      throw invalidExpression(expression, 'not a valid date and time');
    return { kind: 'at', wall };
  }
  const rate = RATE.exec(expression);
  if (rate) {
    const value = Number(rate[1]);
    if (value < 1) throw invalidExpression(expression, 'the rate must be a positive integer');
    if (value === 1 && rate[2]!.endsWith('s'))
      throw invalidExpression(expression, 'use the singular unit for 1');
    if (value > 1 && !rate[2]!.endsWith('s')) throw invalidExpression(expression, 'use the plural unit');
    return { kind: 'rate', everyMs: value * UNIT_MS[rate[2]!.replace(/s$/, '')]! };
  }
  if (expression.startsWith('cron('))
    throw invalidExpression(
      expression,
      'cron() schedules are not supported by the local endpoint (at() and rate() are)',
    );
  throw invalidExpression(expression, 'expected at(yyyy-mm-ddThh:mm:ss), rate(value unit) or cron(fields)');
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-GB', {
        timeZone,
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
        hourCycle: 'h23',
      });
    } catch {
      throw new AwsError('ValidationException', `Invalid ScheduleExpressionTimezone: ${timeZone}`);
    }
    formatters.set(timeZone, f);
  }
  return f;
}

export function validateTimeZone(timeZone: string): void {
  formatter(timeZone);
}

/** The wall time in `timeZone` at an instant, as a UTC-based epoch (so `wallMs - instant` is the zone's offset). */
function wallMs(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instant)))
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
}

const offset = (instant: number, timeZone: string) =>
  wallMs(instant, timeZone) - Math.floor(instant / 1000) * 1000;

/** The instant at which the wall clock in `timeZone` reads the given local time (see the module note for gaps). */
export function wallTimeToInstant(
  wall: readonly [number, number, number, number, number, number],
  timeZone = 'UTC',
): number {
  const [y, mo, d, h, mi, s] = wall;
  const local = Date.UTC(y, mo - 1, d, h, mi, s);
  const before = offset(local - 86_400_000, timeZone);
  const after = offset(local + 86_400_000, timeZone);
  const candidates = [local - before, local - after].filter((t) => wallMs(t, timeZone) === local);
  if (candidates.length > 0) return Math.min(...candidates);
  // in a gap: read the wall time with the offset in force before the change
  return local - before;
}

/** The first instant a schedule fires at or after `from` (epoch ms), or undefined when it never fires again. */
export function nextFireTime(
  parsed: ParsedExpression,
  options: { timeZone?: string; startDate?: number; endDate?: number; createdAt: number; after?: number },
): number | undefined {
  if (parsed.kind === 'at')
    return options.after === undefined ? wallTimeToInstant(parsed.wall, options.timeZone) : undefined;
  const start = options.startDate ?? options.createdAt;
  let next = start;
  if (options.after !== undefined && options.after >= start)
    next = start + (Math.floor((options.after - start) / parsed.everyMs) + 1) * parsed.everyMs;
  if (options.endDate !== undefined && next > options.endDate) return undefined;
  return next;
}
