import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  addWeeks,
  addWorkingDays,
  dayOfWeek,
  daysBetween,
  instantAt,
  isLocalDate,
  isWorkingDay,
  localDateOf,
  localTimeOf,
  londonOffsetMs,
  nextWorkingDayOnOrAfter,
  previousWorkingDayOnOrBefore,
  secondsUntil,
  toEpochMs,
  workingDaysBetween,
} from '#domain/calendar.ts';
import { isDomainError } from '#domain/errors.ts';

describe('local dates', () => {
  it('accepts only real calendar dates written YYYY-MM-DD', () => {
    expect(isLocalDate('2028-02-29')).toBe(true);
    expect(isLocalDate('2026-02-29')).toBe(false);
    expect(isLocalDate('2026-13-01')).toBe(false);
    expect(isLocalDate('2026-1-01')).toBe(false);
    expect(isLocalDate(20260101)).toBe(false);
  });

  it('adds days, weeks and months across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addWeeks('2026-05-26', -12)).toBe('2026-03-03');
    expect(addMonths('2026-05-26', 6)).toBe('2026-11-26');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonths('2026-01-15', -1)).toBe('2025-12-15');
  });

  it('counts days between dates, negative when the second is earlier', () => {
    expect(daysBetween('2026-03-03', '2026-05-26')).toBe(84);
    expect(daysBetween('2026-05-26', '2026-03-03')).toBe(-84);
    // the clock change does not make a day 23 or 25 hours long in date arithmetic
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
  });

  it('numbers the days of the week from Monday 1 to Sunday 7', () => {
    expect(dayOfWeek('2026-05-25')).toBe(1);
    expect(dayOfWeek('2026-05-31')).toBe(7);
  });

  it('throws InvalidDate naming no personal data for an impossible date', () => {
    try {
      addDays('2026-02-30', 1);
      expect.unreachable();
    } catch (e) {
      expect(isDomainError(e, 'InvalidDate')).toBe(true);
    }
  });
});

describe('working days (England and Wales)', () => {
  it('excludes weekends and bank holidays', () => {
    expect(isWorkingDay('2026-05-22')).toBe(true); // Friday
    expect(isWorkingDay('2026-05-23')).toBe(false); // Saturday
    expect(isWorkingDay('2026-05-25')).toBe(false); // spring bank holiday
    expect(isWorkingDay('2026-12-28')).toBe(false); // Boxing Day substitute
  });

  it('moves a release on Good Friday to the Tuesday after Easter Monday', () => {
    expect(nextWorkingDayOnOrAfter('2026-04-03')).toBe('2026-04-07');
    expect(nextWorkingDayOnOrAfter('2026-04-02')).toBe('2026-04-02');
  });

  it('skips Christmas and the Boxing Day substitute Monday in 2026', () => {
    expect(nextWorkingDayOnOrAfter('2026-12-25')).toBe('2026-12-29');
    expect(addWorkingDays('2026-12-24', 1)).toBe('2026-12-29');
  });

  it('skips both substitute days when Christmas falls on a weekend (2027)', () => {
    expect(nextWorkingDayOnOrAfter('2027-12-25')).toBe('2027-12-29');
    expect(addWorkingDays('2027-12-24', 1)).toBe('2027-12-29');
  });

  it('keeps a Friday release before a bank-holiday Monday on the Friday, the next working day on Tuesday', () => {
    expect(nextWorkingDayOnOrAfter('2026-05-22')).toBe('2026-05-22');
    expect(addWorkingDays('2026-05-22', 1)).toBe('2026-05-26');
    expect(nextWorkingDayOnOrAfter('2026-05-23')).toBe('2026-05-26');
  });

  it('goes back to the last working day for a "by" deadline on a holiday', () => {
    expect(previousWorkingDayOnOrBefore('2026-04-06')).toBe('2026-04-02');
    expect(previousWorkingDayOnOrBefore('2026-04-02')).toBe('2026-04-02');
  });

  it('adds working days forwards and backwards without counting the start day', () => {
    expect(addWorkingDays('2026-03-03', 10)).toBe('2026-03-17');
    expect(addWorkingDays('2026-04-07', -2)).toBe('2026-04-01');
    expect(addWorkingDays('2026-05-26', -1)).toBe('2026-05-22');
    expect(addWorkingDays('2026-05-23', 0)).toBe('2026-05-26');
  });

  it('counts working days between two dates', () => {
    expect(workingDaysBetween('2026-04-02', '2026-04-07')).toBe(1);
    expect(workingDaysBetween('2026-04-07', '2026-04-02')).toBe(-1);
    expect(workingDaysBetween('2026-03-02', '2026-03-09')).toBe(5);
  });

  it('refuses a fractional number of working days', () => {
    expect(() => addWorkingDays('2026-03-02', 1.5)).toThrow(RangeError);
  });
});

