/**
 * Europe/London's offset from UTC. Since 1996 the zone follows the EU rule: BST (UTC+1) from 01:00 UTC on the last
 * Sunday of March to 01:00 UTC on the last Sunday of October, GMT otherwise (tzdata `Rule EU 1981 max`, which has
 * no end). For instants in 1996-2099 the offset is computed from that rule; outside them (the GB-Eire rules and
 * wartime double summer time before 1996, the far future) it is read from `Intl.DateTimeFormat` (full ICU in Node
 * 20+). A unit test checks the rule against Intl hour by hour. Pure.
 */
import { civilFromDays, daysFromCivil } from './epoch-days.ts';

export const ZONE = 'Europe/London';
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** The years whose offsets come from the EU rule. */
export const RULE_FIRST_YEAR = 1996;
export const RULE_LAST_YEAR = 2099;
const RULE_FROM_MS = daysFromCivil(RULE_FIRST_YEAR, 1, 1) * DAY_MS;
const RULE_UNTIL_MS = daysFromCivil(RULE_LAST_YEAR + 1, 1, 1) * DAY_MS;

/** 01:00 UTC on the last Sunday of a 31-day month. */
function lastSundayAtOneUtc(year: number, month: 3 | 10): number {
  const last = daysFromCivil(year, month, 31);
  const sundayBased = (((last + 4) % 7) + 7) % 7; // 0 Sunday .. 6 Saturday (1970-01-01 was a Thursday)
  return (last - sundayBased) * DAY_MS + HOUR_MS;
}

const YEARS = RULE_LAST_YEAR - RULE_FIRST_YEAR + 1;
const BST_FROM = new Float64Array(YEARS);
const BST_UNTIL = new Float64Array(YEARS);
for (let i = 0; i < YEARS; i++) {
  BST_FROM[i] = lastSundayAtOneUtc(RULE_FIRST_YEAR + i, 3);
  BST_UNTIL[i] = lastSundayAtOneUtc(RULE_FIRST_YEAR + i, 10);
}

let formatter: Intl.DateTimeFormat | undefined;

/** London wall-clock fields of an instant, read from Intl (tzdata). */
export function intlLondonParts(ms: number): {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
} {
  formatter ??= new Intl.DateTimeFormat('en-GB', {
    timeZone: ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  const out: Record<string, number> = {};
  for (const p of formatter.formatToParts(new Date(ms)))
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  return { y: out.year!, mo: out.month!, d: out.day!, h: out.hour!, mi: out.minute!, s: out.second! };
}

/** London's offset from UTC read from Intl (tzdata), at the whole second of `ms`. */
export function intlLondonOffsetMs(ms: number): number {
  const whole = Math.floor(ms / 1000) * 1000;
  const p = intlLondonParts(whole);
  return Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s) - whole;
}

/** Whether the offset at `ms` comes from the EU rule (rather than from Intl). */
export function ruleCovers(ms: number): boolean {
  return ms >= RULE_FROM_MS && ms < RULE_UNTIL_MS;
}

/** London's offset from UTC at epoch milliseconds `ms` (finite): 0 in GMT, 3,600,000 in BST. */
export function londonOffsetAt(ms: number): number {
  if (!ruleCovers(ms)) return intlLondonOffsetMs(ms);
  const i = Math.floor(civilFromDays(Math.floor(ms / DAY_MS)) / 10_000) - RULE_FIRST_YEAR;
  return ms >= BST_FROM[i]! && ms < BST_UNTIL[i]! ? HOUR_MS : 0;
}
