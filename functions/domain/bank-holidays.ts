/**
 * England-and-Wales bank holidays.
 *
 * Source: https://www.gov.uk/bank-holidays.json (division `england-and-wales`) for the years gov.uk had published
 * when this table was written (2024 to 2027). From 2026 onward the dates are also derived by the statutory
 * rules below (Banking and Financial Dealings Act 1971 Sch 1 and the annual royal proclamations), and the
 * derivation is checked against this table by a unit test; 2028 to 2030 are that derivation. There is no known
 * one-off holiday in 2024 to 2030 (the last ones were the 2022 Platinum Jubilee, the 2022 State Funeral and the
 * 2023 Coronation). When gov.uk announces a one-off or a moved holiday, add it to the table: the table wins.
 *
 * Rules: New Year's Day (substitute: next weekday), Good Friday, Easter Monday, early May (first Monday of May),
 * spring (last Monday of May), summer (last Monday of August), Christmas Day and Boxing Day (a weekend holiday
 * moves to the next weekday not already a holiday: Christmas on Saturday gives Monday 27 and Tuesday 28).
 * Years outside the table use the rules alone.
 */

export const BANK_HOLIDAYS_ENGLAND_AND_WALES: Readonly<Record<number, readonly string[]>> = {
  2024: [
    '2024-01-01',
    '2024-03-29',
    '2024-04-01',
    '2024-05-06',
    '2024-05-27',
    '2024-08-26',
    '2024-12-25',
    '2024-12-26',
  ],
  2025: [
    '2025-01-01',
    '2025-04-18',
    '2025-04-21',
    '2025-05-05',
    '2025-05-26',
    '2025-08-25',
    '2025-12-25',
    '2025-12-26',
  ],
  2026: [
    '2026-01-01',
    '2026-04-03',
    '2026-04-06',
    '2026-05-04',
    '2026-05-25',
    '2026-08-31',
    '2026-12-25',
    '2026-12-28', // Boxing Day (Saturday 26) substitute
  ],
  2027: [
    '2027-01-01',
    '2027-03-26',
    '2027-03-29',
    '2027-05-03',
    '2027-05-31',
    '2027-08-30',
    '2027-12-27', // Christmas Day (Saturday 25) substitute
    '2027-12-28', // Boxing Day (Sunday 26) substitute
  ],
  2028: [
    '2028-01-03', // New Year's Day (Saturday 1) substitute
    '2028-04-14',
    '2028-04-17',
    '2028-05-01',
    '2028-05-29',
    '2028-08-28',
    '2028-12-25',
    '2028-12-26',
  ],
  2029: [
    '2029-01-01',
    '2029-03-30',
    '2029-04-02',
    '2029-05-07',
    '2029-05-28',
    '2029-08-27',
    '2029-12-25',
    '2029-12-26',
  ],
  2030: [
    '2030-01-01',
    '2030-04-19',
    '2030-04-22',
    '2030-05-06',
    '2030-05-27',
    '2030-08-26',
    '2030-12-25',
    '2030-12-26',
  ],
};

export const FIRST_TABLE_YEAR = 2024;
export const LAST_TABLE_YEAR = 2030;

const DAY_MS = 86_400_000;

function ymd(year: number, month: number, day: number): string {
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

function weekday(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay(); // 0 Sunday .. 6 Saturday
}

/** Easter Sunday (Gregorian), the anonymous "Meeus/Jones/Butcher" algorithm. */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return ymd(year, month, day);
}

function shiftDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function firstMonday(year: number, month: number): string {
  const wd = weekday(year, month, 1);
  return ymd(year, month, 1 + ((8 - wd) % 7));
}

function lastMonday(year: number, month: number): string {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const wd = weekday(year, month, last);
  return ymd(year, month, last - ((wd + 6) % 7));
}

function isWeekendDate(date: string): boolean {
  const wd = new Date(Date.parse(`${date}T00:00:00Z`)).getUTCDay();
  return wd === 0 || wd === 6;
}

/** The bank holidays of a year by the statutory rules alone (no one-offs). */
export function bankHolidaysByRule(year: number): string[] {
  const easter = easterSunday(year);
  const taken = new Set<string>();
  const substitute = (date: string): string => {
    let d = date;
    while (isWeekendDate(d) || taken.has(d)) d = shiftDays(d, 1);
    taken.add(d);
    return d;
  };
  const newYear = substitute(ymd(year, 1, 1));
  const fixed = [shiftDays(easter, -2), shiftDays(easter, 1), firstMonday(year, 5), lastMonday(year, 5)];
  fixed.push(lastMonday(year, 8));
  for (const d of fixed) taken.add(d);
  const christmas = substitute(ymd(year, 12, 25));
  const boxingDay = substitute(ymd(year, 12, 26));
  return [newYear, ...fixed, christmas, boxingDay].sort();
}

const cache = new Map<number, ReadonlySet<string>>();

/** The England-and-Wales bank holidays of a year: the table when it covers the year, the rules otherwise. */
export function bankHolidaysOf(year: number): ReadonlySet<string> {
  let set = cache.get(year);
  if (!set) {
    set = new Set(BANK_HOLIDAYS_ENGLAND_AND_WALES[year] ?? bankHolidaysByRule(year));
    cache.set(year, set);
  }
  return set;
}

/** Whether a `YYYY-MM-DD` date is an England-and-Wales bank holiday. */
export function isBankHoliday(date: string): boolean {
  return bankHolidaysOf(Number(date.slice(0, 4))).has(date);
}
