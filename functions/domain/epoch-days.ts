/**
 * Proleptic Gregorian calendar arithmetic on epoch days (whole days since 1970-01-01), without Date objects or
 * string parsing by `Date.parse`: the inner loop of every plan. The conversions are Howard Hinnant's
 * `days_from_civil` and `civil_from_days` (http://howardhinnant.github.io/date_algorithms.html). Pure.
 */

/** Epoch day of 0000-01-01 and of 9999-12-31: the days a `YYYY-MM-DD` string can be written for. */
export const FIRST_WRITABLE_DAY = -719_528;
export const LAST_WRITABLE_DAY = 2_932_896;

/** The epoch day of a proleptic Gregorian date (month 1-12); no range checks. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Year, month (1-12) and day of an epoch day, packed as `year * 10_000 + month * 100 + day` (no allocation). */
export function civilFromDays(epochDay: number): number {
  const z = epochDay + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return year * 10_000 + month * 100 + day;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month]!;
}

/** The value of `length` ASCII digits of `text` from `at`, or -1 if any is not a digit 0-9. */
function digitsAt(text: string, at: number, length: number): number {
  let value = 0;
  for (let i = at; i < at + length; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    value = value * 10 + c;
  }
  return value;
}

/**
 * The epoch day of a real calendar date written `YYYY-MM-DD`, or NaN. Years before 0100 are refused, as they always
 * were here (`Date.UTC` reads years 0-99 as 1900-1999, so such a date never read back as itself).
 */
export function parseLocalDate(text: string): number {
  return text.length === 10 ? dateAt(text) : Number.NaN;
}

/** The epoch day of the `YYYY-MM-DD` that `text` begins with, as parseLocalDate reads it, or NaN. */
function dateAt(text: string): number {
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return Number.NaN;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  if (year < 100 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  return daysFromCivil(year, month, day);
}

/**
 * Whether an instant is written exactly as `Date.prototype.toISOString` writes it: `YYYY-MM-DDTHH:MM:SS.sssZ`, a
 * real calendar date (as parseLocalDate reads it) and a time below 24:00. Such a string is its own normal form, so
 * a caller that normalises instants need not parse and format it again.
 */
export function isIsoKeyForm(text: string): boolean {
  return !Number.isNaN(msOfIsoKeyForm(text));
}

/**
 * Epoch milliseconds of an instant written as isIsoKeyForm accepts, read without `Date.parse` (which took half a
 * percent of the simulator); NaN for any other string.
 */
export function msOfIsoKeyForm(text: string): number {
  if (
    text.length !== 24 ||
    text.charCodeAt(10) !== 84 || // T
    text.charCodeAt(13) !== 58 || // :
    text.charCodeAt(16) !== 58 ||
    text.charCodeAt(19) !== 46 || // .
    text.charCodeAt(23) !== 90 // Z
  )
    return Number.NaN;
  const day = dateAt(text);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  const millis = digitsAt(text, 20, 3);
  if (
    Number.isNaN(day) ||
    hour < 0 ||
    hour >= 24 ||
    minute < 0 ||
    minute >= 60 ||
    second < 0 ||
    second >= 60 ||
    millis < 0
  )
    return Number.NaN;
  return day * DAY_MS + hour * 3_600_000 + minute * 60_000 + second * 1000 + millis;
}

const TWO_DIGITS = Array.from({ length: 32 }, (_, i) => String(i).padStart(2, '0'));

/** `YYYY-MM-DD` of a whole epoch day from FIRST_WRITABLE_DAY to LAST_WRITABLE_DAY. */
export function formatEpochDay(epochDay: number): string {
  const ymd = civilFromDays(epochDay);
  const year = Math.floor(ymd / 10_000);
  const month = Math.floor(ymd / 100) % 100;
  const yearText = year >= 1000 ? String(year) : String(year).padStart(4, '0');
  return `${yearText}-${TWO_DIGITS[month]}-${TWO_DIGITS[ymd % 100]}`;
}

const DAY_MS = 86_400_000;

/**
 * `Date.prototype.toISOString` of epoch milliseconds (`2026-03-29T08:00:00.000Z`), written without a Date for whole
 * milliseconds in years 0000-9999 (the rest, and NaN, go to Date as before).
 */
export function isoOfMs(ms: number): string {
  // plans are worked out again and again from the same few instants (due times, release days): a memo gives each
  // its string once. Direct-mapped by a hash of the instant's whole seconds (a slot keeps the last instant written
  // there; instants are mostly whole hours, so the seconds are mixed first): a lookup is a comparison, where a Map
  // hashed a boxed number each time.
  const slot = Math.imul(Math.floor(ms / 1000) | 0, 0x9e3779b1) >>> ISO_SLOT_SHIFT;
  if (isoSlotMs[slot] === ms) return isoSlotText[slot]!;
  const iso = writeIso(ms);
  isoSlotMs[slot] = ms;
  isoSlotText[slot] = iso;
  return iso;
}

const ISO_SLOTS = 4096;
const ISO_SLOT_SHIFT = 32 - Math.log2(ISO_SLOTS);
const isoSlotMs = new Float64Array(ISO_SLOTS).fill(Number.NaN);
const isoSlotText: string[] = new Array(ISO_SLOTS).fill('');

function writeIso(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  if (!Number.isInteger(ms) || day < FIRST_WRITABLE_DAY || day > LAST_WRITABLE_DAY)
    return new Date(ms).toISOString();
  let rest = ms - day * DAY_MS;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  const date = formatEpochDay(day);
  const codes = ISO_CODES;
  for (let i = 0; i < 10; i++) codes[i] = date.charCodeAt(i);
  codes[11] = ZERO + Math.floor(hours / 10);
  codes[12] = ZERO + (hours % 10);
  codes[14] = ZERO + Math.floor(minutes / 10);
  codes[15] = ZERO + (minutes % 10);
  codes[17] = ZERO + Math.floor(seconds / 10);
  codes[18] = ZERO + (seconds % 10);
  codes[20] = ZERO + Math.floor(millis / 100);
  codes[21] = ZERO + (Math.floor(millis / 10) % 10);
  codes[22] = ZERO + (millis % 10);
  return String.fromCharCode(...codes);
}

const ZERO = 48;
/**
 * The character codes of the timestamp being written (`YYYY-MM-DDTHH:MM:SS.mmmZ`; the separators stay put), made
 * into one flat string. A template literal this long is a chain of concatenations instead (cons strings, V8 builds
 * one per `+` past 12 characters): eight objects for each timestamp, and a copy too once it is first compared or
 * hashed. Timestamps are most of the strings a journey keeps (due dates, ladder steps, appointment times).
 */
const ISO_CODES = Array.from('0000-00-00T00:00:00.000Z', (c) => c.charCodeAt(0));

/** ISO day of the week of an epoch day: 1 Monday .. 7 Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(epochDay: number): number {
  return ((((epochDay + 3) % 7) + 7) % 7) + 1;
}
