import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import { harness, JSONATA, ofType, types } from './helpers.ts';

/**
 * StopExecution (and a sibling's failure, see nested-failures.test.ts) records what AWS records for the states
 * that were running: `TaskStateAborted`, `WaitStateAborted`, `MapIterationAborted`, `MapStateAborted`,
 * `ParallelStateAborted`, innermost first, then `ExecutionAborted`. State abort events carry no details.
 */

const token = {
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
  Arguments: { FunctionName: 'notify', Payload: { token: '{% $states.context.Task.Token %}' } },
  End: true,
};
const wait = { Type: 'Wait', Seconds: 86400, End: true };

function recorder() {
  const tokens: string[] = [];
  return {
    tokens,
    invokeLambda: async (_fn: string, payload: unknown) => {
      const t = (payload as { token?: string } | null)?.token;
      if (t) tokens.push(t);
      return null;
    },
  };
}

/** Start, let it settle at its waits, stop it; the history and the harness. */
async function stopped(definition: object, invokeLambda = recorder()) {
  const h = harness({ invokeLambda: invokeLambda.invokeLambda });
  const arn = await h.start(await h.machine({ ...JSONATA, ...definition }));
  await h.clock.advanceBy(10);
  await h.engine.stopExecution({ executionArn: arn, error: 'Ops.Stop', cause: 'stopped by hand' });
  await h.clock.runUntilIdle();
  return { h, arn, history: await h.history(arn), tokens: invokeLambda.tokens };
}

const from = (history: HistoryEvent[], type: string) => types(history).slice(types(history).indexOf(type));
const bare = (e: HistoryEvent) => Object.keys(e).sort();

