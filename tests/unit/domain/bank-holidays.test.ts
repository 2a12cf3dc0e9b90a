import { describe, expect, it } from 'vitest';
import {
  BANK_HOLIDAYS_ENGLAND_AND_WALES,
  bankHolidaysByRule,
  bankHolidaysOf,
  easterSunday,
  FIRST_TABLE_YEAR,
  isBankHoliday,
  LAST_TABLE_YEAR,
} from '#domain/bank-holidays.ts';

describe('England-and-Wales bank holidays', () => {
  it('ships eight holidays a year for 2024 to 2030', () => {
    for (let y = FIRST_TABLE_YEAR; y <= LAST_TABLE_YEAR; y++) {
      expect(BANK_HOLIDAYS_ENGLAND_AND_WALES[y]).toHaveLength(8);
      for (const d of BANK_HOLIDAYS_ENGLAND_AND_WALES[y]!) expect(d.startsWith(String(y))).toBe(true);
    }
  });

  it('derives the same dates by the statutory rules as the table holds (no one-offs in 2024-2030)', () => {
    for (let y = FIRST_TABLE_YEAR; y <= LAST_TABLE_YEAR; y++)
      expect(bankHolidaysByRule(y)).toEqual(BANK_HOLIDAYS_ENGLAND_AND_WALES[y]);
  });

  it('computes Easter Sunday', () => {
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(easterSunday(2038)).toBe('2038-04-25');
  });

  it('substitutes Monday 28 December 2026 for Boxing Day on a Saturday', () => {
    expect(isBankHoliday('2026-12-26')).toBe(false);
    expect(isBankHoliday('2026-12-28')).toBe(true);
  });

  it('substitutes Monday and Tuesday when Christmas and Boxing Day fall on a weekend (2027)', () => {
    expect(isBankHoliday('2027-12-27')).toBe(true);
    expect(isBankHoliday('2027-12-28')).toBe(true);
  });

  it("substitutes Monday 3 January 2028 for New Year's Day on a Saturday", () => {
    expect(isBankHoliday('2028-01-03')).toBe(true);
    expect(isBankHoliday('2028-01-01')).toBe(false);
  });

  it('falls back to the rules for a year outside the table', () => {
    expect(bankHolidaysOf(2031).has('2031-04-11')).toBe(true); // Good Friday 2031
    expect(bankHolidaysOf(2032).has('2032-12-27')).toBe(true); // Boxing Day (Sunday) substitute
  });
});
