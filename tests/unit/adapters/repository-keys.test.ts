import { describe, expect, it, vi } from 'vitest';
import { InvalidRepositoryArgument } from '#adapters/repository.ts';
import { timeKey } from '#adapters/repository-keys.ts';

describe('timeKey', () => {
  it('gives the UTC millisecond form a key sorts by, for the same instant asked again and again', () => {
    expect(timeKey('2027-03-04T10:00:00+01:00', 'now')).toBe('2027-03-04T09:00:00.000Z');
    expect(timeKey('2027-03-04T10:00:00+01:00', 'now')).toBe('2027-03-04T09:00:00.000Z');
    expect(timeKey('2027-03-04T09:00:00Z', 'now')).toBe('2027-03-04T09:00:00.000Z');
    expect(timeKey('2027-03-05T09:00:00.000Z', 'dueAt')).toBe('2027-03-05T09:00:00.000Z');
  });

  it('gives what parsing and formatting would give, for timestamps in key form or near it', () => {
    // seeded: timestamps in key form, with each field pushed past its range now and then
    let state = 7;
    const next = (n: number) => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state % n;
    };
    const two = (n: number) => String(n).padStart(2, '0');
    for (let i = 0; i < 5000; i++) {
      const year = [1900, 2000, 2024, 2026, 2027, 2100][next(6)]!;
      const text = `${year}-${two(next(14))}-${two(next(33))}T${two(next(26))}:${two(next(61))}:${two(next(61))}.${String(next(1000)).padStart(3, '0')}Z`;
      const ms = Date.parse(text);
      if (Number.isNaN(ms)) expect(() => timeKey(text, 'at'), text).toThrow(InvalidRepositoryArgument);
      else expect(timeKey(text, 'at'), text).toBe(new Date(ms).toISOString());
    }
    expect(timeKey('2027-02-30T00:00:00.000Z', 'at')).toBe('2027-03-02T00:00:00.000Z');
    expect(timeKey('2028-02-29T23:59:59.999Z', 'at')).toBe('2028-02-29T23:59:59.999Z');
    expect(timeKey('2027-03-04T24:00:00.000Z', 'at')).toBe(
      new Date(Date.parse('2027-03-04T24:00:00.000Z')).toISOString(),
    );
  });

  it('refuses what is not a timestamp, whatever it was asked before', async () => {
    // a fresh module too: nothing asked before
    vi.resetModules();
    const fresh = (await import('#adapters/repository-keys.ts')).timeKey;
    expect(() => fresh(undefined as unknown as string, 'dueAt')).toThrow(/dueAt/);
    timeKey('2027-03-04T09:00:00.000Z', 'now');
    expect(() => timeKey('not a time', 'dueAt')).toThrow(InvalidRepositoryArgument);
    expect(() => timeKey(undefined as unknown as string, 'dueAt')).toThrow(/dueAt/);
    expect(() => timeKey('', 'now')).toThrow(InvalidRepositoryArgument);
  });
});
