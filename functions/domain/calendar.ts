/**
 * The Europe/London calendar: local dates as `YYYY-MM-DD` strings, working days (England and Wales), and the
 * conversion between instants and London local dates and times, correct across the BST/GMT changes (last Sunday of
 * March and of October). Date arithmetic is done on epoch days (`epoch-days.ts`) and zone offsets come from the EU
 * rule, or from `Intl.DateTimeFormat` outside the years it covers (`london-zone.ts`). Pure: time is always a
 * parameter, never read from the clock.
 */
import { isBankHoliday } from './bank-holidays.ts';
import {
  daysFromCivil,
  FIRST_WRITABLE_DAY,
  formatEpochDay,
  isoOfMs,
  isoWeekday,
  LAST_WRITABLE_DAY,
  msOfIsoKeyForm,
  parseLocalDate,
} from './epoch-days.ts';
import { InvalidDate, InvalidInstant } from './errors.ts';
import { intlLondonParts, londonOffsetAt, ruleCovers, ZONE } from './london-zone.ts';

/** A Europe/London calendar day, `YYYY-MM-DD`. */
export type LocalDate = string;
/** A Europe/London wall-clock time, `HH:mm` (24-hour). */
export type LocalTime = string;
/** An instant as an ISO-8601 string (`2026-03-29T08:00:00.000Z`), epoch milliseconds, or a Date. */
export type InstantInput = string | number | Date;

export { isoOfMs, ZONE };

const DAY_MS = 86_400_000;
const LOCAL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

// ---------------------------------------------------------------- local dates

/** Whether `value` is a real calendar date written `YYYY-MM-DD` (2026-02-29 is not). */
export function isLocalDate(value: unknown): value is LocalDate {
  return typeof value === 'string' && !Number.isNaN(parseLocalDate(value));
}

/** Checks a local date, throwing `InvalidDate` (with the field name) when it is not a real `YYYY-MM-DD` date. */
export function assertLocalDate(value: unknown, field?: string): LocalDate {
  if (!isLocalDate(value)) throw new InvalidDate('must be a real calendar date written YYYY-MM-DD', field);
  return value;
}

/** Days since 1970-01-01 (the epoch day) of a local date. */
export function epochDay(date: LocalDate): number {
  const day = typeof date === 'string' ? parseLocalDate(date) : Number.NaN;
  if (Number.isNaN(day)) assertLocalDate(date);
  return day;
}

export function fromEpochDay(day: number): LocalDate {
  if (Number.isInteger(day) && day >= FIRST_WRITABLE_DAY && day <= LAST_WRITABLE_DAY)
    return formatEpochDay(day);
  // a fraction of a day, or a year that YYYY cannot hold: as Date writes it
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
  return isoWeekday(epochDay(date));
}

// ---------------------------------------------------------------- working days

export function isWeekend(date: LocalDate): boolean {
  return dayOfWeek(date) >= 6;
}

export { isBankHoliday };

/** A working day is a weekday that is not an England-and-Wales bank holiday. */
export function isWorkingDay(date: LocalDate): boolean {
  return isWorkingEpochDay(epochDay(date));
}

/** Working-day flags of the epoch days of 1990-2109, filled in as they are asked for: 0 unknown, 1 yes, 2 no. */
const FLAGS_FROM = daysFromCivil(1990, 1, 1);
const WORKING_FLAGS = new Uint8Array(daysFromCivil(2110, 1, 1) - FLAGS_FROM);

/** Whether an epoch day is a working day (England and Wales). */
export function isWorkingEpochDay(day: number): boolean {
  const i = day - FLAGS_FROM;
  if (!(i >= 0 && i < WORKING_FLAGS.length)) return isWorkingDayWritten(fromEpochDay(day));
  let flag = WORKING_FLAGS[i]!;
  if (flag === 0) {
    flag = isWorkingDayWritten(formatEpochDay(day)) ? 1 : 2;
    WORKING_FLAGS[i] = flag;
  }
  return flag === 1;
}

function isWorkingDayWritten(date: LocalDate): boolean {
  return !isWeekend(date) && !isBankHoliday(date);
}

/** The first working epoch day on or after `day`. */
export function nextWorkingEpochDay(day: number): number {
  let d = day;
  while (!isWorkingEpochDay(d)) d += 1;
  return d;
}

/** The last working epoch day on or before `day`. */
export function previousWorkingEpochDay(day: number): number {
  let d = day;
  while (!isWorkingEpochDay(d)) d -= 1;
  return d;
}

/** "On `date` or the next working day". */
export function nextWorkingDayOnOrAfter(date: LocalDate): LocalDate {
  const start = epochDay(date);
  const day = nextWorkingEpochDay(start);
  return day === start ? date : fromEpochDay(day);
}

/** "By `date`": `date` itself when a working day, else the last working day before it. */
export function previousWorkingDayOnOrBefore(date: LocalDate): LocalDate {
  const start = epochDay(date);
  const day = previousWorkingEpochDay(start);
  return day === start ? date : fromEpochDay(day);
}

/** The epoch day `n` working days after `day` (n > 0) or before it (n < 0), not counting `day` itself. */
export function addWorkingEpochDays(day: number, n: number): number {
  const step = n > 0 ? 1 : -1;
  let d = day;
  let left = Math.abs(n);
  while (left > 0) {
    d += step;
    if (isWorkingEpochDay(d)) left -= 1;
  }
  return d;
}

