/**
 * The calendar's arithmetic fast paths (epoch days, the EU summer-time rule for Europe/London, ISO strings) give
 * exactly what Date and Intl give, checked value by value over the years the journeys use.
 */
import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  epochDay,
  fromEpochDay,
  instantMsAt,
  isLocalDate,
  isoOfMs,
  isWorkingDay,
  localDateOf,
  localTimeOf,
  londonOffsetMs,
  toEpochMs,
} from '#domain/calendar.ts';
import { isIsoKeyForm, msOfIsoKeyForm } from '#domain/epoch-days.ts';
import { RULE_FIRST_YEAR, RULE_LAST_YEAR } from '#domain/london-zone.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** The reference: London wall-clock fields from Intl (tzdata), as the calendar read them before. */
const intl = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
function intlParts(ms: number) {
  const out: Record<string, string> = {};
  for (const p of intl.formatToParts(new Date(ms))) if (p.type !== 'literal') out[p.type] = p.value;
  return out as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string>;
}
function intlOffset(ms: number): number {
  const p = intlParts(ms);
  return Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second) - ms;
}
/** The reference for a wall time: each candidate offset that reads back, the earliest; else the one before a gap. */
function intlInstant(date: string, time: string): number {
  const wall = Date.parse(`${date}T${time}:00Z`);
  const before = intlOffset(wall - DAY_MS);
  const after = intlOffset(wall + DAY_MS);
  const fits = [...new Set([before, after])]
    .map((offset) => wall - offset)
    .filter((t) => t + intlOffset(t) === wall)
    .sort((a, b) => a - b);
  return fits[0] ?? wall - before;
}

