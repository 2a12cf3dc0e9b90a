/**
 * The Europe/London calendar: local dates as `YYYY-MM-DD` strings, working days (England and Wales), and the
 * conversion between instants and London local dates and times, correct across the BST/GMT changes (last Sunday of
 * March and of October). Zone offsets come from `Intl.DateTimeFormat` (full ICU in Node 20+). Pure: time is always
 * a parameter, never read from the clock.
 */
import { isBankHoliday } from './bank-holidays.ts';
import { InvalidDate, InvalidInstant } from './errors.ts';

/** A Europe/London calendar day, `YYYY-MM-DD`. */
export type LocalDate = string;
/** A Europe/London wall-clock time, `HH:mm` (24-hour). */
export type LocalTime = string;
/** An instant as an ISO-8601 string (`2026-03-29T08:00:00.000Z`), epoch milliseconds, or a Date. */
export type InstantInput = string | number | Date;

export const ZONE = 'Europe/London';
const DAY_MS = 86_400_000;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

// ---------------------------------------------------------------- local dates

/** Whether `value` is a real calendar date written `YYYY-MM-DD` (2026-02-29 is not). */
export function isLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== 'string') return false;
  const m = LOCAL_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Checks a local date, throwing `InvalidDate` (with the field name) when it is not a real `YYYY-MM-DD` date. */
export function assertLocalDate(value: unknown, field?: string): LocalDate {
  if (!isLocalDate(value)) throw new InvalidDate('must be a real calendar date written YYYY-MM-DD', field);
  return value;
}

/** Days since 1970-01-01 (the epoch day) of a local date. */
export function epochDay(date: LocalDate): number {
  return Date.parse(`${assertLocalDate(date)}T00:00:00Z`) / DAY_MS;
}

export function fromEpochDay(day: number): LocalDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromEpochDay(epochDay(date) + days);
}

export function addWeeks(date: LocalDate, weeks: number): LocalDate {
  return addDays(date, weeks * 7);
}

/**
 * Adds calendar months; a day that does not exist in the target month is clamped to its last day
 * (2026-08-31 + 6 months = 2027-02-28).
 */
