import { describe, expect, it } from 'vitest';
import { StatesError } from '#engine/index.ts';
import { harness, JSONATA, ofType, secondsOf, types } from './helpers.ts';

class TransientError extends Error {
  override name = 'TransientError';
}

const task = (extra: object): { StartAt: string; States: Record<string, object> } => {
  const used = JSON.stringify(extra);
  return {
    ...JSONATA,
    StartAt: 'T',
    States: {
      T: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Arguments: { FunctionName: 'f', Payload: {} },
        End: true,
        ...extra,
      },
      ...(used.includes('"Caught"') ? { Caught: { Type: 'Pass', End: true } } : {}),
      ...(used.includes('"Other"') ? { Other: { Type: 'Pass', End: true } } : {}),
    },
  };
};

function failing(times: number, error: () => unknown = () => new TransientError('try again')) {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    invokeLambda: async () => {
      calls++;
      if (calls <= times) throw error();
      return { ok: calls };
    },
  };
}

describe('Retry', () => {
  it('retries with exponential backoff on the virtual clock (history timestamps)', async () => {
    const f = failing(3);
    const h = harness({ invokeLambda: f.invokeLambda });
    const r = await h.run(
      task({
        Retry: [{ ErrorEquals: ['TransientError'], IntervalSeconds: 2, BackoffRate: 3, MaxAttempts: 3 }],
      }),
    );
    expect(r.status).toBe('SUCCEEDED');
    expect(f.calls).toBe(4);
    expect(secondsOf(r.history, 'TaskScheduled')).toEqual([0, 2, 8, 26]);
    expect(ofType(r.history, 'TaskFailed')).toHaveLength(3);
    expect(ofType(r.history, 'TaskStateEntered')).toHaveLength(1);
  });

  it('defaults: IntervalSeconds 1, BackoffRate 2, MaxAttempts 3; then the error fails the execution', async () => {
    const f = failing(10);
    const h = harness({ invokeLambda: f.invokeLambda });
    const r = await h.run(task({ Retry: [{ ErrorEquals: ['States.ALL'] }] }));
    expect(secondsOf(r.history, 'TaskScheduled')).toEqual([0, 1, 3, 7]);
    expect(r.error).toBe('TransientError');
    expect(JSON.parse(r.cause!)).toMatchObject({ errorMessage: 'try again', errorType: 'TransientError' });
  });

  it('MaxDelaySeconds caps the delay; MaxAttempts 0 never retries', async () => {
    const f = failing(4);
    const h = harness({ invokeLambda: f.invokeLambda });
    const r = await h.run(
      task({
        Retry: [
          {
            ErrorEquals: ['TransientError'],
            IntervalSeconds: 10,
            BackoffRate: 10,
            MaxAttempts: 5,
            MaxDelaySeconds: 60,
          },
        ],
      }),
    );
    expect(secondsOf(r.history, 'TaskScheduled')).toEqual([0, 10, 70, 130, 190]);
    const g = failing(1);
    const h2 = harness({ invokeLambda: g.invokeLambda });
    const r2 = await h2.run(
      task({ Retry: [{ ErrorEquals: ['TransientError'], MaxAttempts: 0 }, { ErrorEquals: ['States.ALL'] }] }),
    );
    expect(r2.status).toBe('FAILED');
    expect(g.calls).toBe(1);
  });

  it('JitterStrategy FULL draws from the seeded random: same seed, same run', async () => {
    const run = async () => {
      let seed = 42;
      const random = () => {
        seed = (seed * 16807) % 2147483647;
        return seed / 2147483647;
      };
      const h = harness({ invokeLambda: failing(3).invokeLambda, random });
      const r = await h.run(
        task({ Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 100, JitterStrategy: 'FULL' }] }),
      );
      return secondsOf(r.history, 'TaskScheduled');
    };
    const a = await run();
    expect(a).toEqual(await run());
    const gaps = a.slice(1).map((t, i) => t - a[i]!);
    expect(gaps[0]).toBeLessThanOrEqual(100);
    expect(gaps[1]).toBeLessThanOrEqual(200);
    expect(gaps.some((g, i) => g !== 100 * 2 ** i)).toBe(true);
  });

  it('exposes RetryCount in the context object', async () => {
    const payloads: unknown[] = [];
    let n = 0;
    const h = harness({
      invokeLambda: async (_f, p) => {
        payloads.push(p);
        if (++n < 3) throw new TransientError('x');
        return null;
      },
    });
    await h.run(
      task({
        Arguments: { FunctionName: 'f', Payload: '{% $states.context.State.RetryCount %}' },
        Retry: [{ ErrorEquals: ['States.ALL'] }],
      }),
    );
    expect(payloads).toEqual([0, 1, 2]);
  });

  it('States.ALL does not retry or catch States.Runtime', async () => {
    const h = harness({
      invokeLambda: async () => {
        throw new StatesError('States.Runtime', 'broken');
      },
    });
    const r = await h.run(
      task({
        Retry: [{ ErrorEquals: ['States.ALL'] }],
        Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }],
      }),
    );
    expect(r.status).toBe('FAILED');
    expect(r.error).toBe('States.Runtime');
    expect(ofType(r.history, 'TaskScheduled')).toHaveLength(1);
  });
});

