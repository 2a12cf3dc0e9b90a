import { describe, expect, it } from 'vitest';
import { harness, JSONATA, secondsOf, types } from './helpers.ts';

describe('limits', () => {
  it('the 25,000th history event fails the execution (history limit)', async () => {
    const h = harness();
    const r = await h.run(
      {
        StartAt: 'Inc',
        States: {
          Inc: { Type: 'Pass', Parameters: { 'n.$': 'States.MathAdd($.n, 1)' }, Next: 'Loop' },
          Loop: {
            Type: 'Choice',
            Choices: [{ Variable: '$.n', NumericLessThan: 100000, Next: 'Inc' }],
            Default: 'Done',
          },
          Done: { Type: 'Succeed' },
        },
      },
      { n: 0 },
    );
    expect(r.status).toBe('FAILED');
    expect(r.error).toBe('States.Runtime');
    expect(r.cause).toContain('25000');
    expect(r.history).toHaveLength(25_000);
    expect(types(r.history).at(-1)).toBe('ExecutionFailed');
    await expect(h.engine.redriveExecution({ executionArn: r.arn })).rejects.toMatchObject({
      name: 'ExecutionNotRedrivable',
    });
  });

  it('top-level TimeoutSeconds times the execution out (ExecutionTimedOut)', async () => {
    const h = harness();
    const r = await h.run({
      ...JSONATA,
      TimeoutSeconds: 300,
      StartAt: 'W',
      States: { W: { Type: 'Wait', Seconds: 3600, End: true } },
    });
    expect(r.status).toBe('TIMED_OUT');
    expect(secondsOf(r.history, 'ExecutionTimedOut')).toEqual([300]);
    expect(r.history.at(-1)!.executionTimedOutEventDetails).toMatchObject({ error: 'States.Timeout' });
    expect(h.clock.pendingTimers()).toBe(0);
  });

  it('a standard execution stops after one year', async () => {
    const h = harness();
    const r = await h.run({
      ...JSONATA,
      StartAt: 'W',
      States: { W: { Type: 'Wait', Seconds: 400 * 86400, End: true } },
    });
    expect(r.status).toBe('TIMED_OUT');
    expect(secondsOf(r.history, 'ExecutionTimedOut')).toEqual([365 * 86400]);
  });
});
