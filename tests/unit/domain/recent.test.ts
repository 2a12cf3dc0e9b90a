import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, resolveConfig } from '#domain/config.ts';
import { RecentResults } from '#domain/recent.ts';
import { taskDefinition } from '#domain/task-catalogue.ts';

describe('RecentResults', () => {
  it('keeps at most twice its limit however many keys pass through (a long cohort run)', () => {
    const recent = new RecentResults<number>(100);
    for (let i = 0; i < 10_000; i++) recent.set(DEFAULT_CONFIG, `case-${i}`, i);
    expect(recent.size(DEFAULT_CONFIG)).toBeLessThanOrEqual(200);
    expect(recent.get(DEFAULT_CONFIG, 'case-9999')).toBe(9999);
    expect(recent.get(DEFAULT_CONFIG, 'case-0')).toBeUndefined();
  });

  it('keeps an entry that is used while newer ones arrive', () => {
    const recent = new RecentResults<string>(10);
    recent.set(DEFAULT_CONFIG, 'kept', 'value');
    for (let i = 0; i < 1000; i++) {
      recent.set(DEFAULT_CONFIG, `k${i}`, 'other');
      expect(recent.get(DEFAULT_CONFIG, 'kept')).toBe('value');
    }
  });

  it('keeps the entries of each configuration apart', () => {
    const recent = new RecentResults<string>(10);
    const other = resolveConfig({ dueTime: '16:00' });
    recent.set(DEFAULT_CONFIG, 'k', 'default');
    expect(recent.get(other, 'k')).toBeUndefined();
    recent.set(other, 'k', 'other');
    expect(recent.get(DEFAULT_CONFIG, 'k')).toBe('default');
  });
});

describe('taskDefinition', () => {
  it('builds a definition once per configuration and type, frozen', () => {
    const definition = taskDefinition('PRE_RELEASE_ASSESSMENT');
    expect(taskDefinition('PRE_RELEASE_ASSESSMENT')).toBe(definition);
    expect(Object.isFrozen(definition)).toBe(true);
    const other = resolveConfig({
      dueRules: { PRE_RELEASE_ASSESSMENT: { kind: 'DAYS_BEFORE_RELEASE', days: 30 } },
    });
    expect(taskDefinition('PRE_RELEASE_ASSESSMENT', other).due).toEqual({
      kind: 'DAYS_BEFORE_RELEASE',
      days: 30,
    });
    expect(taskDefinition('PRE_RELEASE_ASSESSMENT').due).toEqual({
      kind: 'WORKING_DAYS_AFTER_CUSTODY_START',
      workingDays: 10,
    });
  });
});