describe('Europe/London time', () => {
  it('puts 09:00 at 09:00Z the day before the spring change and 08:00Z on it (29 March 2026)', () => {
    expect(instantAt('2026-03-28', '09:00')).toBe('2026-03-28T09:00:00.000Z');
    expect(instantAt('2026-03-29', '09:00')).toBe('2026-03-29T08:00:00.000Z');
  });

  it('puts 09:00 at 08:00Z the day before the autumn change and 09:00Z on it (25 October 2026)', () => {
    expect(instantAt('2026-10-24', '09:00')).toBe('2026-10-24T08:00:00.000Z');
    expect(instantAt('2026-10-25', '09:00')).toBe('2026-10-25T09:00:00.000Z');
  });

  it('moves a wall time inside the spring gap forward by an hour', () => {
    expect(instantAt('2026-03-29', '01:30')).toBe('2026-03-29T01:30:00.000Z');
    expect(localTimeOf('2026-03-29T01:30:00.000Z')).toBe('02:30');
  });

  it('reads a repeated autumn wall time as its first (BST) occurrence', () => {
    expect(instantAt('2026-10-25', '01:30')).toBe('2026-10-25T00:30:00.000Z');
  });

  it('handles the 2025 clock changes on the last Sundays of March and October', () => {
    expect(instantAt('2025-03-30', '12:00')).toBe('2025-03-30T11:00:00.000Z');
    expect(instantAt('2025-10-26', '12:00')).toBe('2025-10-26T12:00:00.000Z');
  });

  it('gives the London date of an instant, which is the next day late on a summer evening', () => {
    expect(localDateOf('2026-06-30T23:30:00Z')).toBe('2026-07-01');
    expect(localDateOf('2026-12-31T23:30:00Z')).toBe('2026-12-31');
    expect(localDateOf(Date.parse('2026-06-30T22:59:59Z'))).toBe('2026-06-30');
    expect(localDateOf('2026-07-01T00:30:00+01:00')).toBe('2026-07-01');
  });

  it('knows the offset in GMT and BST', () => {
    expect(londonOffsetMs('2026-01-15T12:00:00Z')).toBe(0);
    expect(londonOffsetMs('2026-07-15T12:00:00Z')).toBe(3_600_000);
    expect(londonOffsetMs('2026-03-29T00:59:59Z')).toBe(0);
    expect(londonOffsetMs('2026-03-29T01:00:00Z')).toBe(3_600_000);
  });

  it('refuses an instant without a zone and a malformed time', () => {
    expect(() => toEpochMs('2026-05-26T09:00:00')).toThrow(
      expect.objectContaining({ name: 'InvalidInstant' }),
    );
    expect(() => toEpochMs('tomorrow')).toThrow(expect.objectContaining({ name: 'InvalidInstant' }));
    expect(() => instantAt('2026-05-26', '9:00')).toThrow(
      expect.objectContaining({ name: 'InvalidInstant' }),
    );
    expect(() => instantAt('2026-05-26', '24:00')).toThrow(
      expect.objectContaining({ name: 'InvalidInstant' }),
    );
  });

  it('counts whole seconds between instants, never negative', () => {
    expect(secondsUntil('2026-05-26T09:00:00Z', '2026-05-26T10:00:00Z')).toBe(3600);
    expect(secondsUntil('2026-05-26T10:00:00Z', '2026-05-26T09:00:00Z')).toBe(0);
  });
});