/**
 * The `n`th working day after `date` (n > 0) or before it (n < 0), not counting `date` itself; the result is
 * always a working day. `n = 0` gives `nextWorkingDayOnOrAfter(date)`.
 */
export function addWorkingDays(date: LocalDate, n: number): LocalDate {
  if (!Number.isInteger(n)) throw new RangeError('working days must be a whole number');
  if (n === 0) return nextWorkingDayOnOrAfter(date);
  return fromEpochDay(addWorkingEpochDays(epochDay(date), n));
}

/** Working days in the half-open range (`from`, `to`]: how many working days `to` is after `from`. */
export function workingDaysBetween(from: LocalDate, to: LocalDate): number {
  const toDay = epochDay(to);
  const fromDay = epochDay(from);
  const sign = toDay - fromDay >= 0 ? 1 : -1;
  const [a, b] = sign > 0 ? [fromDay, toDay] : [toDay, fromDay];
  let count = 0;
  for (let d = a + 1; d <= b; d++) if (isWorkingEpochDay(d)) count += 1;
  return sign * count;
}

// ---------------------------------------------------------------- instants and London local time

/** Epoch milliseconds of an instant; throws `InvalidInstant` for a string that is not ISO-8601 with a zone. */
export function toEpochMs(instant: InstantInput, field?: string): number {
  let ms: number;
  if (typeof instant === 'number') ms = instant;
  else if (instant instanceof Date) ms = instant.getTime();
  else if (typeof instant === 'string') {
    // most instants are written as toISOString writes them: read directly, the rest through Date.parse
    ms = msOfIsoKeyForm(instant);
    if (Number.isNaN(ms) && ISO_INSTANT.test(instant)) ms = Date.parse(instant);
  } else ms = Number.NaN;
  if (!Number.isFinite(ms))
    throw new InvalidInstant('must be an ISO-8601 instant with a zone, e.g. Z', field);
  return ms;
}

/** The instant as an ISO-8601 UTC string (`...Z`). */
export function toIso(instant: InstantInput): string {
  return isoOfMs(toEpochMs(instant));
}

export function isIsoInstant(value: unknown): value is string {
  return typeof value === 'string' && ISO_INSTANT.test(value) && Number.isFinite(Date.parse(value));
}

/** London's offset from UTC at an instant, in milliseconds (0 in GMT, 3,600,000 in BST). */
export function londonOffsetMs(instant: InstantInput): number {
  return londonOffsetAt(toEpochMs(instant));
}

/** The Europe/London calendar day of an instant. */
export function localDateOf(instant: InstantInput): LocalDate {
  const ms = toEpochMs(instant);
  if (ruleCovers(ms)) return formatEpochDay(Math.floor((ms + londonOffsetAt(ms)) / DAY_MS));
  const p = intlLondonParts(ms);
  return `${String(p.y).padStart(4, '0')}-${String(p.mo).padStart(2, '0')}-${String(p.d).padStart(2, '0')}`;
}

/** The epoch day of the Europe/London calendar day of an instant. */
export function localEpochDayOf(instant: InstantInput): number {
  const ms = toEpochMs(instant);
  if (ruleCovers(ms)) return Math.floor((ms + londonOffsetAt(ms)) / DAY_MS);
  return epochDay(localDateOf(ms));
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** The Europe/London wall-clock time (`HH:mm`) of an instant. */
export function localTimeOf(instant: InstantInput): LocalTime {
  const ms = toEpochMs(instant);
  if (ruleCovers(ms)) {
    const minuteOfDay = Math.floor((ms + londonOffsetAt(ms)) / 60_000) % 1440; // ms >= 0 here
    return `${pad2(Math.floor(minuteOfDay / 60))}:${pad2(minuteOfDay % 60)}`;
  }
  const p = intlLondonParts(ms);
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
  return isoOfMs(instantMsAt(date, time));
}

export function instantMsAt(date: LocalDate, time: LocalTime): number {
  return instantMsOnEpochDay(epochDay(date), time);
}

/** `instantMsAt` for the London date that is an epoch day. */
export function instantMsOnEpochDay(day: number, time: LocalTime): number {
  assertLocalTime(time);
  const hours = (time.charCodeAt(0) - 48) * 10 + time.charCodeAt(1) - 48;
  const minutes = (time.charCodeAt(3) - 48) * 10 + time.charCodeAt(4) - 48;
  const wall = day * DAY_MS + (hours * 60 + minutes) * 60_000;
  const before = londonOffsetAt(wall - DAY_MS);
  const after = londonOffsetAt(wall + DAY_MS);
  // the wall time read with the offset in force a day before, and a day after: each that reads back is a candidate
  const first = wall - before;
  const second = wall - after;
  const firstFits = first + londonOffsetAt(first) === wall;
  const secondFits = after !== before && second + londonOffsetAt(second) === wall;
  if (firstFits && secondFits) return Math.min(first, second);
  if (secondFits) return second;
  // First fits, or no candidate: the wall time falls in the spring-forward gap; read it with the offset in force
  // before the gap.
  return first;
}

/** Seconds from one instant to another, rounded down, never negative. */
export function secondsUntil(from: InstantInput, to: InstantInput): number {
  return Math.max(0, Math.floor((toEpochMs(to) - toEpochMs(from)) / 1000));
}