describe('abort events on StopExecution', () => {
  it('a task waiting for its token: TaskStateAborted (no details) after its last event, then ExecutionAborted', async () => {
    const { h, history, tokens } = await stopped({ StartAt: 'Ask', States: { Ask: token } });
    expect(types(history)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskStateAborted',
      'ExecutionAborted',
    ]);
    const [aborted, end] = history.slice(-2) as [HistoryEvent, HistoryEvent];
    expect(bare(aborted)).toEqual(['id', 'previousEventId', 'timestamp', 'type']);
    expect(aborted.previousEventId).toBe(aborted.id! - 1);
    expect(aborted.timestamp).toEqual(end.timestamp);
    expect(end.previousEventId).toBe(aborted.id);
    expect(end.executionAbortedEventDetails).toEqual({ error: 'Ops.Stop', cause: 'stopped by hand' });
    await expect(h.engine.sendTaskSuccess({ taskToken: tokens[0]!, output: '{}' })).rejects.toMatchObject({
      name: 'TaskTimedOut',
    });
    expect(h.clock.pendingTimers()).toBe(0);
  });

  it('a Wait: WaitStateAborted, then ExecutionAborted', async () => {
    const { h, history } = await stopped({ StartAt: 'W', States: { W: wait } });
    expect(types(history)).toEqual([
      'ExecutionStarted',
      'WaitStateEntered',
      'WaitStateAborted',
      'ExecutionAborted',
    ]);
    expect(h.clock.pendingTimers()).toBe(0);
  });

  it('a Task between retries (its interval running) is aborted too', async () => {
    const h = harness({
      invokeLambda: async () => {
        throw new Error('down');
      },
    });
    const arn = await h.start(
      await h.machine({
        ...JSONATA,
        StartAt: 'T',
        States: {
          T: {
            Type: 'Task',
            Resource: 'arn:aws:lambda:eu-west-2:000000000000:function:f',
            Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 600 }],
            End: true,
          },
        },
      }),
    );
    await h.clock.advanceBy(10);
    await h.engine.stopExecution({ executionArn: arn });
    const history = await h.history(arn);
    expect(types(history).slice(-3)).toEqual([
      'LambdaFunctionFailed',
      'TaskStateAborted',
      'ExecutionAborted',
    ]);
    expect(history.at(-1)!.executionAbortedEventDetails).toEqual({});
    expect(h.clock.pendingTimers()).toBe(0);
  });

  it('a Parallel: each running branch state, then ParallelStateAborted, then ExecutionAborted', async () => {
    const { h, history, tokens } = await stopped({
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'W', States: { W: wait } },
            { StartAt: 'Ask', States: { Ask: token } },
            { StartAt: 'Quick', States: { Quick: { Type: 'Pass', End: true } } },
          ],
          End: true,
        },
      },
    });
    expect(types(history)).toContain('PassStateExited');
    expect(from(history, 'WaitStateAborted')).toEqual([
      'WaitStateAborted',
      'TaskStateAborted',
      'ParallelStateAborted',
      'ExecutionAborted',
    ]);
    for (const type of ['WaitStateAborted', 'TaskStateAborted', 'ParallelStateAborted'])
      expect(bare(ofType(history, type)[0]!)).toEqual(['id', 'previousEventId', 'timestamp', 'type']);
    expect(tokens).toHaveLength(1);
    await expect(h.engine.sendTaskSuccess({ taskToken: tokens[0]!, output: '{}' })).rejects.toMatchObject({
      name: 'TaskTimedOut',
    });
    expect(h.clock.pendingTimers()).toBe(0);
  });

  it('a Map: each running iteration (its state, then MapIterationAborted {name, index}), then MapStateAborted', async () => {
    const { h, history } = await stopped({
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          Items: [0, 1, 2],
          MaxConcurrency: 2,
          ItemProcessor: { StartAt: 'W', States: { W: wait } },
          End: true,
        },
      },
    });
    expect(from(history, 'WaitStateAborted')).toEqual([
      'WaitStateAborted',
      'MapIterationAborted',
      'WaitStateAborted',
      'MapIterationAborted',
      'MapStateAborted',
      'ExecutionAborted',
    ]);
    expect(ofType(history, 'MapIterationAborted').map((e) => e.mapIterationAbortedEventDetails)).toEqual([
      { name: 'M', index: 0 },
      { name: 'M', index: 1 },
    ]);
    // the third item never started: nothing recorded for it
    expect(ofType(history, 'MapIterationStarted')).toHaveLength(2);
    expect(h.clock.pendingTimers()).toBe(0);
  });

  it('nested: Map in Parallel in Map, innermost first, each container after its content', async () => {
    const { history } = await stopped({
      StartAt: 'Outer',
      States: {
        Outer: {
          Type: 'Map',
          Items: [0],
          ItemProcessor: {
            StartAt: 'P',
            States: {
              P: {
                Type: 'Parallel',
                Branches: [
                  {
                    StartAt: 'Inner',
                    States: {
                      Inner: {
                        Type: 'Map',
                        Items: [0],
                        ItemProcessor: { StartAt: 'W', States: { W: wait } },
                        End: true,
                      },
                    },
                  },
                  { StartAt: 'Ask', States: { Ask: token } },
                ],
                End: true,
              },
            },
          },
          End: true,
        },
      },
    });
    expect(from(history, 'WaitStateAborted')).toEqual([
      'WaitStateAborted',
      'MapIterationAborted',
      'MapStateAborted',
      'TaskStateAborted',
      'ParallelStateAborted',
      'MapIterationAborted',
      'MapStateAborted',
      'ExecutionAborted',
    ]);
    expect(
      ofType(history, 'MapIterationAborted').map((e) => e.mapIterationAbortedEventDetails!.name),
    ).toEqual(['Inner', 'Outer']);
  });

  it('a .sync child execution is stopped with its own abort events; redrive reruns the aborted states', async () => {
    const h = harness();
    const child = await h.machine({ ...JSONATA, StartAt: 'W', States: { W: wait } }, 'child');
    const arn = await h.start(
      await h.machine({
        ...JSONATA,
        StartAt: 'S',
        States: {
          S: {
            Type: 'Task',
            Resource: 'arn:aws:states:::states:startExecution.sync:2',
            Arguments: { StateMachineArn: child, Name: 'c1', Input: {} },
            End: true,
          },
        },
      }),
    );
    await h.clock.advanceBy(10);
    await h.engine.stopExecution({ executionArn: arn });
    expect(types(await h.history(arn)).slice(-2)).toEqual(['TaskStateAborted', 'ExecutionAborted']);
    const childArn = 'arn:aws:states:eu-west-2:000000000000:execution:child:c1';
    expect(types(await h.history(childArn)).slice(-2)).toEqual(['WaitStateAborted', 'ExecutionAborted']);
    await h.engine.redriveExecution({ executionArn: childArn });
    await h.clock.runUntilIdle();
    expect((await h.describe(childArn)).status).toBe('SUCCEEDED');
  });

  it('a closed execution records nothing more; a failed one records no abort events for frozen states', async () => {
    const h = harness();
    const arn = await h.start(
      await h.machine({
        ...JSONATA,
        StartAt: 'P',
        States: {
          P: {
            Type: 'Parallel',
            Branches: [
              { StartAt: 'W', States: { W: wait } },
              { StartAt: 'F', States: { F: { Type: 'Fail', Error: 'E' } } },
            ],
            End: true,
          },
        },
      }),
    );
    await h.clock.runUntilIdle();
    const before = await h.history(arn);
    expect(types(before).slice(-4)).toEqual([
      'FailStateEntered',
      'WaitStateAborted',
      'ParallelStateFailed',
      'ExecutionFailed',
    ]);
    await h.engine.stopExecution({ executionArn: arn });
    expect(await h.history(arn)).toHaveLength(before.length);
    expect((await h.describe(arn)).status).toBe('FAILED');
  });
});
