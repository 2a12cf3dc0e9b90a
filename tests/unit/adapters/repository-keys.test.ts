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