describe('Catch', () => {
  it('the first matching catcher wins, in order', async () => {
    const h = harness({ invokeLambda: failing(9).invokeLambda });
    const r = await h.run(
      task({
        Catch: [
          { ErrorEquals: ['Nope'], Next: 'Other' },
          {
            ErrorEquals: ['TransientError', 'Else'],
            Next: 'Caught',
            Output: { caught: '{% $states.errorOutput.Error %}', input: '{% $states.input %}' },
          },
          { ErrorEquals: ['States.ALL'], Next: 'Other' },
        ],
      }),
      { a: 1 },
    );
    expect(r.output).toEqual({ caught: 'TransientError', input: { a: 1 } });
    expect(types(r.history)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskFailed',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it('retries are exhausted before the catcher is used; a catcher Assign sets variables', async () => {
    const h = harness({ invokeLambda: failing(9).invokeLambda });
    const def = task({
      Retry: [{ ErrorEquals: ['TransientError'], MaxAttempts: 2 }],
      Catch: [
        {
          ErrorEquals: ['States.TaskFailed'],
          Assign: { why: '{% $states.errorOutput.Error %}' },
          Next: 'Caught',
        },
      ],
    });
    def.States.Caught = { Type: 'Pass', Output: '{% $why %}', End: true };
    const r = await h.run(def);
    expect(ofType(r.history, 'TaskScheduled')).toHaveLength(3);
    expect(r.output).toBe('TransientError');
  });

  it('States.TaskFailed does not match States.Timeout; States.ALL does', async () => {
    const h = harness({ invokeLambda: async () => null });
    const r = await h.run(
      task({
        Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
        TimeoutSeconds: 30,
        Catch: [
          { ErrorEquals: ['States.TaskFailed'], Next: 'Other' },
          { ErrorEquals: ['States.ALL'], Next: 'Caught' },
        ],
      }),
    );
    expect(r.status).toBe('SUCCEEDED');
    expect(types(r.history)).toContain('TaskTimedOut');
    expect(ofType(r.history, 'PassStateEntered')[0]!.stateEnteredEventDetails!.name).toBe('Caught');
    expect(secondsOf(r.history, 'TaskTimedOut')).toEqual([30]);
    expect(ofType(r.history, 'TaskTimedOut')[0]!.taskTimedOutEventDetails).toMatchObject({
      error: 'States.Timeout',
      resourceType: 'lambda',
      resource: 'invoke.waitForTaskToken',
    });
  });

  it('JSONPath catcher ResultPath merges the error output into the input', async () => {
    const h = harness({ invokeLambda: failing(9).invokeLambda });
    const r = await h.run(
      {
        StartAt: 'T',
        States: {
          T: {
            Type: 'Task',
            Resource: 'arn:aws:lambda:eu-west-2:000000000000:function:f',
            Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Done' }],
            End: true,
          },
          Done: { Type: 'Pass', End: true },
        },
      },
      { keep: true },
    );
    expect(r.output).toMatchObject({ keep: true, error: { Error: 'TransientError' } });
    expect(types(r.history)).toContain('LambdaFunctionFailed');
  });
});
