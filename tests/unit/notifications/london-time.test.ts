import { describe, expect, it } from 'vitest';
import { londonTime, londonTimeShort } from '#functions/notifications/templates.ts';

// What the notices said when they were formatted with Intl (en-GB, Europe/London); the calendar now computes it.
const long = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const short = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

describe('times in notices (Europe/London)', () => {
  it('reads as en-GB writes them, across clock changes, for every 7 h 13 min of 2024-2031', () => {
    const mismatches: string[] = [];
    const end = Date.parse('2032-01-01T00:00:00Z');
    for (let ms = Date.parse('2024-01-01T00:00:00Z'); ms < end; ms += (7 * 60 + 13) * 60_000) {
      const instant = new Date(ms).toISOString();
      const expectedLong = long
        .format(ms)
        .replace(/, (\d\d:\d\d)$/, ' at $1')
        .replace(/,/g, '');
      const expectedShort = short.format(ms).replace(/,/g, '');
      if (londonTime(instant) !== expectedLong) mismatches.push(`${instant} ${londonTime(instant)}`);
      if (londonTimeShort(instant) !== expectedShort)
        mismatches.push(`${instant} ${londonTimeShort(instant)}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('writes the examples its readers see', () => {
    expect(londonTime('2026-03-02T17:00:00Z')).toBe('Monday 2 March 2026 at 17:00');
    expect(londonTimeShort('2026-09-07T16:30:00Z')).toBe('Mon 7 Sept 17:30');
    expect(londonTime('2026-03-29T00:59:00Z')).toBe('Sunday 29 March 2026 at 00:59');
    expect(londonTime('2026-03-29T01:00:00Z')).toBe('Sunday 29 March 2026 at 02:00');
  });
});