export function addMonths(date: LocalDate, months: number): LocalDate {
  assertLocalDate(date);
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const d = Number(date.slice(8, 10));
  const targetYear = y + Math.floor(m / 12);
  const targetMonth = ((m % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  return new Date(Date.UTC(targetYear, targetMonth, Math.min(d, lastDay))).toISOString().slice(0, 10);
}

/** `to - from` in calendar days (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return epochDay(to) - epochDay(from);
}

export function compareDates(a: LocalDate, b: LocalDate): number {
  return epochDay(a) - epochDay(b);
}

export function minDate(...dates: LocalDate[]): LocalDate {
  return dates.reduce((a, b) => (compareDates(a, b) <= 0 ? a : b));
}

export function maxDate(...dates: LocalDate[]): LocalDate {
  return dates.reduce((a, b) => (compareDates(a, b) >= 0 ? a : b));
}

/** ISO day of the week: 1 Monday .. 7 Sunday. */
export function dayOfWeek(date: LocalDate): number {
  const wd = new Date(epochDay(date) * DAY_MS).getUTCDay();
  return wd === 0 ? 7 : wd;
}

// ---------------------------------------------------------------- working days

export function isWeekend(date: LocalDate): boolean {
  return dayOfWeek(date) >= 6;
}

export { isBankHoliday };

/** A working day is a weekday that is not an England-and-Wales bank holiday. */
export function isWorkingDay(date: LocalDate): boolean {
  return !isWeekend(date) && !isBankHoliday(date);
}

/** "On `date` or the next working day". */
export function nextWorkingDayOnOrAfter(date: LocalDate): LocalDate {
  let d = assertLocalDate(date);
  while (!isWorkingDay(d)) d = addDays(d, 1);
  return d;
}

/** "By `date`": `date` itself when a working day, else the last working day before it. */
export function previousWorkingDayOnOrBefore(date: LocalDate): LocalDate {
  let d = assertLocalDate(date);
  while (!isWorkingDay(d)) d = addDays(d, -1);
  return d;
}

/**
 * The `n`th working day after `date` (n > 0) or before it (n < 0), not counting `date` itself; the result is
 * always a working day. `n = 0` gives `nextWorkingDayOnOrAfter(date)`.
 */
export function addWorkingDays(date: LocalDate, n: number): LocalDate {
  if (!Number.isInteger(n)) throw new RangeError('working days must be a whole number');
  if (n === 0) return nextWorkingDayOnOrAfter(date);
  const step = n > 0 ? 1 : -1;
  let d = assertLocalDate(date);
  let left = Math.abs(n);
  while (left > 0) {
    d = addDays(d, step);
    if (isWorkingDay(d)) left -= 1;
  }
  return d;
}

/** Working days in the half-open range (`from`, `to`]: how many working days `to` is after `from`. */
export function workingDaysBetween(from: LocalDate, to: LocalDate): number {
  const sign = compareDates(to, from) >= 0 ? 1 : -1;
  const [a, b] = sign > 0 ? [from, to] : [to, from];
  let count = 0;
  for (let d = addDays(a, 1); compareDates(d, b) <= 0; d = addDays(d, 1)) if (isWorkingDay(d)) count += 1;
  return sign * count;
}

// ---------------------------------------------------------------- instants and London local time

/** Epoch milliseconds of an instant; throws `InvalidInstant` for a string that is not ISO-8601 with a zone. */
export function toEpochMs(instant: InstantInput, field?: string): number {
  let ms: number;
  if (typeof instant === 'number') ms = instant;
  else if (instant instanceof Date) ms = instant.getTime();
  else if (typeof instant === 'string' && ISO_INSTANT.test(instant)) ms = Date.parse(instant);
  else ms = Number.NaN;
  if (!Number.isFinite(ms))
    throw new InvalidInstant('must be an ISO-8601 instant with a zone, e.g. Z', field);
  return ms;
}

/** The instant as an ISO-8601 UTC string (`...Z`). */
export function toIso(instant: InstantInput): string {
  return new Date(toEpochMs(instant)).toISOString();
}

export function isIsoInstant(value: unknown): value is string {
  return typeof value === 'string' && ISO_INSTANT.test(value) && Number.isFinite(Date.parse(value));
}

let formatter: Intl.DateTimeFormat | undefined;
function londonParts(ms: number): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
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

/** London's offset from UTC at an instant, in milliseconds (0 in GMT, 3,600,000 in BST). */
export function londonOffsetMs(instant: InstantInput): number {
  const ms = toEpochMs(instant);
  const whole = Math.floor(ms / 1000) * 1000;
  const p = londonParts(whole);
  return Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s) - whole;
}

/** The Europe/London calendar day of an instant. */
export function localDateOf(instant: InstantInput): LocalDate {
  const p = londonParts(toEpochMs(instant));
  return `${String(p.y).padStart(4, '0')}-${String(p.mo).padStart(2, '0')}-${String(p.d).padStart(2, '0')}`;
}

/** The Europe/London wall-clock time (`HH:mm`) of an instant. */
export function localTimeOf(instant: InstantInput): LocalTime {
  const p = londonParts(toEpochMs(instant));
  return `${String(p.h).padStart(2, '0')}:${String(p.mi).padStart(2, '0')}`;
}

export function assertLocalTime(value: unknown, field?: string): LocalTime {
  if (typeof value !== 'string' || !LOCAL_TIME.test(value))
    throw new InvalidInstant('must be a 24-hour time written HH:mm', field);
  return value;
}

/**
 * The instant (ISO, UTC) of a London wall-clock time on a London date. A time that does not exist (01:30 on the
 * last Sunday of March) moves forward by the gap (02:30 BST); a time that happens twice (01:30 on the last Sunday
 * of October) is the first (BST) occurrence.
 */
export function instantAt(date: LocalDate, time: LocalTime): string {
  return new Date(instantMsAt(date, time)).toISOString();
}

export function instantMsAt(date: LocalDate, time: LocalTime): number {
  assertLocalDate(date);
  assertLocalTime(time);
  const wall = Date.parse(`${date}T${time}:00Z`);
  const before = londonOffsetMs(wall - DAY_MS);
  const after = londonOffsetMs(wall + DAY_MS);
  const candidates = [...new Set([before, after])]
    .map((offset) => wall - offset)
    .filter((t) => t + londonOffsetMs(t) === wall)
    .sort((a, b) => a - b);
  // No candidate: the wall time falls in the spring-forward gap; read it with the offset in force before the gap.
  return candidates[0] ?? wall - before;
}

/** Seconds from one instant to another, rounded down, never negative. */
export function secondsUntil(from: InstantInput, to: InstantInput): number {
  return Math.max(0, Math.floor((toEpochMs(to) - toEpochMs(from)) / 1000));
}