describe('Europe/London from the EU rule', () => {
  it('gives the offset, date and time Intl gives for every hour of 2024-2031', () => {
    const mismatches: string[] = [];
    for (let ms = Date.UTC(2024, 0, 1); ms < Date.UTC(2032, 0, 1); ms += HOUR_MS) {
      const p = intlParts(ms);
      const date = `${p.year}-${p.month}-${p.day}`;
      const time = `${p.hour}:${p.minute}`;
      if (londonOffsetMs(ms) !== intlOffset(ms) || localDateOf(ms) !== date || localTimeOf(ms) !== time)
        mismatches.push(new Date(ms).toISOString());
    }
    expect(mismatches).toEqual([]);
  });

  it('changes at 01:00 UTC on the last Sundays of March and October in every year the rule covers', () => {
    const mismatches: string[] = [];
    for (let year = RULE_FIRST_YEAR; year <= RULE_LAST_YEAR; year++)
      for (const month of [2, 9]) {
        const lastDay = new Date(Date.UTC(year, month + 1, 0));
        const change = Date.UTC(year, month, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
        for (const ms of [change - HOUR_MS, change - 1000, change - 1, change, change + 1, change + HOUR_MS])
          if (londonOffsetMs(ms) !== intlOffset(Math.floor(ms / 1000) * 1000))
            mismatches.push(`${year} ${ms}`);
      }
    expect(mismatches).toEqual([]);
  });

  it('agrees with Intl on either side of the years the rule covers (read from Intl there)', () => {
    for (const ms of [
      Date.UTC(1995, 6, 1),
      Date.UTC(1971, 0, 1),
      Date.UTC(1940, 6, 1),
      Date.UTC(2100, 6, 1),
    ]) {
      expect(londonOffsetMs(ms)).toBe(intlOffset(ms));
      const p = intlParts(ms);
      expect(localDateOf(ms)).toBe(`${p.year}-${p.month}-${p.day}`);
    }
  });

  it('places every wall time of 2024-2031 where Intl does, through both clock changes', () => {
    const mismatches: string[] = [];
    for (let day = epochDay('2024-01-01'); day < epochDay('2032-01-01'); day++) {
      const date = fromEpochDay(day);
      for (const time of ['00:30', '01:00', '01:30', '02:00', '08:00', '09:00', '17:00', '23:59'])
        if (instantMsAt(date, time) !== intlInstant(date, time)) mismatches.push(`${date} ${time}`);
    }
    expect(mismatches).toEqual([]);
  });
});

describe('epoch days and ISO strings without Date', () => {
  it('converts every day of 1900-2100 as Date does, and refuses what Date refused', () => {
    const mismatches: string[] = [];
    for (let ms = Date.UTC(1900, 0, 1); ms < Date.UTC(2101, 0, 1); ms += DAY_MS) {
      const date = new Date(ms).toISOString().slice(0, 10);
      if (epochDay(date) !== ms / DAY_MS || fromEpochDay(ms / DAY_MS) !== date || !isLocalDate(date))
        mismatches.push(date);
    }
    expect(mismatches).toEqual([]);
    for (const bad of [
      '2026-02-29',
      '2100-02-29',
      '2026-04-31',
      '2026-00-01',
      '0099-01-01',
      '2026-1-01',
      '２０２６-01-01',
    ])
      expect(isLocalDate(bad)).toBe(false);
    expect(isLocalDate('2000-02-29')).toBe(true);
    expect(fromEpochDay(0.5)).toBe('1970-01-01');
  });

  it('reads an instant written as toISOString writes it as Date.parse does, and nothing else', () => {
    for (let ms = Date.UTC(1960, 0, 1); ms < Date.UTC(2040, 0, 1); ms += 77_777_777) {
      const iso = new Date(ms).toISOString();
      expect(msOfIsoKeyForm(iso)).toBe(ms);
      expect(toEpochMs(iso)).toBe(ms);
    }
    for (const other of [
      '2027-03-28T01:00:00Z',
      '2027-03-28T02:00:00.000+01:00',
      '2027-02-29T00:00:00.000Z',
      '2027-03-28T24:00:00.000Z',
      '2027-03-28T10:60:00.000Z',
      '2027-03-28 10:00:00.000Z',
      '0099-01-01T00:00:00.000Z',
      '2027-03-28T10:00:00.00xZ',
    ]) {
      expect(msOfIsoKeyForm(other)).toBeNaN();
      expect(isIsoKeyForm(other)).toBe(false);
    }
    // other ISO forms with a zone still read through Date.parse
    expect(toEpochMs('2027-03-28T02:00:00.000+01:00')).toBe(Date.UTC(2027, 2, 28, 1));
    expect(toEpochMs('2027-03-28T01:00:00Z')).toBe(Date.UTC(2027, 2, 28, 1));
  });

  it('gives the same instant the same string again, and a different instant sharing its memo slot its own', () => {
    // far more instants than the memo has slots, each asked for twice, some between the two
    const instants = Array.from({ length: 10_000 }, (_, i) => Date.UTC(2027, 0, 1) + i * 3_600_000 + (i % 7));
    for (let i = 0; i < instants.length; i++) {
      const ms = instants[i]!;
      expect(isoOfMs(ms)).toBe(new Date(ms).toISOString());
      const earlier = instants[(i * 7919) % (i + 1)]!;
      expect(isoOfMs(earlier)).toBe(new Date(earlier).toISOString());
      expect(isoOfMs(ms)).toBe(new Date(ms).toISOString());
    }
  });

  it('writes an instant as toISOString does, including before 1970 and outside years 0000-9999', () => {
    const instants = [
      0, -1, 1, 999, -86_400_001, 253_402_300_799_999, 253_402_300_800_000, -62_167_219_200_001,
    ];
    for (let ms = Date.UTC(1960, 0, 1); ms < Date.UTC(2040, 0, 1); ms += 7_777_777_777) instants.push(ms);
    for (const ms of instants) expect(isoOfMs(ms)).toBe(new Date(ms).toISOString());
    expect(() => isoOfMs(Number.NaN)).toThrow(RangeError);
  });

  it('gives the same strings however often asked, past the bound of its memo of recent instants', () => {
    const start = Date.UTC(2027, 0, 4, 17);
    for (let round = 0; round < 3; round++)
      for (let i = 0; i < 10_000; i += round + 1) {
        const ms = start + i * 3_600_000;
        expect(isoOfMs(ms)).toBe(new Date(ms).toISOString());
      }
  });

  it('counts working days on epoch days as on dates (Christmas 2027 on a weekend)', () => {
    expect(addWorkingDays('2027-12-24', 1)).toBe('2027-12-29');
    expect(addWorkingDays('2027-12-29', -1)).toBe('2027-12-24');
    expect(isWorkingDay('2027-12-28')).toBe(false);
  });
});
